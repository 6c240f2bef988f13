"""`policydiff import`: bring an existing history into a policy repository, dates kept.

Two sources: a folder of dated files (`2024-05-01.md`, `2024-05-01-ab12cd.md`, oldest first by
name), or a git repository where one file has many commits (`--path`). Each version is recorded
like `policydiff add` would, with the document's own version and dates where it states them, else
the file's date, and the commit dated that day so `git log` shows the real history.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import repository, write
from policydiff.errors import ExitCode
from policydiff.model import DatedValue
from policydiff.read import SourceText, read_path
from policydiff.store.repo import PolicyRepository, StoreError

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def register(subparsers: SubParsers) -> None:
    importer = add_parser(subparsers, "import",
                          description="Record every version of SOURCE as DOC: a folder of files named by "
                                      "date (YYYY-MM-DD…), or a git repository with --path FILE (one "
                                      "version per commit). Dates are kept.",
                          examples=["policydiff import ~/archive/privacy --doc privacy   # 2024-05-01.md, …",
                                    "policydiff import ~/src/website --path legal/terms.md --doc terms"])
    importer.add_argument("source", metavar="SOURCE",
                          help="a folder of files named by date, or a git repository (with --path)")
    importer.add_argument("--doc", required=True, metavar="DOC", help="the document's name: privacy, terms…")
    importer.add_argument("--path", metavar="FILE", help="the file's path inside a git repository SOURCE")
    importer.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    importer.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    repo = repository(args)
    for line in import_history(repo, args.doc, dated_sources(Path(args.source), args.path)):
        write(line)
    return ExitCode.OK


def dated_sources(source: Path, path: str | None) -> list[tuple[date, SourceText]]:
    """The versions to import, oldest first, each with its date."""
    if path is not None:
        from policydiff.store.filehistory import file_versions

        return file_versions(source, path)
    if not source.is_dir():
        raise StoreError(f"{source}: not a folder of dated files (for a git repository, give --path FILE)")
    found = []
    try:
        files = sorted(source.iterdir())
    except OSError as error:
        raise StoreError(f"{source}: cannot list the folder: {error.strerror or error}") from None
    for file in files:
        match = _DATED.match(file.name)
        if file.is_file() and match:
            try:
                when = date.fromisoformat(match.group(1))
            except ValueError:
                raise StoreError(f"{file}: named like a date, but {match.group(1)} is not one (YYYY-MM-DD); rename it "
                                 "so that no version is imported out of order or left out") from None
            found.append((when, read_path(file)))
    if not found:
        raise StoreError(f"{source}: no files named by date (YYYY-MM-DD…)")
    return found


def import_history(repo: PolicyRepository, doc: str, versions: list[tuple[date, SourceText]]) -> list[str]:
    from policydiff.commands.add import add_version
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
