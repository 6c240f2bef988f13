"""Why an added or removed clause matters, from what it is about and what it says: named rules, in order.

A removed clause that granted a right or limited a use is material; so is any new recipient,
purpose, data category or dispute term. Anything else added or removed is material too unless it
is contact details: a clause appearing or disappearing is never noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import re

from policydiff.classify.context import DiffContext
from policydiff.classify.findings import Finding, Rule, quote, run_rules
from policydiff.classify.recipients import LISTED, receives, recipient_phrases
from policydiff.classify.rules import Rules
from policydiff.classify.sentences import sentences
from policydiff.model import Clause


@dataclass(frozen=True, slots=True)
class Presence:
    """A clause (with its children's text) that was added or removed."""

    kind: str
    """"added" or "removed"."""
    clause: Clause
    text: str
    categories: tuple[str, ...]
    rules: Rules
    context: DiffContext | None = None
    """Both whole versions, for "did the old version already say this"."""
    table: tuple[tuple[str, ...], ...] = ()
    """For a table row: the header rows of its table, whose cells name this row's columns."""
    header_like: bool = False
    """A table row that names columns (a second header row the parser read as data)."""

    @property
    def added(self) -> bool:
        return self.kind == "added"

    @property
    def what(self) -> str:
        """Its first twelve words, quoted."""
        return quote(self.text.split(), 12)

    @property
    def protective(self) -> bool:
        """It limits what may be done: a negation, "only", "never"..."""
        return bool(self.rules.terms["negation"].search(self.text) or self.rules.cue("protective").search(self.text))


def contact_details(clause: Presence, finding: Finding) -> None:
    """A clause about nothing but contact details (an address, a mailbox, a form): minor. So too a clause
    each of whose sentences names a contact point or gives contact details ("Prighter, Schellinggasse 3,
    Vienna, is our representative in the EEA. … is our DPO."), granting and binding nothing. But a
    removed clause that named a data protection officer or a representative (cue "contact-role") the
    new version names nowhere takes that contact point away: material."""
    detail = clause.rules.cue("contact-detail")
    only_contact = "contact" in clause.categories and len(clause.categories) == 1
    unbound = not clause.rules.terms["modal"].search(clause.rules.cue("contact-offer").sub(" ", clause.text))
    address = bool(detail.search(clause.text)) and bool(_REACHABLE.search(clause.text)) \
        and len(clause.text.split()) <= ADDRESS_WORDS and unbound
    point = clause.rules.cue("contact-point")
    said = [s for s in sentences(clause.text)
            if not (s.endswith(":") and not recipient_phrases(s, clause.rules))] \
        or sentences(clause.text)  # "If you are in the EU:" leads in to what it introduces
    points = bool(said) and unbound and not clause.rules.cue("duty").search(clause.text) and all(
        point.search(s) or detail.search(s) and _REACHABLE.search(s) for s in said)
    if (only_contact or address or points) and not clause.protective:
        role = clause.rules.cue("contact-role").search(clause.text)
        if role and not clause.added and clause.context is not None \
                and not clause.rules.cue("contact-role").search(clause.context.new_text.text):
            finding.add("contact-point-removed", f"the new version names no {role.group(0).lower()} any more: "
                                                 f"{clause.what}", direction="expands")
            return  # people lose the officer the law lets them write to, not an address
        finding.add("contact-changed", f"contact details {clause.kind}: {clause.what}", "neutral")


_REACHABLE = re.compile(r"\d|@|\[\s*at\s*\]|https?://|www\.")

ADDRESS_WORDS = 30
"""An added or removed line this short that holds an address is contact details, whatever its section."""


def strong_column(clause: Presence, finding: Finding) -> None:
    """A table row that fills a column about sale, targeted advertising, profiling or training ("Sharing
    for Targeted Advertising: Advertising Partners"): the row applies that use to its data."""
    strong = clause.rules.cue("strong-purpose")
    empty = clause.rules.cue("empty-cell")
    cells = clause.clause.cells
    for header in clause.table:
        named = [cell for cell in header if cell.strip()]
        offset = len(cells) - len(named) if len(named) < len(cells) else 0  # a header over the last columns
        for index, name in enumerate(named):
            position = index + offset
            if position < len(cells) and position and strong.search(name) and not empty.match(cells[position]):
                if clause.added:
                    finding.add("purpose-added", f"{quote(cells[0].split(), 10)} now {name.lower()}: "
                                                 f"{quote(cells[position].split(), 8)}", direction="expands",
                                consent=True)
                else:
                    finding.add("purpose-removed", f"{quote(cells[0].split(), 10)} no longer {name.lower()}",
                                direction="restricts")
                return


def covered(clause: Presence, finding: Finding) -> None:
    """An added clause that describes nothing the old version did not already name, or a removed one whose
    every term the new version still names: a restatement (a table rebuilt, a summary restated).

    Only descriptive clauses count: a clause that promises or forbids something (a negation, a duty) is
    judged by what it says, however familiar its words."""
    context = clause.context
    if context is None or clause.protective or clause.rules.cue("duty").search(clause.text) \
            or clause.rules.cue("catch-all").search(clause.text):
        return
    other = context.old_text if clause.added else context.new_text
    affirmed, party = context.affirmed(0 if clause.added else 1), clause.rules.terms["party"]
    phrases = content_phrases(context.key(clause.text), clause.rules.words["stop"])
    # someone named only to be refused ("we do not buy data from data brokers") is not named as a party
    if phrases and all(phrase in (affirmed if party.search(phrase) else other) for phrase in phrases):
        where = "the old version already said" if clause.added else "the new version still says"
        finding.add("restated", f"{clause.kind}, but {where} each of its terms: {clause.what}")


def terms_covered(clause: Presence, finding: Finding) -> None:
    """An added table row whose every tracked term (each recipient, kind of data and purpose it names)
    the old version already named: a disclosure table rebuilt from what the policy said elsewhere (a
    CCPA table by category), not a new disclosure; and a removed row whose every term the new version
    still names. So too a paragraph that only describes ("The charts above list the sources, purposes
    and recipients of each category of personal data"): every term it names (recipients, data, purposes,
    rights, transfers, disputes) stood in the other version, and it grants, limits, counts and asks
    nothing (no modal, limiter, consent or number). A term stands in the other version only where it is
    not refused there: "we do not buy data from data brokers" names no source. A clause that names anything new, or that promises
    or forbids (a negation, a duty), is judged by what it says."""
    context = clause.context
    if context is None or clause.protective or clause.rules.cue("duty").search(clause.text):
        return
    paragraph = clause.clause.kind != "table-row"
    if paragraph and (clause.clause.kind != "paragraph" or re.search(r"\d", clause.text)
                      or any(clause.rules.terms[name].search(clause.text) for name in ("modal", "consent", "limiter"))):
        return  # a paragraph that grants, limits, counts or asks consent says something of its own
    classes = ("party", "data", "purpose", "right", "transfer", "dispute") if paragraph else ("party", "data", "purpose")
    terms = [match.group(0).lower() for name in classes
             for match in clause.rules.terms[name].finditer(clause.text)]
    terms += [match.group(0).lower() for match in clause.rules.cue("sensitive-data").finditer(clause.text)]
    # a statute a category is defined by ("(as defined in the Family Educational Rights and Privacy Act)")
    # names no recipient
    named = clause.rules.cue("defined-by-reference").sub(" ", _party_cells(clause))
    names = [word.lower() for word in re.findall(r"(?<=[\w,;)]\s)[A-Z][\w'’-]+", named)]
    other_text, other_words = context.affirmed(0 if clause.added else 1), context.old_words if clause.added else context.new_words
    if len(terms) >= 2 and all(term in other_text or _root(term) in other_text for term in terms) \
            and all(name in other_words for name in names):
        if clause.added:
            finding.add("restated", f"row added, but the old version already named each recipient, kind of data and "
                                    f"purpose it names: {clause.what}")
        else:
            finding.add("redundant-removed", f"row removed, but the new version still names each recipient, kind of "
                                             f"data and purpose it named: {clause.what}")


def _party_cells(clause: Presence) -> str:
    """The text in which a row could name someone new: for a table row under a header that names a column
    of recipients or sources (cue "party-column"), those cells; else the whole text. "Usage information
    and Interactions" in a data column names no recipient."""
    cells = clause.clause.cells
    for header in clause.table:
        named = [cell for cell in header if cell.strip()]
        if len(named) != len(cells) or not any(clause.rules.cue("party-column").search(cell) for cell in named):
            continue
        return " | ".join(cell for cell, name in zip(cells, named) if clause.rules.cue("party-column").search(name))
    return clause.text


def _root(term: str) -> str:
    """A term's last word without its ending, as another version may inflect it ("improvement" for the
    "improve" it said, "profiles" for "profile")."""
    head, _, last = term.rpartition(" ")
    for ending in ("ments", "ment", "ing", "ed", "es", "s", "e"):
        if last.endswith(ending) and len(last) - len(ending) >= 4:
            return f"{head} {last[:-len(ending)]}".strip()
    return term


def content_phrases(key: str, stop: tuple[str, ...]) -> list[str]:
    """The runs of content words of a text in compared form ("package tracking data", "government id"):
    a clause restates another only if each of its runs stood there, not merely each word."""
    phrases = []
    for run in re.split(r"[^\w'’ -]+|\b(?:" + "|".join(sorted(stop, key=len, reverse=True)) + r")\b", key):
        words = run.split()
        if words and (len(words) > 1 or len(words[0]) > 3):
            phrases.append(" ".join(words))
    return phrases



def table_header(clause: Presence, finding: Finding) -> None:
    """A table's header row added or removed: the data rows below it carry the terms."""
    if clause.clause.kind == "table-row" and (clause.clause.header or clause.header_like):
        finding.add("table-header", f"table header {clause.kind}: {clause.what}")


def new_use(clause: Presence, finding: Finding) -> None:
    """An added clause about advertising, profiling or sale (training, in an AI clause), or that applies
    marketing or personalisation to sensitive data: a new purpose. It asks for fresh consent when it is
    something the company does, not a user's choice about it."""
    purposes = clause.rules.cue("strong-purpose" if "ai" in clause.categories else "ad-purpose")
    sensitive = clause.rules.cue("sensitive").search(clause.text) and clause.rules.cue("marketing-use").search(clause.text)
    if not clause.added or clause.protective or _a_users_choice(clause) or clause.header_like:
        return
    if purposes.search(clause.text) or sensitive:
        # a row of a table with a purpose column states its purpose there; the other cells say with
        # which data and on which basis: fresh consent is for the purpose the row states
        stated = _purpose_cell(clause) or clause.text
        # a use, not a party: "advertisers may be the controllers of what they collect" names who, not a use
        party = clause.rules.terms["party"]
        uses = [m.group(0) for m in purposes.finditer(stated) if not party.fullmatch(m.group(0))]
        finding.add("purpose-added", f"new use of data: {clause.what}", direction="expands",
                    consent=bool(sensitive) or bool(uses) and _new_to_old(clause, purposes))
    elif clause.rules.cue("catch-all").search(clause.text):
        finding.add("purpose-added", f"new catch-all use, open to any other: {clause.what}", direction="expands")


def _purpose_cell(clause: Presence) -> str | None:
    """A table row's cell that states its purpose: the first cell where the table's first column has no
    name (the row's title: "To offer our writing features | How we use … | Data used"), else the cell
    under the column the header names as the purpose ("Purpose", "How we use your data", "What it
    does"), when there is one."""
    cells = clause.clause.cells
    if clause.clause.kind != "table-row" or not clause.table or len(cells) < 2:
        return None
    if not clause.table[0][0].strip():
        return cells[0]
    heading = clause.rules.cue("purpose-column")
    for header in clause.table:
        for index, name in enumerate(header):
            if heading.search(name) and index < len(cells):
                return cells[index]
    return None


def _a_users_choice(clause: Presence) -> bool:
    """The clause opens by giving users a right or a choice ("Opt-out of targeted advertising. You may
    …"): a use it names is the user's to refuse, not one the company takes up."""
    return bool(clause.rules.cue("users-choice").search(clause.text))


def _new_to_old(clause: Presence, pattern: re.Pattern[str]) -> bool:
    """The strong use the clause names, with what it is applied to, is new: the old version never said it
    of these words (a restated use is no new use)."""
    context = clause.context
    if context is None:
        return True
    phrases = content_phrases(context.key(clause.text), clause.rules.words["stop"])
    return any(phrase not in context.old_text for phrase in phrases if pattern.search(phrase)) or not any(
        pattern.search(phrase) for phrase in phrases)


def recipient(clause: Presence, finding: Finding) -> None:
    """A row or item of recipients, or a sharing clause naming a party the other version never named."""
    if "sharing" not in clause.categories or not (clause.clause.kind in ("table-row", "list-item")
                                                  or clause.rules.terms["party"].search(clause.text)):
        return
    context = clause.context
    words = (context.old_words if clause.added else context.new_words) if context is not None else frozenset()
    named = {m.group(0).lower() for m in clause.rules.terms["party"].finditer(clause.text)}
    named.update(w.lower() for w in re.findall(r"(?<=[\w,;)]\s)[A-Z][\w'’-]+", clause.text))
    phrases = recipient_phrases(clause.text, clause.rules, clause.clause.kind)
    named = {w for w in named if receives(w, phrases)}  # a party that receives nothing is no recipient
    if not named and clause.clause.kind not in LISTED:
        return
    if context is not None and named and all(w in words or w.split()[0] in words for w in named):
        return  # every recipient it names is named in the other version too
    strong = clause.rules.cue("strong-purpose").search(clause.text) and not clause.protective \
        and not _a_users_choice(clause)
    if clause.rules.cue("users-refusal").search(clause.text):
        # "You may opt out of sharing with advertising partners": what users may now refuse
        finding.add("right-added" if clause.added else "right-removed",
                    f"{'a new' if clause.added else 'no longer a'} way to refuse a sharing: {clause.what}",
                    direction="restricts" if clause.added else "expands")
    elif clause.added:
        finding.add("recipient-added", f"new recipient: {clause.what}", direction="expands", consent=bool(strong))
    else:
        finding.add("recipient-removed", f"recipient no longer listed: {clause.what}", direction="restricts")


def data_category(clause: Presence, finding: Finding) -> None:
    """A clause about what is collected: an item or row of a data list in a collection section, or text
    that itself speaks of collecting ("we collect", "we receive", "you provide"). A paragraph under a
    heading that only mentions collection ("How we share the information we collect") collects nothing."""
    if "collection" in clause.categories and (clause.clause.kind in LISTED or _speaks_of("collection", clause)):
        sensitive = clause.added and not clause.protective and bool(clause.rules.cue("sensitive-data").search(clause.text)) \
            and not clause.rules.cue("by-users-choice").search(clause.text)
        finding.add("data-added" if clause.added else "data-removed",
                    f"{'new' if clause.added else 'no longer'} collected: {clause.what}",
                    direction="expands" if clause.added else "restricts", consent=sensitive)


def _speaks_of(category: str, clause: Presence) -> bool:
    """Whether the clause's own text has the cue words of a category (not merely its headings)."""
    return any(found.code == category and bool(found.text.search(clause.text)) for found in clause.rules.categories)


def user_duty(clause: Presence, finding: Finding) -> None:
    """A clause that puts a duty on users ("you must disclose …", "Organization owners are responsible for
    …"): added, the company may hold users to more; removed, to less."""
    if clause.rules.cue("user-duty").search(clause.text) and not clause.rules.cue("users-choice").search(clause.text):
        if clause.added:
            finding.add("obligation-added", f"new duty for users: {clause.what}", direction="expands")
        else:
            finding.add("obligation-removed", f"duty for users removed: {clause.what}", direction="restricts")


def user_right(clause: Presence, finding: Finding) -> None:
    """A clause about users' rights that names a right, and the users who hold it ("you", "users",
    "residents"): "When access is required for security reasons" under an "Access" heading is the
    company's access, no right of users."""
    if "access" in clause.categories and clause.rules.terms["right"].search(clause.text) \
            and clause.rules.cue("right-holder").search(clause.text):
        _right(clause, finding)


def promised_right(clause: Presence, finding: Finding) -> None:
    """A clause that promises users something ("you may", "we will")."""
    if clause.rules.cue("promise").search(clause.text):
        _right(clause, finding)


def _right(clause: Presence, finding: Finding) -> None:
    finding.add("right-added" if clause.added else "right-removed", f"user right {clause.kind}: {clause.what}",
                direction="restricts" if clause.added else "expands")


def dispute_terms(clause: Presence, finding: Finding) -> None:
    if "dispute" in clause.categories:
        finding.add("dispute-changed", f"dispute or liability clause {clause.kind}: {clause.what}", direction="neutral")


def notice_clause(clause: Presence, finding: Finding) -> None:
    if "policy-change" in clause.categories:
        finding.add("notice-changed", f"change-notice clause {clause.kind}: {clause.what}", direction="neutral")


def protection_removed(clause: Presence, finding: Finding) -> None:
    """A removed clause that limited what may be done."""
    if not clause.added and clause.protective:
        finding.add("protection-removed", f"a clause that limited what may be done was removed: {clause.what}",
                    direction="expands")


def clause_presence(clause: Presence, finding: Finding) -> None:
    """Whatever else appears or goes: material, because a clause is never noise."""
    # an added clause gives the company room only if it speaks of what may be done, with what, by whom
    # ("We wrote this policy in plain language" changes no one's room)
    room = any(clause.rules.terms[name].search(clause.text) for name in ("modal", "party", "data", "purpose",
                                                                          "transfer", "dispute"))
    finding.add(f"clause-{clause.kind}", f"clause {clause.kind}: {clause.what}",
                direction="expands" if clause.added and room else "neutral")


PRESENCE_RULES: tuple[Rule[Presence], ...] = (
    Rule("contact-details", contact_details, ends=True),
    Rule("table-header", table_header, ends=True),
    Rule("strong-column", strong_column, ends=True),
    Rule("covered", covered, ends=True),
    Rule("terms-covered", terms_covered, ends=True),
    Rule("new-use", new_use),
    Rule("recipient", recipient),
    Rule("data-category", data_category, unexplained_only=True),
    Rule("user-duty", user_duty),
    Rule("user-right", user_right, unexplained_only=True),
    Rule("promised-right", promised_right, unexplained_only=True),
    Rule("dispute", dispute_terms),
    Rule("notice-clause", notice_clause),
    Rule("protection-removed", protection_removed, unexplained_only=True),
    Rule("clause", clause_presence, unexplained_only=True),
)
"""The rules for an added or removed clause, in the order they run."""


def explain_presence(clause: Presence) -> Finding:
    """The reasons the presence rules find for one added or removed clause."""
    return run_rules(PRESENCE_RULES, clause, Finding(clause.rules))
