"""The plain data that flows between policydiff's stages.

Everything here is a frozen, slotted dataclass so that a parsed document can be shared between the
diff engine, renderers and the terminal UI without anyone mutating it behind the others' backs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ClauseKind = Literal["section", "paragraph", "list-item", "table-row"]
"""What a clause is in the document's structure."""

ClauseRole = Literal["body", "title", "metadata", "furniture", "non-operative"]
"""Whether a clause is part of the policy itself, or the title, header metadata or page furniture
(navigation, calls to action, copyright lines, tables of contents) that sits around it, or text about
the terms that is not part of them (an update banner, a summary of changes, a change log)."""


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered section, paragraph, list item or table row, with its children."""

    id: str
    """Deterministic, unique within the document: "7.2", "3/p2", "1.1/item-3"."""
    kind: ClauseKind
    """section | paragraph | list-item | table-row."""
    text: str
    """The clause's own text, without its number, label or children, whitespace collapsed."""
    number: str | None = None
    """The number as printed: "7.2", "12", "(a)", "iv."; None when unnumbered."""
    heading: str | None = None
    """A section's heading, without its number."""
    label: str | None = None
    """A lead-in such as "Account Information." or "Encryption:", with its punctuation."""
    children: tuple[Clause, ...] = ()
    """Nested clauses, in document order."""
    lines: tuple[int, int] = (0, 0)
    """First and last source line (1-based, inclusive) the clause was read from, children excluded."""
    role: ClauseRole = "body"
    """body for the policy itself; title, metadata and furniture are kept so no line is lost."""
    cells: tuple[str, ...] = ()
    """A table row's cells, in order; empty for other kinds."""
    header: bool = False
    """True for a table's header row."""
    note: str | None = None
    """For furniture and non-operative clauses: what they were recognised as ("table of contents",
    "summary of changes", "change log", "update banner")."""
    written: str | None = None
    """The clause's text as written, when it held invisible characters (zero-width spaces, soft hyphens,
    bidi controls), control characters or look-alike letters of another script that `text` leaves out
    or folds to Latin, so that every rule reads the words a reader sees; None when nothing was hidden."""

    @property
    def full_text(self) -> str:
        """Label and text together, as a reader sees the clause."""
        if self.label and self.text:
            return f"{self.label} {self.text}"
        return self.label or self.text

    @property
    def display(self) -> str:
        """The heading for a section, else the clause's text: what an outline shows."""
        return self.heading or self.full_text

    def walk(self) -> Iterator[Clause]:
        """This clause and every descendant, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class DatedValue:
    """A date read from the document, with the words it was read from."""

    date: date | None
    """The date, or None where the words name no date ("next renewal")."""
    source: str
    """The source text, as written: "Effective Date: March 1, 2026"."""
    precision: Literal["day", "month"] = "day"
    """"month" where the words name a month but no day ("February 2026"): the date is its first day."""


@dataclass(frozen=True, slots=True)
class VersionRef:
    """A version label and its date, as in "Supersedes: Privacy Policy v1.0 (January 27, 2026)"."""

    version: str | None
    """The label as written, such as "v1.0" or "3.2"."""
    date: date | None
    """The date given beside the label, if any."""
    source: str
    """The source text it was read from."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a policy says about itself: its title, dates and version."""

    title: str | None = None
    effective: DatedValue | None = None
    """When this version takes effect."""
    last_updated: DatedValue | None = None
    """When this version was last revised."""
    version: VersionRef | None = None
    """This version's own label."""
    supersedes: VersionRef | None = None
    """The version this one replaces."""


SourceFormat = Literal["text", "markdown", "html", "docx", "pdf"]


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed policy: metadata plus the clause tree, in document order."""

    metadata: Metadata
    clauses: tuple[Clause, ...]
    """Top-level clauses, including title, metadata and furniture clauses (see Clause.role)."""
    source: str = "<text>"
    """Where the text came from: a path, "REV:PATH", or "<text>"."""
    format: SourceFormat = "text"
    """The source format the parser read."""
    structured: bool = True
    """False when no headings or lists were found and the text was read as plain paragraphs."""
    notes: tuple[str, ...] = field(default=())
    """Things the parser wants the reader to know (dropped HTML chrome, guessed structure)."""
    language: str = "en"
    """The language the body is written in, as a code ("en", "de", "zh"): policydiff's rules read
    English, and a clause in another language is judged by its numbers, dates and structure only."""

    @property
    def title(self) -> str | None:
        return self.metadata.title

    def walk(self) -> Iterator[Clause]:
        """Every clause in document order, depth first."""
        for clause in self.clauses:
            yield from clause.walk()

    def body(self) -> Iterator[Clause]:
        """Every clause of the policy itself, skipping title, metadata, furniture and non-operative text."""
        return (clause for clause in self.walk() if clause.role == "body")

    def non_operative(self) -> Iterator[Clause]:
        """Every clause about the terms rather than of them: banners, summaries of changes, change logs."""
        return (clause for clause in self.walk() if clause.role == "non-operative")

    def find(self, clause_id: str) -> Clause | None:
        """The clause with this id, or None."""
        return next((clause for clause in self.walk() if clause.id == clause_id), None)


def parent_map(*documents: Document | None) -> dict[int, Clause]:
    """For every clause of these documents, by identity, the clause that contains it."""
    parents: dict[int, Clause] = {}
    for document in documents:
        if document is not None:
            for clause in document.walk():
                for child in clause.children:
                    parents[id(child)] = clause
    return parents


def clause_text(clause: Clause | None) -> str | None:
    """The text a change shows for a clause: a section's numbered heading (and its own text, if any),
    else its label and text; None for no clause."""
    if clause is None:
        return None
    if clause.kind == "section":
        heading = " ".join(part for part in (clause.number, clause.heading) if part)
        return f"{heading} {clause.full_text}".strip() if clause.full_text else heading
    return clause.full_text


def section_heading(clause: Clause | None) -> str | None:
    """A section's heading with its number ("3. How We Share Your Information"); None when it has neither."""
    if clause is None:
        return None
    return " ".join(part for part in (clause.number, clause.heading) if part) or None


