"""The review screen: loads the diff in a worker, then turns each key into a ReviewSession call.

Every binding has an id (so a user keymap can remap it) and a description (shown in the footer and
in the `?` help). Loading runs in a thread worker behind a LoadingIndicator, so the terminal stays
live while a large policy parses or git history is read; a screen given the diff preloaded (as
`policydiff review` does) has no indicator at all.
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
from policydiff.tui.detail import DetailPane
from policydiff.tui.widgets import ClauseTree, KeyFooter, SummaryBar
from policydiff.view import pair_warnings

if TYPE_CHECKING:
    from datetime import date

    from policydiff.classify.rules import Rules
    from policydiff.config import NoticeSettings
    from policydiff.model import Document

Preloaded = tuple[ReviewSession, Any] | str
"""What `policydiff review` computed before the app started: the session and its notice verdict, or
the one-line reason loading failed."""


class ReviewScreen(ReviewActions, Screen[None]):
    """Clause tree on the left, the change in detail on the right, the summary and keys below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_change", "next", tooltip="next change (of those the filter lists)", id="review.next"),
        Binding("p", "previous_change", "prev", tooltip="previous change", id="review.previous"),
        Binding("space", "toggle_reviewed", "reviewed", key_display="space",
                tooltip="mark the current change reviewed and go to the next (on a reviewed one: unmark)",
                id="review.reviewed"),
        Binding("c", "comment", "comment", tooltip="comment on the current change, several lines (empty: remove)",
                id="review.comment"),
        Binding("o", "override", "override", tooltip="override its materiality, with a required reason",
                id="review.override"),
        Binding("v", "layout", "layout", tooltip="the change's words: inline redline, side by side, or stacked",
                id="review.layout"),
        Binding("z", "zoom", "zoom", tooltip="zoom the detail pane to the whole width (again: the tree back)",
                id="review.zoom"),
        Binding("colon", "goto", "go to", key_display=":", tooltip="go to a clause by its id (7.2, 3/p2)",
                id="review.goto"),
        Binding("slash", "search", "search", key_display="/",
                tooltip="search clause text and ids, hits highlighted (empty: clear the search)", id="review.search"),
        Binding("m", "toggle_material", "material", tooltip="material changes only (again: all)",
                id="review.material"),
        Binding("f", "filter", "filter", tooltip="filter by kind or category, or unreviewed only",
                id="review.filter"),
        Binding("e", "email", "email", tooltip="preview the notice-email draft (nothing is sent)", id="review.email"),
        Binding("x", "export", "export", tooltip="export the review: Markdown and JSON with every decision",
                id="review.export"),
        Binding("question_mark", "help", "help", key_display="?", tooltip="this list of keys", id="review.help"),
        Binding("q", "app.quit", "quit", tooltip="quit (decisions are already saved)", id="review.quit"),
        Binding("N", "previous_change", "prev", show=False, tooltip="previous change (as in less and delta)",
                id="review.previous-alt"),
        Binding("j", "move(1)", "down", show=False, tooltip="down one clause (in the detail pane: scroll)",
                id="review.down"),
        Binding("k", "move(-1)", "up", show=False, tooltip="up one clause (in the detail pane: scroll)",
                id="review.up"),
        Binding("g", "edge(0)", "first", show=False, tooltip="first clause (in the detail pane: top)",
                id="review.first"),
        Binding("G", "edge(1)", "last", show=False, tooltip="last clause (in the detail pane: bottom)",
                id="review.last"),
        Binding("ctrl+d", "half_page(1)", "half page down", show=False, tooltip="half a page down",
                id="review.half-down"),
        Binding("ctrl+u", "half_page(-1)", "half page up", show=False, tooltip="half a page up", id="review.half-up"),
        Binding("w", "whole", "whole clause", show=False,
                tooltip="show the whole clause (again: collapse long unchanged runs)", id="review.whole"),
        Binding("escape", "clear_filters", "clear", show=False, tooltip="clear every filter and search",
                id="review.clear"),
        Binding("t", "app.toggle_dark", "theme", show=False, tooltip="switch between the light and dark theme",
                id="review.theme"),
    ]

    def __init__(self, old: str, new: str, review_path: Path, max_bytes: int, settings: NoticeSettings | None = None,
                 rules: Rules | None = None, *, preloaded: Preloaded | None = None, notice_date: date | None = None,
                 effective: date | None = None, reviewer: str | None = None,
                 documents: tuple[Document, Document] | None = None) -> None:
        super().__init__()
        self.preloaded = preloaded
        self.old_argument, self.new_argument = old, new
        self.review_path, self.max_bytes, self.settings, self.rules = review_path, max_bytes, settings, rules
        self.notice_date, self.effective, self.reviewer, self.documents = notice_date, effective, reviewer, documents
        self.session: ReviewSession | None = None
        self.view = ViewFilter()
        self.current: Match | None = None
        self.notice = None

    def compose(self) -> ComposeResult:
        yield Header()
        if self.preloaded is None:  # loaded here: the indicator moves until the worker is done
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
        if isinstance(self.preloaded, str):
            self.failed(self.preloaded)
        elif self.preloaded is not None:
            self.loaded(*self.preloaded)
        else:
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
                                   rules=self.rules, documents=self.documents, reviewer=self.reviewer)
            notice = self.check_notice(session)
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
        self.query("#loading").set(display=False)
        problem = self.query_one("#problem", Static)
        problem.update(Text(f"policydiff: error: {terminal_safe(message, visible=True)}\n\nq to quit"))
        problem.display = True
        self.query_one(SummaryBar).update(Text("nothing loaded"))

    def loaded(self, session: ReviewSession, notice: Any) -> None:
        self.session, self.notice = session, notice
        self.query("#loading").set(display=False)
        self.query_one("#main").display = True
        self.refresh_all()
        tree = self.query_one(ClauseTree)
        tree.focus()
        targets = session.targets(self.view)
        self.go_to(targets[0] if targets else None)
        self.refresh_bindings()
        for warning in pair_warnings(session.diff, self.old_argument, self.new_argument):
            self._say(warning, severity="warning", timeout=10)
        if session.resumed_from is not None:
            count = len(session.review.decisions)
            self._say(f"resumed {count} decision{'s' * (count != 1)} from {session.path}", timeout=5)
            if session.resumed_from != (self.old_argument, self.new_argument):
                self._say(f"this review file was started on {' → '.join(session.resumed_from)}; decisions on "
                          "changes whose words differ are marked stale", severity="warning", timeout=10)

    def check_notice(self, session: ReviewSession) -> Any:
        """The notice verdict on the reviewed diff, with --notice-date and --effective."""
        return check_reviewed(session.view, self.settings, notice_date=self.notice_date, effective=self.effective)

    # --- showing -------------------------------------------------------------------------------------

    @property
    def palette(self) -> Palette:
        return Palette.from_theme(self.app.theme_variables, plain=self.app.no_color)

    def refresh_all(self) -> None:
        """Rebuild the tree for the filter and redraw the header, the summary and the detail."""
        assert self.session is not None
        self.query_one(ClauseTree).populate(self.session, self.view, self.palette)
        self.refresh_counts()
        self.query_one(DetailPane).show(self.session, self.current, self.palette, self.view.search)

    def refresh_counts(self) -> None:
        assert self.session is not None
        counts = self.session.tally()
        listed = len(self.session.targets(self.view))
        title = Text(f"{counts['changes']} changes · ", no_wrap=True, overflow="ellipsis")
        title.append(f"{counts['material']} material", style=self.palette.material if counts["material"] else "")
        title.append(f" · {counts['reviewed']}/{counts['changes']} reviewed")
        if counts["stale"]:
            title.append(f" · {counts['stale']} stale", style=self.palette.stale)
        self.query_one("#tree-pane").border_title = title
        header = self.query_one("#tree-header", Static)
        header.display = self.view.active
        if self.view.active:
            header.update(Text(f"filter: {self.view.describe()} ({listed}) · esc clears", style="bold"))
        self.query_one(SummaryBar).show(self.session, self.notice.headline if self.notice else None, self.palette)

    def go_to(self, match: Match | None) -> None:
        """Make this clause the current one: cursor on it in the tree, its detail shown."""
        self.current = match
        if match is not None:
            self.query_one(ClauseTree).show(match)
        if self.session is not None:
            self.query_one(DetailPane).show(self.session, match, self.palette, self.view.search)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Match]) -> None:
        if self.session is not None and event.node.data is not None and event.node.data is not self.current:
            self.current = event.node.data
            self.query_one(DetailPane).show(self.session, self.current, self.palette, self.view.search)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need the diff are shown disabled until it has loaded."""
        if self.session is None and action not in ("help", "quit", "toggle_dark", "zoom"):
            return None
        return True
