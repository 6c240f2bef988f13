"""`policydiff pr`: every policy file a pull request changes, diffed and checked, for one comment.

The policy files are picked by globs (a team's `policy_paths`, else names that look like
policies), read at both revisions straight from git, diffed clause by clause and checked against
the notice window of the base version. The verdict an exit code carries is the team's choice
(`--fail-on`), because some teams gate merges on material changes and others only on notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

import argparse

from policydiff.commands.shell import apply_config, write
from policydiff.errors import ExitCode, InputError, PolicydiffError
from policydiff.model import Diff
from policydiff.notice.window import NoticeCheck
from policydiff.store.changes import ChangedFile, RevisionRange

POLICY_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf")
DEFAULT_POLICY_PATHS = ("policies/**", "legal/**", "**/*privacy*", "**/*terms*", "**/*policy*", "**/*tos*",
                        "**/*eula*", "**/*dpa*", "**/*cookie*", "**/*acceptable-use*")
"""Without `policy_paths`, a file is a policy when its path looks like one; suffixes are checked too."""

FAIL_ON = ("material", "notice", "any", "never")


@dataclass(frozen=True, slots=True)
class FileReport:
    """One changed policy file: its diff and notice check, or why it could not be read."""

    file: ChangedFile
    diff: Diff | None = None
    check: NoticeCheck | None = None
    error: str | None = None
    clauses: int = 0
    """For an added or removed file: how many clauses it has."""

    @property
    def material(self) -> int:
        return sum(1 for change in self.diff.changes if change.material) if self.diff else 0

    @property
    def notice_failed(self) -> bool:
        return self.check is not None and not self.check.passed


@dataclass(frozen=True, slots=True)
class PrReport:
    range: RevisionRange
    files: tuple[FileReport, ...]
    fail_on: str

    @property
    def failed(self) -> bool:
        """Whether the --fail-on condition holds (unreadable policy files always fail)."""
        if any(report.error for report in self.files):
            return self.fail_on != "never"
        if self.fail_on == "material":
            return any(report.material for report in self.files)
        if self.fail_on == "notice":
            return any(report.notice_failed for report in self.files)
        if self.fail_on == "any":
            return any(report.file.status != "modified" or (report.diff and report.diff.changes)
                       for report in self.files)
        return False


def policy_files(files: tuple[ChangedFile, ...], globs: tuple[str, ...], only: tuple[str, ...]) -> list[ChangedFile]:
    """The changed files that are policies, limited to those under `only` (paths or globs) when given."""
    patterns = [_glob(pattern) for pattern in (globs or DEFAULT_POLICY_PATHS)]
    limits = [_glob(item.rstrip("/") + "/**") for item in only] + [_glob(item) for item in only]
    chosen = []
    for changed in files:
        paths = [path for path in (changed.path, changed.old_path) if path]
        if not any(PurePosixPath(path).suffix.lower() in POLICY_SUFFIXES for path in paths):
            continue
        if not any(pattern.fullmatch(path) for pattern in patterns for path in paths):
            continue
        if only and not any(limit.fullmatch(path) for limit in limits for path in paths):
            continue
        chosen.append(changed)
    return chosen


def build_report(revisions: RevisionRange, files: list[ChangedFile], *, fail_on: str, max_bytes: int,
                 settings=None) -> PrReport:  # type: ignore[no-untyped-def]
    """Diff and check every chosen file; a file that cannot be read is reported, not fatal."""
    from policydiff.api import diff_documents
    from policydiff.notice.window import check_notice
    from policydiff.parse import parse_source
    from policydiff.store.gitread import read_revision

    reports = []
    for changed in files:
        try:
            old = new = None
            if changed.old_path is not None:
                old = parse_source(read_revision(f"{revisions.base}:{changed.old_path}", max_bytes=max_bytes,
                                                 cwd=revisions.root))
            if changed.status != "removed":
                new = parse_source(read_revision(f"{revisions.head}:{changed.path}", max_bytes=max_bytes,
                                                 cwd=revisions.root))
        except PolicydiffError as error:
            reports.append(FileReport(changed, error=_relabel(str(error), revisions)))
            continue
        if old is None or new is None:
            only = old or new
            reports.append(FileReport(changed, clauses=sum(1 for _ in only.body()) if only else 0))
            continue
        result = diff_documents(old, new)
        reports.append(FileReport(changed, result, check_notice(result, settings=settings)))
    return PrReport(revisions, tuple(reports), fail_on)


def _relabel(message: str, revisions: RevisionRange) -> str:
    """Error messages name revisions by short SHA, as reviewers see them."""
    return message.replace(revisions.base, revisions.base[:7]).replace(revisions.head, revisions.head[:7])


@lru_cache(maxsize=64)
def _glob(pattern: str) -> re.Pattern[str]:
    """A path glob: `**` any folders (or none), `*` and `?` within one folder; case-insensitive."""
    if not pattern or pattern.startswith("/") or ".." in PurePosixPath(pattern).parts:
        raise InputError(pattern or "''", "not a usable path glob (relative to the repository root, no '..')")
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out), re.IGNORECASE)


def run_pr(args: argparse.Namespace) -> int:
    """The command: choose, diff, check, render, and exit by --fail-on."""
    from policydiff.gcpause import paused_gc
    from policydiff.store.changes import changed_files

    config = apply_config(args)
    revisions = changed_files(args.base, args.head)
    chosen = policy_files(revisions.files, config.policy_paths, tuple(args.paths))
    with paused_gc():
        report = build_report(revisions, chosen, fail_on=args.fail_on, max_bytes=args.max_size,
                              settings=config.notice)
    if args.format == "json":
        from policydiff.render.pr_comment import render_pr_json

        output = render_pr_json(report)
    else:
        from policydiff.render.pr_comment import render_pr_markdown

        output = render_pr_markdown(report)
    if args.output:
        from policydiff.commands.files import write_atomic

        write_atomic(args.output, output)
    else:
        write(output)
    return ExitCode.CHANGES if report.failed else ExitCode.OK
