"""Rich Text for the review UI: tree labels, the change detail, the two sides, the summary line.

Policy text is untrusted, so it is only ever appended to rich.text.Text as plain strings (never
parsed as markup) after terminal_safe has dropped control characters. Colour follows the redline
convention (deleted red and struck through, inserted blue and underlined, moved green) but never
carries meaning alone: gutter marks, "!" for material and "✓" for reviewed read without it, and in
plain mode (NO_COLOR) deleted and inserted words are also bracketed as [-…-] and {+…+}.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from policydiff.model import Change, Clause, Match
from policydiff.model import clause_text, section_heading
from policydiff.safe import terminal_safe
from policydiff.tui.session import ReviewSession
from policydiff.view import KIND_ORDER, MARK, section_of

SNIPPET = 72


@dataclass(frozen=True, slots=True)
class Palette:
    """Styles for each role, from the current theme; plain adds bracket marks for NO_COLOR."""

    delete: str = "strike red"
    insert: str = "underline blue"
    moved: str = "green"
    material: str = "bold red"
    reviewed: str = "green"
    dim: str = "dim"
    plain: bool = False

    @classmethod
    def from_theme(cls, variables: dict[str, str], plain: bool = False) -> Palette:
        error, accent, success = (variables.get(name, fallback) for name, fallback in
                                  (("text-error", "red"), ("text-primary", "blue"), ("text-success", "green")))
        return cls(delete=f"strike {error}", insert=f"underline {accent}", moved=success, material=f"bold {error}",
                   reviewed=success, plain=plain)


def node_label(session: ReviewSession, match: Match, palette: Palette, changes_inside: int = 0) -> Text:
    """One tree line: gutter mark, "!" when material, "✓" when reviewed, the clause id and its words."""
    clause = match.new or match.old
    assert clause is not None
    change = session.change(match)
    label = Text(no_wrap=True, overflow="ellipsis")
    if change is None:
        mark = MARK.get(match.kind, " ") if match.implied else " "
        label.append(f"{mark}   ", style=palette.dim)
    else:
        decision = session.decision(match)
        label.append(MARK[change.kind], style=_kind_style(change.kind, palette))
        label.append("!" if change.material else " ", style=palette.material)
        label.append("✓ " if decision and decision.reviewed else "  ", style=palette.reviewed)
    words = clause.heading if clause.kind == "section" else clause.full_text
    name = _short_name(clause)
    if name:
        label.append(f"{terminal_safe(name)} ", style="bold" if clause.kind == "section" else "")
    label.append(_snippet(words or ""), style="" if change is not None or clause.kind == "section" else palette.dim)
    if changes_inside:
        label.append(f" ({changes_inside})", style=palette.dim)
    return label


def change_header(session: ReviewSession, match: Match, palette: Palette) -> Text:
    """Where the change is, what kind, the verdict, reasons, categories and the reviewer's decision."""
    change = session.change(match)
    clause = match.new or match.old
    assert clause is not None
    text = Text()
    where = section_heading(section_of(match))
    if change is None:
        text.append(f"{terminal_safe(clause.id)}  unchanged" if not match.implied else
                    f"{terminal_safe(clause.id)}  part of a {match.kind} section", style="bold")
        if where:
            text.append(f"\nin {terminal_safe(where)}", style=palette.dim)
        return text
    view = session.shown.of(change)
    text.append(f"{view.mark} {terminal_safe(view.location)}  {change.kind}", style="bold")
    text.append(" · ")
    text.append("MATERIAL" if view.material else view.severity, style=palette.material if view.material else palette.dim)
    if view.direction:
        text.append(f" ({view.direction})")
    if view.consent:
        text.append(" · needs fresh consent", style=palette.material)
    if where:
        text.append(f"\nin {terminal_safe(where)}", style=palette.dim)
    if match.old is not None and match.new is not None and (match.old.number or "") != (match.new.number or ""):
        text.append(f"\nrenumbered {terminal_safe(_number(match.old))} → {terminal_safe(_number(match.new))}",
                    style=palette.moved)
    if change.kind == "moved":
        text.append(f"\nmoved from {terminal_safe(match.old.id)} to {terminal_safe(match.new.id)}",  # type: ignore[union-attr]
                    style=palette.moved)
    if match.old_extra or match.new_extra:
        text.append(f"\n{change.kind}: {terminal_safe(view.ids)}", style=palette.moved)
    if change.categories:
        text.append(f"\ncategories: {', '.join(change.categories)}")
    for reason in change.reasons:
        style = palette.material if reason.code == "override" else ""
        text.append(f"\n• {terminal_safe(reason.code)}: ", style=style or "bold")
        text.append(terminal_safe(reason.detail), style=style)
    decision = session.decision(match)
    if decision is not None:
        text.append("\n")
        text.append("✓ reviewed" if decision.reviewed else "○ not reviewed yet",
                    style=palette.reviewed if decision.reviewed else palette.dim)
        if session.stale(match):
            text.append("  ⚠ decided on other words; override not applied", style=palette.material)
        if decision.comment:
            text.append("\ncomment: ", style="bold")
            text.append(terminal_safe(decision.comment))
    return text


