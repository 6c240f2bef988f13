"""Read a file as of a git revision, the way `git show REV:PATH` names it.

PATH is relative to the repository root, or to the current directory when it starts with "./" or
"../", as git itself resolves it. Every failure becomes a one-line InputError (store/gitcall.py).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from policydiff.errors import InputError
from policydiff.read import DEFAULT_MAX_BYTES, SourceText, read_bytes
from policydiff.store.gitcall import NOT_A_REPOSITORY, git_errors, resolve_commit


def read_revision(argument: str, *, max_bytes: int = DEFAULT_MAX_BYTES, cwd: str | Path = ".") -> SourceText:
    """The file named by REV:PATH in the repository that contains cwd."""
    import git

    rev, _, path = argument.partition(":")
    with git_errors(argument, not_a_repository=f"{NOT_A_REPOSITORY} (REV:PATH reads from the current repository)"):
        repo = git.Repo(cwd, search_parent_directories=True)
    root = Path(repo.working_tree_dir or repo.git_dir).resolve()
    relative = _repository_path(path, root, Path(cwd).resolve())
    if relative is None:
        raise InputError(argument, "path is outside the repository")
    with git_errors(argument, unknown_revision=f"unknown revision '{rev}'"):
        commit = resolve_commit(repo, rev)
    try:
        blob = commit.tree / relative
    except KeyError:
        raise InputError(argument, f"'{relative}' does not exist in {rev}") from None
    if blob.type != "blob":
        raise InputError(argument, f"'{relative}' is a directory in {rev}")
    if blob.size > max_bytes:
        raise InputError(argument, f"file is {blob.size / 1048576:.1f} MB, over the {max_bytes / 1048576:.1f} MB limit")
    data = blob.data_stream.read()
    return read_bytes(data, name=argument, suffix=PurePosixPath(relative).suffix, max_bytes=max_bytes)


def _repository_path(path: str, root: Path, cwd: Path) -> str | None:
    if path.startswith(("./", "../")) or path in (".", ".."):
        absolute = (cwd / path).resolve()
    else:
        absolute = (root / path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return None
