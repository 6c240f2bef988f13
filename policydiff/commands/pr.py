"""`policydiff pr`: every policy file a pull request changes, diffed and checked, for one comment.

The policy files are picked by globs (a team's `policy_paths`, else names that look like
policies), read at both revisions straight from git, diffed clause by clause and checked against
the notice window of the base version. The verdict an exit code carries is the team's choice
(`--fail-on`), because some teams gate merges on material changes and others only on notice.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Literal

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import add_max_size, add_tracked, deliver, team_settings
from policydiff.errors import ExitCode, PolicydiffError
from policydiff.pullrequest import FAIL_ON, FileReport, PrReport, check_paths, policy_files
from policydiff.store.changes import ChangedFile, RevisionRange

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules
    from policydiff.config import NoticeSettings


def register(subparsers: SubParsers) -> None:
    pr = add_parser(
        subparsers, "pr",
        description="Find the policy files changed between BASE and HEAD, diff each clause by clause, check each "
                    "against its notice window, and print one pull-request comment (or JSON). Which paths are "
                    "policies: policy_paths in the config, else names such as policies/**, *privacy*, *terms*. "
                    "Exit status: 1 when the --fail-on condition holds, else 0; 2 on error.",
        examples=["policydiff pr                                  # merge base with the default branch → HEAD",
                  "policydiff pr --base main --head feature policies/privacy.md --format json"])
    pr.add_argument("paths", metavar="PATHS", nargs="*",
                    help="only these files, folders or globs (default: every policy); a PATH that matches no file, "
                         "or PATHS under which no policy file changed, are an error (exit 2)")
    pr.add_argument("--base", metavar="REV", help="the base revision (default: the merge base with the default branch)")
    pr.add_argument("--head", metavar="REV", help="the head revision (default: HEAD)")
    pr.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output (default: markdown)")
    pr.add_argument("--fail-on", choices=FAIL_ON, default="notice",
                    help="exit 1 when material changes are found, when a notice check fails (default), on any "
                         "change, or never")
    pr.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_max_size(pr)
    add_tracked(pr)
    pr.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    pr.set_defaults(run=run)


def build_report(revisions: RevisionRange, files: list[ChangedFile], *, fail_on: str, max_bytes: int,
                 settings: NoticeSettings | None = None, rules: Rules | None = None,
                 tracked: Literal["accepted", "rejected"] = "accepted") -> PrReport:
    """Diff and check every chosen file (a Word draft's tracked changes read `tracked`); a file that
    cannot be read is reported, not fatal."""
    from dataclasses import replace

    from policydiff.api import diff_documents
    from policydiff.notice.window import check_notice
    from policydiff.parse import parse_source
    from policydiff.store.gitread import read_revision

    reports = []
    for changed in files:
        try:
            old = new = None
            if changed.old_path is not None:
                old = parse_source(replace(read_revision(f"{revisions.base}:{changed.old_path}", max_bytes=max_bytes,
                                                         cwd=revisions.root), tracked=tracked))
            if changed.status != "removed":
                new = parse_source(replace(read_revision(f"{revisions.head}:{changed.path}", max_bytes=max_bytes,
                                                         cwd=revisions.root), tracked=tracked))
        except PolicydiffError as error:
            reports.append(FileReport(changed, error=_relabel(str(error), revisions)))
            continue
        if old is None or new is None:
            only = old or new
            reports.append(FileReport(changed, clauses=sum(1 for _ in only.body()) if only else 0))
            continue
        result = diff_documents(old, new, rules=rules)
        reports.append(FileReport(changed, result, check_notice(result, settings=settings)))
    return PrReport(revisions, tuple(reports), fail_on)


def _relabel(message: str, revisions: RevisionRange) -> str:
    """Error messages name revisions by short SHA, as reviewers see them."""
    return message.replace(revisions.base, revisions.base[:7]).replace(revisions.head, revisions.head[:7])


def run(args: argparse.Namespace) -> int:
    """The command: choose, diff, check, render, and exit by --fail-on."""
    from policydiff.gcpause import paused_gc
    from policydiff.store.changes import changed_files

    team = team_settings(args)
    config = team.config
    revisions = changed_files(args.base, args.head)
    chosen = policy_files(revisions.files, config.policy_paths, tuple(args.paths))
    if args.paths:
        from policydiff.store.changes import files_at

        span = f"{revisions.base[:7]}..{revisions.head[:7]}"
        check_paths(tuple(args.paths), chosen, revisions.files, files_at(revisions), span)
    with paused_gc():
        report = build_report(revisions, chosen, fail_on=args.fail_on, max_bytes=args.max_size,
                              settings=config.notice, rules=team.rules, tracked=args.tracked)
    if args.format == "json":
        from policydiff.render.pr_comment import render_pr_json

        output = render_pr_json(report)
    else:
        import os

        from policydiff.render.pr_comment import Repository, render_pr_markdown

        output = render_pr_markdown(report, repository=Repository.from_env(dict(os.environ)))
    deliver(output, args.output)
    return ExitCode.CHANGES if report.failed else ExitCode.OK
