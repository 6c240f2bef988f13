"""What a pull request changed in the policies: which changed files are policies, and the report on them.

The report model `policydiff pr` builds and `render/pr_comment.py` renders: one FileReport per
changed policy file (its diff and notice check, or why it could not be read) and the PrReport over
all of them, which knows whether the team's `--fail-on` condition holds. Headless: no git here (the
files and revisions come from `store.changes`), no rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from policydiff.errors import InputError
from policydiff.model import Diff
from policydiff.store.changes import ChangedFile, RevisionRange

if TYPE_CHECKING:
    from policydiff.notice.window import NoticeCheck

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
    chosen = []
    for changed in files:
        paths = [path for path in (changed.path, changed.old_path) if path]
        if not any(PurePosixPath(path).suffix.lower() in POLICY_SUFFIXES for path in paths):
            continue
        if not any(pattern.fullmatch(path) for pattern in patterns for path in paths):
            continue
        if only and not any(under(path, item) for item in only for path in paths):
            continue
        chosen.append(changed)
    return chosen


def under(path: str, item: str) -> bool:
    """Whether a repository path is the file, inside the folder, or matches the glob that `item` names."""
    return bool(_glob(item.rstrip("/") + "/**").fullmatch(path) or _glob(item).fullmatch(path))


def check_paths(only: tuple[str, ...], chosen: list[ChangedFile], files: tuple[ChangedFile, ...],
                existing: set[str], revisions: str) -> None:
    """`pr PATHS` must name something: a PATH that matches no file at either revision is a typo, and PATHS
    under which no policy file changed would pass every pull request without looking at one."""
    if not only:
        return
    unknown = [item for item in only if not any(under(path, item) for path in existing)]
    if unknown:
        raise InputError(" ".join(unknown), f"{'this PATH matches' if len(unknown) == 1 else 'these PATHS match'} "
                                            f"no file at either revision of {revisions} (a typo in PATHS?)")
    if not chosen:
        changed = sum(1 for file in files if any(under(path, item) for item in only
                                                 for path in (file.path, file.old_path) if path))
        what = f"{changed} changed file{'s' if changed != 1 else ''} there, none a policy" if changed else \
            "no file there changed"
        raise InputError(" ".join(only), f"no policy file changed under PATHS in {revisions} ({what}); "
                                         "name the policy files a pull request changes, or leave PATHS out")


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
