"""Read a policy's promise about notice of changes: how long before changes take effect, and how.

The forms policies use: a fixed period ("at least thirty (30) days before the changes take
effect"), the next renewal ("Updates take effect on the next renewal of your subscription"), on
posting ("effective when posted"), or only what the law requires; often with an exception for
changes the law requires. The clause the promise came from is kept so a reviewer can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.classify.notice_rule import law_required, stated_rule
from policydiff.model import Clause, Document

_CHANGE_CLAUSE = re.compile(
    r"\b(?:(?:we|[A-Z]\w+) may (?:update|change|modify|amend|revise)(?! (?:its |our |your |the |any |these |such )?"
    r"(?:prices?|fees?|charges?|rates?|pricing|subscription|plans?|features?|services?)\b)|"
    r"(?:changes?|revisions?|modifications?|amendments?|updates?) (?:to|of) (?:this|these|our|the) (?:privacy |data )?"
    r"(?:policy|policies|terms|statement|notice|agreement|list)|"
    r"(?:updated?|revised|amended) (?:policy|terms|statement|notice|version)|material changes?|"
    r"updates take effect|changes (?:will )?take effect|"
    r"\b(?:publish|post|notify|announce|inform)\w*\b[^.]{0,80}\bnew\b[^.]{0,120}\b(?:at least|no later than|in advance))",
    re.IGNORECASE)
"""A sentence about changing this policy or these terms (not prices, plans or features)."""
_CHANGE_HEADING = re.compile(r"\b(?:changes|updates|modifications|amendments|revisions)\b", re.IGNORECASE)
_PRODUCT_CHANGES = re.compile(r"\b(?:changes?|updates?|modifications?) (?:to|of) (?:the |our |your )?(?:apps?|applications?|"
                              r"services?|products?|features?|software|platform|prices?|pricing|fees?|plans?)\b",
                              re.IGNORECASE)
"""A section about changing the product or its prices ("Updates to the App"), not these terms."""
_OTHER_SUBJECT = re.compile(r"\b(?:terminat\w*|cancel\w*|fees?|prices?|pricing|payments?|refunds?|billing|"
                            r"suspension|renewal)\b", re.IGNORECASE)
"""A lead-in label naming another subject than changes to the terms."""
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_NOT_ABOUT_TERMS = re.compile(
    r"\b(?:prices?|pricing|fees?|charges?|billing|refunds?|close (?:your|an) account|account closure|cancel\w*|"
    r"respond (?:to [^.]{0,40})?within|response time|notice of (?:termination|cancellation|non-renewal))\b",
    re.IGNORECASE)
"""A clause about prices, account closing or response deadlines: its periods are no notice of changes."""
_NOTIFY = re.compile(r"\b(?:notify|notif\w+|notice|inform|tell you|let you know|post\w*|publish\w*|e-?mail)\b", re.I)
_MEANS = {"email": re.compile(r"\be-?mail\b", re.I),
          "in-product notice": re.compile(r"\b(?:in[- ]app|in the (?:app|platform|services?|product)|within the "
                                          r"(?:platform|app|service)|admin console|dashboard|prominent notice)\b", re.I),
          "posting on the website": re.compile(r"\b(?:post(?:ing)?|publish(?:ing)?)\b.*\b(?:page|website|site)\b|"
                                               r"\bat the top of this (?:page|document)\b", re.I)}


@dataclass(frozen=True, slots=True)
class NoticePromise:
    """What a version promises about notice before changes take effect."""

    rule: str
    """"fixed-period", "next-renewal", "on-posting", "as-required-by-law", "unspecified" (notice is
    promised, but no period or rule), or "none" (no change clause at all)."""
    days: float | None
    """The promised minimum notice in days, for a fixed period: calendar days, or business days where
    the promise counts business days (see `unit`; "ten (10) business days" is 10)."""
    period_text: str | None
    """The period as written: "thirty (30) days"."""
    means: tuple[str, ...]
    """How notice is given: email, in-product notice, posting on the website."""
    law_exception: bool
    """Changes the law requires may take effect sooner."""
    clause_id: str | None
    text: str | None
    """The words of the clause the promise was read from."""
    amount: float | None = None
    """The period's number ("thirty (30) days" → 30), for calendar arithmetic."""
    unit: str | None = None
    """The period's unit: "day", "business day", "week", "month", "year" or "hour"."""
    alternatives: tuple[tuple[str, str], ...] = ()
    """Other clauses that also read as the change clause but promise otherwise (id, words): the
    reader should check which governs."""


