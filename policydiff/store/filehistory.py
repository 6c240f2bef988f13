"""Every committed version of one file in a git repository, oldest first, dated by its commit.

What `policydiff import --path FILE` records: a history kept in an ordinary repository.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from policydiff.read import SourceText, read_bytes
from policydiff.store.gitcall import git_errors
from policydiff.store.repo import StoreError


def file_versions(source: Path, path: str) -> list[tuple[date, SourceText]]:
    """Each commit's version of `path` in the repository containing `source`, with the commit's date."""
    import git

    with git_errors(str(source)):
        repo = git.Repo(source, search_parent_directories=True)
        found = []
        for commit in repo.iter_commits(paths=path, reverse=True):
            try:
                blob = commit.tree / path
            except KeyError:
                continue
            when = datetime.fromtimestamp(commit.committed_date, tz=timezone.utc).date()
            found.append((when, read_bytes(blob.data_stream.read(), name=f"{commit.hexsha[:8]}:{path}",
                                           suffix=Path(path).suffix)))
    if not found:
        raise StoreError(f"{source}: no commits of {path}")
    return found
