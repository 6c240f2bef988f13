"""`policydiff lint FILE`: what one version commits to, and its own problems."""

from __future__ import annotations

import argparse

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import add_max_size, add_tracked, team_settings, terminal_width, write
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    lint = add_parser(
        subparsers, "lint",
        description="List a policy's commitments (change-notice rule, retention periods, response deadlines, "
                    "'we do not sell' statements, hosting region) and its problems (no change-notice clause, an "
                    "effective date sooner than its own notice period, dangling cross-references, page furniture). "
                    "Exit status: 0 when no problems are found, 1 when some are, 2 on error.",
        examples=["policydiff lint privacy.md", "policydiff lint privacy@latest --format json"])
    lint.add_argument("file", metavar="FILE", help=f"the policy: {POLICY_NAMES}")
    lint.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_max_size(lint)
    add_tracked(lint)
    lint.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    lint.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.lint import lint
    from policydiff.sources import load_document

    team = team_settings(args)
    report = lint(load_document(args.file, args.max_size, tracked=args.tracked), team.rules)
    if args.format == "json":
        from policydiff.render.lint_report import render_lint_json

        write(render_lint_json(report))
    else:
        from policydiff.render.lint_report import render_lint_text

        write(render_lint_text(report, width=terminal_width()))
    return ExitCode.CHANGES if report.problems else ExitCode.OK
