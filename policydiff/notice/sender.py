"""Who a notice is from and where readers write back, read from the policy itself.

A careful company signs its notice with its own name and answers at its general privacy address.
Both are in the policy: the legal name in the opening paragraph ("BrightDesk Software, Inc.
("BrightDesk", "we", …)"), the address in the contact section. A policy often lists more than one
address (a regional representative, a Korean privacy office, a state attorney general), so each
address is weighed: in the contact section, on the company's own domain, named for privacy, and
not in a sentence about one region. The team's configuration or an option always wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policydiff.model import Clause, Document
from policydiff.notice.book import phrases
from policydiff.notice.words import sentences

_SUFFIX = re.compile(r",?\s(?:Inc\.|Inc\b|L\.?L\.?C\.?|Ltd\.|Ltd\b|Limited\b|GmbH\b|AG\b|S\.A\.|SAS\b|B\.V\.|N\.V\.|"
                     r"plc\b|PLC\b|Corp\.|Corporation\b|Co\.|LLP\b|Pte\. Ltd\.|Pty Ltd\b)")
_NAME_WORD = re.compile(r"[A-Z0-9][\w&'’.-]*$|&$")
_ALIAS = re.compile(r"^\s*\(([^)]{0,200})\)")
_QUOTED = re.compile(r"[\"“]([^\"“”]{1,40}?)[,]?[\"”]")
_NOT_A_NAME = frozenset({"company", "the company", "we", "us", "our", "you", "your", "services", "service", "site",
                         "platform", "provider", "corporate group"})
_TITLE_WORDS = re.compile(r"\b(?:privacy|cookies?|terms|policy|statement|notice|agreement|conditions|eula)\b", re.I)
_POLICY_WORDS = re.compile(r"\s*\b(?:general|privacy|terms|ai|acceptable|cookies?|data|website|user|customer|"
                           r"subscription|service|global|online|corporate|marketplace|developer|agreement|"
                           r"additional|products?|statement|notice|polic(?:y|ies)|conditions|eula|"
                           r"subprocessors?|supplemental)\b.*$", re.I)
_KIND = re.compile(r"\b(?:privacy (?:policy|notice|statement)|cookie (?:policy|notice)|terms of (?:service|use)|"
                   r"terms and conditions|acceptable use policy)\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_HEADING = re.compile(r"contact|questions|reach us|get in touch", re.I)


@dataclass(frozen=True, slots=True)
class Sender:
    """The company a policy names as itself."""

    legal: str | None
    """Its legal name as the opening paragraph writes it: "BrightDesk Software, Inc."."""
    short: str | None
    """The name it goes by: its own alias ("BrightDesk"), else the legal name without "Inc." or "LLC"."""


def policy_title(document: Document) -> str | None:
    """The policy's title, or the first heading near the top that reads like one ("PayPal Privacy Statement"),
    or the kind of policy its opening words name ("Privacy Policy")."""
    if document.title:
        return document.title
    clauses = list(document.walk())
    for clause in clauses[:8]:
        text = clause.heading or clause.full_text
        if text and len(text.split()) <= 8 and _TITLE_WORDS.search(text) and not text.endswith("."):
            return text
    opening = " ".join(clause.full_text for clause in clauses[:12])[:3000]
    kind = _KIND.search(opening)
    return " ".join(word.capitalize() if word not in ("of", "and") else word for word in kind.group(0).split()) \
        if kind else None


def sender(document: Document) -> Sender:
    """The company named in the policy's opening paragraphs (or, failing that, in its title)."""
    for clause in _opening(document):
        found = _legal_name(clause.full_text)
        if found:
            legal, rest = found
            alias = _alias(rest)
            return Sender(legal, alias or _SUFFIX.sub("", legal).strip(" ,") or legal)
    title = policy_title(document)
    short = company_from_title(title) if title else None
    return Sender(None, short)


def company_from_title(title: str) -> str | None:
    """A company name out of a policy title: "TallyHQ Terms of Service" → "TallyHQ"."""
    name = _POLICY_WORDS.sub("", title).strip(" -–—:’'s")
    return name or None


def _opening(document: Document) -> list[Clause]:
    """The body paragraphs before (or at the start of) the first sections: where a policy names itself."""
    found = []
    for clause in document.body():
        if clause.kind == "paragraph":
            found.append(clause)
        if len(found) >= 4:
            break
    return found


def _legal_name(text: str) -> tuple[str, str] | None:
    """(the legal name, the text after it) of the first "Name Inc."-like run in the text: the capitalised
    words right before the suffix, up to six, with no comma between them."""
    for match in _SUFFIX.finditer(text):
        start = match.start()
        for word in reversed(list(re.finditer(r"\S+", text[:match.start()]))[-6:]):
            if word.end() != start and not text[word.end():start].isspace():
                break
            if not _NAME_WORD.match(word.group(0)) or word.group(0).endswith(","):
                break
            start = word.start()
        if start < match.start():
            return text[start:match.end()].strip(), text[match.end():]
    return None


def _alias(rest: str) -> str | None:
    """The name the policy defines for the company in the parentheses after its legal name."""
    parens = _ALIAS.match(rest)
    if not parens:
        return None
    for quoted in _QUOTED.findall(parens.group(1)):
        name = str(quoted).strip(" ,")
        if name and name.lower() not in _NOT_A_NAME and name[:1].isupper():
            return name
    return None


def contact_address(document: Document) -> str | None:
    """The policy's general privacy contact: an address weighed by where it stands and what it is for."""
    book = phrases()["contact"]
    regional = re.compile(r"\b(?:" + "|".join(book["regional"]) + r")\b", re.I)
    regional_local = re.compile(r"^(?:" + "|".join(book["regional_local"]) + r")[-_.]?(?=(?:" + "|".join(
        [*book["preferred"], "rep", "representative", "agent", "support", "data"]) + r"))", re.I)
    preferred = re.compile(r"^(?:" + "|".join(book["preferred"]) + r")", re.I)
    in_contact = {id(part) for section in document.body() if section.kind == "section" and section.heading
                  and _CONTACT_HEADING.search(section.heading) for part in section.walk()}
    seen: list[tuple[str, Clause, str]] = []
    for clause in document.body():
        for sentence in sentences(clause.full_text):
            seen += [(match.group(0).rstrip("."), clause, sentence) for match in _EMAIL.finditer(sentence)]
    if not seen:
        return None
    counts = Counter(address.lower() for address, _, _ in seen)
    home = Counter(address.split("@")[1].lower() for address, _, _ in seen).most_common(1)[0][0]

    def weight(item: tuple[int, tuple[str, Clause, str]]) -> tuple[int, int]:
        order, (address, clause, sentence) = item
        local, domain = address.lower().split("@", 1)
        score = min(counts[address.lower()], 3) + 3 * (id(clause) in in_contact) + 2 * bool(preferred.match(local))
        return score - 2 * (domain != home), -order

    def regional_only(address: str, clause: Clause, sentence: str) -> bool:
        """An address given for one place or one role: a regional office, a representative, a regulator."""
        local = address.lower().split("@", 1)[0]
        return bool(regional.search(sentence) or (clause.kind == "table-row" and regional.search(clause.full_text))
                    or regional_local.match(local) or re.search(r"representative|agent", local))

    ranked = sorted(enumerate(seen), key=weight, reverse=True)
    general = [address for order, (address, clause, sentence) in ranked if not regional_only(address, clause, sentence)]
    return str(general[0]) if general else None  # only regional addresses: better none than the wrong one