def read_promise(document: Document) -> NoticePromise:
    """The notice promise of a version, from its change clause ("none" when it has none).

    The clause is the one about changing this policy or these terms, by its section heading and its own
    sentence, never a table row or a clause about prices, account closing or response deadlines. Where
    several qualify, the best placed (heading and sentence) with the firmest rule wins, and the others
    with a different rule are kept as `alternatives` for the reader to check."""
    placed = _in_change_sections(document)
    ranked = sorted(((_standing(c, placed), index, c) for index, c in enumerate(document.body())
                     if c.kind not in ("section", "table-row")), key=lambda t: (-t[0], t[1]))
    candidates = [clause for standing, _, clause in ranked if standing > 0]
    readings: list[tuple[Clause, NoticePromise]] = []
    for clause in candidates:
        promise = _reading(clause)
        if promise is not None:
            readings.append((clause, promise))
    if not readings:
        return NoticePromise("none", None, None, (), False, None, None)
    best_standing = _standing(readings[0][0], placed)
    top = [(c, p) for c, p in readings if _standing(c, placed) == best_standing]
    chosen = max(top, key=lambda cp: (_FIRMNESS[cp[1].rule], cp[1].days or 0))[1]
    if chosen.rule == "unspecified":  # a rule stated by a lesser-placed clause beats no rule at all
        chosen = max(readings, key=lambda cp: (_FIRMNESS[cp[1].rule], _standing(cp[0], placed)))[1]
    others = tuple((p.clause_id, p.text) for c, p in readings if p.clause_id != chosen.clause_id and
                   (p.rule, p.days) != (chosen.rule, chosen.days) and p.clause_id is not None and p.text)
    return NoticePromise(chosen.rule, chosen.days, chosen.period_text, chosen.means, chosen.law_exception,
                         chosen.clause_id, chosen.text, chosen.amount, chosen.unit, others[:2])


_FIRMNESS = {"fixed-period": 4, "next-renewal": 3, "on-posting": 2, "as-required-by-law": 1, "unspecified": 0}


def _standing(clause: Clause, in_change_sections: set[int]) -> int:
    """How surely a clause is the change clause: 2 when its section is about changes and its sentence
    too, 1 for either alone, 0 for neither or for a clause about prices, closing or deadlines (unless one
    of its own sentences is about changing the terms and nothing else). `in_change_sections` holds the
    identity of every clause inside a section about changes (_in_change_sections)."""
    text = clause.full_text
    changes = [sentence for sentence in _SENTENCE.split(text) if _CHANGE_CLAUSE.search(sentence)]
    placed = id(clause) in in_change_sections
    if not placed and clause.label and _OTHER_SUBJECT.search(clause.label):
        return 0  # "Effects of Termination." or "Fees." opens a clause about that, whatever it then mentions
    if _NOT_ABOUT_TERMS.search(text) and not placed and not any(not _NOT_ABOUT_TERMS.search(s) for s in changes):
        return 0
    return int(bool(changes)) + int(placed)


def _about_terms(text: str) -> list[str]:
    """The clause's sentences but those only about prices, account closing or response deadlines (a
    sentence about changing the terms stays, whatever example it gives: "such as price increases")."""
    return [sentence for sentence in _SENTENCE.split(text) if sentence.strip()
            and (_CHANGE_CLAUSE.search(sentence) or not _NOT_ABOUT_TERMS.search(sentence))]


def _reading(clause: Clause) -> NoticePromise | None:
    """What one clause promises, or None when it promises no notice at all: read from its sentences that
    are not about prices, account closing or response deadlines, so a price notice or a response
    deadline beside the change sentence is never its period."""
    text = " ".join(_about_terms(clause.full_text))
    if not text:
        return None
    rule, period = stated_rule(text)
    if period is not None:
        days = period.amount if period.unit in ("business day", "working day") and period.amount else period.days
        return _promise("fixed-period", days, period.text, clause, period.amount, period.unit)
    if rule in ("next-renewal", "on-posting"):
        return _promise(rule, None, None, clause)
    if law_required(text):
        return _promise("as-required-by-law", None, None, clause)
    if _NOTIFY.search(text):
        return _promise("unspecified", None, None, clause)
    return None


def _promise(rule: str, days: float | None, period: str | None, clause: Clause, amount: float | None = None,
             unit: str | None = None) -> NoticePromise:
    text = clause.full_text
    means = tuple(name for name, pattern in _MEANS.items() if pattern.search(text))
    return NoticePromise(rule, days, period, means, law_required(text), clause.id, text, amount, unit)


def _in_change_sections(document: Document) -> set[int]:
    """The identity of every clause inside a section whose heading is about changing the terms (the
    section itself included): computed once per document, not once per clause (a walk of the whole
    document for each of 300 clauses was 130 ms of `review`'s start on a 10,000-word policy)."""
    inside: set[int] = set()
    for section in document.body():
        if section.kind == "section" and section.heading and _CHANGE_HEADING.search(section.heading) \
                and not _NOT_ABOUT_TERMS.search(section.heading) and not _PRODUCT_CHANGES.search(section.heading):
            inside.update(id(part) for part in section.walk())
    return inside
