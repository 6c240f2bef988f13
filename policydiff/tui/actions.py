"""What each key of the review screen does, kept apart from the screen's layout and loading.

A mixin for ReviewScreen: each action asks the ReviewSession to change (which saves the review
file) and then redraws. Dialogs answer through callbacks, so nothing here blocks the event loop.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from textual.binding import Binding

from policydiff.errors import PolicydiffError
from policydiff.model import Match
from policydiff.safe import terminal_safe
from policydiff.tui.dialogs import CommentScreen, FilterScreen, OverrideScreen, PromptScreen, Verdict
from policydiff.tui.help import HelpScreen, TextScreen
from policydiff.tui.notices import email_draft
from policydiff.tui.session import DecisionFields, ReviewSession, ViewFilter
from policydiff.tui.detail import DetailPane
from policydiff.tui.moving import MovingActions
from policydiff.tui.widgets import ClauseTree

class ReviewActions(MovingActions):
    """The `action_*` methods behind the review screen's bindings (moving ones in MovingActions)."""

    session: ReviewSession | None
    view: ViewFilter
    current: Match | None
    notice: Any
    settings: Any
    review_path: Path

    # --- filtering -----------------------------------------------------------------------------------

    def action_toggle_material(self) -> None:
        self.apply_filter(replace(self.view, material_only=not self.view.material_only))

    def action_filter(self) -> None:
        assert self.session is not None
        self.app.push_screen(FilterScreen(self.session, self.view), self._filter_chosen)

    def _filter_chosen(self, chosen: ViewFilter | None) -> None:
        if chosen is not None:
            self.apply_filter(chosen)

    def action_search(self) -> None:
        self.app.push_screen(PromptScreen("Search clause text", self.view.search or "", "words to find",
                                          "Enter to search · empty clears the search · Escape to cancel"),
                             self._searched)

    def _searched(self, words: str | None) -> None:
        if words is not None:
            self.apply_filter(replace(self.view, search=" ".join(words.split()) or None))

    def action_clear_filters(self) -> None:
        if self.view.active:
            self.apply_filter(ViewFilter())

    def apply_filter(self, view: ViewFilter) -> None:
        """List what the filter lets through; stay on the current clause if it still is listed."""
        assert self.session is not None
        targets = self.session.targets(view)
        if view.search and not targets:
            self._say(f"no clause holds “{view.search}”" + (" among " + view.describe() if view.about_changes
                                                               else ""), severity="warning")
            return
        self.view = view
        self.refresh_all()
        if not targets:
            self._say(f"no {view.describe()}: press escape to list everything", severity="warning")
        listed = self.current is not None and any(match is self.current for match in targets)
        self.go_to(self.current if listed else (targets[0] if targets else None))

    # --- deciding ------------------------------------------------------------------------------------

    def _current_change(self, doing: str) -> Match | None:
        if self.current is None or self.session is None or self.session.change(self.current) is None:
            self._say(f"select a change to {doing} (n / p move between changes)", severity="warning")
            return None
        return self.current

    def action_toggle_reviewed(self) -> None:
        """Space: mark reviewed and go on to the next change; on a change reviewed already, unmark it
        (and stay). A stale mark counts as not reviewed, so Space marks these words reviewed."""
        match = self._current_change("mark reviewed")
        if match is None:
            return
        assert self.session is not None
        marking = not self.session.reviewed(match)
        if self._decide(match, reviewed=marking) and marking:
            self._step(1)

    def action_comment(self) -> None:
        match = self._current_change("comment on")
        if match is not None:
            decision = self.session.decision(match)  # type: ignore[union-attr]
            self.app.push_screen(CommentScreen(f"Comment on {(match.new or match.old).id}",  # type: ignore[union-attr]
                                               (decision.comment or "") if decision else ""),
                                 lambda text: self._commented(match, text))

    def _commented(self, match: Match, text: str | None) -> None:
        if text is not None:
            lines = [line.rstrip() for line in text.strip().splitlines()]
            self._decide(match, comment="\n".join(lines) or None)

    def action_override(self) -> None:
        match = self._current_change("override")
        if match is not None:
            assert self.session is not None
            change, decision = self.session.change(match), self.session.decision(match)
            classified = self.session.classified(match)
            self.app.push_screen(OverrideScreen(change.material, classified.material,  # type: ignore[union-attr]
                                                (decision.override_reason or "") if decision else ""),
                                 lambda answer: self._overridden(match, answer))

    def _overridden(self, match: Match, answer: tuple[Verdict, str] | None) -> None:
        if answer is None:
            return
        choice, reason = answer
        override = None if choice == "clear" else choice == "material"
        self._decide(match, override=override, override_reason=reason if override is not None else None)
        assert self.session is not None
        self.notice = self.check_notice(self.session)
        self.refresh_counts()

    def _decide(self, match: Match, **fields: Unpack[DecisionFields]) -> bool:
        """Record a decision and redraw; False (and a message) when the review file could not be saved."""
        assert self.session is not None
        try:
            self.session.decide(match, **fields)
        except (PolicydiffError, OSError) as error:
            self._say(f"not saved: {' '.join(str(error).split())}", severity="error", timeout=8)
            return False
        self.query_one(ClauseTree).relabel(self.session, match, self.palette)
        self.refresh_counts()
        if match is self.current:
            self.query_one(DetailPane).show(self.session, match, self.palette, self.view.search)
        return True

    def _say(self, message: str, severity: str = "information", timeout: float = 4) -> None:
        """A notification; its text (search words, paths, errors) is never read as markup."""
        self.notify(terminal_safe(message, visible=True), severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    # --- reports -------------------------------------------------------------------------------------

    def action_email(self) -> None:
        assert self.session is not None
        title, body = email_draft(self.session.view, self.notice, self.settings)
        self.app.push_screen(TextScreen(title, body))

    def action_export(self) -> None:
        base = self.review_path.with_name(self.review_path.name.removesuffix(".json") + "-report")
        self.app.push_screen(PromptScreen("Export the review to (.md and .json are added)", str(base), "file name",
                                          "Enter to write both files · Escape to cancel"), self._export_to)

    def _export_to(self, name: str | None) -> None:
        if not name or not name.strip() or self.session is None:
            return
        from policydiff.files import write_output
        from policydiff.review.report import export_review_json, export_review_markdown

        base = Path(name.strip()).expanduser()
        base = base.with_suffix("") if base.suffix in (".md", ".json") else base
        notice = self.notice.headline if self.notice else None
        written = []
        try:
            for suffix, render in ((".md", export_review_markdown), (".json", export_review_json)):
                target = base.with_name(base.name + suffix)
                if target.resolve() == self.review_path.resolve():
                    raise PolicydiffError(f"{target}: that is the review file itself; choose another name")
                write_output(str(target), render(self.session.diff, self.session.review, notice=notice))
                written.append(str(target))
        except (PolicydiffError, OSError) as error:
            self._say(f"export failed: {' '.join(str(error).split())}", severity="error", timeout=8)
            return
        self._say("exported " + " and ".join(written), timeout=6)

    def action_help(self) -> None:
        bindings = [binding for binding in self.BINDINGS if isinstance(binding, Binding)]
        self.app.push_screen(HelpScreen(bindings))

    if TYPE_CHECKING:
        palette: Any

        def refresh_all(self) -> None: ...
        def check_notice(self, session: ReviewSession) -> Any: ...
        def refresh_counts(self) -> None: ...
        def go_to(self, match: Match | None) -> None: ...


