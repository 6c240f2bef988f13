"""The review screen: loads the diff in a worker, then turns each key into a ReviewSession call.

Every binding has an id (so a user keymap can remap it) and a description (shown in the footer and
in the `?` help). Loading runs in a thread worker behind a LoadingIndicator, so the terminal stays
live while a large policy parses or git history is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static, Tree

from policydiff.errors import PolicydiffError
from policydiff.model import Match
from policydiff.safe import terminal_safe
from policydiff.tui.actions import ReviewActions
from policydiff.tui.notices import check_reviewed
from policydiff.tui.session import ReviewSession, ViewFilter, open_session
from policydiff.tui.text import Palette
from policydiff.tui.widgets import ClauseTree, DetailPane, KeyFooter, SummaryBar

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules
    from policydiff.config import NoticeSettings


class ReviewScreen(ReviewActions, Screen[None]):
    """Clause tree on the left, the change in detail on the right, the summary and keys below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", "next", tooltip="next change (of those the filter lists)", id="review.next"),
        Binding("p", "previous_change", "prev", tooltip="previous change", id="review.previous"),
        Binding("m", "toggle_material", "material", tooltip="material changes only (again: all)",
                id="review.material"),
        Binding("f", "filter", "filter", tooltip="filter by kind or category, or unreviewed only",
                id="review.filter"),
        Binding("slash", "search", "search", key_display="/", tooltip="search clause text (empty: clear the search)",
                id="review.search"),
        Binding("space", "toggle_reviewed", "reviewed", key_display="space",
                tooltip="mark the current change reviewed (again: unmark)", id="review.reviewed"),
        Binding("c", "comment", "comment", tooltip="comment on the current change (empty: remove)",
                id="review.comment"),
        Binding("o", "override", "override", tooltip="override its materiality, with a required reason",
                id="review.override"),
        Binding("e", "email", "email", tooltip="preview the notice-email draft (nothing is sent)", id="review.email"),
        Binding("x", "export", "export", tooltip="export the review: Markdown and JSON with every decision",
                id="review.export"),
        Binding("question_mark", "help", "help", key_display="?", tooltip="this list of keys", id="review.help"),
        Binding("q", "app.quit", "quit", tooltip="quit (decisions are already saved)", id="review.quit"),
        Binding("N", "previous_change", "prev", show=False, tooltip="previous change (as in less and delta)",
                id="review.previous-alt"),
        Binding("escape", "clear_filters", "clear", show=False, tooltip="clear every filter and search",
                id="review.clear"),
        Binding("t", "app.toggle_dark", "theme", show=False, tooltip="switch between the light and dark theme",
                id="review.theme"),
    ]

    def __init__(self, old: str, new: str, review_path: Path, max_bytes: int, settings: NoticeSettings | None = None,
                 rules: Rules | None = None) -> None:
        super().__init__()
        self.old_argument, self.new_argument = old, new
        self.review_path, self.max_bytes, self.settings, self.rules = review_path, max_bytes, settings, rules
        self.session: ReviewSession | None = None
        self.view = ViewFilter()
        self.current: Match | None = None
        self.notice = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="loading")
        yield Static(id="problem", markup=False)
        with Horizontal(id="main"):
            with Vertical(id="tree-pane"):
                yield Static(id="tree-header", markup=False)
                yield ClauseTree(id="tree")
            yield DetailPane(id="detail")
        yield SummaryBar(id="summary", markup=False)
        yield KeyFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "policydiff review"
        self.sub_title = terminal_safe(f"{self.old_argument} → {self.new_argument}")
        self.query_one("#main").display = False
        self.query_one("#problem").display = False
        self.query_one(SummaryBar).update(Text("loading and comparing both versions…"))
        self.app.theme_changed_signal.subscribe(self, self.on_theme_changed)
        self.load()

    def on_theme_changed(self, _theme: object) -> None:
        """Policy text carries theme colours in its Text spans, so a new theme redraws it."""
        if self.session is not None:
            current = self.current
            self.refresh_all()
            self.go_to(current)

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Parse, diff, read the review file and check the notice window, off the UI thread."""
        try:
            session = open_session(self.old_argument, self.new_argument, self.review_path, self.max_bytes,
                                   rules=self.rules)
            notice = check_reviewed(session.view, self.settings)
        except PolicydiffError as error:
            self.app.call_from_thread(self.failed, " ".join(str(error).split()))
            return
        except Exception as error:  # a bug: say so on screen rather than tear the terminal down mid-load
            self.app.call_from_thread(self.failed, f"internal error: {type(error).__name__}: "
                                                   f"{' '.join(str(error).split())} (please report it)")
            return
        self.app.call_from_thread(self.loaded, session, notice)

    def failed(self, message: str) -> None:
        setattr(self.app, "failure", message)
        self.query_one("#loading").display = False
        problem = self.query_one("#problem", Static)
        problem.update(Text(f"policydiff: error: {terminal_safe(message, visible=True)}\n\nq to quit"))
        problem.display = True
        self.query_one(SummaryBar).update(Text("nothing loaded"))

    def loaded(self, session: ReviewSession, notice: Any) -> None:
        self.session, self.notice = session, notice
        self.query_one("#loading").display = False
        self.query_one("#main").display = True
        self.refresh_all()
        tree = self.query_one(ClauseTree)
        tree.focus()
        targets = session.targets(self.view)
        self.go_to(targets[0] if targets else None)
        self.refresh_bindings()
        if session.resumed_from is not None:
            count = len(session.review.decisions)
            self._say(f"resumed {count} decision{'s' * (count != 1)} from {session.path}", timeout=5)
            if session.resumed_from != (self.old_argument, self.new_argument):
                self._say(f"this review file was started on {' → '.join(session.resumed_from)}; decisions on "
                          "changes whose words differ are marked stale", severity="warning", timeout=10)

    # --- showing -------------------------------------------------------------------------------------

    @property
    def palette(self) -> Palette:
        return Palette.from_theme(self.app.theme_variables, plain=self.app.no_color)

    def refresh_all(self) -> None:
        """Rebuild the tree for the filter and redraw the header, the summary and the detail."""
        assert self.session is not None
        self.query_one(ClauseTree).populate(self.session, self.view, self.palette)
        self.refresh_counts()
        self.query_one(DetailPane).show(self.session, self.current, self.palette)

    def refresh_counts(self) -> None:
        assert self.session is not None
        counts = self.session.tally()
        listed = len(self.session.targets(self.view))
        header = Text(f"{counts['changes']} changes · ", no_wrap=True, overflow="ellipsis")
        header.append(f"{counts['material']} material", style=self.palette.material if counts["material"] else "")
        header.append(f" · {counts['reviewed']}/{counts['changes']} reviewed")
        if self.view.active:
            header.append(f"\nfilter: {self.view.describe()} ({listed}) · esc clears", style="bold")
        self.query_one("#tree-header", Static).update(header)
        self.query_one(SummaryBar).show(self.session, self.notice.headline if self.notice else None, self.palette)

    def go_to(self, match: Match | None) -> None:
        """Make this clause the current one: cursor on it in the tree, its detail shown."""
        self.current = match
        if match is not None:
            self.query_one(ClauseTree).show(match)
        if self.session is not None:
            self.query_one(DetailPane).show(self.session, match, self.palette)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Match]) -> None:
        if self.session is not None and event.node.data is not None and event.node.data is not self.current:
            self.current = event.node.data
            self.query_one(DetailPane).show(self.session, self.current, self.palette)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need the diff are shown disabled until it has loaded."""
        if self.session is None and action not in ("help", "quit", "toggle_dark"):
            return None
        return True
