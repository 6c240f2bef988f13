"""`policydiff review OLD NEW`: the terminal review UI, and the one command that imports Textual.

Nothing here imports Textual until `run` runs, so `policydiff --help` and every other command stay fast.
"""

from __future__ import annotations

import argparse
from typing import Any

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import add_max_size, team_settings
from policydiff.errors import ExitCode, InputError, PolicydiffError


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
    review.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use (its notice "
                                                         "settings apply, as in check)")
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the review UI until the user quits; decisions are already saved by then."""
    import sys
    from pathlib import Path

    from policydiff.review import default_review_path, load_review

    team = team_settings(args)
    options = checked_inputs(args)  # a missing or unreadable file is one line on stderr, before the screen opens
    review_path = Path(args.review) if args.review else default_review_path(args.new)
    load_review(review_path)  # and so is a corrupt review file
    if not (sys.stdin.isatty() and sys.stderr.isatty()):  # Textual draws on stderr
        raise InputError("review", "needs a terminal (for a report without one: policydiff diff --format markdown)")

    from policydiff.tui.app import ReviewApp

    app = ReviewApp(args.old, args.new, review_path=review_path, max_bytes=args.max_size,
                    notice_settings=team.config.notice, rules=team.rules, **options)
    app.run()
    if app.failure:  # shown on screen too; repeated so it stays in the terminal after the screen closes
        raise PolicydiffError(app.failure)
    return ExitCode.OK


def checked_inputs(args: argparse.Namespace) -> dict[str, Any]:
    """Everything the screen needs from the command line, checked before it opens: the dates, the
    reviewer, and both versions read and parsed (a missing, unreadable or unparsable file is one line
    and exit 2 here, not a message inside the UI)."""
    from policydiff.gcpause import paused_gc
    from policydiff.notice.dates import parse_date_option
    from policydiff.sources import load_document
    from policydiff.store.identity import git_user_name

    notice_date = parse_date_option(args.notice_date, "--notice-date") if args.notice_date else None
    effective = parse_date_option(args.effective, "--effective") if args.effective else None
    with paused_gc():
        documents = (load_document(args.old, args.max_size), load_document(args.new, args.max_size))
    return {"notice_date": notice_date, "effective": effective, "documents": documents,
            "reviewer": (args.reviewer or "").strip() or git_user_name()}
