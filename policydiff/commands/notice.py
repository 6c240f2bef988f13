"""`policydiff check`, `notice` and `hook`: the notice window and the draft, from the command line.

All three diff two versions and read the old one's notice promise; `check` prints the verdict,
`notice` drafts the email, `hook` runs lint or check per file for pre-commit. A reviewer's
materiality overrides (from `policydiff review`) apply to check and notice.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from policydiff.commands.shell import one_line, team_settings, terminal_width, write
from policydiff.errors import ExitCode, PolicydiffError


def reviewed(result: Any, args: argparse.Namespace) -> Any:
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
    reviewed = apply_review(result, load_review(path))
    overridden = sum(1 for change in reviewed.changes if any(r.code == "override" for r in change.reasons))
    if overridden:
        sys.stderr.write(f"policydiff: applied {overridden} materiality override(s) from {path}\n")
    return reviewed


def notice_check(args: argparse.Namespace) -> Any:
    """Load both versions, diff them and check the window; the config's notice settings ride along."""
    from policydiff.api import diff_documents
    from policydiff.sources import load_document
    from policydiff.gcpause import paused_gc
    from policydiff.notice.dates import parse_date_option
    from policydiff.notice.window import check_notice

    team = team_settings(args)
    notice_date = parse_date_option(args.notice_date, "--notice-date") if args.notice_date else None
    effective = parse_date_option(args.effective, "--effective") if args.effective else None
    with paused_gc():
        result = diff_documents(load_document(args.old, args.max_size, {}),
                                load_document(args.new, args.max_size, {}), rules=team.rules)
    result = reviewed(result, args)
    check = check_notice(result, notice_date=notice_date, effective=effective, settings=team.config.notice)
    return result, check, team.config


def run_check(args: argparse.Namespace) -> int:
    result, check, _ = notice_check(args)
    if args.format == "json":
        from policydiff.render.check_report import render_check_json

        write(render_check_json(check, result))
    else:
        from policydiff.render.check_report import render_check_text

        write(render_check_text(check, result))
    return ExitCode.OK if check.passed else ExitCode.CHANGES


def run_notice(args: argparse.Namespace) -> int:
    from policydiff.notice.draft import DraftOptions, draft_notice

    result, check, config = notice_check(args)
    settings = config.notice
    options = DraftOptions(company=args.company or settings.company, url=args.url or settings.url,
                           redline_url=args.redline_url or settings.redline_url,
                           contact=args.contact or settings.contact, sender=args.sender or settings.sender,
                           templates=tuple(args.template or ()), force=args.force)
    draft = draft_notice(result, check, args.format, options)
    for warning in draft.warnings:
        sys.stderr.write(f"policydiff: warning: {one_line(warning)}\n")
    if args.output:
        from policydiff.files import write_atomic

        write_atomic(args.output, draft.text)
        sys.stderr.write(f"policydiff: draft written to {args.output}\n")
    else:
        write(draft.text)
    return ExitCode.OK


def run_hook(args: argparse.Namespace) -> int:
    """Each file in turn; one bad file is reported and the others still run."""
    from pathlib import Path

    from policydiff.sources import load_document

    team = team_settings(args)
    failed = False
    for name in args.files:
        try:
            if args.action == "lint":
                from policydiff.lint import lint
                from policydiff.render.lint_report import render_lint_text

                report = lint(load_document(name, args.max_size, {}), team.rules)
                failed |= bool(report.problems)
                if report.problems:
                    write(render_lint_text(report, width=terminal_width()))
                continue
            from policydiff.api import diff_documents
            from policydiff.notice.window import check_notice
            from policydiff.render.check_report import render_check_text
            from policydiff.store.gitread import read_revision

            relative = Path(name).as_posix()
            try:
                committed = read_revision(f"HEAD:./{relative}", max_bytes=args.max_size)
            except PolicydiffError:
                write(f"{name}: not in the last commit; nothing to check against")
                continue
            from policydiff.parse import parse_source

            result = diff_documents(parse_source(committed), load_document(name, args.max_size, {}), rules=team.rules)
            check = check_notice(result, settings=team.config.notice)
            if not check.passed:
                failed = True
                write(f"{name}:\n" + render_check_text(check, result))
        except PolicydiffError as error:
            sys.stderr.write(f"policydiff: error: {one_line(str(error))}\n")
            failed = True
    return ExitCode.CHANGES if failed else ExitCode.OK
