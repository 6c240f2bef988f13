"""The Textual application behind `policydiff review`: one screen, its stylesheet, nothing else.

The arguments are the names the user typed (paths, REV:PATH, DOC@VERSION). `policydiff review`
computes the diff before the app starts (in a process of its own while Textual is imported, see
commands/review.py) and hands it over as `preloaded`, so the first frame already shows it; without
it, loading is the screen's work, done in a worker, so the app opens at once. The review screen is
the app's default screen (not pushed over an empty one, which cost a second layout of the first frame).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from policydiff.read import DEFAULT_MAX_BYTES
from policydiff.review import default_review_path
from policydiff.tui.screen import Preloaded, ReviewScreen

if TYPE_CHECKING:
    from datetime import date

    from policydiff.classify.rules import Rules
    from policydiff.config import NoticeSettings
    from policydiff.model import Document


class ReviewApp(App[None]):
    """Review the changes from OLD to NEW; decisions go to review_path as they are made."""

    CSS_PATH = "review.tcss"
    TITLE = "policydiff review"
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, old: str, new: str, *, review_path: str | Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, notice_settings: NoticeSettings | None = None,
                 rules: Rules | None = None, preloaded: Preloaded | None = None, notice_date: date | None = None,
                 effective: date | None = None, reviewer: str | None = None,
                 documents: tuple[Document, Document] | None = None) -> None:
        super().__init__()
        self.preloaded = preloaded
        """The session and its notice verdict already computed, or why loading failed."""
        self.old_argument, self.new_argument = old, new
        self.review_path = Path(review_path) if review_path else default_review_path(new)
        self.max_bytes, self.notice_settings, self.rules = max_bytes, notice_settings, rules
        self.options = {"notice_date": notice_date, "effective": effective, "reviewer": reviewer,
                        "documents": documents}
        """review --notice-date, --effective and --reviewer, and both versions when already loaded."""
        self.failure: str | None = None
        """Why loading failed, if it did: the command repeats it on stderr and exits 2."""

    def get_default_screen(self) -> ReviewScreen:
        return ReviewScreen(self.old_argument, self.new_argument, self.review_path, self.max_bytes,
                            self.notice_settings, self.rules, preloaded=self.preloaded,
                            **self.options)  # type: ignore[arg-type]
