"""The keys of the review screen that move: between changes, through the tree or the detail pane,
to a clause by its id, and between the detail's layouts. A mixin under ReviewActions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policydiff.model import Match
from policydiff.tui.detail import DetailPane
from policydiff.tui.dialogs import PromptScreen
from policydiff.tui.session import ReviewSession, ViewFilter
from policydiff.tui.widgets import ClauseTree

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class MovingActions(_Base):
    """The `action_*` methods that move the cursor or change what the detail pane shows."""

    session: ReviewSession | None
    view: ViewFilter
    current: Match | None

    # --- moving --------------------------------------------------------------------------------------

    def action_next_change(self) -> None:
        self._step(1)

    def action_previous_change(self) -> None:
        self._step(-1)

    def action_move(self, step: int) -> None:
        """j / k: one clause down or up in the tree; in the detail pane, one line."""
        focused = self.focused
        if isinstance(focused, ClauseTree):
            if step > 0:
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()
        else:
            detail = self.query_one(DetailPane)
            detail.scroll_relative(y=step, animate=False)

    def action_edge(self, last: int) -> None:
        """g / G: the first or last clause in the tree; in the detail pane, its top or bottom."""
        focused = self.focused
        if isinstance(focused, ClauseTree):
            focused.cursor_line = focused.last_line if last else 0
            focused.scroll_to_line(focused.cursor_line, animate=False)
        else:
            detail = self.query_one(DetailPane)
            if last:
                detail.scroll_end(animate=False)
            else:
                detail.scroll_home(animate=False)

    def action_half_page(self, direction: int) -> None:
        """Ctrl-d / Ctrl-u: half a page down or up, in the tree (the cursor moves) or the detail pane."""
        focused = self.focused
        if isinstance(focused, ClauseTree):
            step = max(1, focused.size.height // 2)
            focused.cursor_line = max(0, min(focused.last_line, focused.cursor_line + direction * step))
            focused.scroll_to_line(focused.cursor_line, animate=False)
        else:
            detail = self.query_one(DetailPane)
            detail.scroll_relative(y=direction * max(1, detail.size.height // 2), animate=False)

    def action_goto(self) -> None:
        self.app.push_screen(PromptScreen("Go to clause", "", "a clause id, as policydiff prints it: 7.2, 3/p2, 11/p2",
                                          "Enter to go · Escape to cancel"), self._go_to_id)

    def _go_to_id(self, wanted: str | None) -> None:
        import difflib

        if not wanted or not wanted.strip() or self.session is None:
            return
        wanted = wanted.strip()
        match = self.session.find(wanted)
        if match is None:
            close = difflib.get_close_matches(wanted, self.session.ids(), n=3, cutoff=0.6)
            self._say(f"no clause {wanted}" + (f"; did you mean {', '.join(close)}?" if close else ""),
                      severity="warning")
            return
        if not self.query_one(ClauseTree).show(match):  # filtered out: list everything, then go there
            self.view = ViewFilter()
            self.refresh_all()
            self._say(f"filters cleared to show {wanted}", timeout=3)
        self.go_to(match)

    def action_layout(self) -> None:
        detail = self.query_one(DetailPane)
        self._say(f"detail: {detail.next_layout()}", timeout=2)
        self.go_to(self.current)

    def action_whole(self) -> None:
        detail = self.query_one(DetailPane)
        detail.whole = not detail.whole
        self.go_to(self.current)

    def action_zoom(self) -> None:
        pane = self.query_one("#tree-pane")
        pane.display = not pane.display
        if not pane.display:
            self.query_one(DetailPane).focus()
        else:
            self.query_one(ClauseTree).focus()

    def _step(self, direction: int) -> None:
        assert self.session is not None
        targets = self.session.targets(self.view)
        if not targets:
            self._say(f"nothing to visit: no {self.view.describe()}", severity="warning")
            return
        order = {id(match): index for index, match in enumerate(self.session.diff.matches)}
        here = order.get(id(self.current), -1) if self.current is not None else -1
        ahead = [m for m in targets if (order[id(m)] - here) * direction > 0]
        if not ahead:
            self._say("wrapped to the " + ("first" if direction > 0 else "last") + " change", timeout=2)
            ahead = targets
        self.go_to(ahead[0] if direction > 0 else ahead[-1])

    if TYPE_CHECKING:
        def refresh_all(self) -> None: ...
        def go_to(self, match: Match | None) -> None: ...
        def _say(self, message: str, severity: str = "information", timeout: float = 4) -> None: ...
