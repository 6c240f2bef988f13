"""Which way a material change cuts: does the company get more room (expands) or less (restricts)?

Read from the legal effect of the words, not from which words appeared:
- a protection added (a negation, "only", "solely", a limit), a right given to users, a duty the company
  takes on, a condition put in front of something the company may do: restricts;
- a protection removed or loosened, a duty put on users, a new use, recipient or kind of data, a wider
  licence or reach: expands;
- a removed clause cuts the other way from the same clause added.

Rules whose own arithmetic settles the direction (a period lengthened or shortened, the kind of notice
or of consent) keep theirs; every other material change is judged here. Where nothing restricts, a
change to terms the company writes gives it more room: expands.
"""

from __future__ import annotations

from policydiff.classify.findings import Direction
from policydiff.classify.rules import Rules
from policydiff.model import Reason

SETTLED = frozenset({"duration-changed", "notice-changed", "consent-basis-changed", "right-added", "right-removed",
                     "right-narrowed", "protection-removed", "obligation-added", "obligation-removed"})
"""Reasons that settle the direction themselves: a period's arithmetic, the kind of notice or consent, a
user's right or duty given or taken away, a protection removed."""


def direction_of(kind: str, old_text: str, new_text: str, reasons: tuple[Reason, ...] | list[Reason],
                 hinted: Direction | None, rules: Rules) -> Direction:
    """The direction of a material change of this kind between these texts (the residual texts of an edit)."""
    settled = [r for r in reasons if r.severity == "material" and r.code in SETTLED]
    if settled and hinted in ("expands", "restricts"):
        return hinted
    if kind == "added":
        return "restricts" if _limits_the_company(new_text, rules) else "expands"
    if kind == "removed":
        if _limits_the_company(old_text, rules):
            return "expands"
        return "restricts" if _lets_the_company(old_text, rules) else "expands"
    return _edit_direction(old_text, new_text, rules)


def _limits_the_company(text: str, rules: Rules) -> bool:
    """The text protects users, gives them a right or binds the company, and puts no duty on users."""
    if rules.cue("user-duty").search(text):
        return False
    return bool(rules.cue("protective").search(text) or rules.terms["negation"].search(text)
                or rules.cue("users-choice").search(text) or rules.cue("user-right").search(text)
                or rules.cue("company-duty").search(text))


def _lets_the_company(text: str, rules: Rules) -> bool:
    """The text grants the company something: "we may", a use, a recipient."""
    return bool(rules.cue("company-permission").search(text))


def _edit_direction(old: str, new: str, rules: Rules) -> Direction:
    """An edit restricts when it adds a protection, a user right, a company duty or a condition, or narrows
    a quantifier, and removes none of them; otherwise (new words, removed limits) it expands."""
    added = lambda name: _count(rules, name, new) > _count(rules, name, old)  # noqa: E731
    removed = lambda name: _count(rules, name, new) < _count(rules, name, old)  # noqa: E731
    if added("user-duty"):
        return "expands"
    protections = ("negation", "protective", "user-right", "company-duty", "condition")
    if any(added(name) for name in protections) and not any(removed(name) for name in protections):
        return "restricts"
    if removed("user-duty") and not any(removed(name) for name in protections):
        return "restricts"
    if rules.cue("narrower-quantifier").search(new) and rules.cue("wider-quantifier").search(old) \
            and not rules.cue("narrower-quantifier").search(old):
        return "restricts"
    terms = ("data", "party", "purpose")
    if any(removed(name) for name in terms) and not any(added(name) for name in terms) and len(new) < len(old):
        return "restricts"
    return "expands"


def _count(rules: Rules, name: str, text: str) -> int:
    pattern = rules.terms[name] if name in rules.terms else rules.cue(name)
    return len(pattern.findall(text))
