"""A Diff as one standalone HTML redline a lawyer can open offline, read whole, and print.

Counsel read and sign off a redline of the whole document, as Word, Litera and Draftable show it:
every clause of the new version in its order, the changes in place in Word's convention (inserted
words underlined, deleted words struck through, moved text in its own colour with "moved from" and
"moved to" links), each change with its verdict and reasons, and a cover with the versions, the
notice verdict and the defects (render/redline.py). `changes_only` gives the compact view instead:
the changes, their section headings and `context` unchanged neighbours.

One HTML5 file with inline CSS, no scripts, fonts or network assets (it must open anywhere and leak
nothing); the only links point inside the page. Print CSS fills pages: headings stay with their first
lines, clauses may break across pages, and a browser prints a running header and page numbers.
Every mark is doubled by a gutter sign or a word, so colour is never the only signal. Policy text
goes through `html_safe`, the running header through `_css_string`.
"""

from __future__ import annotations

from datetime import datetime

from policydiff.model import Clause, Diff, Span, parent_map
from policydiff.notice.window import NoticeCheck
from policydiff.render.redline import Cover, cover
from policydiff.safe import html_safe
from policydiff.view import MARK, DiffView, Row, anchor, printed

_CSS = """
:root { color-scheme: light; --ins: #0b3d91; --del: #b00020; --move: #137333; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; overflow-wrap: anywhere; word-break: break-word; }
a { color: inherit; }
header.cover { font: 13px/1.45 system-ui, sans-serif; border-bottom: 2px solid #222; padding-bottom: .8rem;
               margin-bottom: 1.2rem; }
.kicker { color: #555; margin: 0; }
h1 { font: bold 1.6rem/1.25 Georgia, serif; margin: .2rem 0 .6rem; }
header h2 { font-size: .95rem; margin: .9rem 0 .25rem; text-transform: uppercase; letter-spacing: .04em; }
header ul { margin: .2rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #bbb; padding: .2rem .5rem; text-align: left; vertical-align: top; }
.verdict-line { font-size: 1.05rem; font-weight: bold; margin: .2rem 0; }
.fail { color: var(--del); } .pass { color: var(--move); }
.legend ins, .legend del, .legend .mv { padding: 0 .2rem; }
main h2, main h3, main h4, main h5, main h6 { margin: 1.1rem 0 .35rem; line-height: 1.3; }
main h2 { font-size: 1.2rem; } main h3 { font-size: 1.07rem; } main h4, main h5, main h6 { font-size: 1rem; }
.doc-title { font-size: 1.3rem; font-weight: bold; margin: 0 0 .3rem; }
.meta { color: #444; margin: 0 0 .2rem; font-size: .95rem; }
.clause { display: flex; gap: .5rem; margin: .25rem 0; }
.clause > .text { flex: 1; min-width: 0; margin: 0; }
.clause > .text > p { margin: 0 0 .3rem; }
.mark { font: bold 13px/1.6 ui-monospace, monospace; min-width: 1.1rem; color: #666; text-align: center;
        flex: none; }
.d0 { margin-left: 0; } .d1 { margin-left: 1.4rem; } .d2 { margin-left: 2.8rem; } .d3 { margin-left: 4.2rem; } .d4 { margin-left: 5.6rem; }
.label { font: 12px/1.4 system-ui, sans-serif; color: #333; margin: 0 0 .1rem; }
.bullet { color: #555; }
.id { font-family: ui-monospace, monospace; font-size: .9em; }
del { color: var(--del); text-decoration: line-through; background: #fde7ea; }
ins { color: var(--ins); text-decoration: underline; background: #e7effd; }
.moved ins, .moved .equal, .mv { color: var(--move); text-decoration: underline double; background: #eef8f0; }
.moved-away del, del.mv { color: var(--move); text-decoration: line-through double; background: #eef8f0; }
.verdict { font: 12.5px/1.45 system-ui, sans-serif; margin: .15rem 0 .5rem 1.6rem; padding: .25rem .6rem;
           border-left: 4px solid #999; background: #f6f6f6; }
.verdict.material { border-left-color: var(--del); background: #fff5f5; }
.verdict.moved { border-left-color: var(--move); background: #f1f9f3; }
.verdict ul { margin: .1rem 0 0; padding-left: 1.1rem; }
.flag { color: var(--del); font-weight: bold; }
.non-operative { background: #f4f4f0; border-left: 3px dotted #999; padding-left: .4rem; color: #333; }
.tag { font: 11px/1.4 system-ui, sans-serif; color: #666; text-transform: uppercase; letter-spacing: .04em; }
.gap { font: italic 13px/1.4 system-ui, sans-serif; color: #777; margin: .3rem 0 .3rem 2rem; }
table.policy { width: 100%; font-size: .93rem; }
table.policy td.mark { border: none; width: 1.1rem; padding: .2rem 0; }
table.policy tr.verdict-row > td { border: none; padding: 0; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1, h2, h3, h4, h5, h6, .label, .doc-title { break-after: avoid; break-inside: avoid; }
  .text, li { orphans: 2; widows: 2; }
  .verdict, .gap { break-inside: avoid; }
}
"""


