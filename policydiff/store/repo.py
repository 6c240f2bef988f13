"""A policy repository: every version of every document a commit and a tag, in plain git.

Layout (readable by `git log` and GitHub without policydiff):

    .policydiff/repository.toml        marks the folder as a policy repository
    policies/<doc>.md                  the latest version, normalised to Markdown
    policies/<doc>.original.<ext>      the original file, where its format is binary (docx, pdf)

Each version is one commit whose message carries trailers (Version, Effective-Date, Last-Updated,
Supersedes, Material-Changes) and a tag `<doc>/v<version>`. This is the only module that runs git,
through GitPython with argument lists; every failure becomes a one-line PolicydiffError.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.errors import InputError, PolicydiffError
from policydiff.files import write_atomic
from policydiff.store import plumbing
from policydiff.store.gitcall import git_errors

if TYPE_CHECKING:
    import git

MARKER = Path(".policydiff") / "repository.toml"
DOCUMENTS = "policies"
_DOC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_VERSION_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_TRAILER = re.compile(r"^(Version|Effective-Date|Last-Updated|Supersedes|Material-Changes|Changes|Document): (.*)$",
                      re.M)
LOCK_TIMEOUT = 30.0
NOT_A_POLICY_REPOSITORY = "not a policy repository: run `policydiff init`"


class StoreError(PolicydiffError):
    """A repository problem the user can act on."""


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One recorded version of a document."""

    document: str
    version: str
    effective: date | None
    last_updated: date | None
    supersedes: str | None
    material_changes: int | None
    changes: str | None
    """The change summary against the previous version, as recorded: "3 modified, 1 added"."""
    commit: str
    committed: date


def check_doc_name(name: str) -> str:
    """A document name is a slug: no path separators, no '..', nothing git or a file system would mangle."""
    if not _DOC_NAME.match(name):
        raise StoreError(f"{name!r}: a document name is lower-case letters, digits, '-' or '_' "
                         "(such as privacy or ai-terms)")
    return name


def check_version_label(label: str) -> str:
    if not _VERSION_LABEL.match(label) or ".." in label or label.endswith((".", ".lock")):
        raise StoreError(f"{label!r}: a version label is letters, digits, '.', '-' or '_' (such as 2.1)")
    return label


class PolicyRepository:
    """A git repository holding policy versions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if not (root / ".git").exists():
            raise InputError(str(root), NOT_A_POLICY_REPOSITORY)
        self._git: git.Repo | None = None

    @property
    def git(self) -> git.Repo:
        """GitPython's view of the repository, opened on first use: only writing needs it (reading is
        plain git plumbing, store/plumbing.py, so `log` and `DOC@VERSION` never import GitPython)."""
        if self._git is None:
            import git

            with git_errors(str(self.root), not_a_repository=NOT_A_POLICY_REPOSITORY):
                self._git = git.Repo(self.root)
        return self._git

    # --- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, start: Path | None = None) -> PolicyRepository:
        """The policy repository containing `start` (default: the current directory)."""
        folder = (start or Path.cwd()).resolve()
        for directory in (folder, *folder.parents):
            if (directory / MARKER).is_file():
                return cls(directory)
        raise StoreError(f"{folder}: {NOT_A_POLICY_REPOSITORY}")

    @classmethod
    def init(cls, root: Path) -> tuple[PolicyRepository, bool]:
        """Create (or adopt) a git repository as a policy repository; returns it and whether it was new."""
        import git

        root.mkdir(parents=True, exist_ok=True)
        with git_errors(str(root)):
            try:
                repo = git.Repo(root)
            except git.InvalidGitRepositoryError:
                repo = git.Repo.init(root, initial_branch="main")
            marker = root / MARKER
            if marker.is_file():
                return cls(root), False
            marker.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(marker, "# policydiff policy repository\nformat = 1\ndocuments = \"policies\"\n")
            (root / DOCUMENTS).mkdir(exist_ok=True)
            repo.index.add([MARKER.as_posix()])
            _commit(repo, "policydiff: initialise policy repository", None)
        return cls(root), True

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One writer at a time: a lock file created atomically in .git, waited for up to LOCK_TIMEOUT."""
        lock = Path(self.git.git_dir) / "policydiff.lock"
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                os.write(handle, str(os.getpid()).encode())
                os.close(handle)
                break
            except FileExistsError:
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.root}: another policydiff is writing to this repository "
                                     f"(lock {lock}); try again, or remove the lock if no policydiff is running") \
                        from None
                time.sleep(0.05)
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)

    def check_writable(self) -> None:
        if self.git.head.is_detached:
            raise StoreError(f"{self.root}: HEAD is detached; check out a branch before adding versions")
        if self.git.is_dirty(index=True, working_tree=True, untracked_files=False):
            raise StoreError(f"{self.root}: the work tree has uncommitted changes; commit or stash them first")

    def commit_version(self, doc: str, markdown: str, original: tuple[str, bytes] | None, message: str,
                       trailers: dict[str, str], tag: str, when: date | None = None) -> str:
        """Write the version's files atomically, commit them with trailers, tag the commit."""
        paths = [f"{DOCUMENTS}/{doc}.md"]
        _write_atomic(self.root / paths[0], markdown)
        if original is not None:
            suffix, data = original
            paths.append(f"{DOCUMENTS}/{doc}.original{suffix}")
            _write_atomic(self.root / paths[1], data)
        self.git.index.add(paths)
        body = "\n".join(f"{key}: {value}" for key, value in trailers.items())
        with git_errors(str(self.root)):
            sha = _commit(self.git, f"{message}\n\n{body}\n", when)
            # an existing tag only reaches here under --force: it moves to the new version
            self.git.create_tag(tag, ref=sha, message=f"{doc} version {trailers.get('Version', '')}", force=True)
        return sha

    # --- reading ---------------------------------------------------------------------------------

    def versions(self, doc: str) -> list[VersionRecord]:
        """Every recorded version of a document, oldest first."""
        check_doc_name(doc)
        path = f"{DOCUMENTS}/{doc}.md"
        records = []
        for sha, committed, message in plumbing.commits_touching(self.root, path):
            trailers = dict(_TRAILER.findall(message))
            if trailers.get("Document") != doc or "Version" not in trailers:
                continue
            records.append(VersionRecord(
                document=doc, version=trailers["Version"], effective=_date(trailers.get("Effective-Date")),
                last_updated=_date(trailers.get("Last-Updated")), supersedes=trailers.get("Supersedes") or None,
                material_changes=int(trailers["Material-Changes"]) if trailers.get("Material-Changes", "").isdigit()
                else None, changes=trailers.get("Changes"), commit=sha,
                committed=date.fromtimestamp(committed)))
        return records

    def read(self, doc: str, record: VersionRecord) -> bytes:
        """The stored Markdown of a version, as committed."""
        return plumbing.read_blobs(self.root, [f"{record.commit}:{DOCUMENTS}/{doc}.md"])[0]

    def documents(self) -> list[str]:
        folder = self.root / DOCUMENTS
        return sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []


def _commit(repo: git.Repo, message: str, when: date | None) -> str:
    """Commit the index; an imported version is dated the day it was published (noon UTC)."""
    stamp = f"{when.isoformat()}T12:00:00+0000" if when else None
    commit = repo.index.commit(message, author_date=stamp, commit_date=stamp) if stamp else repo.index.commit(message)
    return str(commit.hexsha)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _write_atomic(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, content)

