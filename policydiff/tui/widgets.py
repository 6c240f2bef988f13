"""The widgets of the review screen: the clause tree, the change detail, the summary bar.

Each shows what the ReviewSession says and nothing more; the screen tells them when to redraw.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Static, Tree
from textual.widgets.tree import TreeNode

from policydiff.model import Clause, Match
from policydiff.safe import terminal_safe
from policydiff.tui.session import ReviewSession, ViewFilter
from policydiff.tui.text import Palette, change_header, node_label, side_text, summary_text

NARROW = 76
"""Below this many columns the detail pane stacks old above new instead of side by side."""


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

    def action_expand_cursor(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def populate(self, session: ReviewSession, view: ViewFilter, palette: Palette) -> None:
        """Rebuild the tree: every clause when nothing is filtered, else what passes and its sections."""
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
            label = node_label(session, match, palette, inside.get(id(match), 0) if clause.children else 0)
            owner = node_parent or self.root
            if clause.children:
                node = owner.add(label, match, expand=keep is not None or id(match) in inside)
            else:
                node = owner.add_leaf(label, match)
            self.nodes_by_match[id(match)] = node

    def relabel(self, session: ReviewSession, match: Match, palette: Palette) -> None:
        """Redraw one clause's line after a decision changed its marks."""
        node = self.nodes_by_match.get(id(match))
        if node is not None:
            clause = match.new or match.old
            count = self._changes_inside(session).get(id(match), 0) if clause and clause.children else 0
            node.set_label(node_label(session, match, palette, count))

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


class DetailPane(VerticalScroll):
    """The change under the cursor: header, then old and new side by side (stacked when narrow)."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-header", markup=False)
        with Horizontal(id="sides"):
            yield Static(id="old-side", markup=False)
            yield Static(id="new-side", markup=False)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-stacked")

    def show(self, session: ReviewSession, match: Match | None, palette: Palette) -> None:
        header = self.query_one("#detail-header", Static)
        old_side, new_side = self.query_one("#old-side", Static), self.query_one("#new-side", Static)
        if match is None:
            header.update(Text("no clause selected: n / p move between changes, ? shows every key"))
            old_side.display = new_side.display = False
            return
        change = session.change(match)
        header.update(change_header(session, match, palette))
        old_side.update(side_text(change, match, "old", palette))
        new_side.update(side_text(change, match, "new", palette))
        old_side.border_title = Text(_title("old", match.old, match.old_extra))  # Text: never read as markup
        new_side.border_title = Text(_title("new", match.new, match.new_extra))
        unchanged = change is None and match.old is not None and match.new is not None and not match.implied
        same_words = change is not None and not change.spans and change.kind in ("moved", "renumbered")
        old_side.display = match.old is not None and not unchanged and not same_words  # one column when one side says it all
        new_side.display = match.new is not None
        self.scroll_home(animate=False)


def _title(side: str, clause: Clause | None, extras: tuple[Clause, ...]) -> str:
    """"new 9/p2 + 9/p3": the side and every clause shown on it."""
    ids = [c.id for c in (clause, *extras) if c is not None]
    return terminal_safe(f"{side} {' + '.join(ids)}" if ids else side)


class KeyFooter(Footer):
    """The footer, on two rows when one row cannot hold every key (80 columns cannot hold twelve)."""

    ONE_ROW = 118
    """Columns needed to show every key on one row."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        rows = 1 if self.app.size.width >= self.ONE_ROW else 2
        self.set_class(rows == 2, "-two-rows")
        self.styles.grid_size_columns = max(1, -(-len(keys) // rows))
        yield from keys

    def on_resize(self) -> None:
        if self.has_class("-two-rows") != (self.app.size.width < self.ONE_ROW):
            self.call_after_refresh(self.recompose)


class SummaryBar(Static):
    """Changes by kind, material count, reviewed count and the notice-window verdict."""

    def show(self, session: ReviewSession, notice: str | None, palette: Palette) -> None:
        self.update(summary_text(session, notice, palette))
