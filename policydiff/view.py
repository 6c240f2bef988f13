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
from itertools import zip_longest
from pathlib import PurePath

from policydiff.align.inline import exact_spans, inline_diff
from policydiff.align.normalize import normalise
from policydiff.model import (Change, Clause, ClauseRole, Diff, Document, Match, Reason, Span, clause_text,
                              parent_map, section_heading)

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

    @property
    def verdict(self) -> str:
        """The verdict in words, as every renderer words it: "material · expands · needs fresh consent",
        "minor", "editorial"."""
        return " · ".join([self.severity, *filter(None, [self.direction]),
                           *(["needs fresh consent"] if self.consent else [])])

    @property
    def reason_lines(self) -> tuple[str, ...]:
        """Each reason as "code: detail", material ones first."""
        reasons = sorted(self.change.reasons, key=lambda r: r.severity != "material")
        return tuple(f"{r.code}: {r.detail}" for r in reasons)


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

    def rows(self) -> list[Row]:
        """The whole document for a redline: every clause of the new version in its reading order, the
        removed ones where they stood and the place each moved clause left, each with its words from
        the old version into the new and the change it is shown under. Page furniture is left out."""
        return _Walk(self).rows()

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
    hidden = next((reason.detail for reason in change.reasons if reason.code == "invisible-changed"), None)
    if hidden:
        return f"{hidden}, the words unchanged ({change_location(change)})"
    return f"“{section_heading(old)}” retitled “{section_heading(new)}” ({change_location(change)})"


# --- the whole document, for redlines ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Row:
    """One clause of a whole-document redline (HTML, Word), in the new version's reading order."""

    kind: str
    """The alignment's kind for the clause ("unchanged", "added", "modified", "moved"...), or
    "moved-away" for the place a moved clause left: its old words, linked to where it went."""
    old: Clause | None
    new: Clause | None
    role: ClauseRole
    """body, title, metadata or non-operative (page furniture is not shown)."""
    depth: int
    """How deep the clause sits in its document's tree (0: top level)."""
    level: int
    """For a section, its heading level (1: a top-level section); 0 for any other clause."""
    spans: tuple[Span, ...]
    """The clause as printed (a section's number and heading, an item's number and text), word by word
    from the old version into the new; for split and merged clauses, all of them joined."""
    change: ChangeView | None = None
    """The change the clause is shown under: its own, or that of the section added, removed or moved
    with it. None for unchanged clauses and changes of structure alone."""
    opens: bool = False
    """The first row of its change: where its verdict goes."""
    moved: bool = False
    """Part of a move: drawn in the move colour, its old words standing at the place it left."""
    structure: Change | None = None
    """The change of structure alone the clause shows: a retitled heading, a heading added over (or
    removed from over) clauses that stay, a split or merge with no word changed."""
    anchor: str = ""
    """An id to link to: "new-3/p1", or "old-11" for the place a moved clause left."""
    partner: str | None = None
    """For a moved clause and the place it left, the other's anchor."""
    old_extra: tuple[Clause, ...] = ()
    """The other old clauses of a merge."""
    new_extra: tuple[Clause, ...] = ()
    """The other new clauses of a split."""
    items: int = 0
    """How many list items deep the clause is (1 for a top-level item, 2 for an item inside it; 0 for
    a paragraph, a section or a table row): its indent."""

    @property
    def clause(self) -> Clause:
        """The clause shown: the new one, or the old one where only it exists."""
        clause = self.new or self.old
        assert clause is not None
        return clause

    @property
    def table_row(self) -> bool:
        return self.clause.kind == "table-row"

    def exact(self) -> tuple[Span, ...]:
        """The row's words, exact: the equal and deleted runs join into the old clause as printed, the
        equal and inserted runs into the new one (a Word document must read back as either version)."""
        return exact_spans(_joined(self.old, self.old_extra), _joined(self.new, self.new_extra))

    def cells(self, *, exact: bool = False) -> tuple[tuple[Span, ...], ...]:
        """A table row's cells, each word by word from the old row into the new, cell by cell."""
        pairs = zip_longest(self.old.cells if self.old else (), self.new.cells if self.new else (), fillvalue="")
        return tuple((exact_spans if exact else inline_diff)(old, new) for old, new in pairs)


