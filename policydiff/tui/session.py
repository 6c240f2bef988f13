"""What a review session knows, without any Textual: the diff, the decisions, filters, navigation.

The screens read from a ReviewSession and ask it to change things; every decision is saved to the
review file at once, so quitting (or a crash) never loses more than the keystroke in flight.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from policydiff.model import Change, Clause, Diff, Match, parent_map
from policydiff.model import clause_text
from policydiff.review import (Decision, Review, apply_review, change_fingerprint, change_key, follow, is_reviewed,
                               is_stale, load_review, save_review)
from policydiff.view import KIND_ORDER, DiffView

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules
    from policydiff.model import Document
    from policydiff.sources import Tracked


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """Which clauses the tree lists and `n` / `p` visit; the default lists every change."""

    material_only: bool = False
    kind: str | None = None
    """Only changes of this kind (added, modified...)."""
    category: str | None = None
    """Only changes in this category (sharing, retention...)."""
    unreviewed: bool = False
    """Only changes not yet marked reviewed."""
    search: str | None = None
    """Only clauses whose text or id holds these words (case-insensitive); unchanged clauses included."""

    @property
    def active(self) -> bool:
        return self != ViewFilter()

    @property
    def about_changes(self) -> bool:
        """True when a part of the filter only a change can pass (so unchanged clauses never do)."""
        return self.material_only or self.unreviewed or self.kind is not None or self.category is not None

    def describe(self) -> str:
        """"material · sharing · “sell”", or "all changes"."""
        parts = [part for part in ("material" if self.material_only else None, self.kind, self.category,
                                   "unreviewed" if self.unreviewed else None) if part]
        if self.search:
            parts.append(f"“{self.search}”")
        return " · ".join(parts) or "all changes"


class DecisionFields(TypedDict, total=False):
    """What a key press can change in a decision."""

    reviewed: bool
    comment: str | None
    override: bool | None
    override_reason: str | None


class ReviewSession:
    """One diff under review, with its decisions, as the UI sees it (overrides applied)."""

    def __init__(self, diff: Diff, review: Review, path: Path, reviewer: str | None = None) -> None:
        self.diff = diff
        self.review = review
        self.path = path
        self.reviewer = reviewer
        """Who decides (git config user.name or --reviewer): stamped on every decision made here."""
        self.view = apply_review(diff, review)
        """The diff with the reviewer's overrides applied: what the UI, check and notice see."""
        self.shown = DiffView(self.view)
        """How each change (overrides applied) is shown: location, section, verdict."""
        self._index = {id(change.match): number for number, change in enumerate(diff.changes)}
        self._apart = {id(change.match): change for change in (*diff.structure, *diff.non_operative)}
        self.parents = parent_map(diff.old, diff.new)
        self._match_of = {id(clause): match for match in diff.matches for clause in (match.old, match.new) if clause}
        self.resumed_from: tuple[str, str] | None = None
        """(OLD, NEW) as the review file names them, when it held decisions already."""

    # --- reading -----------------------------------------------------------------------------------

    def change(self, match: Match) -> Change | None:
        """The change (overrides applied) this match is, or None for an unchanged or implied clause."""
        number = self._index.get(id(match))
        return None if number is None else self.view.changes[number]

    def apart(self, match: Match) -> Change | None:
        """The change listed apart (structure alone, or non-operative text) this match is, if it is one:
        shown in the tree's "listed apart" group, never counted among the changes to review."""
        return self._apart.get(id(match))

    def apart_changes(self) -> list[tuple[str, Change]]:
        """("structure" | "non-operative", change) for every change listed apart, in document order."""
        return [*(("structure", change) for change in self.diff.structure),
                *(("non-operative", change) for change in self.diff.non_operative)]

    def classified(self, match: Match) -> Change | None:
        """The change as the classifier saw it, before any override."""
        number = self._index.get(id(match))
        return None if number is None else self.diff.changes[number]

    def decision(self, match: Match) -> Decision | None:
        number = self._index.get(id(match))
        return None if number is None else self.review.decision(change_key(self.diff.changes[number]))

    def stale(self, match: Match) -> bool:
        """A decision made on other words than the change now has."""
        number = self._index.get(id(match))
        if number is None:
            return False
        original = self.diff.changes[number]
        return is_stale(self.review.decisions.get(change_key(original)), original)

    def reviewed(self, match: Match) -> bool:
        """Marked reviewed on the words the change has now (a stale mark is not reviewed)."""
        number = self._index.get(id(match))
        if number is None:
            return False
        original = self.diff.changes[number]
        return is_reviewed(self.review.decisions.get(change_key(original)), original)

    def overridden(self, match: Match) -> bool:
        change = self.change(match)
        return change is not None and change is not self.diff.changes[self._index[id(match)]]

    def parent(self, match: Match) -> Match | None:
        """The match of the clause containing this one (new side first, else old)."""
        clause = match.new if match.new is not None else match.old
        container = self.parents.get(id(clause))
        return None if container is None else self._match_of.get(id(container))

    def passes(self, match: Match, view: ViewFilter) -> bool:
        change = self.change(match)
        if change is None and not (view.search and not view.about_changes):
            return False
        if view.search and view.search.casefold() not in _text(match).casefold():
            return False
        if change is None:
            return True
        return ((not view.material_only or change.material) and (view.kind in (None, change.kind))
                and (view.category is None or view.category in change.categories)
                and not (view.unreviewed and self.reviewed(match)))

    def targets(self, view: ViewFilter) -> list[Match]:
        """The clauses `n` and `p` visit, in document order."""
        return [match for match in self.diff.matches if self.passes(match, view)]

    def find(self, clause_id: str) -> Match | None:
        """The clause with this id (or number) in the new version, else in the old one; else the one
        clause whose id ends with it ("10/row-2" for "s1/10/row-2", under an unnumbered section)."""
        wanted = clause_id.strip().rstrip(".")
        by_side: list[list[tuple[Clause, Match]]] = [
            [(c, m) for m in self.diff.matches for c in (m.new, *m.new_extra) if c is not None],
            [(c, m) for m in self.diff.matches for c in (m.old, *m.old_extra) if c is not None]]
        for pairs in by_side:
            for clause, match in pairs:
                if clause.id == wanted or (clause.number or "").rstrip(".") == wanted:
                    return match
        ending = {id(match): match for pairs in by_side for clause, match in pairs if clause.id.endswith("/" + wanted)}
        return next(iter(ending.values())) if len(ending) == 1 else None

    def ids(self) -> list[str]:
        """Every clause id on either side, new version first, for "did you mean"."""
        seen: dict[str, None] = {}
        for match in self.diff.matches:
            for clause in (match.new, *match.new_extra, match.old, *match.old_extra):
                if clause is not None:
                    seen.setdefault(clause.id)
        return list(seen)

    def facets(self) -> Iterator[tuple[str, str, int]]:
        """("kind" | "category", name, count) for every kind and category the changes have."""
        for kind in KIND_ORDER:
            count = sum(1 for change in self.diff.changes if change.kind == kind)
            if count:
                yield "kind", kind, count
        categories: dict[str, int] = {}
        for change in self.view.changes:
            for category in change.categories:
                categories[category] = categories.get(category, 0) + 1
        for category in sorted(categories):
            yield "category", category, categories[category]

    def tally(self) -> dict[str, int]:
        """The diff's counts, with reviewed (stale marks excluded), stale, overridden and changes."""
        counts = self.view.summary()
        pairs = [(self.review.decisions.get(change_key(change)), change) for change in self.diff.changes]
        counts["reviewed"] = sum(is_reviewed(decision, change) for decision, change in pairs)
        counts["stale"] = sum(is_stale(decision, change) for decision, change in pairs)
        counts["overridden"] = sum(decision is not None and decision.override is not None
                                   and not is_stale(decision, change) for decision, change in pairs)
        counts["changes"] = len(self.diff.changes)
        return counts

    # --- deciding ----------------------------------------------------------------------------------

    def decide(self, match: Match, **fields: Unpack[DecisionFields]) -> Decision:
        """Change the decision on a change and save the review file; returns the new decision.

        A stale decision was made on other words: deciding again keeps its comment, but its reviewed
        mark and its override are dropped unless this call sets them anew, for these words."""
        number = self._index[id(match)]
        original = self.diff.changes[number]
        key = change_key(original)
        decision = self.review.decision(key)
        if is_stale(decision, original):
            decision = replace(decision, reviewed=False, override=None, override_reason=None)
        decision = replace(decision, fingerprint=change_fingerprint(original), reviewer=self.reviewer, **fields)
        if decision.override is None:
            decision = replace(decision, override_reason=None)
        self.review = self.review.with_decision(key, decision)
        save_review(self.path, self.review)
        self.view = apply_review(self.diff, self.review)
        self.shown = DiffView(self.view)
        return self.review.decision(key)


