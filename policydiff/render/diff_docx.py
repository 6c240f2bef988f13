"""A Diff as a Word redline: the new version whose changes are Word's own tracked changes.

Counsel circulate redlines in Word, and review them with Word's Accept and Reject. So this writes the
new version (python-docx: heading styles for sections, list styles for items, tables as tables,
numbers kept as printed) and marks every difference from the old version as a native revision by
"policydiff": inserted words in `w:ins`, deleted words in `w:del`, a moved clause as `w:moveFrom` at
the place it left and `w:moveTo` where it went (Word has no moves of table rows: those are deleted
and inserted). Whole clauses added or removed carry their paragraph mark's revision too, so Accept
All gives exactly the new version's clauses and Reject All exactly the old one's: every run comes from
`Row.exact()`, whose pieces join into either version as written.

Each material change gets a Word comment with its verdict, categories and reasons; each defect of the
new version, and non-operative text, a comment saying so; the title a comment with the cover (notice
verdict, counts, comparison date, tool version). python-docx writes the document, its styles and the
comments; it has no API for revisions, so those few elements are made with its `OxmlElement`. Policy
text goes through `_xml_text`, which drops what XML cannot hold.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from policydiff.model import Diff, Span
from policydiff.notice.window import NoticeCheck
from policydiff.render.redline import AUTHOR, Cover, cover
from policydiff.view import ChangeView, DiffView, Row, printed

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
_NUMBERED_STYLES = ("List Continue", "List Continue 2", "List Continue 3")
"""Items with a printed number ("(a)") keep it as text, in a list style that adds no number of its own."""


def render_docx_diff(diff: Diff, *, notice: NoticeCheck | None = None, compared: datetime | None = None) -> bytes:
    """The Word redline of a diff, as the bytes of a .docx file."""
    import docx

    facts = cover(diff, notice, compared)
    document = docx.Document()
    writer = _Writer(document, facts)
    writer.write(DiffView(diff).rows())
    properties = document.core_properties
    properties.author = AUTHOR
    properties.title = _xml_text(f"Redline: {facts.title}")[:255]
    properties.comments = _xml_text(f"{facts.tool}, compared {facts.compared.isoformat()}: {facts.summary}")[:255]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xml_text(text: str) -> str:
    """Text Word XML can hold: control characters (other than tab and line ends) and lone surrogates
    dropped, so hostile policy text can neither break the file nor be refused by the XML writer."""
    return _XML_ILLEGAL.sub("", text)


class _Writer:
    """Writes rows as paragraphs and tables, numbering every revision and move."""

    def __init__(self, document: WordDocument, facts: Cover) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.document = document
        self.facts = facts
        self.element = OxmlElement
        self.qn = qn
        self.stamp = facts.compared.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 1000  # revision ids; comment ids are python-docx's own, from 0
        self.moves: dict[int, int] = {}  # a moved change's view -> its move name's number
        self.runs: dict[int, list[Run]] = {}  # a change's view -> the runs it spans, for its comment
        self.paragraphs: dict[str, Paragraph] = {}  # anchor -> first paragraph of a row, for defects
        self.views: dict[int, ChangeView] = {}
        self.style_ids: dict[str, str] = {}
        self.wraps: list[tuple[Run, str]] = []  # runs to wrap in their revision once comments are anchored

    # --- the document ---------------------------------------------------------------------------------

    def write(self, rows: list[Row]) -> None:
        self._page_furniture()
        table: list[Row] = []
        previous = ""
        for row in rows:
            if row.table_row:
                table.append(row)
                continue
            if table:
                self._table(table)
                table = []
            self._row(row, first_apart=row.role == "non-operative" and previous != "non-operative")
            previous = row.role
        if table:
            self._table(table)
        self._comments(rows)

    def _page_furniture(self) -> None:
        """The running header and page numbers: outside the body, so they change no version's text."""
        section = self.document.sections[0]
        old, new = (dict((label, value) for label, *values in self.facts.versions for value in values[i:i + 1])
                    for i in (0, 1))
        label = f"{old.get('Version', '—')} → {new.get('Version', '—')}"
        header = section.header.paragraphs[0]
        header.text = _xml_text(f"Redline: {self.facts.title} · {label} · {self.facts.tool}")
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        footer._p.append(self._field("PAGE"))
        footer.add_run(" of ")
        footer._p.append(self._field("NUMPAGES"))

    def _field(self, name: str) -> Any:
        field = self.element("w:fldSimple", attrs={self.qn("w:instr"): f" {name} "})
        run = self.element("w:r")
        text = self.element("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        return field

    def _row(self, row: Row, *, first_apart: bool) -> None:
        if row.kind == "split" or row.kind == "merged":
            self._split_or_merge(row)
            return
        paragraph = self._paragraph(row)
        runs = self._runs(paragraph, row, row.exact(), bold=row.role == "title")
        self._mark_paragraph(paragraph, row)
        self._note(row, runs)
        if first_apart:
            what = row.clause.note or "non-operative text"
            self._comment(runs, [f"Not part of the terms: {what}.",
                                 "policydiff aligns it on its own; its changes are never material."])

    def _split_or_merge(self, row: Row) -> None:
        """One clause became several (or the reverse): the old ones deleted, the new ones inserted, whole."""
        runs: list[Run] = []
        for clause, op in [*((c, "delete") for c in (row.old, *row.old_extra)),
                           *((c, "insert") for c in (row.new, *row.new_extra))]:
            if clause is None:
                continue
            paragraph = self._paragraph(row)
            part = Row("removed" if op == "delete" else "added", clause if op == "delete" else None,
                       clause if op == "insert" else None, row.role, row.depth, row.level,
                       (Span(op, printed(clause)),), items=row.items)  # type: ignore[arg-type]
            runs += self._runs(paragraph, part, part.spans)
            self._mark_paragraph(paragraph, part)
        self._note(row, runs)

    def _paragraph(self, row: Row) -> Paragraph:
        """A new paragraph in the row's style (set by id: python-docx's lookup by name scans every style)."""
        paragraph = self.document.add_paragraph()
        name = self._style(row)
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        paragraph._p.style = self.style_ids[name]
        self.paragraphs.setdefault(row.anchor, paragraph)
        return paragraph

    def _style(self, row: Row) -> str:
        clause = row.clause
        if row.role == "title":
            return "Title"
        if row.role == "metadata":
            return "Subtitle"
        if row.role == "non-operative":
            return "Quote"
        if clause.kind == "section":
            return f"Heading {min(9, max(1, row.level))}"
        if clause.kind == "list-item":
            styles = _NUMBERED_STYLES if clause.number else _LIST_STYLES
            return styles[min(len(styles), max(1, row.items)) - 1]
        return "Normal"

    def _runs(self, paragraph: Paragraph, row: Row, spans: tuple[Span, ...], *, bold: bool = False) -> list[Run]:
        """The spans as runs, each inserted, deleted or moved one wrapped in its revision."""
        moved = row.moved and not row.table_row
        runs: list[Run] = []
        wrapped: list[tuple[Run, str]] = []
        for span in spans:
            if moved and span.op == "delete" and row.kind != "moved-away":
                continue  # the moved clause's old words stand, as moveFrom, at the place it left
            run = paragraph.add_run(_xml_text(span.text))
            if bold:
                run.bold = True
            runs.append(run)
            if span.op == "equal" and not moved:
                continue
            kind = {"insert": "w:ins", "delete": "w:del", "equal": "w:moveTo"}[span.op]
            if moved:
                kind = "w:moveFrom" if row.kind == "moved-away" else ("w:ins" if span.op == "insert" else "w:moveTo")
            wrapped.append((run, kind))
        if not runs:
            runs.append(paragraph.add_run(""))
        if moved:
            self._move_range(paragraph, row)
        self.wraps += wrapped
        return runs

    def _wrap(self, run: Run, kind: str) -> None:
        element = run._r
        wrapper = self.element(kind, attrs=self._revision())
        element.addprevious(wrapper)
        wrapper.append(element)
        if kind in ("w:del", "w:moveFrom"):
            for text in element.findall(self.qn("w:t")):
                deleted = self.element("w:delText", attrs={"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
                deleted.text = text.text
                text.addprevious(deleted)
                element.remove(text)

    def _revision(self, **extra: str) -> dict[str, str]:
        self.next_id += 1
        return {self.qn("w:id"): str(self.next_id), self.qn("w:author"): AUTHOR, self.qn("w:date"): self.stamp,
                **{self.qn(f"w:{key}"): value for key, value in extra.items()}}

    def _mark_paragraph(self, paragraph: Paragraph, row: Row) -> None:
        """A clause that exists on one side only: its paragraph mark is inserted (or deleted) too, so
        rejecting (or accepting) leaves no empty paragraph behind."""
        if row.moved:
            kind = "w:moveFrom" if row.kind == "moved-away" else "w:moveTo"
        elif row.old is None:
            kind = "w:ins"
        elif row.new is None:
            kind = "w:del"
        else:
            return
        properties = paragraph._p.get_or_add_pPr()
        marks = self.element("w:rPr")
        marks.append(self.element(kind, attrs=self._revision()))
        properties.append(marks)

    def _move_range(self, paragraph: Paragraph, row: Row) -> None:
        """Each moved paragraph is its own named move range, paired by name with the place it left."""
        key = id(row.old)  # the place it left and the place it went share the old clause
        number = self.moves.setdefault(key, len(self.moves) + 1)
        side = "moveFrom" if row.kind == "moved-away" else "moveTo"
        start = self.element(f"w:{side}RangeStart", attrs=self._revision(name=f"move{number}"))
        end = self.element(f"w:{side}RangeEnd", attrs={self.qn("w:id"): start.get(self.qn("w:id"))})
        properties = paragraph._p.pPr
        if properties is not None:
            properties.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)

    def _table(self, rows: list[Row]) -> None:
        width = max(max(len(r.old.cells) if r.old else 0, len(r.new.cells) if r.new else 0, 1) for r in rows)
        table: Table = self.document.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in rows:
            cells = row.cells(exact=True) if row.clause.cells else (row.exact(),)
            word_row = table.add_row()  # type: ignore[no-untyped-call]
            runs: list[Run] = []
            for cell, spans in zip(word_row.cells, cells):
                paragraph = cell.paragraphs[0]
                self.paragraphs.setdefault(row.anchor, paragraph)
                runs += self._runs(paragraph, row, spans, bold=row.clause.header)
            if row.old is None or row.new is None:
                properties = word_row._tr.get_or_add_trPr()
                properties.append(self.element("w:ins" if row.new is not None else "w:del", attrs=self._revision()))
            self._note(row, runs)

    # --- comments -------------------------------------------------------------------------------------

    def _note(self, row: Row, runs: list[Run]) -> None:
        """Remember the runs of a change, for the comment that will span them."""
        if row.change is not None and row.change.material and runs:
            self.runs.setdefault(id(row.change), []).extend(runs)
            self.views[id(row.change)] = row.change

    def _comments(self, rows: list[Row]) -> None:
        for key, runs in self.runs.items():
            view: ChangeView = self.views[key]
            categories = ", ".join(view.change.categories)
            self._comment(runs, [f"{view.verdict.capitalize()}: {view.kind} {view.ids}"
                                 + (f" ({categories})" if categories else ""), *view.reason_lines])
        for clause_id, code, detail in self.facts.defects:
            paragraph = self.paragraphs.get(f"new-{clause_id}")
            if paragraph is not None and paragraph.runs:
                self._comment([paragraph.runs[0], paragraph.runs[-1]], [f"Defect of the new version: {code}", detail])
        first = next(iter(self.paragraphs.values()), None)
        if first is not None and first.runs:
            facts = self.facts
            self._comment([first.runs[0], first.runs[-1]], [
                f"Redline by {facts.tool}, compared {facts.compared.strftime('%Y-%m-%d %H:%M UTC')}.",
                *(f"{label}: {old} → {new}" for label, old, new in facts.versions),
                f"Notice: {facts.verdict}", *facts.notice, *facts.notice_notes, f"Changes: {facts.summary}",
                *(f"Structure only: {entry}" for entry in facts.structure), *facts.notes])
        for run, kind in self.wraps:
            self._wrap(run, kind)

    def _comment(self, runs: list[Run], lines: list[str]) -> None:
        if not runs or not lines:
            return
        comment = self.document.add_comment([runs[0], runs[-1]], text=_xml_text(lines[0]), author=AUTHOR,
                                            initials="pd")
        for line in lines[1:]:
            comment.add_paragraph(_xml_text(line))
