"""`policydiff hook lint|check FILE...`: the pre-commit entry points, one file at a time.

`lint` reports each file's problems; `check` checks each file against its last committed version
(HEAD). One unreadable file is reported and the others still run.
"""

from __future__ import annotations

import argparse
import sys

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import megabytes, one_line, team_settings, terminal_width, write
from policydiff.errors import ExitCode, PolicydiffError


def register(subparsers: SubParsers) -> None:
    hook = add_parser(subparsers, "hook",
                      description="`hook lint FILE...` lints each file; `hook check FILE...` checks each "
                                  "file against its last committed version (HEAD). Exit status: 1 when any "
                                  "file has problems or fails its notice check, else 0; 2 on error.",
                      examples=["policydiff hook lint policies/privacy.md policies/terms.md",
                                "policydiff hook check policies/privacy.md   # against its version in HEAD"])
    hook.add_argument("action", metavar="ACTION", choices=("lint", "check"),
                      help="lint: each file's own problems; check: each file against its last committed version")
    hook.add_argument("files", metavar="FILE", nargs="*", help="the policy files (pre-commit passes the staged ones)")
    hook.add_argument("--max-size", type=megabytes, default=None, metavar="MB", help=argparse.SUPPRESS)
    hook.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    hook.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.sources import load_document, read_source

    team = team_settings(args)
    failed = False
    for name in args.files:
        try:
            if args.action == "lint":
                from policydiff.lint import lint
                from policydiff.render.lint_report import render_lint_text

                report = lint(load_document(name, args.max_size), team.rules)
                failed |= bool(report.problems)
                if report.problems:
                    write(render_lint_text(report, width=terminal_width()))
                continue
            from policydiff.api import diff_documents
            from policydiff.notice.window import check_notice
            from policydiff.parse import parse_source
            from policydiff.render.check_report import render_check_text

            try:
                committed = read_source(f"HEAD:./{Path(name).as_posix()}", args.max_size)
            except PolicydiffError:
                write(f"{name}: not in the last commit; nothing to check against")
                continue
            result = diff_documents(parse_source(committed), load_document(name, args.max_size), rules=team.rules)
            check = check_notice(result, settings=team.config.notice)
            if not check.passed:
                failed = True
                write(f"{name}:\n" + render_check_text(check, result))
        except PolicydiffError as error:
            sys.stderr.write(f"policydiff: error: {one_line(str(error))}\n")
            failed = True
    return ExitCode.CHANGES if failed else ExitCode.OK
