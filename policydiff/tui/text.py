"""Rich Text for the review UI: tree labels, the change's header and reasons, the summary lines.

Policy text is untrusted, so it is only ever appended to rich.text.Text as plain strings (never
parsed as markup) after terminal_safe has dropped control characters. Colour follows the redline
convention (deleted red and struck through, inserted blue and underlined, moved green) but never
carries meaning alone: gutter marks, "!" for material, "✓" for reviewed and "⚠" for a stale
decision read without it. The words of a change themselves are drawn by redline.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from policydiff.model import Change, Clause, Match
from policydiff.model import section_heading
from policydiff.safe import terminal_safe
from policydiff.tui.redline import Styles, highlight
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
    stale: str = "bold yellow"
    dim: str = "dim"
    search: str = "reverse"
    plain: bool = False

    @classmethod
    def from_theme(cls, variables: dict[str, str], plain: bool = False) -> Palette:
        error, accent, success, warning = (variables.get(name, fallback) for name, fallback in
                                           (("text-error", "red"), ("text-primary", "blue"),
                                            ("text-success", "green"), ("text-warning", "yellow")))
        return cls(delete=f"strike {error}", insert=f"underline {accent}", moved=success, material=f"bold {error}",
                   reviewed=success, stale=f"bold {warning}", plain=plain)

    @property
    def words(self) -> Styles:
        """The styles redline.py draws a change's words in."""
        return Styles(self.delete, self.insert, self.moved, self.dim, self.plain, self.search)


def node_label(session: ReviewSession, match: Match, palette: Palette, changes_inside: int = 0,
               search: str | None = None) -> Text:
    """One tree line: gutter mark, "!" when material, "✓" reviewed or "⚠" stale, the clause id and its words."""
    clause = match.new or match.old
    assert clause is not None
    change = session.change(match)
    label = Text(no_wrap=True, overflow="ellipsis")
    if change is None:
        mark = MARK.get(match.kind, " ") if match.implied else " "
        label.append(f"{mark}   ", style=palette.dim)
    else:
        label.append(MARK[change.kind], style=_kind_style(change.kind, palette))
        label.append("!" if change.material else " ", style=palette.material)
        if session.stale(match):
            label.append("⚠ ", style=palette.stale)
        else:
            label.append("✓ " if session.reviewed(match) else "  ", style=palette.reviewed)
    words = clause.heading if clause.kind == "section" else clause.full_text
    name = _short_name(clause)
    if name:
        label.append(f"{terminal_safe(name)} ", style="bold" if clause.kind == "section" else "")
    label.append(_snippet(words or ""), style="" if change is not None or clause.kind == "section" else palette.dim)
    if changes_inside:
        label.append(f" ({changes_inside})", style=palette.dim)
    return highlight(label, search, palette.search)


def change_header(session: ReviewSession, match: Match, palette: Palette) -> Text:
    """Where the change is, what kind, its verdict and the reviewer's decision: a few lines, so the words
    of the change come right under them."""
    change = session.change(match)
    clause = match.new or match.old
    assert clause is not None
    text = Text()
    where = section_heading(section_of(match))
    apart = session.apart(match) if change is None else None
    if apart is not None:
        what = "structure only" if any(apart is c for c in session.diff.structure) else "non-operative text"
        text.append(f"{MARK[apart.kind]} {terminal_safe(session.shown.of(apart).location)}  {apart.kind}", style="bold")
        text.append(f" · listed apart: {what}", style=palette.dim)
        text.append("\nnot a change of the terms: not counted among the changes to review", style=palette.dim)
        return text
    if change is None:
        text.append(f"{terminal_safe(clause.id)}  unchanged" if not match.implied else
                    f"{terminal_safe(clause.id)}  part of a {match.kind} section", style="bold")
        if where:
            text.append(f"  in {terminal_safe(where)}", style=palette.dim)
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
    decision = session.decision(match)
    text.append("\n")
    if session.stale(match):
        text.append("⚠ stale: decided on other words", style=palette.stale)
        text.append(" (not applied; space reviews these)", style=palette.dim)
    elif session.reviewed(match):
        text.append("✓ reviewed", style=palette.reviewed)
        if decision is not None and decision.reviewer:
            text.append(f" by {terminal_safe(decision.reviewer)}", style=palette.dim)
    else:
        text.append("○ not reviewed yet", style=palette.dim)
    return text


def apart_label(what: str, change: Change, session: ReviewSession) -> Text:
    """A tree line in the "listed apart" group: "≈ structure: “Cookies” retitled …"."""
    from policydiff.view import structure_entry

    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(f"{MARK[change.kind]}    ")
    if what == "structure":
        label.append(_snippet(f"structure: {structure_entry(change)}"))
    else:
        clause = change.new or change.old
        words = (clause.heading or clause.full_text) if clause is not None else ""
        label.append(_snippet(f"{session.shown.of(change).location} {words}"))
    return label


def why_text(session: ReviewSession, match: Match, palette: Palette) -> Text:
    """Below the words: moves and renumbering, categories, every reason, the comment (every line)."""
    change = session.change(match) or session.apart(match)
    text = Text()
    if change is None:
        return text
    lines: list[Text] = []
    if match.old is not None and match.new is not None and (match.old.number or "") != (match.new.number or ""):
        lines.append(Text(f"renumbered {terminal_safe(_number(match.old))} → {terminal_safe(_number(match.new))}",
                          style=palette.moved))
    if change.kind == "moved" and match.old is not None and match.new is not None:
        lines.append(Text(f"moved from {terminal_safe(match.old.id)} to {terminal_safe(match.new.id)}",
                          style=palette.moved))
    if match.old_extra or match.new_extra:
        lines.append(Text(f"{change.kind}: {terminal_safe(session.shown.of(change).ids)}", style=palette.moved))
    if change.categories:
        lines.append(Text(f"categories: {', '.join(change.categories)}"))
    for reason in change.reasons:
        style = palette.material if reason.code == "override" else ""
        line = Text()
        line.append(f"• {terminal_safe(reason.code)}: ", style=style or "bold")
        line.append(terminal_safe(reason.detail), style=style)
        lines.append(line)
    decision = session.decision(match)
    if decision is not None and decision.comment:
        line = Text()
        line.append("comment" + (f" ({terminal_safe(decision.reviewer)})" if decision.reviewer else "") + ": ",
                    style="bold")
        line.append(terminal_safe(decision.comment).replace("\n", "\n  "))  # every line, indented
        lines.append(line)
    return Text("\n").join(lines)


def summary_text(session: ReviewSession, notice: str | None, palette: Palette) -> Text:
    """Two lines: "3 modified · 1 moved — 2 material (1 overridden) · reviewed 1/5 · 1 stale", then
    "notice: …" with, for an unverifiable verdict, why."""
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
    if counts["stale"]:
        text.append(f" · {counts['stale']} stale", style=palette.stale)
    apart = counts.get("structure", 0) + counts.get("non_operative", 0)
    if apart:
        text.append(f" · {apart} listed apart", style=palette.dim)
    text.append("\n")
    text.append(f"notice: {terminal_safe(notice or 'checking…')}")
    return text


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
