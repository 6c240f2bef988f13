"""`policydiff review OLD NEW`: the terminal review UI, and the one command that imports Textual.

Nothing here imports Textual until `run` runs, so `policydiff --help` and every other command stay fast.
`run` starts the diff first, in a forked process on Linux, then imports Textual (~400 ms) while the
diff is computed, and starts the app with the diff loaded, so its first frame shows the changes and
nothing competes with the drawing. Elsewhere (no fork, or one that macOS frameworks do not survive)
the diff is computed before Textual is imported.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import add_max_size, add_tracked, team_settings
from policydiff.errors import ExitCode, InputError, PolicydiffError

if TYPE_CHECKING:
    from datetime import date

    from policydiff.sources import Tracked

    from policydiff.classify.rules import Rules
    from policydiff.model import Diff
    from policydiff.tui.screen import Preloaded


def register(subparsers: SubParsers) -> None:
    review = add_parser(
        subparsers, "review",
        description="Open a terminal UI on the clause-level diff of OLD and NEW. Keys: n/p next/previous change, "
                    "space reviewed and next, c comment, o override materiality, v layout, z zoom, : go to a "
                    "clause, / search, m material only, f filter, e notice-email preview, x export, ? every key, "
                    "q quit. Decisions are saved as they are made, in a review file beside NEW (or under "
                    ".policydiff/reviews/ for revisions), so a review can be closed and resumed.",
        examples=["policydiff review privacy-2025.md privacy-2026.md",
                  "policydiff review privacy@2.0 privacy@latest --notice-date 2026-01-15",
                  "policydiff review old.md new.md --reviewer 'A. Counsel' --review team-review.json"])
    review.add_argument("old", metavar="OLD", help=f"the old version: {POLICY_NAMES}")
    review.add_argument("new", metavar="NEW", help="the new version, named the same ways")
    review.add_argument("--review", metavar="FILE", default=None,
                        help="the review file to read and write (default: NEW.review.json beside a file, else "
                             ".policydiff/reviews/<name>.json)")
    review.add_argument("--reviewer", metavar="NAME", default=None,
                        help="who is reviewing, recorded with each decision (default: git config user.name)")
    review.add_argument("--notice-date", metavar="DATE",
                        help="the day users are told, YYYY-MM-DD, for the notice verdict (default: NEW's "
                             "last-updated date, as a stand-in)")
    review.add_argument("--effective", metavar="DATE", help="when NEW takes effect (default: NEW's own date)")
    add_max_size(review)
    add_tracked(review)
    review.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use (its notice "
                                                         "settings apply, as in check)")
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the review UI until the user quits; decisions are already saved by then."""
    from policydiff.review import default_review_path, load_review

    team = team_settings(args)
    options = checked_options(args)  # a bad date is one line on stderr, before the screen opens
    review_path = Path(args.review) if args.review else default_review_path(args.new)
    load_review(review_path)  # and so is a corrupt review file
    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual draws on stderr
        checked_documents(args)  # a missing or unreadable file is still the first thing said
        raise InputError("review", "needs a terminal (for a report without one: policydiff diff --format markdown)")

    loading = DiffLoading(args.old, args.new, args.max_size, team.rules, args.tracked)

    from policydiff.tui.app import ReviewApp  # imported while the diff is computed

    preloaded = loading.preloaded(review_path, team.config.notice, **options)
    app = ReviewApp(args.old, args.new, review_path=review_path, max_bytes=args.max_size,
                    notice_settings=team.config.notice, rules=team.rules, preloaded=preloaded, **options)
    app.run()
    if app.failure:  # shown on screen too; repeated so it stays in the terminal after the screen closes
        raise PolicydiffError(app.failure)
    return ExitCode.OK


class DiffLoading:
    """The diff of OLD and NEW, being computed in a forked process (or, without fork, already computed)."""

    def __init__(self, old: str, new: str, max_bytes: int, rules: Rules, tracked: Tracked = "accepted") -> None:
        self.old, self.new, self.max_bytes, self.rules, self.tracked = old, new, max_bytes, rules, tracked
        self._outcome: tuple[str, Any] | None = None
        self._child: tuple[int, int] | None = None
        if not sys.platform.startswith("linux"):  # macOS frameworks are not safe across a fork without exec
            self._outcome = self._compute()
            return
        reading, writing = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: compute here, before Textual is imported
            os.close(reading)
            os.close(writing)
            self._outcome = self._compute()
            return
        if pid == 0:  # the child: compute, send the outcome, leave without running the parent's exit handlers
            os.close(reading)
            try:
                outcome = self._compute()
                try:
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as error:
                    data = pickle.dumps(("failed", _internal(error)))
                with os.fdopen(writing, "wb") as out:
                    out.write(data)
            finally:
                os._exit(0)
        os.close(writing)
        self._child = (pid, reading)

    def _compute(self) -> tuple[str, Any]:
        from policydiff.tui.session import load_diff

        try:
            return "diff", load_diff(self.old, self.new, self.max_bytes, rules=self.rules, tracked=self.tracked)
        except PolicydiffError as error:  # bad input: said before the screen opens
            return "error", " ".join(str(error).split())
        except Exception as error:  # a bug: said on screen, as the screen's own loading says it
            return "failed", _internal(error)

    def outcome(self) -> tuple[str, Any]:
        """("diff", the Diff), ("error", the input's problem) or ("failed", the bug), waiting for the child if it is still computing."""
        if self._outcome is None:
            assert self._child is not None
            pid, reading = self._child
            with os.fdopen(reading, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            try:
                self._outcome = pickle.loads(data)
            except Exception:  # the child died before it could answer: compute here instead
                self._outcome = self._compute()
        return self._outcome

    def preloaded(self, review_path: Path, settings: Any, *, notice_date: date | None = None,
                  effective: date | None = None, reviewer: str | None = None) -> Preloaded:
        """The session and its notice verdict for the app, or the one-line reason loading failed (a
        problem with the input is raised: it is said before the screen opens)."""
        from policydiff.tui.notices import check_reviewed
        from policydiff.tui.session import session_for

        kind, value = self.outcome()
        if kind == "error":
            raise PolicydiffError(value)
        if kind == "failed":
            return str(value)
        diff: Diff = value
        try:
            session = session_for(diff, self.old, self.new, review_path, reviewer)
            return session, check_reviewed(session.view, settings, notice_date=notice_date, effective=effective)
        except PolicydiffError as error:
            return " ".join(str(error).split())
        except Exception as error:
            return _internal(error)


def _internal(error: BaseException) -> str:
    return f"internal error: {type(error).__name__}: {' '.join(str(error).split())} (please report it)"


def checked_options(args: argparse.Namespace) -> dict[str, Any]:
    """What the screen needs from the command line besides the files, checked before it opens: the
    dates (a bad one is one line and exit 2 here) and the reviewer."""
    from policydiff.notice.dates import parse_date_option
    from policydiff.store.identity import git_user_name

    notice_date = parse_date_option(args.notice_date, "--notice-date") if args.notice_date else None
    effective = parse_date_option(args.effective, "--effective") if args.effective else None
    return {"notice_date": notice_date, "effective": effective,
            "reviewer": (args.reviewer or "").strip() or git_user_name()}


def checked_documents(args: argparse.Namespace) -> None:
    """Read and parse both versions, for the error a missing, unreadable or unparsable file gives."""
    from policydiff.gcpause import paused_gc
    from policydiff.sources import load_document

    with paused_gc():
        load_document(args.old, args.max_size, tracked=args.tracked)
        load_document(args.new, args.max_size, tracked=args.tracked)
