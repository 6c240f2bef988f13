"""Why a change matters: small rule functions over one edit, each returning reasons or nothing.

The rules run in order over an Edit (what was deleted and inserted, with the clause's categories);
a change is material when any reason is. When no rule explains an edit that touches a term
policydiff tracks (a number, a date, a name, a negation, a modal verb, a party, a purpose, a data or
rights word), it is material as `substantive-rewording`: a missed material change is the worst
failure this tool can have. An edit that touches none of them keeps the meaning (`rewording`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel, Levenshtein

from policydiff.classify.durations import Duration, durations
from policydiff.classify.lexicon import rules
from policydiff.classify.notice_rule import rule_of_text
from policydiff.model import Reason

_TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|\w+(?:['’-]\w+)*|[^\w\s]")
_DATE = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                   r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{1,2}(?:st|nd|rd|th)?|\d{4})$", re.I)
_CONTACT = re.compile(r"@|https?://|www\.|\b(?:street|st|road|rd|avenue|ave|suite|floor|unit|house|quay|yard|"
                      r"postcode|zip|tel|phone)\b|\b[A-Z]{1,2}\d[\dA-Z]? ?\d[A-Z]{2}\b", re.I)
_SECTION_REF = re.compile(r"\b(?:section|clause|paragraph|article|§)\s*$", re.I)
STRONG_PURPOSES = re.compile(r"\b(?:train\w*|fine-tun\w*|retrain\w*|advertis\w*|ads|sell|sale|sold|profil\w*|"
                              r"monetiz\w*)\b", re.I)
_EXPANDING_WORDS = re.compile(r"^(?:may|might|can|could|except|unless|but|however|provided|subject|any|all)$", re.I)


@dataclass
class Edit:
    """One change seen as words: what the old text said, what the new says, what was deleted and inserted."""

    kind: str
    old_text: str
    new_text: str
    categories: tuple[str, ...]
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    """Replaced runs: (deleted words, inserted words) standing in the same place."""

    @classmethod
    def between(cls, kind: str, old: str, new: str, categories: tuple[str, ...]) -> Edit:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        edit = cls(kind, old, new, categories)
        for op in Indel.opcodes([t.lower() for t in a], [t.lower() for t in b]):
            if op.tag == "equal":
                continue
            deleted, inserted = a[op.src_start:op.src_end], b[op.dest_start:op.dest_end]
            edit.deleted += deleted
            edit.inserted += inserted
            if edit.pairs and op.src_start == edit._last_src and op.dest_start == edit._last_dest:
                edit.pairs[-1][0].extend(deleted)
                edit.pairs[-1][1].extend(inserted)
            else:
                edit.pairs.append((list(deleted), list(inserted)))
            edit._last_src, edit._last_dest = op.src_end, op.dest_end
        return edit

    _last_src: int = -1
    _last_dest: int = -1

    def words(self, which: str) -> list[str]:
        tokens = self.deleted if which == "deleted" else self.inserted
        return [t for t in tokens if re.match(r"\w", t)]

    def has(self, category: str) -> bool:
        return category in self.categories


@dataclass
class Finding:
    """What the rules concluded about one edit."""

    reasons: list[Reason] = field(default_factory=list)
    direction: str | None = None
    consent: bool = False
    done: bool = False
    """Set by a rule that fully explains the edit (a typo, a contact detail): later rules are skipped."""

    def add(self, code: str, detail: str, severity: str = "material", direction: str | None = None,
            consent: bool = False) -> None:
        self.reasons.append(Reason(code, detail, severity))  # type: ignore[arg-type]
        if direction and (self.direction is None or self.direction == "neutral"):
            self.direction = direction
        self.consent = self.consent or consent


Rule = Callable[[Edit, Finding], None]


def quote(words: list[str], limit: int = 8) -> str:
    text = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return f"“{text}”"


@lru_cache(maxsize=4096)
def term_counts(text: str, term: str) -> Counter[str]:
    """How often each word of a term class occurs (cached: several rules ask about the same texts)."""
    return Counter(m.group(0).lower() for m in rules().terms[term].finditer(text))


def formatting_only(edit: Edit, finding: Finding) -> None:
    """Only punctuation or letter case changed."""
    deleted = [w.lower() for w in edit.words("deleted")]
    inserted = [w.lower() for w in edit.words("inserted")]
    if Counter(deleted) == Counter(inserted):
        finding.add("formatting", "only punctuation or capitalisation changed", "editorial", "neutral")
        finding.done = True


def typo_fix(edit: Edit, finding: Finding) -> None:
    """Each replaced word is a near-identical spelling of the old one ("recieve" -> "receive")."""
    if not edit.pairs:
        return
    fixes = []
    for deleted, inserted in edit.pairs:
        dw = [w for w in deleted if re.match(r"\w", w)]
        iw = [w for w in inserted if re.match(r"\w", w)]
        if len(dw) != len(iw) or not dw:
            if not dw and not iw:
                continue
            return
        for old, new in zip(dw, iw):
            if any(c.isdigit() for c in old + new) or len(old) < 4 or Levenshtein.distance(old.lower(), new.lower()) > 2:
                return
            fixes.append(f"“{old}” → “{new}”")
    if fixes:
        finding.add("typo", "spelling corrected: " + ", ".join(fixes), "editorial", "neutral")
        finding.done = True


def dates_or_references(edit: Edit, finding: Finding) -> None:
    """Only dates, or the section numbers of cross-references, changed."""
    changed = edit.words("deleted") + edit.words("inserted")
    if not changed:
        return
    if all(_DATE.match(w) for w in changed):
        if sorted(d.days for d in durations(edit.old_text)) != sorted(d.days for d in durations(edit.new_text)):
            return  # "13 months" → "25 months": a bare number that counts a period, not a day of the month
        finding.add("date", f"date changed: {quote(edit.words('deleted'))} → {quote(edit.words('inserted'))}",
                    "editorial", "neutral")
        finding.done = True


def duration_changed(edit: Edit, finding: Finding) -> None:
    old, new = durations(edit.old_text), durations(edit.new_text)
    if sorted(d.days for d in old) == sorted(d.days for d in new):
        return
    removed = [d for d in old if d.days not in [n.days for n in new]]
    added = [d for d in new if d.days not in [o.days for o in old]]
    before = ", ".join(d.text for d in removed) or "none"
    after = ", ".join(d.text for d in added) or "none"
    longer = _total(added) > _total(removed)
    obligation = re.search(r"\b(?:notice|notify|notif\w*|export|download|refund|cancel\w*|object\w*|advance|"
                           r"liabilit\w*|liable|claims?)\b",
                           edit.old_text + " " + edit.new_text, re.I)
    expands = (not longer) if obligation else longer
    finding.add("duration-changed", f"{'lengthened' if longer else 'shortened'}: {before} → {after}",
                direction="expands" if expands else "restricts")
    if edit.has("policy-change") or re.search(r"\bchanges?\b.*\btake effect\b", edit.new_text, re.I):
        finding.add("notice-changed", f"change-notice period {'lengthened' if longer else 'shortened'}: "
                                      f"{before} → {after}", direction="expands" if not longer else "restricts")


_NOTICE_RANK = {"on-posting": 0, "none": 1, "as-required-by-law": 1, "unspecified": 1, "next-renewal": 2,
                "fixed-period": 3}
_NOTICE_WORDS = {"on-posting": "effective when posted", "as-required-by-law": "notice only where the law requires it",
                 "next-renewal": "effective at the next renewal", "fixed-period": "a fixed notice period",
                 "unspecified": "notice with no period", "none": "no notice rule"}


def notice_rule_changed(edit: Edit, finding: Finding) -> None:
    """The change clause now promises a different kind of notice ("when posted" → "where the law requires")."""
    if any(reason.code == "notice-changed" for reason in finding.reasons):
        return
    if not edit.has("policy-change"):
        return
    before, after = rule_of_text(edit.old_text), rule_of_text(edit.new_text)
    if before == after:
        return
    looser = _NOTICE_RANK[after] < _NOTICE_RANK[before]
    finding.add("notice-changed", f"change-notice rule changed: {_NOTICE_WORDS[before]} → {_NOTICE_WORDS[after]}",
                direction="expands" if looser else "restricts")


def _total(items: list[Duration]) -> float:
    return sum(d.days for d in items) if items else 0.0 if not any(math.isinf(d.days) for d in items) else math.inf


def _polarities(text: str) -> Counter[bool]:
    """Per sentence, whether it is negated an odd number of times ("will not ... without" is not)."""
    negation = rules().terms["negation"]
    return Counter(len(negation.findall(sentence)) % 2 == 1 for sentence in _SENTENCES.split(text) if sentence.strip())


_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


def modality_flip(edit: Edit, finding: Finding) -> None:
    """A negation, modal verb or limiter appeared or disappeared: "do not sell" -> "may sell"."""
    changes = []
    expands = restricts = False
    polarity_changed = _polarities(edit.old_text) != _polarities(edit.new_text)
    for term in ("negation", "modal", "limiter"):
        if term == "negation" and not polarity_changed:
            continue
        old, new = term_counts(edit.old_text, term), term_counts(edit.new_text, term)
        gone, came = old - new, new - old
        for word in gone:
            changes.append(f"“{word}” removed")
            if term == "negation" or word in ("only", "solely", "exclusively", "must", "shall", "will", "none"):
                expands = True
            else:
                restricts = True
        for word in came:
            changes.append(f"“{word}” added")
            if term == "negation" or word in ("only", "solely", "exclusively", "must", "shall", "none"):
                restricts = True
            elif _EXPANDING_WORDS.match(word):
                expands = True
    if changes:
        direction = "expands" if expands else "restricts" if restricts else "neutral"
        finding.add("modality-flip", "; ".join(changes[:6]), direction=direction,
                    consent=expands and edit.has("sharing") and bool(STRONG_PURPOSES.search(edit.new_text)))


def consent_basis(edit: Edit, finding: Finding) -> None:
    old, new = edit.old_text.lower(), edit.new_text.lower()
    opt_in = re.compile(r"\bopt(?:ed|s)?[\s-]+in\b|\bonly if you (?:agree|consent)|\bwith your (?:prior )?consent\b")
    opt_out = re.compile(r"\bopt(?:ed|s)?[\s-]+out\b|\bunless you\b")
    if opt_in.search(old) and not opt_in.search(new) and opt_out.search(new):
        finding.add("consent-basis-changed", "opt-in replaced by opt-out", direction="expands", consent=True)
    elif opt_out.search(old) and not opt_out.search(new) and opt_in.search(new):
        finding.add("consent-basis-changed", "opt-out replaced by opt-in", direction="restricts")


_COMPANY = re.compile(r"\b([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4}),?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|"
                      r"Corp|Corporation|plc|S\.A|B\.V|AG|SAS|Pty)\b\.?")


def controller(edit: Edit, finding: Finding) -> None:
    """The company named as responsible changed: always communicated (WP260, paragraph 29)."""
    old = {m.group(0).rstrip(".,") for m in _COMPANY.finditer(edit.old_text)}
    new = {m.group(0).rstrip(".,") for m in _COMPANY.finditer(edit.new_text)}
    if old and new and old != new and not edit.has("contact"):
        finding.add("controller-changed", f"company named changed: {', '.join(sorted(old - new))} → "
                                          f"{', '.join(sorted(new - old))}", direction="neutral")


_RIGHT_WORDS = re.compile(r"\b(?:right to|rights?\b|you (?:may|can) (?:request|ask|access|delete|correct|object|opt|"
                          r"withdraw|export)|request (?:access|deletion|correction|a copy))", re.I)
_EXERCISE = re.compile(r"\b(?:exercise|submit|make)\b[^.]{0,40}\b(?:rights?|requests?)\b", re.I)


def right_narrowed(edit: Edit, finding: Finding) -> None:
    """A user right reworded so the company may do more: a right narrowed (material, no consent)."""
    if not edit.has("access") or not any(r.severity == "material" for r in finding.reasons) \
            or not _RIGHT_WORDS.search(edit.old_text):
        return
    limiters = ("only", "solely", "exclusively")
    old, new = term_counts(edit.old_text, "limiter"), term_counts(edit.new_text, "limiter")
    limited = any(new[word] > old[word] for word in limiters)
    if limited or finding.direction == "expands":
        finding.add("right-narrowed", "a user right now gives the user less: "
                                      f"{quote(edit.words('deleted'))} → {quote(edit.words('inserted'))}")
        finding.direction = "expands"  # a narrower right leaves the company more room


_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.I)


def link_only(edit: Edit, finding: Finding) -> None:
    """Only a link's address changed (a moved page, a new URL scheme): minor, whatever the clause is about.

    Contact and rights clauses were seen by `contact` first: there a new address can change how
    users exercise their rights."""
    if finding.reasons:
        return
    old_links, new_links = _URL.findall(edit.old_text), _URL.findall(edit.new_text)
    if old_links == new_links or not (old_links or new_links):
        return
    if " ".join(_URL.sub(" ", edit.old_text).split()) != " ".join(_URL.sub(" ", edit.new_text).split()):
        return
    finding.add("link-changed", f"link changed: {quote(edit.words('deleted'))} → {quote(edit.words('inserted'))}",
                "minor", "neutral")
    finding.done = True


def new_purpose(edit: Edit, finding: Finding) -> None:
    old = term_counts(edit.old_text, "purpose")
    new = term_counts(edit.new_text, "purpose")
    came = [w for w in new if w not in old]
    gone = [w for w in old if w not in new]
    if came:
        strong = bool(STRONG_PURPOSES.search(" ".join(came)))
        finding.add("purpose-added", f"new purpose: {quote(came)}", direction="expands", consent=strong)
    if gone:
        finding.add("purpose-removed", f"purpose no longer stated: {quote(gone)}", direction="restricts")


def parties(edit: Edit, finding: Finding) -> None:
    if not (edit.has("sharing") or edit.has("transfer")):
        return
    old = term_counts(edit.old_text, "party")
    new = term_counts(edit.new_text, "party")
    proper = _proper_names(edit.new_text)
    names_in = [w for w in edit.words("inserted") if w in proper and w.lower() not in edit.old_text.lower()]
    came = [w for w in new if w not in old] + names_in
    gone = [w for w in old if w not in new]
    if came:
        finding.add("recipient-added", f"new recipient: {quote(came)}", direction="expands", consent=True)
    if gone:
        finding.add("recipient-removed", f"recipient no longer named: {quote(gone)}", direction="restricts")


def transfer(edit: Edit, finding: Finding) -> None:
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    if rules().terms["transfer"].search(changed) and (edit.has("transfer") or edit.has("sharing")):
        finding.add("transfer-changed", f"hosting or transfer changed: {quote(edit.words('deleted'))} → "
                                        f"{quote(edit.words('inserted'))}", direction="neutral")


def dispute(edit: Edit, finding: Finding) -> None:
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    if edit.has("dispute") and (rules().terms["dispute"].search(changed) or any(c.isdigit() for c in changed)
                                or re.search(r"\b[A-Z][a-z]+\b", changed)):
        finding.add("dispute-changed", f"dispute, law or liability terms changed: {quote(edit.words('deleted'))} → "
                                       f"{quote(edit.words('inserted'))}", direction="neutral")


def contact(edit: Edit, finding: Finding) -> None:
    """Contact details (e-mail, postal address, link) changed in a contact clause: minor, not material."""
    exercising = _EXERCISE.search(edit.old_text + " " + edit.new_text)
    if finding.reasons or not (edit.has("contact") or edit.has("access") and exercising):
        return
    changed = edit.deleted + edit.inserted
    if any(_CONTACT.search(t) for t in changed) or _CONTACT.search(" ".join(changed)):
        if edit.has("access") or exercising:
            finding.add("rights-channel-changed", "how users exercise their rights changed (always to be "
                                                  f"communicated): {quote(edit.words('deleted'))} → "
                                                  f"{quote(edit.words('inserted'))}", direction="neutral")
        else:
            finding.add("contact-changed", f"contact details changed: {quote(edit.words('deleted'))} → "
                                           f"{quote(edit.words('inserted'))}", "minor", "neutral")
        finding.done = True


def rewording(edit: Edit, finding: Finding) -> None:
    """No rule fired: material if a tracked term, name or number differs between the two texts
    (reordering the same words does not count), otherwise a rewording that keeps the meaning."""
    if finding.reasons:
        return
    same_polarity = _polarities(edit.old_text) == _polarities(edit.new_text)
    changed = " ".join(edit.deleted + edit.inserted)
    touched = [name for name, pattern in rules().terms.items() if pattern.search(changed)]  # others cannot differ
    tracked = [name for name in touched
               if term_counts(edit.old_text, name) != term_counts(edit.new_text, name)
               and not (name == "negation" and same_polarity)]
    if _proper_names(edit.old_text) != _proper_names(edit.new_text):
        tracked.append("names")
    if re.findall(r"\d+", edit.old_text) != re.findall(r"\d+", edit.new_text) or \
            re.findall(r"\S+@\S+", edit.old_text) != re.findall(r"\S+@\S+", edit.new_text):
        tracked.append("numbers or addresses")
    before, after = quote(edit.words("deleted")), quote(edit.words("inserted"))
    if tracked:
        finding.add("substantive-rewording", f"reworded ({', '.join(tracked)} changed): {before} → {after}",
                    direction="neutral")
    else:
        finding.add("rewording", f"reworded without changing any term policydiff tracks: {before} → {after}",
                    "editorial", "neutral")


def _proper_names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: names of companies, places, products."""
    return set(re.findall(r"(?<=[\w,;)]\s)[A-Z][\w'’-]*", text))


EDIT_RULES: tuple[Rule, ...] = (formatting_only, typo_fix, dates_or_references, duration_changed,
                                notice_rule_changed, modality_flip, consent_basis, controller, contact, link_only,
                                new_purpose, parties, transfer, dispute, right_narrowed, rewording)
"""Rules for a clause present on both sides with different words, in the order they run."""


def explain_edit(edit: Edit) -> Finding:
    finding = Finding()
    for rule in EDIT_RULES:
        rule(edit, finding)
        if finding.done:
            break
    return finding
