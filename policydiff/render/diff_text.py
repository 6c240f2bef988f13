"""`policydiff diff` in a terminal: changes in document order under their section, words highlighted.

In the spirit of delta and difftastic: a rule per section for context, a gutter mark per clause
(+ added, - removed, ~ modified, → moved, ≈ renumbered), deleted words struck through in red and
inserted words underlined in blue (the legal redline convention), moves in green, renumbering folded
into one line, and a summary last. Without colour (a pipe, --no-color, NO_COLOR) the same output
marks words as [-deleted-] and {+inserted+}, so nothing depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from policydiff.model import Change, Clause, Diff, Match, Span, clause_text, section_heading
from policydiff.safe import terminal_safe
from policydiff.view import MARK, ChangeView, DiffView

RULE_WIDTH = 72
"""The width of a section rule when the output is not a terminal (and so the default): piped and
saved output stays the same whatever terminal it was made in."""


@dataclass(frozen=True)
class Style:
    """How each kind of run is drawn; two instances: colour and plain."""

    delete: tuple[str, str]
    insert: tuple[str, str]
    moved: tuple[str, str]
    heading: tuple[str, str]
    dim: tuple[str, str]
    material: tuple[str, str]

    def paint(self, role: tuple[str, str], text: str) -> str:
        return f"{role[0]}{text}{role[1]}" if text else ""


COLOR = Style(delete=("\x1b[31;9m", "\x1b[0m"), insert=("\x1b[34;4m", "\x1b[0m"), moved=("\x1b[32m", "\x1b[0m"),
              heading=("\x1b[1m", "\x1b[0m"), dim=("\x1b[2m", "\x1b[0m"), material=("\x1b[1;31m", "\x1b[0m"))
PLAIN = Style(delete=("[-", "-]"), insert=("{+", "+}"), moved=("", ""), heading=("", ""), dim=("", ""),
              material=("", ""))


def render_text_diff(diff: Diff, *, color: bool = False, material_only: bool = False, context: int = 0,
                     width: int = RULE_WIDTH) -> str:
    """The diff for a terminal; `width` is how far each section's rule reaches."""
    style = COLOR if color else PLAIN
    out = [_header(diff, style)]
    view = DiffView(diff, context)
    current_section: str | None = "\0"  # no section printed yet
    renumbered: list[Change] = []
    shown = 0
    for change in view.changes(material_only=material_only):
        if change.kind == "renumbered":
            renumbered.append(change.change)
            continue
        section = section_heading(change.group)
        if section != current_section:
            out.append("")
            out.append(style.paint(style.heading, f"── {terminal_safe(section or 'top level')} ".ljust(width, "─")))
            current_section = section
        out.extend(_context(change.before, change.on_new, style))
        out.extend(_change(change, style))
        out.extend(_context(change.after, change.on_new, style))
        shown += 1
    if renumbered:
        pairs = ", ".join(f"{_number(c.old)} → {_number(c.new)}" for c in renumbered)
        out.append("")
        out.append(f"{MARK['renumbered']} renumbered, no text change: {terminal_safe(pairs)}")
    if diff.structure and not material_only:
        out.append("")
        out.append(f"{MARK['renumbered']} structure only, no term changed:")
        out.extend(f"  {terminal_safe(entry)}" for entry in view.structure())
    if diff.non_operative and not material_only:
        out.append("")
        out.append(style.paint(style.heading, "── non-operative text: not part of the terms ".ljust(width, "─")))
        for change in view.non_operative():
            out.extend(_change(change, style))
    if diff.defects:
        out.append("")
        out.append(style.paint(style.heading, "defects of the new version:"))
        for defect in diff.defects:
            out.append(f"! {defect.clause_id}  {defect.code}: {terminal_safe(defect.detail)}")
    if not shown and not renumbered and (material_only or not diff.structure and not diff.non_operative):
        out.append("")
        out.append("no material changes" if material_only and diff.changes else "no changes")
    out.append("")
    out.append(f"summary: {view.summary_line()}")
    return "\n".join(out) + "\n"


