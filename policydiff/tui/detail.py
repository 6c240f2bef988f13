"""The detail pane of the review screen: the change under the cursor, in the layout the reviewer chose.

A short header (kind, verdict, decision), the change's words (redline.py draws them), then why
(reasons, categories, the comment). Below WIDE columns the words are one inline redline, from WIDE
up old and new side by side, below NARROW old above new.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from policydiff.model import Change, Clause, Match
from policydiff.safe import terminal_safe
from policydiff.tui.redline import first_change, highlight
from policydiff.tui.redline import inline as redline_text
from policydiff.tui.redline import side as side_text
from policydiff.tui.session import ReviewSession
from policydiff.tui.text import Palette, change_header, why_text

NARROW = 76
"""Below this many columns side by side becomes old above new."""

WIDE = 90
"""From this many columns the detail pane shows old and new side by side; below, one inline redline."""



class DetailPane(VerticalScroll):
    """The change under the cursor: a short header, its words, then why (reasons, categories, comment).

    The words are drawn in one of three layouts: an inline redline (old and new merged word by word:
    the default below WIDE columns), old and new side by side (the default from WIDE up), or old
    above new. `v` cycles them; `w` shows the whole clause instead of collapsing long unchanged runs.
    """

    LAYOUTS = ("inline", "side-by-side", "stacked")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.chosen: str | None = None
        """The layout the reviewer chose with `v`; None follows the width."""
        self.whole = False
        """Show every word instead of collapsing long unchanged runs."""
        self._first_change: tuple[Static, int] | None = None
        self._shown: tuple[ReviewSession, Match | None, Palette, str | None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header", markup=False)
        yield Static(id="redline", markup=False)
        with Horizontal(id="sides"):
            yield Static(id="old-side", markup=False)
            yield Static(id="new-side", markup=False)
        yield Static(id="detail-why", markup=False)

    @property
    def layout_name(self) -> str:
        """The layout in force: the reviewer's choice, else inline when narrow and side by side when wide."""
        if self.chosen is not None:
            return self.chosen
        return "inline" if self.size.width < WIDE else "side-by-side"

    def next_layout(self) -> str:
        """The next layout `v` offers: side by side only where two columns fit (z widens the pane)."""
        offered = self.LAYOUTS if self.size.width >= NARROW else ("inline", "stacked")
        current = self.layout_name if self.layout_name in offered else "stacked"
        self.chosen = offered[(offered.index(current) + 1) % len(offered)]
        return self.chosen

    def on_resize(self) -> None:
        """A new width can change the layout (inline below WIDE, stacked below NARROW): draw again."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, session: ReviewSession, match: Match | None, palette: Palette, search: str | None = None) -> None:
        self._shown = (session, match, palette, search)
        header = self.query_one("#detail-header", Static)
        redline, why = self.query_one("#redline", Static), self.query_one("#detail-why", Static)
        sides = self.query_one("#sides")
        old_side, new_side = self.query_one("#old-side", Static), self.query_one("#new-side", Static)
        self._first_change = None
        if match is None:
            header.update(Text("no clause selected: n / p move between changes, : goes to a clause id, "
                               "? shows every key"))
            redline.display = sides.display = why.display = False
            return
        change = session.change(match) or session.apart(match)
        header.update(change_header(session, match, palette))
        why.update(why_text(session, match, palette))
        why.display = bool(why.content)
        layout = self.layout_name
        if layout == "side-by-side" and self.size.width < NARROW:
            layout = "stacked"  # two columns do not fit: old above new
        self.set_class(layout == "stacked", "-stacked")
        styles = palette.words
        unchanged = change is None and match.old is not None and match.new is not None and not match.implied
        one_side = unchanged or match.old is None or match.new is None or (
            change is not None and not change.spans and change.kind in ("moved", "renumbered"))
        if layout == "inline" or one_side:
            redline.display, sides.display = True, False
            redline.update(highlight(redline_text(change, match, styles, whole=self.whole), search, palette.search))

            if change is not None and change.spans:
                self._first_change = (redline, first_change(change.spans, whole=self.whole))
        else:
            redline.display, sides.display = False, True
            old_side.update(highlight(side_text(change, match, "old", styles, whole=self.whole), search, palette.search))
            new_side.update(highlight(side_text(change, match, "new", styles, whole=self.whole), search, palette.search))
            old_side.border_title = Text(_title("old", match.old, match.old_extra))  # Text: never read as markup
            new_side.border_title = Text(_title("new", match.new, match.new_extra))
        self.border_title = Text(_inline_title(match, change, one_side, self.whole, layout))
        self.scroll_home(animate=False)
        if self.whole and self._first_change is not None:
            self.call_after_refresh(self._scroll_to_first_change)

    def _scroll_to_first_change(self) -> None:
        """With the whole clause shown, scroll so its first changed word is on screen."""
        if self._first_change is None:
            return
        widget, offset = self._first_change
        width = max(1, widget.content_region.width)
        renderable = widget.content
        if not isinstance(renderable, Text):
            return
        lines = renderable.wrap(self.app.console, width)
        seen = row = 0
        for row, line in enumerate(lines):
            seen += len(line.plain) + 1
            if seen > offset:
                break
        top = widget.region.y - self.region.y + self.scroll_offset.y + row
        if top >= self.scroll_offset.y + self.size.height - 2:
            self.scroll_to(y=max(0, top - 2), animate=False)


def _inline_title(match: Match, change: Change | None, one_side: bool, whole: bool, layout: str) -> str:
    """"old 3/p1 → new 3/p1 · redline (w: whole clause)": the clauses shown, the layout, what `w` does."""
    ids = []
    for side, clause, extras in (("old", match.old, match.old_extra), ("new", match.new, match.new_extra)):
        if clause is not None:
            ids.append(f"{side} " + " + ".join(c.id for c in (clause, *extras)))
    shown = "redline" if layout == "inline" else layout
    what = "" if one_side else f" · {shown}" if change is None or not change.spans else (
        f" · {shown}, whole clause" if whole else f" · {shown} (w: whole clause)")
    return terminal_safe(" → ".join(ids) + what)


def _title(side: str, clause: Clause | None, extras: tuple[Clause, ...]) -> str:
    """"new 9/p2 + 9/p3": the side and every clause shown on it."""
    ids = [c.id for c in (clause, *extras) if c is not None]
    return terminal_safe(f"{side} {' + '.join(ids)}" if ids else side)
