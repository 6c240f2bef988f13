"""Which files changed between two revisions, and where a pull request branched off.

`policydiff pr` needs what `git diff --name-status -M base head` says, plus the merge base with
the default branch when no base is given. Revisions come from users and CI, so each is resolved
through GitPython (never a shell) and every failure is one InputError with a hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from policydiff.errors import InputError
from policydiff.store.gitcall import git_errors, resolve_commit

if TYPE_CHECKING:
    import git

FileStatus = Literal["added", "removed", "modified", "renamed"]


@dataclass(frozen=True, slots=True)
class ChangedFile:
    status: FileStatus
    path: str
    """The path at head (at base for a removed file), relative to the repository root."""
    old_path: str | None
    """The path at base (None for an added file); differs from path for a rename."""


@dataclass(frozen=True, slots=True)
class RevisionRange:
    root: Path
    base: str
    """The base commit's full SHA."""
    head: str
    base_name: str
    """How the base was named: the option, or "merge base with origin/main"."""
    head_name: str
    files: tuple[ChangedFile, ...]


def changed_files(base: str | None, head: str | None, cwd: Path | None = None) -> RevisionRange:
    """The files that differ between base (default: the merge base with the default branch) and head."""
    import git

    with git_errors(str(cwd or Path.cwd())):
        repo = git.Repo(cwd or Path.cwd(), search_parent_directories=True)
    head_name = head or "HEAD"
    head_commit = _commit(repo, head_name, "--head")
    if base:
        base_commit, base_name = _commit(repo, base, "--base"), base
    else:
        branch = _default_branch(repo)
        with git_errors(branch):
            bases = repo.merge_base(branch, head_commit)
        if not bases:
            raise InputError(branch, f"has no common history with {head_name}; pass --base")
        base_commit, base_name = bases[0], f"merge base with {branch}"
    with git_errors(f"{base_name}..{head_name}"):
        output = repo.git.diff("--name-status", "-M", "-z", "--no-color", base_commit.hexsha, head_commit.hexsha)
    root = Path(repo.working_tree_dir or repo.git_dir)
    return RevisionRange(root, base_commit.hexsha, head_commit.hexsha, base_name, head_name,
                         tuple(_parse_name_status(output)))


def files_at(revisions: RevisionRange) -> set[str]:
    """Every file path at the base or the head revision (what `pr PATHS` may name)."""
    import git

    with git_errors(str(revisions.root)):
        repo = git.Repo(revisions.root)
        listed = [repo.git.ls_tree("-r", "--name-only", "-z", sha) for sha in (revisions.base, revisions.head)]
    return {path for output in listed for path in output.split("\0") if path}


def _commit(repo: git.Repo, name: str, option: str) -> git.Commit:
    if name.startswith("-"):
        raise InputError(option, f"not a revision: {name!r}")
    with git_errors(option, unknown_revision=f"unknown revision {name!r} (fetch full history: actions/checkout "
                                             "with fetch-depth: 0)"):
        return resolve_commit(repo, name)


def _default_branch(repo: git.Repo) -> str:
    """origin's HEAD branch if known, else the first of origin/main, origin/master, main, master."""
    import git

    try:
        target = repo.git.symbolic_ref("--quiet", "refs/remotes/origin/HEAD")
        return str(target).removeprefix("refs/remotes/")
    except git.GitCommandError:
        pass
    for name in ("origin/main", "origin/master", "main", "master"):
        try:
            repo.commit(name)
            return name
        except (git.BadName, ValueError, git.GitCommandError):
            continue
    raise InputError("--base", "cannot find the default branch (origin/HEAD, main or master); pass --base")


_STATUS: dict[str, FileStatus] = {"A": "added", "D": "removed"}


def _parse_name_status(output: str) -> list[ChangedFile]:
    fields = output.split("\0")
    files: list[ChangedFile] = []
    index = 0
    while index < len(fields) and fields[index]:
        code = fields[index]
        if code.startswith(("R", "C")):
            old, new = fields[index + 1], fields[index + 2]
            files.append(ChangedFile("renamed" if code.startswith("R") else "added", new,
                                     old if code.startswith("R") else None))
            index += 3
            continue
        path = fields[index + 1]
        status = _STATUS.get(code[0], "modified")
        files.append(ChangedFile(status, path, None if status == "added" else path))
        index += 2
    return files