# --- diffs ------------------------------------------------------------------------------------------

ChangeKind = Literal["added", "removed", "modified", "moved", "renumbered", "split", "merged"]
"""What happened to a clause between two versions."""

MatchKind = Literal["unchanged", "added", "removed", "modified", "moved", "renumbered", "split", "merged"]
"""A ChangeKind, or unchanged for clauses that correspond with the same text."""

Severity = Literal["material", "minor", "editorial"]


@dataclass(frozen=True, slots=True)
class Span:
    """One run of a word-level inline diff: text both sides share, or text only one side has."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a change is (or is not) material, in words a reviewer can check against the text."""

    code: str
    """Stable machine code: "unclassified", "renumbered", "duration-changed"..."""
    detail: str
    """One line of plain English quoting the words that changed."""
    severity: Severity = "material"


@dataclass(frozen=True, slots=True)
class Match:
    """One step of the alignment: an old clause, a new clause, or both, and how they correspond.

    Split and merged steps carry the extra clauses in `old_extra` / `new_extra`.
    """

    kind: MatchKind
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0
    """0 to 1: how alike the two texts are (1 for identical, 0 where one side is absent)."""
    old_extra: tuple[Clause, ...] = ()
    new_extra: tuple[Clause, ...] = ()
    old_section: Clause | None = None
    """The section the old clause stands in (itself when it is a section). For an added clause, the
    old section corresponding to the section it was added to."""
    new_section: Clause | None = None
    """The section the new clause stands in; for a removed clause, where its section is now."""
    implied: bool = False
    """True for a clause reported through its parent: a child of an added or removed section."""
    contents: tuple[Clause, ...] = ()
    """For an added or removed clause: the clauses reported with it (its descendants that were added or
    removed too, in document order). Empty for a heading added above, or removed from over, clauses
    that stay: that is a change of headings, not of terms. For a moved clause: the new clauses that
    moved along with it."""


@dataclass(frozen=True, slots=True)
class Change:
    """A change a reviewer must see: a Match that is not unchanged, with its inline diff and verdict."""

    match: Match
    spans: tuple[Span, ...]
    """Word-level diff of the old text into the new (empty for pure moves and renumbering)."""
    material: bool
    severity: Severity
    categories: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    direction: Literal["expands", "restricts", "neutral"] = "neutral"
    """For a material change: does it expand what the company may do, restrict it, or neither."""
    consent: bool = False
    """A regulator would expect fresh opt-in consent before applying it to data already collected."""

    @property
    def kind(self) -> ChangeKind:
        return self.match.kind  # type: ignore[return-value]

    @property
    def old(self) -> Clause | None:
        return self.match.old

    @property
    def new(self) -> Clause | None:
        return self.match.new


@dataclass(frozen=True, slots=True)
class Defect:
    """A problem of one version itself (not an edit): a reference left pointing at the wrong section."""

    code: str
    """"dangling-xref", ..."""
    clause_id: str
    """The clause that holds the problem, in the version it belongs to."""
    quote: str
    """The words at fault, as written: "see Section 5"."""
    detail: str
    """One line of plain English."""


@dataclass(frozen=True, slots=True)
class Diff:
    """Two versions of a policy aligned clause by clause, with the changes that matter."""

    old: Document
    new: Document
    matches: tuple[Match, ...]
    """The whole alignment in new-document order (removed clauses where they stood), unchanged included."""
    changes: tuple[Change, ...]
    """The changes in new-document order, each at the finest level that changed (a paragraph, not
    its section); unchanged and implied matches are not listed."""
    timings: dict[str, float] = field(default_factory=dict)
    """Milliseconds spent per stage (read, parse, align, classify, render)."""
    defects: tuple[Defect, ...] = ()
    """Problems of the new version the diff revealed, such as dangling cross-references."""
    structure: tuple[Change, ...] = ()
    """Changes of structure alone: a section retitled, a heading added above (or removed from over)
    clauses that stay where they were, a clause split or merged without a word changed. Editorial;
    listed apart from the terms, like renumbering."""
    non_operative: tuple[Change, ...] = ()
    """Changes to text about the terms rather than of them (update banners, summaries of changes,
    change logs): never material, listed apart from the terms."""
    non_operative_matches: tuple[Match, ...] = ()
    """The alignment of the non-operative text, aligned on its own, in new-document order (removed
    clauses where they stood), unchanged included: what a whole-document redline walks."""

    def summary(self) -> dict[str, int]:
        """A count per change kind, how many changes are material, and how many changes of structure
        alone and of non-operative text are listed apart."""
        counts = {kind: 0 for kind in ("added", "removed", "modified", "moved", "renumbered", "split", "merged")}
        for change in self.changes:
            counts[change.kind] += 1
        counts["material"] = sum(1 for change in self.changes if change.material)
        counts["structure"] = len(self.structure)
        counts["non_operative"] = len(self.non_operative)
        return counts