_PAGE = """@page { size: A4; margin: 18mm 16mm 18mm 16mm;
  @top-left { content: RUNNING; font: 8pt system-ui, sans-serif; color: #555; }
  @top-right { content: "policydiff redline"; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #555; }
}
"""
"""Page size, margins, the running header (the title, escaped as a CSS string) and page numbers, which
Chromium and other browsers print in the page margins."""


def render_html_diff(diff: Diff, *, material_only: bool = False, context: int = 0, changes_only: bool = False,
                     notice: NoticeCheck | None = None, compared: datetime | None = None) -> str:
    """The diff as a standalone HTML redline: the whole new document with the changes in place, or with
    `changes_only` (implied by `material_only`) the changes with `context` unchanged neighbours each."""
    facts = cover(diff, notice, compared)
    view = DiffView(diff, context)
    compact = changes_only or material_only
    rows: list[Row | int] = _selected(view.rows(), view, material_only) if compact else list(view.rows())
    running = _css_string(f"Redline: {facts.title}")
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Redline: {html_safe(facts.title)}</title>",
           f"<style>{_CSS}{_PAGE.replace('RUNNING', running)}</style>",
           "</head>", "<body>", *_cover(facts, diff, compact, material_only), '<main class="document">']
    if compact and not rows:
        out.append('<p class="gap">No changes between these versions.</p>' if not diff.changes
                   else '<p class="gap">No material changes.</p>')
    out += _document(rows)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# --- the cover ------------------------------------------------------------------------------------------

def _cover(facts: Cover, diff: Diff, compact: bool, material_only: bool) -> list[str]:
    e = html_safe
    out = ['<header class="cover">',
           f'<p class="kicker">Redline · compared {e(facts.compared.strftime("%Y-%m-%d %H:%M UTC"))} · '
           f"{e(facts.tool)}</p>", f"<h1>{e(facts.title)}</h1>",
           "<table><tr><th></th><th>Old</th><th>New</th></tr>",
           *(f"<tr><th>{e(label)}</th><td>{e(old)}</td><td>{e(new)}</td></tr>" for label, old, new in facts.versions),
           "</table>", "<h2>Notice</h2>",
           f'<p class="verdict-line {"pass" if facts.passed else "fail"}">{e(facts.verdict)}</p>',
           "<ul>", *(f"<li>{e(line)}</li>" for line in facts.notice + facts.notice_notes), "</ul>",
           "<h2>Changes</h2>", f"<p>{e(facts.summary)}</p>"]
    material = [c for c in DiffView(diff).changes() if c.material]
    if material:
        out += ["<ul>", *(f'<li><a href="#{e(_anchor_of(c.change.new or c.change.old, c.change.new is not None))}">'
                          f'{e(c.mark)} {e(c.location)}</a> — {e(c.verdict)}: '
                          f'{e("; ".join(r.detail for r in c.leading_reasons))}</li>' for c in material), "</ul>"]
    if facts.defects:
        out += ["<h2>Defects of the new version</h2>", "<ul>",
                *(f'<li><a href="#{e(anchor(_clause_stub(clause_id)))}">! {e(clause_id)}</a> {e(code)}: {e(detail)}'
                  "</li>" for clause_id, code, detail in facts.defects), "</ul>"]
    if facts.structure and not material_only:
        out += ["<h2>Structure only (no term changed)</h2>", "<ul>",
                *(f"<li>{MARK['renumbered']} {e(entry)}</li>" for entry in facts.structure), "</ul>"]
    if facts.notes:
        out += ["<h2>How the inputs were read</h2>", "<ul>", *(f"<li>{e(note)}</li>" for note in facts.notes), "</ul>"]
    shown = ("Material changes only, with their sections." if material_only else
             "Changes only, with their sections." if compact else
             "The whole new version, every clause in order, with the changes in place. Page furniture (tables "
             "of contents, page controls) is left out.")
    out += [f'<p class="legend">{shown} Legend: <ins>inserted words</ins> · <del>deleted words</del> · '
            '<span class="mv">moved text</span> and <del class="mv">where it was</del>, with “moved from” and “moved '
            'to” links · marks: + added, − removed, ~ modified, → moved, ≈ renumbered, ⑂ split, ⑃ merged · '
            '<span class="flag">⚑</span> material change, with its reasons · '
            '<span class="non-operative">grey box</span>: non-operative text (banners, summaries of changes, '
            "change logs), not part of the terms.</p>", "</header>"]
    return out