def _text(match: Match) -> str:
    """What a search looks in: the clause's words and its id, on both sides."""
    return " ".join(f"{clause.id} {clause_text(clause) or ''}" for clause in (match.old, match.new)
                    if clause is not None)


def open_session(old: str, new: str, review_path: Path, max_bytes: int,
                 timings: dict[str, float] | None = None, *, rules: Rules | None = None,
                 documents: tuple[Document, Document] | None = None, reviewer: str | None = None) -> ReviewSession:
    """Load both versions (paths, REV:PATH or DOC@VERSION), diff them and read the review file;
    `documents` are both versions already loaded (the command checks them before the screen opens).

    Slow (parsing, git, alignment): the UI calls it in a worker thread.
    """
    timings = timings if timings is not None else {}
    start = time.perf_counter()
    result = load_diff(old, new, max_bytes, timings, rules=rules, documents=documents)
    timings["total"] = (time.perf_counter() - start) * 1000
    return session_for(result, old, new, review_path, reviewer)


def load_diff(old: str, new: str, max_bytes: int, timings: dict[str, float] | None = None, *,
              rules: Rules | None = None, documents: tuple[Document, Document] | None = None,
              tracked: Tracked = "accepted") -> Diff:
    """Both versions loaded (unless `documents` are given; a Word draft's tracked changes read `tracked`)
    and diffed: the slow part of opening a session."""
    from policydiff.api import diff_documents
    from policydiff.sources import load_document
    from policydiff.gcpause import paused_gc

    timings = timings if timings is not None else {}
    with paused_gc():
        pair = documents or (load_document(old, max_bytes, timings, tracked), load_document(new, max_bytes, timings, tracked))
        return diff_documents(*pair, timings, rules=rules)


def session_for(result: Diff, old: str, new: str, review_path: Path, reviewer: str | None = None) -> ReviewSession:
    """The session on a computed diff, with the decisions of the review file carried over; decisions
    made in it are stamped with `reviewer`."""
    review = load_review(review_path)
    session = ReviewSession(result, follow(replace(review, old=old, new=new), result), review_path, reviewer)
    session.resumed_from = (review.old, review.new) if review.decisions else None
    return session


def section_of(clause: Clause | None) -> str:
    """A clause's number (or id), for labels."""
    if clause is None:
        return "?"
    return clause.number.rstrip(".") if clause.number else clause.id
