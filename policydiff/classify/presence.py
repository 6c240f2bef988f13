"""Why an added or removed clause matters, from what it is about and what it says: named rules, in order.

A removed clause that granted a right or limited a use is material; so is any new recipient,
purpose, data category or dispute term. Anything else added or removed is material too unless it
is contact details: a clause appearing or disappearing is never noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydiff.classify.findings import Finding, Rule, quote, run_rules
from policydiff.classify.rules import Rules
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
    """A clause about nothing but contact details: minor."""
    if "contact" in clause.categories and len(clause.categories) == 1 and not clause.protective:
        finding.add("contact-changed", f"contact details {clause.kind}: {clause.what}", "neutral")


def new_use(clause: Presence, finding: Finding) -> None:
    """An added clause about advertising, profiling or sale (training, in an AI clause): a new purpose."""
    purposes = clause.rules.cue("strong-purpose" if "ai" in clause.categories else "ad-purpose")
    if purposes.search(clause.text) and clause.added and not clause.protective:
        finding.add("purpose-added", f"new use of data: {clause.what}", direction="expands", consent=True)


def recipient(clause: Presence, finding: Finding) -> None:
    """A row or item of recipients, or a sharing clause naming a party."""
    if "sharing" in clause.categories and (clause.clause.kind in ("table-row", "list-item")
                                           or clause.rules.terms["party"].search(clause.text)):
        if clause.added:
            finding.add("recipient-added", f"new recipient: {clause.what}", direction="expands", consent=True)
        else:
            finding.add("recipient-removed", f"recipient no longer listed: {clause.what}", direction="restricts")


def data_category(clause: Presence, finding: Finding) -> None:
    """A clause about what is collected."""
    if "collection" in clause.categories:
        finding.add("data-added" if clause.added else "data-removed",
                    f"{'new' if clause.added else 'no longer'} collected: {clause.what}",
                    direction="expands" if clause.added else "restricts")


def user_right(clause: Presence, finding: Finding) -> None:
    """A clause about users' rights that names a right."""
    if "access" in clause.categories and clause.rules.terms["right"].search(clause.text):
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
    finding.add(f"clause-{clause.kind}", f"clause {clause.kind}: {clause.what}",
                direction="expands" if clause.added else "neutral")


PRESENCE_RULES: tuple[Rule[Presence], ...] = (
    Rule("contact-details", contact_details, ends=True),
    Rule("new-use", new_use),
    Rule("recipient", recipient),
    Rule("data-category", data_category, unexplained_only=True),
    Rule("user-right", user_right),
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