def printed(clause: Clause | None) -> str:
    """A clause as a reader sees it printed: a section's number and heading (clause_text), an item's or
    numbered paragraph's number before its text."""
    if clause is None:
        return ""
    if clause.kind == "section" or not clause.number:
        return clause_text(clause) or ""
    return f"{clause.number} {clause.full_text}".strip()


def anchor(clause: Clause, side: str = "new") -> str:
    """The id a redline gives a clause, to link to it: "new-3/p1" (a defect's clause), "old-11"."""
    return f"{side}-{clause.id}"


def redline_title(diff: Diff) -> str:
    """What a redline is titled: the new version's title, the old one's, else the new file's name
    (never "Untitled policy": a real page without a detected title still has a name)."""
    return diff.new.title or diff.old.title or PurePath(diff.new.source.split(":")[-1]).name or diff.new.source


def _joined(clause: Clause | None, extra: tuple[Clause, ...]) -> str:
    return " ".join(filter(None, [printed(clause), *(printed(c) for c in extra)]))


_SHOWN_ROLES = ("body", "non-operative")
_META_ROLES = ("title", "metadata")


class _Walk:
    """Builds DiffView.rows(): the body's and the non-operative text's alignments, and the title and
    header lines paired in order, merged into the new version's reading order; then the place each
    moved clause left, after the clause that preceded it in the old version."""

    def __init__(self, view: DiffView) -> None:
        self.view = view
        self.diff = view.diff
        changes = (*self.diff.changes, *self.diff.non_operative)
        self.own = {id(c.match): view.of(c) for c in changes}
        self.structure = {id(c.match): c for c in self.diff.structure}
        self.member: dict[int, ChangeView] = {}
        self.moved: set[int] = set()
        for change in changes:
            for clause in change.match.contents:
                self.member[id(clause)] = self.own[id(change.match)]
            if change.kind == "moved" and change.new is not None:
                self.moved.update([id(change.new), *(id(c) for c in change.match.contents)])
        self.depth: dict[int, tuple[int, int]] = {}
        self.items: dict[int, int] = {}
        for document in (self.diff.old, self.diff.new):
            for clause in document.clauses:
                self._measure(clause, 0, 0, 0)

    def _measure(self, clause: Clause, depth: int, level: int, items: int) -> None:
        level += clause.kind == "section"
        items = items + 1 if clause.kind == "list-item" else 0
        self.depth[id(clause)] = (depth, level if clause.kind == "section" else 0)
        self.items[id(clause)] = items
        for child in clause.children:
            self._measure(child, depth + 1, level, items)

    def rows(self) -> list[Row]:
        rows = [self._row(match, role) for match, role in self._merged()]
        return self._with_places_left(rows)

    def _merged(self) -> list[tuple[Match, ClauseRole]]:
        """Every match of the three alignments, in the new version's reading order."""
        position = {id(c): i for i, c in enumerate(self.diff.new.walk())}
        keyed: list[tuple[tuple[int, int, int, int], Match, ClauseRole]] = []
        lists: list[tuple[ClauseRole, tuple[Match, ...]]] = [
            ("metadata", self._header_matches()), ("body", self.diff.matches),
            ("non-operative", self.diff.non_operative_matches)]
        went = {id(m.old): position.get(id(m.new), -1) for _, matches in lists for m in matches
                if m.old is not None and m.new is not None}
        old_order = list(self.diff.old.walk())
        old_index = {id(c): i for i, c in enumerate(old_order)}
        for rank, (role, matches) in enumerate(lists):
            for order, match in enumerate(matches):
                if match.new is not None:
                    keyed.append(((position.get(id(match.new), -1), 0, rank, order), match, role))
                    continue
                after = -1  # a removed clause stands after the clause that preceded it in the old version
                for j in range(old_index.get(id(match.old), 0) - 1, -1, -1):
                    if id(old_order[j]) in went:
                        after = went[id(old_order[j])]
                        break
                # removed clauses after the same kept one stand in their old order, whatever alignment
                # they come from (a removed summary before the removed paragraph that followed it)
                keyed.append(((after, 1, old_index.get(id(match.old), -1), order), match, role))
        keyed.sort(key=lambda entry: entry[0])
        return [(match, role) for _, match, role in keyed]

    def _header_matches(self) -> tuple[Match, ...]:
        """The title and the header lines (dates, version) of both versions, paired in order."""
        def lines(document: Document, role: str) -> list[Clause]:
            return [c for c in document.walk() if c.role == role and c.id != "front-matter"]

        matches = []
        for role in _META_ROLES:
            for old, new in zip_longest(lines(self.diff.old, role), lines(self.diff.new, role)):
                if old is None or new is None:
                    matches.append(Match("added" if old is None else "removed", old, new, 0.0))
                else:
                    same = normalise(old.full_text) == normalise(new.full_text)
                    matches.append(Match("unchanged" if same else "modified", old, new, 1.0 if same else 0.5))
        return tuple(matches)

    def _row(self, match: Match, role: ClauseRole) -> Row:
        clause = match.new or match.old
        assert clause is not None
        if role == "metadata":
            role = clause.role
        depth, level = self.depth.get(id(clause), (0, 0))
        own = self.own.get(id(match))
        change = own or self.member.get(id(clause))
        moved = match.new is not None and id(match.new) in self.moved
        old, new = _joined(match.old, match.old_extra), _joined(match.new, match.new_extra)
        spans = inline_diff(old, new)
        partner = anchor(match.old, "old") if match.kind == "moved" and match.old is not None else None
        return Row(match.kind, match.old, match.new, role, depth, level, spans, change, own is not None, moved,
                   self.structure.get(id(match)), anchor(clause, "new" if match.new is not None else "old"),
                   partner, match.old_extra, match.new_extra, self.items.get(id(clause), 0))

    def _with_places_left(self, rows: list[Row]) -> list[Row]:
        """The rows with, for each moved clause, its old words where it stood, after the row of the
        clause that preceded it in the old version."""
        old_row = {id(row.old): i for i, row in enumerate(rows) if row.old is not None and not row.moved}
        old_order = [c for c in self.diff.old.walk() if c.role in _SHOWN_ROLES]
        index = {id(c): i for i, c in enumerate(old_order)}
        partner_of = {id(row.old): row for row in rows if row.old is not None and row.new is not None}
        inserts: dict[int, list[Row]] = {}
        for change in (*self.diff.changes, *self.diff.non_operative):
            if change.kind != "moved" or change.old is None or change.new is None:
                continue
            view = self.own[id(change.match)]
            along = {id(c) for c in change.match.contents} | {id(change.new)}
            left = []
            for clause in change.old.walk():
                went = partner_of.get(id(clause))
                if went is None or went.new is None or id(went.new) not in along:
                    continue
                depth, level = self.depth.get(id(clause), (0, 0))
                left.append(Row("moved-away", clause, None, clause.role, depth, level,
                                (Span("delete", printed(clause)),), view, False, True, None,
                                anchor(clause, "old"), anchor(went.new, "new") if clause is change.old else None,
                                items=self.items.get(id(clause), 0)))
            before = -1
            for j in range(index.get(id(change.old), 0) - 1, -1, -1):
                if id(old_order[j]) in old_row:
                    before = old_row[id(old_order[j])]
                    break
            inserts.setdefault(before, []).extend(left)
        out = list(inserts.get(-1, []))
        for i, row in enumerate(rows):
            out.append(row)
            out.extend(inserts.get(i, []))
        return out
# --- is this pair of versions what the user meant? ------------------------------------------------------

FEW_SHARED = 0.2
"""Below this share of the smaller version's clauses found again in the other, the two are probably
not versions of one document (a real revision keeps most of its clauses; the corpus pairs keep 90%+)."""

MIN_CLAUSES = 4
"""Too few clauses to judge: a two-paragraph notice rewritten is still one document."""


def language_note(diff: Diff) -> str | None:
    """"written in German → English: …" when either version is not in English; None when both are."""
    from policydiff.parse.language import ENGLISH, language_name

    old, new = diff.old.language, diff.new.language
    if old == new == ENGLISH:
        return None
    written = language_name(new) if old == new else f"{language_name(old)} → {language_name(new)}"
    return (f"written in {written}: policydiff's rules read English, so a clause in another language is "
            "judged by its numbers and structure only")


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
