"""`policydiff import`: bring an existing history into a policy repository, dates kept.

Two sources: a folder of dated files (`2024-05-01.md`, `2024-05-01-ab12cd.md`, oldest first by
name), or a git repository where one file has many commits (`--path`). Each version is recorded
like `policydiff add` would, with the document's own version and dates where it states them, else
the file's date, and the commit dated that day so `git log` shows the real history.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

from policydiff.model import DatedValue
from policydiff.read import SourceText, read_bytes, read_path
from policydiff.store.repo import PolicyRepository, StoreError

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def dated_sources(source: Path, path: str | None) -> list[tuple[date, SourceText]]:
    """The versions to import, oldest first, each with its date."""
    if path is not None:
        return _from_git(source, path)
    if not source.is_dir():
        raise StoreError(f"{source}: not a folder of dated files (for a git repository, give --path FILE)")
    found = []
    for file in sorted(source.iterdir()):
        match = _DATED.match(file.name)
        if file.is_file() and match:
            found.append((date.fromisoformat(match.group(1)), read_path(file)))
    if not found:
        raise StoreError(f"{source}: no files named by date (YYYY-MM-DD…)")
    return found


def _from_git(source: Path, path: str) -> list[tuple[date, SourceText]]:
    import git

    try:
        repo = git.Repo(source, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise StoreError(f"{source}: not a git repository") from None
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


def import_history(repo: PolicyRepository, doc: str, versions: list[tuple[date, SourceText]]) -> list[str]:
    from policydiff.commands.store import add_version
    from policydiff.parse import parse_source

    lines = []
    seen: dict[str, int] = {}
    for when, source in versions:
        document = parse_source(source)
        meta = document.metadata
        stated = meta.version.version if meta.version and meta.version.version else None
        label = stated or when.isoformat()
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label}.{seen[label]}"
        if meta.last_updated is None:
            document = replace(document, metadata=replace(meta, last_updated=DatedValue(when, f"file date {when}")))
        result = add_version(doc, source, document, repo=repo, version=label, effective=None, last_updated=None,
                             message=f"{doc}: version {label} (imported, dated {when.isoformat()})", force=True,
                             commit_date=when)
        lines.append(result.message)
    return lines
