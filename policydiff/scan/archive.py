"""What a versions archive holds: its documents, their versions in order, and the pairs to diff.

Two kinds of archive. A git repository where each commit records new versions of documents
(Open Terms Archive's versions repositories, `<Service>/<Terms type>.md`; a policydiff repository,
`policies/<doc>.md`; any repository with globs): the versions of a file are the commits on HEAD's
first-parent history that changed it, read by blob id through store/plumbing. Or a folder of dated
files, one folder per document (`<document>/<YYYY-MM-DD>….md`). Either way the unit of work is one
pair of consecutive versions of one document, named by blob ids, so a worker needs nothing but the
archive (or a clone of it) to do it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from policydiff.errors import InputError

SourceKind = Literal["git", "folder"]

OTA_GLOB = "*/*.md"
"""Open Terms Archive's versions repositories: `<Service>/<Terms type>.md`."""
POLICYDIFF_GLOB = "policies/*.md"
"""A policydiff repository (`policydiff init`): `policies/<doc>.md`."""
FOLDER_GLOB = "**/*"

_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})")
_READABLE = (".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf")
MANIFEST = "MANIFEST.tsv"
"""A folder archive's optional index: its `file` column, in row order, orders versions of one day."""


@dataclass(frozen=True, slots=True)
class Version:
    """One recorded version of a document."""

    path: str
    """The file: its path in the repository, or under the archive folder (POSIX separators)."""
    blob: str
    """The git blob id of its bytes."""
    date: str
    """YYYY-MM-DD: the commit's author date, or the date the file's name starts with."""
    commit: str | None = None
    """The commit that recorded it (None in a folder archive)."""


@dataclass(frozen=True, slots=True)
class PairTask:
    """One unit of work: two consecutive versions of one document, and where to read them."""

    kind: SourceKind
    root: str
    """The repository or folder, as the worker sees it."""
    document: str
    old: Version
    new: Version


@dataclass(frozen=True, slots=True)
class Archive:
    """A versions archive, listed: every document's consecutive pairs, oldest first per document."""

    kind: SourceKind
    root: Path
    pairs: tuple[PairTask, ...]
    documents: tuple[str, ...]
    """Every document with at least one version, even one with nothing to pair yet."""


def open_archive(source: str, globs: tuple[str, ...] = (), *, worker_root: str | None = None) -> Archive:
    """List the archive at `source`: a git repository if it is one at its top (or bare), else a folder."""
    root = Path(source)
    if not root.exists():
        raise InputError(source, "no such repository or folder")
    if not root.is_dir():
        raise InputError(source, "is a file; give a git repository or a folder of dated versions")
    for glob in globs:
        if not glob or glob.startswith("/") or ".." in PurePosixPath(glob).parts:
            raise InputError(glob or "''", "not a usable --glob (relative to SOURCE, no '..')")
    kind: SourceKind = "git" if _is_repository(root) else "folder"
    seen = worker_root or str(root.resolve())
    if kind == "git":
        histories = _git_histories(root, globs or (_default_glob(root),))
    else:
        histories = _folder_histories(root, globs or (FOLDER_GLOB,))
    pairs = [PairTask(kind, seen, document, old, new)
             for document, versions in histories.items()
             for old, new in zip(versions, versions[1:])]
    return Archive(kind, root.resolve(), tuple(pairs), tuple(histories))


def _is_repository(root: Path) -> bool:
    return (root / ".git").exists() or ((root / "HEAD").is_file() and (root / "objects").is_dir())


def _default_glob(root: Path) -> str:
    return POLICYDIFF_GLOB if (root / ".policydiff" / "repository.toml").is_file() else OTA_GLOB


def document_name(path: str) -> str:
    """A document is named by its path without the suffix: "Wikipedia/Terms of Service"."""
    pure = PurePosixPath(path)
    return str(pure.with_suffix("")) if pure.suffix else path


def _git_histories(root: Path, globs: tuple[str, ...]) -> dict[str, list[Version]]:
    """Each matching file's versions: every commit that added or changed it; a deletion ends nothing
    (a document taken down and put back pairs its last version before with its first after)."""
    from policydiff.store.plumbing import file_versions

    histories: dict[str, list[Version]] = {}
    for commit, when, status, path, blob in file_versions(root, [f":(glob){glob}" for glob in globs]):
        if status == "D":
            continue
        versions = histories.setdefault(document_name(path), [])
        if versions and versions[-1].blob == blob:
            continue  # put back as it was: no change to diff
        versions.append(Version(path, blob, when[:10], commit))
    return dict(sorted(histories.items()))


def _folder_histories(root: Path, globs: tuple[str, ...]) -> dict[str, list[Version]]:
    """Each folder's dated files, oldest first (files of one day in MANIFEST.tsv's order, else by name)."""
    order = _manifest_order(root)
    found: dict[str, list[tuple[str, int, str, str]]] = {}
    for glob in globs:
        for path in root.glob(glob):
            relative = path.relative_to(root).as_posix()
            dated = _DATED.match(path.name)
            if not dated or not _is_date(dated.group(1)) or path.suffix.lower() not in _READABLE \
                    or not path.is_file() or path.is_symlink():
                continue
            folder = PurePosixPath(relative).parent.as_posix()
            if folder == ".":
                folder = root.resolve().name  # an archive of one document: the folder is the document
            entry = (dated.group(1), order.get(relative, len(order)), path.name, relative)
            found.setdefault(folder, [])
            if entry not in found[folder]:
                found[folder].append(entry)
    histories: dict[str, list[Version]] = {}
    for folder, entries in sorted(found.items()):
        versions: list[Version] = []
        for date, _, _, relative in sorted(entries):
            blob = blob_id(_read(root / relative))
            if versions and versions[-1].blob == blob:
                continue
            versions.append(Version(relative, blob, date))
        histories[folder] = versions
    return histories


def _is_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from None


def _manifest_order(root: Path) -> dict[str, int]:
    manifest = root / MANIFEST
    if not manifest.is_file():
        return {}
    lines = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
    if not lines or "file" not in lines[0].split("\t"):
        return {}
    column = lines[0].split("\t").index("file")
    order: dict[str, int] = {}
    for number, line in enumerate(lines[1:]):
        cells = line.split("\t")
        if len(cells) > column:
            order.setdefault(cells[column], number)
    return order


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob (`git hash-object`), so both kinds of archive key alike."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
