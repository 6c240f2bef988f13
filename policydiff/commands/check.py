"""`policydiff check OLD NEW`: is each material change given the notice the old version promised?

`check` and `notice` share their arguments and their first steps: diff two versions, apply a
reviewer's materiality overrides (from `policydiff review`), and read the old version's promise.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import add_max_size, add_tracked, team_settings, write
from policydiff.errors import ExitCode, PolicydiffError

if TYPE_CHECKING:
    from policydiff.config import Config
    from policydiff.model import Diff
    from policydiff.notice.window import NoticeCheck


def register(subparsers: SubParsers) -> None:
    check = add_parser(
        subparsers, "check",
        description="Diff OLD and NEW, read the change-notice promise of OLD, and check that NEW's material changes "
                    "take effect no sooner than that promise allows. Exit status: 0 when compliant or nothing "
                    "material changed, 1 when not compliant, when changes need fresh consent, or when the window "
                    "cannot be checked; 2 on error.",
        examples=["policydiff check terms-3.2.txt terms-4.0.txt --notice-date 2025-11-20",
                  "policydiff check privacy@2.0 privacy@latest --effective 2026-03-01 --format json"])
    pair_arguments(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result, check, _ = notice_check(args)
    if args.format == "json":
        from policydiff.render.check_report import render_check_json

        write(render_check_json(check, result))
    else:
        from policydiff.render.check_report import render_check_text

        write(render_check_text(check, result))
    return ExitCode.OK if check.passed else ExitCode.CHANGES


def pair_arguments(parser: argparse.ArgumentParser) -> None:
    """OLD NEW and the options every notice command shares."""
    parser.add_argument("old", metavar="OLD", help=f"the version in force: {POLICY_NAMES}")
    parser.add_argument("new", metavar="NEW", help="the new version, named the same ways")
    parser.add_argument("--notice-date", metavar="DATE",
                        help="the day users are told, YYYY-MM-DD (default: NEW's last-updated date, as a stand-in)")
    parser.add_argument("--effective", metavar="DATE", help="when NEW takes effect (default: NEW's own date)")
    add_max_size(parser)
    add_tracked(parser)
    parser.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    reviews = parser.add_mutually_exclusive_group()
    reviews.add_argument("--review", metavar="FILE", help="apply the materiality overrides of this review file "
                                                          "(default: NEW's review file from `policydiff review`, "
                                                          "if there is one)")
    reviews.add_argument("--no-review", action="store_true", help="ignore review decisions")


def notice_check(args: argparse.Namespace) -> tuple[Diff, NoticeCheck, Config]:
    """Load both versions, diff them, apply the review and check the window; the config rides along."""
    from policydiff.api import diff_documents
    from policydiff.gcpause import paused_gc
    from policydiff.notice.dates import parse_date_option
    from policydiff.notice.window import check_notice
    from policydiff.sources import load_document

    team = team_settings(args)
    notice_date = parse_date_option(args.notice_date, "--notice-date") if args.notice_date else None
    effective = parse_date_option(args.effective, "--effective") if args.effective else None
    with paused_gc():
        result = diff_documents(load_document(args.old, args.max_size, tracked=args.tracked),
                                load_document(args.new, args.max_size, tracked=args.tracked),
                                rules=team.rules)
    from policydiff.commands.pairing import warn_about_pair

    warn_about_pair(result, args.old, args.new)
    result = reviewed(result, args)
    check = check_notice(result, notice_date=notice_date, effective=effective, settings=team.config.notice)
    return result, check, team.config


def reviewed(result: Diff, args: argparse.Namespace) -> Diff:
    """The diff with a reviewer's overrides applied, saying on stderr which file they came from."""
    from pathlib import Path

    from policydiff.review import apply_review, default_review_path, load_review

    if args.no_review:
        return result
    path = Path(args.review) if args.review else default_review_path(args.new)
    if not args.review and not path.is_file():
        return result
    if args.review and not path.is_file():
        raise PolicydiffError(f"{path}: no such review file")
    applied = apply_review(result, load_review(path))
    overridden = sum(1 for change in applied.changes if any(r.code == "override" for r in change.reasons))
    if overridden:
        from policydiff.commands.shell import one_line

        sys.stderr.write(f"policydiff: applied {overridden} materiality override(s) from {one_line(str(path))}\n")
    return applied
