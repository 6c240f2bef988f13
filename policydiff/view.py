"""One view of a diff's changes, read by every renderer: text, Markdown, HTML, the PR comment, the
check report, the review UI and the notice email.

For each change it works out once what they all show: its gutter mark, where it is (`location`,
and `ids` naming every clause of a split or merge), the section it stands in, the unchanged
clauses around it for `--context N`, and the facts of its verdict. Each renderer then only decides
how that looks in its medium; none computes a location, a section or a context of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from policydiff.model import Change, Clause, Diff, Document, Match, Reason, parent_map, section_heading

MARK = {"added": "+", "removed": "-", "modified": "~", "moved": "→", "renumbered": "≈", "split": "⑂",
        "merged": "⑃", "unchanged": " "}
"""A gutter mark per change kind, so colour is never the only signal (and NO_COLOR still reads)."""

KIND_ORDER = ("added", "removed", "modified", "moved", "renumbered", "split", "merged")


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change as every renderer shows it."""

    change: Change
    mark: str
    """The gutter mark of its kind."""
    location: str
    """"3/p2", or "5 → 6" when its id changed: where the change sits."""
    ids: str
    """The location naming every clause of a split or merge: "9/p2 → 9/p2 + 9/p3"."""
    section: Clause | None
    """The section the clause stands in (itself for a section), on the new side where there is one."""
    group: Clause | None
    """The section a listing groups the change under: for a section, the section enclosing it."""
    holder: Clause | None
    """The section holding the clause on the side its words are quoted from (the old side for a removal)."""
    before: tuple[Match, ...] = ()
    """Unchanged sibling clauses right before it (for --context N), in document order."""
    after: tuple[Match, ...] = ()
    """Unchanged sibling clauses right after it, in document order."""

    @property
    def kind(self) -> str:
        return self.change.kind

    @property
    def material(self) -> bool:
        return self.change.material

    @property
    def severity(self) -> str:
        """"material", "minor" or "editorial": the verdict."""
        return self.change.severity

    @property
    def direction(self) -> str | None:
        """"expands" or "restricts" what the company may do, for a material change that does either."""
        return self.change.direction if self.change.material and self.change.direction != "neutral" else None

    @property
    def consent(self) -> bool:
        """A regulator would expect fresh opt-in consent before applying it to data already collected."""
        return self.change.consent

    @property
    def leading_reasons(self) -> tuple[Reason, ...]:
        """The material reasons, or every reason when none is material: what a one-line summary quotes."""
        return tuple(r for r in self.change.reasons if r.severity == "material") or self.change.reasons

    @property
    def on_new(self) -> bool:
        """Its clause is read from the new version (the old one only for a removal)."""
        return self.change.new is not None


@dataclass
class DiffView:
    """A diff's changes as ChangeViews, with `context` unchanged neighbours each."""

    diff: Diff
    context: int = 0
    _views: dict[int, ChangeView] = field(default_factory=dict, repr=False)

    @cached_property
    def parents(self) -> dict[int, Clause]:
        return parent_map(self.diff.old, self.diff.new)

    @cached_property
    def _new_matches(self) -> dict[int, Match]:
        """The match of each clause of the new version, by identity."""
        return {id(m.new): m for m in self.diff.matches if m.new is not None}

    @cached_property
    def _old_matches(self) -> dict[int, Match]:
        """The match of each clause of the old version, by identity."""
        return {id(m.old): m for m in self.diff.matches if m.old is not None}

    def of(self, change: Change) -> ChangeView:
        """The view of one change of this diff."""
        key = id(change)
        if key not in self._views:
            before, after = self._context(change)
            self._views[key] = ChangeView(change, MARK[change.kind], change_location(change), change_ids(change),
                                          section_of(change.match), self._group(change), self._holder(change),
                                          before, after)
        return self._views[key]

    def changes(self, *, material_only: bool = False) -> list[ChangeView]:
        """The changes in document order."""
        return [self.of(c) for c in self.diff.changes if c.material or not material_only]

    def structure(self) -> list[str]:
        """The changes of structure alone, each in one line of words (listed apart, like renumbering)."""
        return [structure_entry(change) for change in self.diff.structure]

    def non_operative(self) -> list[ChangeView]:
        """The changes to non-operative text (banners, summaries of changes, change logs), in order."""
        return [self.of(c) for c in self.diff.non_operative]

    def ordered(self, *, material_only: bool = False) -> list[ChangeView]:
        """Material changes first, then the rest, each group in document order."""
        views = self.changes(material_only=material_only)
        return [v for v in views if v.material] + [v for v in views if not v.material]

    def summary_line(self) -> str:
        return summary_line(self.diff)

    def _group(self, change: Change) -> Clause | None:
        match = change.match
        clause = match.new or match.old
        section = match.new_section or match.old_section
        if clause is not None and clause.kind == "section":
            section = self.parents.get(id(clause))
            while section is not None and section.kind != "section":
                section = self.parents.get(id(section))
        return section

    def _holder(self, change: Change) -> Clause | None:
        clause: Clause | None = change.new or change.old
        while clause is not None and clause.kind != "section":
            clause = self.parents.get(id(clause))
        return clause

    def _context(self, change: Change) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
        """Up to `context` unchanged sibling clauses right before and right after a change (nearest
        first outwards, returned in document order), read from the side the change stands on."""
        n = self.context
        if n <= 0:
            return (), ()
        diff = self.diff
        on_new = change.new is not None
        document = diff.new if on_new else diff.old
        group = [change.new, *change.match.new_extra] if on_new else [change.old, *change.match.old_extra]
        by_clause = self._new_matches if on_new else self._old_matches
        first = group[0]
        assert first is not None
        siblings = _siblings(document, first)
        positions = [i for i, clause in enumerate(siblings) if any(clause is g for g in group)]
        if not positions:
            return (), ()

        def run(indices: range) -> list[Match]:
            found: list[Match] = []
            for i in indices:
                match = by_clause.get(id(siblings[i]))
                if match is None or match.kind != "unchanged" or len(found) == n:
                    break
                found.append(match)
            return found

        before = run(range(min(positions) - 1, -1, -1))
        return tuple(before[::-1]), tuple(run(range(max(positions) + 1, len(siblings))))


