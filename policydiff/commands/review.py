"""`policydiff review OLD NEW`: the terminal review UI, and the one command that imports Textual.

Nothing here imports Textual until `run` runs, so `policydiff --help` and every other command stay fast.
"""

from __future__ import annotations

import argparse

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import add_max_size, team_settings
from policydiff.errors import ExitCode, InputError, PolicydiffError


def register(subparsers: SubParsers) -> None:
    review = add_parser(
        subparsers, "review",
        description="Open a terminal UI on the clause-level diff of OLD and NEW (file paths, git REV:PATH or "
                    "DOC@VERSION). Keys: n/p next/previous change, m material only, f filter, / search, space "
                    "reviewed, c comment, o override materiality, e notice-email preview, x export, ? help, q quit. "
                    "Decisions are saved as they are made, in a review file beside NEW (or under "
                    ".policydiff/reviews/ for revisions), so a review can be closed and resumed.")
    review.add_argument("old", metavar="OLD", help="old version: a file, REV:PATH or DOC@VERSION")
    review.add_argument("new", metavar="NEW", help="new version: a file, REV:PATH or DOC@VERSION")
    review.add_argument("--review", metavar="FILE", default=None,
                        help="the review file to read and write (default: NEW.review.json beside a file, else "
                             ".policydiff/reviews/<name>.json)")
    add_max_size(review)
    review.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the review UI until the user quits; decisions are already saved by then."""
    import sys
    from pathlib import Path

    from policydiff.review import default_review_path, load_review

    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual draws on stderr
        raise InputError("review", "needs a terminal (for a report without one: policydiff diff --format markdown)")
    team = team_settings(args)
    max_bytes = args.max_size
    review_path = Path(args.review) if args.review else default_review_path(args.new)
    load_review(review_path)  # a corrupt review file is one line on stderr, before the screen opens

    from policydiff.tui.app import ReviewApp

    app = ReviewApp(args.old, args.new, review_path=review_path, max_bytes=max_bytes,
                    notice_settings=team.config.notice, rules=team.rules)
    app.run()
    if app.failure:  # shown on screen too; repeated so it stays in the terminal after the screen closes
        raise PolicydiffError(app.failure)
    return ExitCode.OK