def _clause_stub(clause_id: str) -> Clause:
    return Clause(clause_id, "paragraph", "")


def _anchor_of(clause: Clause | None, on_new: bool) -> str:
    assert clause is not None
    return anchor(clause, "new" if on_new else "old")


# --- which rows: all, or the changes with context -----------------------------------------------------

def _selected(rows: list[Row], view: DiffView, material_only: bool) -> list[Row | int]:
    """The compact view: changed rows (material ones only, if asked), their unchanged context, the headings
    of the sections they stand in, and between them how many clauses are not shown."""
    def wanted(row: Row) -> bool:
        if material_only:
            return row.change is not None and row.change.material
        return row.kind != "unchanged" or row.change is not None or row.structure is not None

    keep: set[int] = set()
    by_clause: dict[int, int] = {}
    for i, row in enumerate(rows):
        if row.kind != "moved-away":
            by_clause.update((id(clause), i) for clause in (row.old, row.new) if clause is not None)
    parents = parent_map(view.diff.old, view.diff.new)
    for i, row in enumerate(rows):
        if not wanted(row) or row.role in ("title", "metadata"):
            continue
        keep.add(i)
        if row.opens and row.change is not None:
            for match in (*row.change.before, *row.change.after):
                clause = match.new if row.change.on_new else match.old
                if id(clause) in by_clause:
                    keep.add(by_clause[id(clause)])
        parent = parents.get(id(row.clause))
        while parent is not None:
            if id(parent) in by_clause:
                keep.add(by_clause[id(parent)])
            parent = parents.get(id(parent))
    out: list[Row | int] = []
    skipped = 0
    for i, row in enumerate(rows):
        if i in keep:
            if skipped:
                out.append(skipped)
            out.append(row)
            skipped = 0
        elif row.role not in ("title", "metadata") and row.clause.kind != "section":
            skipped += 1
    if skipped and out:
        out.append(skipped)
    return out


# --- the document -----------------------------------------------------------------------------------------

def _document(rows: list[Row | int]) -> list[str]:
    out: list[str] = []
    table: list[Row] = []
    previous_role = ""
    for row in rows:
        if isinstance(row, Row) and row.table_row:
            table.append(row)
            continue
        if table:
            out += _table(table)
            table = []
        if isinstance(row, int):
            out.append(f'<p class="gap">⋯ {row} unchanged clause{"s" * (row != 1)} not shown</p>')
            continue
        out += _row(row, first_apart=row.role == "non-operative" and previous_role != "non-operative")
        previous_role = row.role
    if table:
        out += _table(table)
    return out


def _row(row: Row, *, first_apart: bool = False) -> list[str]:
    e = html_safe
    text = _spans(row)
    if row.kind == "split" and all(span.op == "equal" for span in row.spans):  # each new clause as it stands
        text = "".join(f"<p>{e(printed(c))}</p>" for c in (row.new, *row.new_extra) if c is not None)
    if row.role == "title":
        return [f'<p class="doc-title" id="{e(row.anchor)}">{text}</p>']
    if row.role == "metadata":
        return [f'<p class="meta" id="{e(row.anchor)}">{text}</p>']
    classes = [row.kind, *(["moved"] if row.moved and row.kind != "moved-away" else []),
               *(["non-operative"] if row.role == "non-operative" else [])]
    label = _label(row)
    bullet = '<span class="bullet">•</span> ' if row.clause.kind == "list-item" and not row.clause.number else ""
    tag = (f'<span class="tag">not part of the terms: {e(row.clause.note or "non-operative text")}</span> '
           if first_apart else "")
    if row.clause.kind == "section" and row.role == "body":
        level = min(6, row.level + 1)
        out = [f'<h{level} id="{e(row.anchor)}" class="{" ".join(classes)}"><span class="mark">'
               f"{_mark(row)}</span> {text}</h{level}>"]
        if label:
            out.append(f'<p class="label d0">{label}</p>')
    else:
        depth = min(4, row.items)
        out = [f'<div id="{e(row.anchor)}" class="clause d{depth} {" ".join(classes)}">'
               f'<span class="mark" title="{e(row.kind)}">{_mark(row)}</span>'
               f'<div class="text">{tag}{f"<p class=label>{label}</p>" if label else ""}{bullet}{text}</div></div>']
    return out + _verdict(row)


