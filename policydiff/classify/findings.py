"""What the rules conclude about one change, and how a list of named rules runs over it.

A Rule is a plain function with a name and two declarations: whether it *ends* the evaluation when
it gives a reason (a typo explains an edit completely), and whether it runs *only when unexplained*
(no earlier rule gave a reason: the fallbacks). `run_rules` runs a tuple of them in its declared
order, so the order and the early exits are written down in one place and each rule can be run,
and tested, alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from policydiff.classify.rules import Rules
from policydiff.model import Reason

Direction = Literal["expands", "restricts", "neutral"]
Subject = TypeVar("Subject")


@dataclass
class Finding:
    """The reasons found so far for one change, with the direction and consent they imply."""

    rules: Rules
    """Where each reason code's severity is registered."""
    reasons: list[Reason] = field(default_factory=list)
    direction: Direction | None = None
    consent: bool = False
    directions: list[Direction | None] = field(default_factory=list)
    """The direction each reason implied, in the order of `reasons`."""

    def add(self, code: str, detail: str, direction: Direction | None = None, consent: bool = False) -> None:
        """A reason, with its registered severity; the first non-neutral direction stands."""
        self.reasons.append(Reason(code, detail, self.rules.severity(code)))
        self.directions.append(direction)
        if direction and (self.direction is None or self.direction == "neutral"):
            self.direction = direction
        self.consent = self.consent or consent

    def direction_of_codes(self, codes: frozenset[str]) -> Direction | None:
        """The first non-neutral direction implied by a material reason among these codes (None if none)."""
        return next((direction for reason, direction in zip(self.reasons, self.directions)
                     if reason.code in codes and reason.severity == "material" and direction in ("expands", "restricts")),
                    None)


@dataclass(frozen=True, slots=True)
class Rule(Generic[Subject]):
    """One named step of classification."""

    name: str
    check: Callable[[Subject, Finding], None]
    """Adds the reasons this rule finds in the subject (an Edit, or a Presence) to the finding."""
    ends: bool = False
    """When the rule gives a reason, the change is explained: no later rule runs."""
    unexplained_only: bool = False
    """The rule runs only when no earlier rule gave a reason."""

    def run(self, subject: Subject, finding: Finding) -> bool:
        """Apply the rule (unless its condition says not to); True when evaluation must end here."""
        if self.unexplained_only and finding.reasons:
            return False
        before = len(finding.reasons)
        self.check(subject, finding)
        return self.ends and len(finding.reasons) > before


def run_rules(rules: Sequence[Rule[Subject]], subject: Subject, finding: Finding) -> Finding:
    """Run the rules in their declared order until one ends the evaluation."""
    for rule in rules:
        if rule.run(subject, finding):
            break
    return finding


def quote(words: list[str], limit: int = 8) -> str:
    """Words as a reason quotes them: “the first eight …”."""
    text = " ".join(words[:limit]) + (" …" if len(words) > limit else "")
    return f"“{text}”"
