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
    r"\b(?:(?:we|[A-Z]\w+) may (?:update|change|modify|amend|revise)|changes? to (?:this|these|our)|"
    r"(?:updated?|revised|amended) (?:policy|terms|statement|notice|version)|material changes?|"
    r"updates? (?:to|of) (?:this|these)|updates take effect|changes (?:will )?take effect)", re.IGNORECASE)
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
    """The promised minimum notice in days, for a fixed period."""
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


def read_promise(document: Document) -> NoticePromise:
    """The notice promise of a version, from its change clause ("none" when it has none)."""
    candidates = [c for c in document.body() if c.kind != "section" and _CHANGE_CLAUSE.search(c.full_text)
                  or c.kind != "section" and _in_change_section(c, document)]
    best = None
    for clause in candidates:
        rule, period = stated_rule(clause.full_text)
        if period is not None:
            return _promise("fixed-period", period.days, period.text, clause, period.amount, period.unit)
        if rule == "next-renewal":
            best = best if best is not None and best.rule == "next-renewal" else _promise(rule, None, None, clause)
        elif rule == "on-posting" and best is None:
            best = _promise(rule, None, None, clause)
    if best is not None:
        return best
    for clause in candidates:
        if law_required(clause.full_text):
            return _promise("as-required-by-law", None, None, clause)
    for clause in candidates:
        if _NOTIFY.search(clause.full_text):
            return _promise("unspecified", None, None, clause)
    return NoticePromise("none", None, None, (), False, None, None)


def _promise(rule: str, days: float | None, period: str | None, clause: Clause, amount: float | None = None,
             unit: str | None = None) -> NoticePromise:
    text = clause.full_text
    means = tuple(name for name, pattern in _MEANS.items() if pattern.search(text))
    return NoticePromise(rule, days, period, means, law_required(text), clause.id, text, amount, unit)


def _in_change_section(clause: Clause, document: Document) -> bool:
    for section in document.body():
        if section.kind == "section" and section.heading and re.search(
                r"\b(?:changes|updates|modifications|amendments)\b", section.heading, re.I):
            if any(part is clause for part in section.walk()):
                return True
    return False
