"""`policydiff diff` in a terminal: changes in document order under their section, words highlighted.

In the spirit of delta and difftastic: a rule per section as wide as the terminal, a gutter mark per
clause (+ added, - removed, ~ modified, → moved, ≈ renumbered), renumbering folded into one line,
and a summary last. Deleted words are struck through and inserted words underlined (the legal
redline convention), each on a tint of its own with its own text colour, so they read the same on
light and dark terminals; a deleted run and the inserted run that replaces it are kept a space apart,
so strike and underline tell them apart without colour. Without colour (a pipe, `--color=never`,
NO_COLOR) the same output marks words as [-deleted-] and {+inserted+}.

Lines are built as styled runs and wrapped to the width (render/wrap.py) with a hanging indent, so
the gutter column stays clear; without a width (piped output) lines stay whole. `side_by_side` puts
the old words left and the new right, one column for a change that only adds or only removes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policydiff.model import Change, Clause, Diff, Match, Span, clause_text, section_heading
from policydiff.render.wrap import RULE_WIDTH, SIDE_BY_SIDE_MIN, Line, Run, cells, pad, wrap
from policydiff.safe import terminal_safe
from policydiff.view import MARK, ChangeView, DiffView, language_note

GUTTER = " │ "


@dataclass(frozen=True)
class Style:
    """How each role of run is drawn; two instances: colour and plain."""

    roles: dict[str, tuple[str, str]]

    def paint(self, line: Iterable[Run]) -> str:
        out = []
        for text, role in line:
            opening, closing = self.roles.get(role, ("", ""))
            out.append(f"{opening}{text}{closing}" if opening and text.strip() else text)
        return "".join(out)

    @property
    def color(self) -> bool:
        return bool(self.roles.get("delete", ("",))[0].startswith("\x1b"))


COLOR = Style({
    # strike-through, dark red on a pale red tint; underline, dark blue on a pale blue tint: each sets both
    # colours, so neither depends on the terminal's background (the blue of plain ANSI is unreadable on dark)
    "delete": ("\x1b[9;38;5;124;48;5;224m", "\x1b[0m"),
    "insert": ("\x1b[4;38;5;19;48;5;153m", "\x1b[0m"),
    "moved": ("\x1b[32m", "\x1b[0m"),
    "heading": ("\x1b[1m", "\x1b[0m"),
    "dim": ("\x1b[2m", "\x1b[0m"),
    "material": ("\x1b[1;31m", "\x1b[0m"),
})
PLAIN = Style({})
BRACKETS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def render_text_diff(diff: Diff, *, color: bool = False, material_only: bool = False, context: int = 0,
                     width: int | None = None, side_by_side: bool = False) -> str:
    """The diff for a terminal. `width` is the terminal's: lines wrap to it and section rules reach it;
    None keeps lines whole and rules 72 wide. `side_by_side` shows old and new in two columns."""
    return _Renderer(diff, COLOR if color else PLAIN, width, side_by_side).render(material_only, context)


class _Renderer:
    def __init__(self, diff: Diff, style: Style, width: int | None, side_by_side: bool) -> None:
        self.diff, self.style, self.width = diff, style, width
        self.two_columns = side_by_side and (width or 2 * RULE_WIDTH) >= SIDE_BY_SIDE_MIN
        self.out: list[str] = []

    def emit(self, runs: Iterable[Run], indent: str = "", hang: str | None = None) -> None:
        self.out.extend(self.style.paint(line) for line in wrap(runs, self.width, indent=indent, hang=hang))

    def rule(self, title: str) -> None:
        text = f"── {title} "
        self.out.append(self.style.paint([(text + "─" * max(0, (self.width or RULE_WIDTH) - cells(text)),
                                           "heading")]))

    def render(self, material_only: bool, context: int) -> str:
        diff = self.diff
        self.header()
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
                self.out.append("")
                self.rule(terminal_safe(section or "top level"))
                current_section = section
            self.context(change.before, change.on_new)
            self.change(change)
            self.context(change.after, change.on_new)
            shown += 1
        if renumbered:
            pairs = ", ".join(f"{_number(c.old)} → {_number(c.new)}" for c in renumbered)
            self.out.append("")
            self.emit([(f"{MARK['renumbered']} renumbered, no text change: {terminal_safe(pairs)}", "")], hang="  ")
        if diff.structure and not material_only:
            self.out.append("")
            self.out.append(f"{MARK['renumbered']} structure only, no term changed:")
            for entry in view.structure():
                self.emit([(terminal_safe(entry), "")], indent="  ", hang="    ")
        if diff.non_operative and not material_only:
            self.out.append("")
            self.rule("non-operative text: not part of the terms")
            for change in view.non_operative():
                self.change(change)
        if diff.defects:
            self.out.append("")
            self.out.append(self.style.paint([("defects of the new version:", "heading")]))
            for defect in diff.defects:
                self.emit([(f"! {defect.clause_id}  {defect.code}: {terminal_safe(defect.detail)}", "")], hang="  ")
        if not shown and not renumbered and (material_only or not diff.structure and not diff.non_operative):
            self.out.append("")
            self.out.append("no material changes" if material_only and diff.changes else "no changes")
        self.out.append("")
        self.emit([(f"summary: {view.summary_line()}", "")], hang="  ")
        return "\n".join(self.out) + "\n"

    def header(self) -> None:
        old, new = self.diff.old, self.diff.new
        title = terminal_safe(new.title or old.title or "policy")
        self.emit([(f"{title}: {terminal_safe(old.source)} → {terminal_safe(new.source)}", "heading")], hang="  ")
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
            self.emit([(terminal_safe(" · ".join(facts)), "")], hang="  ")
        if note := language_note(self.diff):
            self.emit([(f"language: {note}", "")], hang="  ")

    def change(self, view: ChangeView) -> None:
        change = view.change
        match = change.match
        head: list[Run] = [(f"{view.mark} {view.location}  {change.kind} · ", "")]
        head.append(("material", "material") if view.material else (view.severity, ""))
        verdict = f" ({view.direction})" if view.direction else ""
        if view.consent:
            verdict += " · needs fresh consent"
        reasons = "; ".join(terminal_safe(r.detail) for r in change.reasons if r.code not in ("moved", "renumbered"))
        categories = f" [{', '.join(change.categories)}]" if change.categories else ""
        head.append((verdict + (f" · {reasons}" if reasons else "") + categories, ""))
        self.emit(head, hang="  ")
        if change.kind == "added":
            self.whole(change.new, match.contents, "insert")
        elif change.kind == "removed":
            self.whole(change.old, match.contents, "delete")
        else:  # the clause is on both sides
            old, new = change.old, change.new
            assert old is not None and new is not None
            note: list[Run] = []
            if match.new_extra:
                note.append((f"  (now {', '.join([new.id, *(c.id for c in match.new_extra)])})", "dim"))
            if match.old_extra:
                note.append((f"  (was {', '.join([old.id, *(c.id for c in match.old_extra)])})", "dim"))
            moved: list[Run] = [(f"(moved from {old.id}) ", "moved")] if change.kind == "moved" else []
            if change.spans and self.two_columns:
                self.columns(change.spans, moved, note)
                return
            body = self.spans(change.spans) if change.spans else [(terminal_safe(clause_text(new) or ""), "")]
            self.emit([*moved, *body, *note], indent="  ")

    def whole(self, clause: Clause | None, contents: tuple[Clause, ...], role: str) -> None:
        """An added or removed clause with the clauses reported with it, indented by their nesting."""
        if clause is None:
            return
        depth = _depths(clause)
        reported = {id(part) for part in contents}
        for part in clause.walk():
            if part is clause or id(part) in reported:
                self.emit(self.marked(terminal_safe(clause_text(part) or ""), role), indent="  " * (1 + depth[id(part)]))

    def marked(self, text: str, role: str) -> list[Run]:
        """A deleted or inserted run: painted in colour, else bracketed [-…-] / {+…+}."""
        if not text:
            return []
        if self.style.color or role not in BRACKETS:
            return [(text, role)]
        opening, closing = BRACKETS[role]
        return [(f"{opening}{text}{closing}", role)]

    def spans(self, spans: tuple[Span, ...], side: str | None = None) -> list[Run]:
        """The word-level diff as runs; `side` "old" or "new" keeps only that side's words."""
        runs: list[Run] = []
        previous, before = "equal", ""
        for span in spans:
            text = terminal_safe(span.text)
            if span.op == "equal":
                runs.append((text, ""))
            elif side is None or (span.op == "delete") == (side == "old"):
                if self.style.color and previous not in ("equal", span.op) and not side \
                        and not before[-1:].isspace() and not text[:1].isspace():
                    runs.append((" ", ""))  # a deleted run and its replacement never touch
                runs.extend(self.marked(text, span.op))
            previous, before = span.op, text
        return runs

    def columns(self, spans: tuple[Span, ...], moved: list[Run], note: list[Run]) -> None:
        """Old words left, new words right, each column wrapped to half the width."""
        width = self.width or 2 * RULE_WIDTH
        column = (width - 2 - cells(GUTTER)) // 2
        left = wrap([*moved, *self.spans(spans, "old")], column)
        right = wrap([*self.spans(spans, "new"), *note], column)
        for index in range(max(len(left), len(right))):
            old_line: Line = left[index] if index < len(left) else []
            new_line: Line = right[index] if index < len(right) else []
            self.out.append("  " + self.style.paint(pad(old_line, column)) + self.style.paint([(GUTTER, "dim")])
                            + self.style.paint(new_line))

    def context(self, matches: tuple[Match, ...], on_new: bool) -> None:
        """Unchanged neighbours of a change, dimmed, as they stand on the change's side."""
        for match in matches:
            clause = match.new if on_new else match.old
            assert clause is not None
            self.emit([(f"{clause.id}  {terminal_safe(clause_text(clause) or '')}", "dim")], indent="  ", hang="    ")


def _number(clause: Clause | None) -> str:
    if clause is None:
        return "?"
    return clause.number.rstrip(".") if clause.number else clause.id


def _date(value: object) -> str | None:
    date = getattr(value, "date", None)
    return date.isoformat() if date is not None else None


def _depths(clause: Clause, depth: int = 0) -> dict[int, int]:
    found = {id(clause): depth}
    for child in clause.children:
        found.update(_depths(child, depth + 1))
    return found