def _mark(row: Row) -> str:
    if row.kind == "moved-away":
        return "→"
    return MARK.get(row.kind, " ") if row.kind != "unchanged" or row.moved else ""


def _label(row: Row) -> str:
    """The words above a changed clause: what happened to it, with links for moves."""
    e = html_safe
    if row.kind == "moved-away" and row.partner:
        return f'Moved to <a href="#{e(row.partner)}">{e(row.partner.removeprefix("new-"))}</a> (was {e(row.clause.id)})'
    if row.kind == "moved" and row.partner:
        return f'Moved from <a href="#{e(row.partner)}">{e(row.partner.removeprefix("old-"))}</a>'
    if row.structure is not None:
        return f"{e(row.structure.kind.capitalize())} · structure only, no term changed"
    if row.kind in ("split", "merged"):
        parts = " + ".join(c.id for c in (row.new, *row.new_extra) if c) if row.kind == "split" else \
            " + ".join(c.id for c in (row.old, *row.old_extra) if c)
        return e(f"{row.kind.capitalize()}: {parts}")
    return ""


def _verdict(row: Row) -> list[str]:
    view = row.change
    if view is None or not row.opens or row.kind == "renumbered":
        return []
    e = html_safe
    change = view.change
    kind = "material" if view.material else "moved" if view.kind == "moved" else view.severity
    categories = f" — {e(', '.join(change.categories))}" if change.categories else ""
    head = (f'<span class="flag">⚑ MATERIAL</span>{e(view.verdict.removeprefix("material"))}' if view.material
            else e(view.verdict.capitalize()))
    contents = len(change.match.contents)
    along = f" (with {contents} clause{'s' * (contents != 1)})" if contents else ""
    reasons = "".join(f"<li>{e(line)}</li>" for line in view.reason_lines)
    return [f'<div class="verdict {kind}"><span class="id">{e(view.mark)} {e(view.ids)}</span> '
            f"{e(view.kind)}{e(along)} · {head}{categories}<ul>{reasons}</ul></div>"]


def _spans(row: Row) -> str:
    return "".join(_span(span, row.moved) for span in row.spans)


def _span(span: Span, moved: bool) -> str:
    text = html_safe(span.text)
    if span.op == "equal":
        return f'<span class="equal">{text}</span>' if moved else text
    tag = "ins" if span.op == "insert" else "del"
    return f"<{tag}>{text}</{tag}>"


def _table(rows: list[Row]) -> list[str]:
    """Consecutive table rows as one table, a mark column first, each verdict in a row of its own."""
    e = html_safe
    width = max((max(len(r.old.cells) if r.old else 0, len(r.new.cells) if r.new else 0) for r in rows), default=1)
    out = ['<table class="policy">']
    for row in rows:
        cell = "th" if row.clause.header else "td"
        classes = " ".join([row.kind, *(["moved"] if row.moved and row.kind != "moved-away" else [])])
        cells = row.cells() if row.clause.cells else (row.spans,)
        parts = "".join(f"<{cell}>{''.join(_span(s, row.moved) for s in spans)}</{cell}>" for spans in cells)
        parts += f"<{cell}></{cell}>" * (width - len(cells))
        out.append(f'<tr id="{e(row.anchor)}" class="{classes}"><td class="mark">{_mark(row)}</td>{parts}</tr>')
        label = _label(row)
        verdict = _verdict(row)
        if label or verdict:
            out.append(f'<tr class="verdict-row"><td></td><td colspan="{width}">'
                       f'{f"<p class=label>{label}</p>" if label else ""}{"".join(verdict)}</td></tr>')
    return out + ["</table>"]


def _css_string(text: str) -> str:
    """Text as a CSS string literal that cannot close itself: every character but letters, digits and
    spaces becomes a hex escape (the running header carries the policy's title)."""
    return '"' + "".join(c if c.isalnum() and c.isascii() or c == " " else f"\\{ord(c):06x} " for c in text) + '"'
