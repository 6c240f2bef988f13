"""The widgets of the review screen: the clause tree, the key footer, the summary bar (the change
detail is in detail.py).

Each shows what the ReviewSession says and nothing more; the screen tells them when to redraw.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from policydiff.model import Match
from policydiff.tui.redline import highlight
from policydiff.tui.session import ReviewSession, ViewFilter
from policydiff.tui.text import Palette, apart_label, node_label, summary_text

class ClauseTree(Tree[Match], inherit_bindings=False):
    """The new version's clause tree, with old-only clauses where they stood.

    Space is the screen's "mark reviewed" key, so the tree hands it on (Enter expands and collapses);
    left and right move to the enclosing section and open a section, as in a file manager.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "open or close", show=False),
        Binding("up", "cursor_up", "up", show=False),
        Binding("down", "cursor_down", "down", show=False),
        Binding("left", "cursor_parent", "enclosing section", show=False),
        Binding("right", "expand_cursor", "open section", show=False),
        Binding("pageup", "page_up", "page up", show=False),
        Binding("pagedown", "page_down", "page down", show=False),
        Binding("home", "scroll_home", "first", show=False),
        Binding("end", "scroll_end", "last", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__("changes", **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = True
        self.nodes_by_match: dict[int, TreeNode[Match]] = {}
        self.search: str | None = None

    def action_expand_cursor(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    _adding = False
    """While `populate` adds nodes: Textual's tree re-lays itself out after every node added (its
    `_invalidate`); the nodes of one rebuild are laid out once, at its end."""

    def _invalidate(self) -> None:
        if not self._adding:
            super()._invalidate()

    def populate(self, session: ReviewSession, view: ViewFilter, palette: Palette) -> None:
        """Rebuild the tree: every clause when nothing is filtered, else what passes and its sections."""
        self._adding = True
        try:
            self._populate(session, view, palette)
        finally:
            self._adding = False
            self._invalidate()

    def _populate(self, session: ReviewSession, view: ViewFilter, palette: Palette) -> None:
        self.clear()
        self.nodes_by_match = {}
        keep: set[int] | None = None
        if view.active:
            keep = set()
            for match in session.targets(view):
                step: Match | None = match
                while step is not None and id(step) not in keep:
                    keep.add(id(step))
                    step = session.parent(step)
        inside = self._changes_inside(session)
        for match in session.diff.matches:
            if keep is not None and id(match) not in keep:
                continue
            clause = match.new or match.old
            if clause is None or (clause.role != "body" and session.change(match) is None):
                continue
            parent = session.parent(match)
            node_parent = self.nodes_by_match.get(id(parent)) if parent else None
            label = node_label(session, match, palette, inside.get(id(match), 0) if clause.children else 0,
                               view.search)
            owner = node_parent or self.root
            if clause.children:
                node = owner.add(label, match, expand=keep is not None or id(match) in inside)
            else:
                node = owner.add_leaf(label, match)
            self.nodes_by_match[id(match)] = node
        self.search = view.search
        if not view.about_changes:
            self._listed_apart(session, view, palette)

    def _listed_apart(self, session: ReviewSession, view: ViewFilter, palette: Palette) -> None:
        """A last group for the changes listed apart (structure alone, non-operative text): there to read,
        not counted among the changes to review."""
        entries = [(what, change) for what, change in session.apart_changes()
                   if not view.search or view.search.casefold() in apart_label(what, change, session).plain.casefold()]
        if not entries:
            return
        group = self.root.add(Text(f"listed apart, not to review ({len(entries)})", style="bold"), None,
                              expand=bool(view.search))
        for what, change in entries:
            node = group.add_leaf(highlight(apart_label(what, change, session), view.search, palette.search),
                                  change.match)
            self.nodes_by_match.setdefault(id(change.match), node)

    def relabel(self, session: ReviewSession, match: Match, palette: Palette) -> None:
        """Redraw one clause's line after a decision changed its marks."""
        node = self.nodes_by_match.get(id(match))
        if node is not None:
            clause = match.new or match.old
            count = self._changes_inside(session).get(id(match), 0) if clause and clause.children else 0
            node.set_label(node_label(session, match, palette, count, self.search))

    def show(self, match: Match) -> bool:
        """Put the cursor on this clause, opening the sections around it; False when it is not listed."""
        node = self.nodes_by_match.get(id(match))
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self._center, node)
        return True

    def _center(self, node: TreeNode[Match]) -> None:
        self.move_cursor(node, animate=False)
        if node.line >= 0:
            self.scroll_to_region(Region(0, node.line, self.size.width, 1), animate=False, center=True, force=True)

    @staticmethod
    def _changes_inside(session: ReviewSession) -> dict[int, int]:
        counts: dict[int, int] = {}
        for change in session.diff.changes:
            step = session.parent(change.match)
            while step is not None:
                counts[id(step)] = counts.get(id(step), 0) + 1
                step = session.parent(step)
        return counts


class KeyFooter(Footer):
    """The footer, on two rows when one row cannot hold every key (80 columns cannot hold twelve)."""

    ONE_ROW = 118
    """Columns needed to show every key on one row."""
    _recompose_due = False

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rows = 1 if self.app.size.width >= self.ONE_ROW else 2
        self.set_class(rows == 2, "-two-rows")
        self.styles.grid_size_columns = max(1, -(-len(keys) // rows))
        yield from keys

    def on_resize(self) -> None:
        if self.has_class("-two-rows") != (self.app.size.width < self.ONE_ROW):
            self._recompose_soon()

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's footer recomposes once for every change of the bindings (each focus change, each
        refresh of them: ten at start-up); here the changes before one refresh are one recompose,
        which shows the bindings as they are by then."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._recompose_soon()

    def _recompose_soon(self) -> None:
        if not self._recompose_due:
            self._recompose_due = True
            self.call_after_refresh(self._recompose_now)

    async def _recompose_now(self) -> None:
        self._recompose_due = False
        await self.recompose()


class SummaryBar(Static):
    """Changes by kind, material count, reviewed count and the notice-window verdict."""

    def show(self, session: ReviewSession, notice: str | None, palette: Palette) -> None:
        self.update(summary_text(session, notice, palette))
