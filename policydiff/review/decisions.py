"""A reviewer's decisions on a diff: reviewed or not, a comment, a materiality override with its reason.

Decisions are keyed by `change_key`, which names a change by its kind and the clause ids on both
sides, so the same change gets the same key each time the diff is run again. Each decision also
keeps a fingerprint of the words it was made on: when the policy text under a change has been
edited since, the decision is *stale* and its override is not applied, because a reviewer's "not
material" on one wording says nothing about another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from policydiff.model import Change, Diff, Reason, Severity, clause_text


@dataclass(frozen=True, slots=True)
class Decision:
    """What the reviewer decided about one change."""

    reviewed: bool = False
    """The reviewer has read the change and is done with it."""
    comment: str | None = None
    """Free text for the record or for colleagues."""
    override: bool | None = None
    """The reviewer's materiality (True material, False not material); None keeps the classifier's."""
    override_reason: str | None = None
    """Why the reviewer overrode the classifier; required with an override."""
    updated: str | None = None
    """When the decision last changed: ISO 8601 UTC, seconds."""
    fingerprint: str | None = None
    """change_fingerprint of the change when decided; a different one later makes the decision stale."""
    reviewer: str | None = None
    """Who made the decision (git config user.name, or `review --reviewer`), when known."""

    @property
    def empty(self) -> bool:
        return not self.reviewed and not self.comment and self.override is None


@dataclass(frozen=True, slots=True)
class Review:
    """Every decision of one review of OLD → NEW."""

    old: str = ""
    """The OLD argument as the reviewer named it (a path, REV:PATH or DOC@VERSION)."""
    new: str = ""
    """The NEW argument."""
    decisions: dict[str, Decision] = field(default_factory=dict)
    """Decisions by change_key; keys of changes no longer in the diff are kept, not dropped."""

    def decision(self, key: str) -> Decision:
        return self.decisions.get(key, Decision())

    def with_decision(self, key: str, decision: Decision, now: datetime | None = None) -> Review:
        """A copy with this decision stored (stamped with the time), or removed when it is empty."""
        decisions = dict(self.decisions)
        if decision.empty:
            decisions.pop(key, None)
        else:
            stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            decisions[key] = replace(decision, updated=stamp)
        return replace(self, decisions=decisions)


def change_key(change: Change) -> str:
    """The stable name of a change: "{kind}:{old_id}>{new_id}", "-" for an absent side.

    Examples: "modified:3/p1>3/p1", "added:->4/item-2", "moved:11>12". Clause ids are deterministic
    for a given text, and each clause takes part in one match only, so the key is unique in a diff
    and the same on every run over the same two versions.
    """
    old, new = change.old, change.new
    return f"{change.kind}:{old.id if old else '-'}>{new.id if new else '-'}"


def change_fingerprint(change: Change) -> str:
    """12 hex digits of a hash of the words on both sides (split and merged extras included)."""
    match = change.match
    parts = [clause_text(clause) or "" for clause in (match.old, *match.old_extra, match.new, *match.new_extra)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:12]


def is_stale(decision: Decision | None, change: Change) -> bool:
    """True when the decision was made on other words than the change now has."""
    return decision is not None and decision.fingerprint is not None and \
        decision.fingerprint != change_fingerprint(change)


def is_reviewed(decision: Decision | None, change: Change) -> bool:
    """Marked reviewed, on the words the change has now: a stale mark does not count."""
    return decision is not None and decision.reviewed and not is_stale(decision, change)


def follow(review: Review, diff: Diff) -> Review:
    """The review with each decision keyed to the change it was made on, found through the alignment
    when its key no longer names a change: clause ids follow headings, so rewording a heading (or
    editing the new version under review) can rename the clauses a decision was made on.

    A decision whose key is gone moves to the change with the same words (its fingerprint) and kind,
    else to the change of the same kind on the same old clause (it then reads as stale, since its words
    changed). Decisions that find no change are kept under their key, as before."""
    changes = [*diff.changes, *diff.structure]
    keys = {change_key(change) for change in changes}
    orphans = {key: decision for key, decision in review.decisions.items() if key not in keys}
    if not orphans:
        return review
    decisions = {key: decision for key, decision in review.decisions.items() if key in keys}
    free = [change for change in changes if change_key(change) not in decisions]
    for key, decision in orphans.items():
        kind, _, sides = key.partition(":")
        old_id = sides.split(">", 1)[0]
        target = next((c for c in free if c.kind == kind and decision.fingerprint is not None
                       and change_fingerprint(c) == decision.fingerprint), None)
        if target is None and old_id != "-":
            target = next((c for c in free if c.kind == kind and c.old is not None and c.old.id == old_id), None)
        if target is None:
            decisions[key] = decision
        else:
            decisions[change_key(target)] = decision
            free.remove(target)
    return replace(review, decisions=decisions)


def apply_review(diff: Diff, review: Review) -> Diff:
    """The diff as reviewed: each change with a current override takes the reviewer's materiality.

    An overridden change gets material and severity replaced and a Reason("override", reason)
    appended; overridden to not material it no longer asks for fresh consent. Stale decisions are
    not applied. The classifier's own reasons stay, so a report shows both.
    """
    review = follow(review, diff)
    changes = []
    for change in diff.changes:
        decision = review.decisions.get(change_key(change))
        if decision is None or decision.override is None or is_stale(decision, change):
            changes.append(change)
            continue
        severity: Severity
        if decision.override:
            severity = "material"
        else:
            severity = change.severity if change.severity != "material" else "editorial"
        reason = Reason("override", decision.override_reason or "overridden by the reviewer", severity)
        changes.append(replace(change, material=decision.override, severity=severity,
                               reasons=(*change.reasons, reason), consent=change.consent and decision.override))
    return replace(diff, changes=tuple(changes))