def side_text(change: Change | None, match: Match, side: str, palette: Palette) -> Text:
    """The old or the new words of a clause, deleted (old) or inserted (new) words highlighted."""
    clause = match.old if side == "old" else match.new
    extras = match.old_extra if side == "old" else match.new_extra
    text = Text()
    if clause is None:
        text.append("(not in this version)", style=palette.dim)
        return text
    if change is not None and change.spans and not extras:
        for span in change.spans:
            if span.op == "equal":
                text.append(terminal_safe(span.text))
            elif (span.op == "delete") == (side == "old"):
                role, marks = (palette.delete, ("[-", "-]")) if span.op == "delete" else (palette.insert, ("{+", "+}"))
                body = terminal_safe(span.text)
                text.append(f"{marks[0]}{body}{marks[1]}" if palette.plain else body, style=role)
        return text
    whole = {"added": palette.insert, "removed": palette.delete, "moved": palette.moved}
    style = whole.get(change.kind, "") if change is not None else ""
    for part in _walk(clause, extras):
        if text:
            text.append("\n")
        text.append(terminal_safe(clause_text(part) or ""), style=style)
    return text


def summary_text(session: ReviewSession, notice: str | None, palette: Palette) -> Text:
    """"3 modified · 1 moved — 2 material (1 overridden) · reviewed 1/5 · notice: …"."""
    counts = session.tally()
    text = Text(no_wrap=True, overflow="ellipsis")
    parts = [f"{counts[kind]} {kind}" for kind in KIND_ORDER if counts[kind]]
    text.append(" · ".join(parts) or "no changes")
    text.append(" — ")
    text.append(f"{counts['material']} material", style=palette.material if counts["material"] else "")
    if counts["overridden"]:
        text.append(f" ({counts['overridden']} overridden)")
    text.append(f" · reviewed {counts['reviewed']}/{counts['changes']}",
                style=palette.reviewed if counts["changes"] and counts["reviewed"] == counts["changes"] else "")
    text.append(f" · notice: {terminal_safe(notice or 'checking…')}")
    return text


def _walk(clause: Clause, extras: tuple[Clause, ...]) -> list[Clause]:
    return [part for top in (clause, *extras) for part in top.walk()]


def _number(clause: Clause) -> str:
    return clause.number.rstrip(".") if clause.number else clause.id


def _short_name(clause: Clause) -> str:
    """What a tree line names a clause by: its number, else the last part of its id ("p2", "item-3").

    The tree's indentation already says where the clause stands, and slug ids of unnumbered
    sections ("information-we-collect/how-we-use-it/p3") would leave no room for the words."""
    if clause.number:
        return clause.number.rstrip(".")
    return "" if clause.kind == "section" and clause.heading else clause.id.rsplit("/", 1)[-1]


def _snippet(words: str) -> str:
    words = terminal_safe(" ".join(words.split()))
    return words if len(words) <= SNIPPET else words[:SNIPPET - 1].rstrip() + "…"


def _kind_style(kind: str, palette: Palette) -> str:
    return {"added": palette.insert, "removed": palette.delete, "moved": palette.moved}.get(kind, "bold")
