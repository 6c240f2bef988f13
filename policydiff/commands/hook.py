"""`policydiff hook lint|check FILE...`: the pre-commit entry points, one file at a time.

`lint` reports each file's problems; `check` checks each file against its last committed version
(HEAD). One unreadable file is reported and the others still run. Exit status as every command's:
0 clean, 1 problems or a failed notice check, 2 when a file could not be read.
"""

from __future__ import annotations

import argparse
import sys

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import Team, add_tracked, megabytes, one_line, team_settings, terminal_width, write
from policydiff.errors import ExitCode, PolicydiffError


def register(subparsers: SubParsers) -> None:
    hook = add_parser(subparsers, "hook",
                      description="`hook lint FILE...` lints each file; `hook check FILE...` checks each "
                                  "file against its last committed version (HEAD). Exit status: 2 when any "
                                  "file cannot be read (missing, binary, empty, too large), else 1 when any "
                                  "file has problems or fails its notice check, else 0.",
                      examples=["policydiff hook lint policies/privacy.md policies/terms.md",
                                "policydiff hook check policies/privacy.md   # against its version in HEAD"])
    hook.add_argument("action", metavar="ACTION", choices=("lint", "check"),
                      help="lint: each file's own problems; check: each file against its last committed version")
    hook.add_argument("files", metavar="FILE", nargs="*", help="the policy files (pre-commit passes the staged ones)")
    hook.add_argument("--max-size", type=megabytes, default=None, metavar="MB", help=argparse.SUPPRESS)
    hook.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    add_tracked(hook)
    hook.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Each file in turn; a file that cannot be read is reported and the others still run. Exit status 2
    when any file could not be read (missing, binary, empty, too large), else 1 when any has problems."""
    team = team_settings(args)
    failed = unreadable = False
    for name in args.files:
        try:
            failed |= _lint(name, args, team) if args.action == "lint" else _check(name, args, team)
        except PolicydiffError as error:
            sys.stderr.write(f"policydiff: error: {one_line(str(error))}\n")
            unreadable = True
    return ExitCode.TROUBLE if unreadable else ExitCode.CHANGES if failed else ExitCode.OK


def _lint(name: str, args: argparse.Namespace, team: Team) -> bool:
    from policydiff.lint import lint
    from policydiff.render.lint_report import render_lint_text
    from policydiff.sources import load_document

    report = lint(load_document(name, args.max_size, tracked=args.tracked), team.rules)
    if report.problems:
        write(render_lint_text(report, width=terminal_width()))
    return bool(report.problems)


def _check(name: str, args: argparse.Namespace, team: Team) -> bool:
    from pathlib import Path

    from policydiff.api import diff_documents
    from policydiff.notice.window import check_notice
    from policydiff.parse import parse_source
    from policydiff.render.check_report import render_check_text
    from policydiff.sources import load_document, read_source

    staged = load_document(name, args.max_size, tracked=args.tracked)  # the file itself first: a missing or binary file is an error
    try:
        committed = read_source(f"HEAD:./{Path(name).as_posix()}", args.max_size, args.tracked)
    except PolicydiffError:
        write(f"{one_line(name)}: not in the last commit; nothing to check against")
        return False
    result = diff_documents(parse_source(committed), staged, rules=team.rules)
    check = check_notice(result, settings=team.config.notice)
    if not check.passed:
        write(f"{one_line(name)}:\n" + render_check_text(check, result))
    return not check.passed
