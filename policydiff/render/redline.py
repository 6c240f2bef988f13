"""What the two whole-document redlines (HTML and Word) say besides the document itself.

Counsel sign a redline off, so its cover must carry everything the terminal diff says: both
versions with their labels and dates, when the comparison was made and by which version of the
tool, the notice verdict with the figures behind it, the counts, the defects of the new version and
what the reader must know about how the inputs were read. Both renderers take these facts from here
as plain strings and only decide how they look (each escapes them for its own destination).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from policydiff import __version__
from policydiff.model import DatedValue, Diff, Document
from policydiff.notice.window import NoticeCheck, check_notice
from policydiff.view import DiffView, redline_title

AUTHOR = "policydiff"
"""The author of every tracked change and comment in the Word redline."""

_SOURCES = {"option": "given on the command line", "last-updated": "the new version's last-updated date, standing "
            "in for the day users are told", "document": "stated in the new version", "today": "today, standing in",
            "missing": "not stated"}

_READING_NOTES = ("tracked changes", "word comments", "comments in", "list numbering")
"""Notes of the parsers a reader of the redline must see: how a Word file's revisions were read."""


@dataclass(frozen=True, slots=True)
class Cover:
    """The facts a redline states before the document."""

    title: str
    compared: datetime
    """When the comparison was made (UTC)."""
    tool: str
    """"policydiff 0.1.0"."""
    versions: tuple[tuple[str, str, str], ...]
    """(label, old, new) rows: source, version, effective, last updated."""
    verdict: str
    """The notice verdict's headline: "✗ not compliant: 11 of 30 days"."""
    passed: bool
    notice: tuple[str, ...]
    """The figures behind the verdict, one line each."""
    notice_notes: tuple[str, ...]
    summary: str
    """"3 modified, 1 moved — 2 material · 1 of structure only"."""
    defects: tuple[tuple[str, str, str], ...]
    """(clause id, code, detail) for each defect of the new version."""
    structure: tuple[str, ...]
    """Each change of structure alone in words."""
    notes: tuple[str, ...]
    """How the inputs were read (a Word file's tracked changes accepted, its comments ignored)."""


def cover(diff: Diff, notice: NoticeCheck | None = None, compared: datetime | None = None) -> Cover:
    """The cover facts of a diff; the notice verdict is computed with default settings when not given."""
    notice = notice if notice is not None else check_notice(diff)
    compared = compared or datetime.now(timezone.utc).replace(microsecond=0)
    rows = tuple(zip(("Source", "Version", "Effective", "Last updated"), _facts(diff.old), _facts(diff.new)))
    figures = [f"required: {notice.required_text}" + (f" (clause {notice.promise.clause_id} of the old version)"
                                                      if notice.promise.clause_id else "")]
    if notice.notice_date is not None:
        figures.append(f"notice date: {notice.notice_date.isoformat()} ({_SOURCES[notice.notice_source]})")
    figures.append(f"effective: {_iso(notice.effective)} ({_SOURCES[notice.effective_source]})")
    if notice.days_given is not None and notice.days_given < 0:
        figures.append(f"days given: none: it {notice.days_text()}")
    elif notice.days_given is not None:
        figures.append(f"days given: {notice.days_given}" + (f" of {notice.days_required} required"
                                                             if notice.days_required is not None else ""))
    if notice.earliest is not None and not notice.passed:
        figures.append(f"earliest compliant effective date: {notice.earliest.isoformat()}")
    if notice.consent:
        figures.append(f"changes needing fresh opt-in consent: {len(notice.consent)}")
    notes = tuple(f"{document.source}: {note}" for document in (diff.old, diff.new) for note in document.notes
                  if note.lower().startswith(_READING_NOTES))
    view = DiffView(diff)
    return Cover(
        title=redline_title(diff), compared=compared, tool=f"policydiff {__version__}", versions=rows,
        verdict=("✓ " if notice.passed else "✗ ") + notice.headline(), passed=notice.passed,
        notice=tuple(figures), notice_notes=notice.notes, summary=view.summary_line(),
        defects=tuple((d.clause_id, d.code, d.detail) for d in diff.defects), structure=tuple(view.structure()),
        notes=tuple(dict.fromkeys(notes)))


def _facts(document: Document) -> tuple[str, str, str, str]:
    meta = document.metadata
    version = meta.version.version if meta.version and meta.version.version else "—"
    return document.source, version or "—", _dated(meta.effective), _dated(meta.last_updated)


def _dated(value: DatedValue | None) -> str:
    if value is None:
        return "—"
    return value.date.isoformat() if value.date else value.source


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else "none"
