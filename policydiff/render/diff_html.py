"""A Diff as one standalone HTML redline a lawyer can open offline and print.

Lawyers review policy changes as a redline on paper: the new document in its own order, deletions
struck through, insertions underlined, material changes flagged with the reasons. So this is a single
HTML5 file with inline CSS, no scripts, fonts or network assets (it must open anywhere and leak
nothing), print CSS that keeps colours and avoids splitting clauses, and every label doubled by a
gutter mark or word so colour is never the only signal. Policy text goes through `html_safe` only.
"""

from __future__ import annotations

from policydiff.model import Change, Clause, Diff, Document, Match, Span, clause_text, section_heading
from policydiff.safe import html_safe
from policydiff.view import KIND_ORDER, MARK, ChangeView, DiffView

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #111; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; overflow-wrap: anywhere; word-break: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .2rem .6rem; text-align: left; vertical-align: top; }
.legend, .note, .gap { font: 13px/1.4 system-ui, sans-serif; color: #444; }
.gap { color: #777; margin: .4rem 0 .4rem 2rem; font-style: italic; }
h2.section { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
.was { font-weight: normal; font-size: .85rem; color: #555; }
.clause { display: flex; gap: .6rem; margin: .3rem 0; padding: .3rem .5rem; border-left: 4px solid transparent; }
.clause .mark { font: bold 14px/1.5 ui-monospace, monospace; min-width: 1.2rem; text-align: center; }
.clause .body { flex: 1; min-width: 0; }
.label { font: 12px/1.4 system-ui, sans-serif; color: #333; margin-bottom: .2rem; }
.id { font-family: ui-monospace, monospace; }
.unchanged { color: #777; }
.material { border-left-color: #b00020; background: #fff7f7; }
.flag { font: bold 12px/1.4 system-ui, sans-serif; color: #b00020; margin: .1rem 0 .3rem; }
.flag ul { margin: .1rem 0 0 1rem; padding: 0; font-weight: normal; }
del { color: #b00020; text-decoration: line-through; background: #fde7ea; }
ins { color: #0b3d91; text-decoration: underline; background: #e7effd; }
.moved { border-left-color: #137333; background: #eef8f0; }
.moved .label { color: #137333; font-weight: bold; }
.child { margin-left: 1.2rem; }
@page { margin: 18mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .clause, h2.section { break-inside: avoid; }
  h2.section { break-after: avoid; }
  header { break-after: avoid; }
}
"""


def render_html_diff(diff: Diff, *, material_only: bool = False, context: int = 0) -> str:
    """The diff as a printable HTML redline of the new document; `context` unchanged siblings per change."""
    changes = DiffView(diff, context).ordered(material_only=material_only)
    title = diff.new.title or diff.old.title or "Untitled policy"
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>Redline: {html_safe(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           *_header(diff, title, changes, material_only), "<main>"]
    if not diff.changes:
        out.append('<p class="note">No changes between these versions.</p>')
    elif not changes:
        out.append('<p class="note">No material changes.</p>')
    else:
        out += _redline(diff, changes)
    if diff.non_operative and not material_only:
        view = DiffView(diff)
        out += ["<h2>Non-operative text</h2>",
                '<p class="note">Banners, summaries of changes and change logs: not part of the terms, never '
                "material.</p>", *(_clause(c.change.match, c) for c in view.non_operative())]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _header(diff: Diff, title: str, changes: list[ChangeView], material_only: bool) -> list[str]:
    rows = zip(("Source", "Version", "Effective", "Last updated"), _facts(diff.old), _facts(diff.new))
    counts = diff.summary()
    out = ["<header>", f"<h1>{html_safe(title)}</h1>", "<table>", "<tr><th></th><th>Old</th><th>New</th></tr>",
           *(f"<tr><th>{label}</th><td>{html_safe(old)}</td><td>{html_safe(new)}</td></tr>"
             for label, old, new in rows),
           "</table>", "<table>", "<tr><th>Change</th><th>Count</th></tr>",
           *(f"<tr><td>{MARK[k]} {k}</td><td>{counts[k]}</td></tr>" for k in KIND_ORDER if counts[k]),
           f"<tr><th>⚑ material</th><th>{counts['material']}</th></tr>", "</table>",
           '<p class="legend">Legend: <del>deleted words</del> · <ins>inserted words</ins> · '
           f"{MARK['moved']} moved (green) · ⚑ material change, with reasons · grey: unchanged context</p>"]
    if material_only and len(changes) < len(diff.changes):
        out.append(f'<p class="note">Material changes only: {len(diff.changes) - len(changes)} others not shown.</p>')
    renumbered = [c for c in changes if c.kind == "renumbered"]
    if renumbered:
        listed = ", ".join(html_safe(c.location) for c in renumbered)
        out.append(f'<p class="note">{MARK["renumbered"]} Renumbered (no text change): {listed}</p>')
    if diff.structure and not material_only:
        listed = "; ".join(html_safe(entry) for entry in DiffView(diff).structure())
        out.append(f'<p class="note">{MARK["renumbered"]} Structure only (no term changed): {listed}</p>')
    return out + ["</header>"]


def _facts(document: Document) -> tuple[str, str, str, str]:
    meta = document.metadata
    version = meta.version.version if meta.version and meta.version.version else "—"
    dates = [(d.date.isoformat() if d.date else d.source) if d else "—" for d in (meta.effective, meta.last_updated)]
    return document.source, version, dates[0], dates[1]


def _redline(diff: Diff, changes: list[ChangeView]) -> list[str]:
    """Walk the alignment in new-document order, showing changes, their context and section headings."""
    shown = {id(c.change.match): c for c in changes if c.kind != "renumbered"}
    visible: set[int] = set()
    for view in shown.values():
        visible.update(id(m) for m in view.before + view.after)
    to_new = {id(m.old): m.new for m in diff.matches if m.old is not None and m.new is not None}
    match_of = {id(m.new): m for m in diff.matches if m.new is not None}
    out: list[str] = []
    heading: Clause | None = None
    skipped = 0
    for match in diff.matches:
        change = shown.get(id(match))
        clause = match.new or match.old
        assert clause is not None
        if change is None and id(match) not in visible:
            if clause.kind != "section":  # headings are shown as needed
                skipped += match.kind == "unchanged" or (match.old is not None and match.new is not None)
            continue
        section = match.new_section or match.old_section
        section = to_new.get(id(section), section) if section is not None else None
        if skipped:
            out.append(f'<p class="gap">⋯ {skipped} clause{"s" if skipped > 1 else ""} not shown</p>')
            skipped = 0
        if section is not None and section is not heading and section is not clause:
            out.append(_section_heading(section, match_of.get(id(section))))
        if clause.kind == "section":
            heading = section if match.new is None else match.new
        else:
            heading = section
        out.append(_clause(match, change))
    if skipped:
        out.append(f'<p class="gap">⋯ {skipped} clause{"s" if skipped > 1 else ""} not shown</p>')
    return out


def _section_heading(section: Clause, match: Match | None) -> str:
    was = ""
    if match is not None and match.old is not None and match.old.number != section.number:
        was = f' <span class="was">(formerly {html_safe((match.old.number or match.old.id).rstrip("."))})</span>'
    return f'<h2 class="section">{html_safe(section_heading(section) or section.id)}{was}</h2>'


def _clause(match: Match, view: ChangeView | None) -> str:
    if view is None:
        clause = match.new or match.old
        assert clause is not None
        ident = "" if clause.kind == "section" else f'<span class="id">{html_safe(clause.id)}</span> '
        return (f'<div class="clause unchanged"><span class="mark" title="unchanged">·</span><div class="body">'
                f'{ident}{html_safe(clause_text(clause) or "")}</div></div>')
    change = view.change
    classes = " ".join(["clause", change.kind, "material" if change.material else change.severity])
    label = (f'<div class="label">{change.kind.capitalize()} <span class="id">'
             f"{html_safe(view.ids)}</span>{_moved_from(change)} · {html_safe(change.severity)}</div>")
    return (f'<div class="{classes}"><span class="mark" title="{change.kind}">{view.mark}</span>'
            f'<div class="body">{label}{_flag(change)}{_text(change)}</div></div>')


def _moved_from(change: Change) -> str:
    if change.kind != "moved" or change.old is None:
        return ""
    if change.old.kind == "section":
        children = sum(1 for _ in change.old.walk()) - 1
        return f" — moved from {html_safe(change.old.id)} with its {children} clause{'s' * (children != 1)}"
    where = section_heading(change.match.old_section)
    return f" — moved from {html_safe(change.old.id)}" + (f" (in {html_safe(where)})" if where else "")


def _flag(change: Change) -> str:
    if not change.material:
        return ""
    reasons = "".join(f"<li>{html_safe(r.code)}: {html_safe(r.detail)}</li>" for r in change.reasons)
    categories = f" ({html_safe(', '.join(change.categories))})" if change.categories else ""
    return f'<div class="flag">⚑ MATERIAL CHANGE{categories}<ul>{reasons}</ul></div>'


def _text(change: Change) -> str:
    if change.kind in ("added", "removed"):
        tag = "ins" if change.kind == "added" else "del"
        clause = change.new or change.old
        assert clause is not None
        return "".join(f'<div class="{"own" if part is clause else "child"}"><{tag}>'
                       f'{html_safe(clause_text(part) or "")}</{tag}></div>' for part in clause.walk())
    if not change.spans or (change.kind == "moved" and change.match.similarity >= 1.0):
        return f"<div>{html_safe(clause_text(change.new) or '')}</div>"
    return f"<div>{''.join(_span(span) for span in change.spans)}</div>"


def _span(span: Span) -> str:
    text = html_safe(span.text)
    return {"equal": text, "insert": f"<ins>{text}</ins>", "delete": f"<del>{text}</del>"}[span.op]