def _number(clause: Clause | None) -> str:
    if clause is None:
        return "?"
    return clause.number.rstrip(".") if clause.number else clause.id


def _header(diff: Diff, style: Style) -> str:
    old, new = diff.old, diff.new
    title = terminal_safe(new.title or old.title or "policy")
    lines = [style.paint(style.heading, f"{title}: {terminal_safe(old.source)} → {terminal_safe(new.source)}")]
    facts = []
    for label, old_value, new_value in (
        ("version", old.metadata.version and old.metadata.version.version,
         new.metadata.version and new.metadata.version.version),
        ("effective", _date(old.metadata.effective), _date(new.metadata.effective)),
        ("last updated", _date(old.metadata.last_updated), _date(new.metadata.last_updated)),
    ):
        if old_value or new_value:
            facts.append(f"{label} {old_value or '?'} → {new_value or '?'}")
    if facts:
        lines.append(terminal_safe(" · ".join(facts)))
    return "\n".join(lines)


def _date(value: object) -> str | None:
    date = getattr(value, "date", None)
    return date.isoformat() if date is not None else None


def _change(view: ChangeView, style: Style) -> list[str]:
    change = view.change
    match = change.match
    verdict = style.paint(style.material, "material") if view.material else view.severity
    reasons = "; ".join(terminal_safe(r.detail) for r in change.reasons if r.code not in ("moved", "renumbered"))
    categories = f" [{', '.join(change.categories)}]" if change.categories else ""
    if view.direction:
        verdict += f" ({view.direction})"
    if view.consent:
        verdict += " · needs fresh consent"
    head = f"{view.mark} {view.location}  {change.kind} · {verdict}" + (f" · {reasons}" if reasons else "") + categories
    lines = [head]
    if change.kind == "added":
        lines.extend(_whole(change.new, match.contents, style.insert, style))
    elif change.kind == "removed":
        lines.extend(_whole(change.old, match.contents, style.delete, style))
    else:  # the clause is on both sides
        old, new = change.old, change.new
        assert old is not None and new is not None
        body = _spans(change.spans, style) if change.spans else terminal_safe(clause_text(new) or "")
        if change.kind == "moved":
            body = style.paint(style.moved, f"(moved from {old.id}) ") + body
        if match.new_extra:
            body += style.paint(style.dim, f"  (now {', '.join([new.id, *(c.id for c in match.new_extra)])})")
        if match.old_extra:
            body += style.paint(style.dim, f"  (was {', '.join([old.id, *(c.id for c in match.old_extra)])})")
        lines.append(f"  {body}")
    return lines


def _whole(clause: Clause | None, contents: tuple[Clause, ...], role: tuple[str, str], style: Style) -> list[str]:
    """An added or removed clause with the clauses reported with it, indented by their nesting."""
    if clause is None:
        return []
    depth = _depths(clause)
    reported = {id(part) for part in contents}
    return ["  " * (1 + depth[id(part)]) + style.paint(role, terminal_safe(clause_text(part) or ""))
            for part in clause.walk() if part is clause or id(part) in reported]


def _depths(clause: Clause, depth: int = 0) -> dict[int, int]:
    found = {id(clause): depth}
    for child in clause.children:
        found.update(_depths(child, depth + 1))
    return found


def _spans(spans: tuple[Span, ...], style: Style) -> str:
    pieces = []
    for span in spans:
        text = terminal_safe(span.text)
        if span.op == "equal":
            pieces.append(text)
        elif span.op == "delete":
            pieces.append(style.paint(style.delete, text))
        else:
            pieces.append(style.paint(style.insert, text))
    return "".join(pieces)


def _context(matches: tuple[Match, ...], on_new: bool, style: Style) -> list[str]:
    """Unchanged neighbours of a change, dimmed, as they stand on the change's side."""
    lines = []
    for match in matches:
        clause = match.new if on_new else match.old
        assert clause is not None
        lines.append("  " + style.paint(style.dim, f"{clause.id}  {terminal_safe(clause_text(clause) or '')}"))
    return lines