def _siblings(document: Document, clause: Clause) -> list[Clause]:
    if any(c is clause for c in document.clauses):
        return [c for c in document.clauses if c.role == "body"]
    for parent in document.walk():
        if any(c is clause for c in parent.children):
            return [c for c in parent.children if c.role == "body"]
    return []


def section_of(match: Match) -> Clause | None:
    """The section a clause of the alignment stands in (itself for a section), on the new side where
    there is one: what the review UI and the Markdown headings name."""
    return match.new_section or match.old_section


def change_location(change: Change) -> str:
    """"3/p2", "5 → 6" or "old 2/item-1 → new 4/item-3": where the change sits."""
    old, new = change.old, change.new
    if old is not None and new is not None and old.id != new.id:
        return f"{old.id} → {new.id}"
    clause = new or old
    assert clause is not None
    return clause.id


def change_ids(change: Change) -> str:
    """change_location, naming every clause of a split or merge: "9/p2 → 9/p2 + 9/p3"."""
    match = change.match
    if match.old_extra or match.new_extra:
        old = " + ".join(c.id for c in (match.old, *match.old_extra) if c)
        new = " + ".join(c.id for c in (match.new, *match.new_extra) if c)
        return f"{old} → {new}"
    return change_location(change)


def summary_line(diff: Diff) -> str:
    """"3 modified, 1 added, 2 renumbered — 2 material" (or "no changes"), with the changes listed
    apart: "· 1 of structure only · 2 in non-operative text"."""
    counts = diff.summary()
    parts = [f"{counts[kind]} {kind}" for kind in KIND_ORDER if counts[kind]]
    apart = []
    if counts["structure"]:
        apart.append(f"{counts['structure']} of structure only")
    if counts["non_operative"]:
        apart.append(f"{counts['non_operative']} in non-operative text")
    line = ", ".join(parts) + f" — {counts['material']} material" if parts else "no changes"
    return " · ".join([line, *apart]) if apart else line


def structure_entry(change: Change) -> str:
    """One change of structure alone in words: "“Cookies” retitled “Cookies and tracking” (s3)"."""
    old, new = change.old, change.new
    if change.kind in ("split", "merged"):
        single = old if change.kind == "split" else new
        parts = ", ".join(c.id for c in (new, *change.match.new_extra) if c is not None) if change.kind == "split" \
            else ", ".join(c.id for c in (old, *change.match.old_extra) if c is not None)
        if change.kind == "split":
            return f"{single.id if single else '?'} split into {parts}, no word changed"
        return f"{parts} merged into {single.id if single else '?'}, no word changed"
    if change.kind == "added":
        return f"heading added over clauses that stay: “{section_heading(new)}” ({new.id if new else '?'})"
    if change.kind == "removed":
        return f"heading removed, its clauses stay: “{section_heading(old)}” ({old.id if old else '?'})"
    return f"“{section_heading(old)}” retitled “{section_heading(new)}” ({change_location(change)})"


# --- is this pair of versions what the user meant? ------------------------------------------------------

FEW_SHARED = 0.2
"""Below this share of the smaller version's clauses found again in the other, the two are probably
not versions of one document (a real revision keeps most of its clauses; the corpus pairs keep 90%+)."""

MIN_CLAUSES = 4
"""Too few clauses to judge: a two-paragraph notice rewritten is still one document."""


def pair_warnings(diff: Diff, old_name: str, new_name: str) -> list[str]:
    """What looks wrong about OLD → NEW, each in one line: OLD dated after NEW (swapped?), or two files
    that share almost no clauses (not versions of one document?). Commands print them on stderr,
    the review screen as notifications; the result is shown all the same."""
    warnings = []
    swapped = _swapped(diff.old, diff.new)
    if swapped:
        label, old_date, new_date = swapped
        warnings.append(f"OLD ({old_name}, {label} {old_date.isoformat()}) looks newer than NEW ({new_name}, "
                        f"{label} {new_date.isoformat()}): are they swapped?")
    shared, total = shared_clauses(diff)
    if total >= MIN_CLAUSES and shared < FEW_SHARED * total:
        warnings.append(f"{old_name} and {new_name} share only {shared} of {total} clauses: are they versions "
                        "of the same document?")
    return warnings


def _swapped(old: Document, new: Document) -> tuple[str, date, date] | None:
    """(which date, OLD's, NEW's) when OLD's date is later than NEW's: effective first, else last updated."""
    for label, old_value, new_value in (("effective", old.metadata.effective, new.metadata.effective),
                                        ("last updated", old.metadata.last_updated, new.metadata.last_updated)):
        old_date = old_value.date if old_value is not None else None
        new_date = new_value.date if new_value is not None else None
        if old_date is not None and new_date is not None:
            return (label, old_date, new_date) if old_date > new_date else None
    return None


def shared_clauses(diff: Diff) -> tuple[int, int]:
    """(clauses found on both sides, body clauses of the smaller version)."""
    old_body = sum(1 for clause in diff.old.walk() if clause.role == "body")
    new_body = sum(1 for clause in diff.new.walk() if clause.role == "body")
    shared = sum(1 + len(match.old_extra) for match in diff.matches
                 if match.old is not None and match.new is not None and match.old.role == "body")
    return shared, min(old_body, new_body)
