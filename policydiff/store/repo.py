"""A policy repository: every version of every document a commit and a tag, in plain git.

Layout (readable by `git log` and GitHub without policydiff):

    .policydiff/repository.toml        marks the folder as a policy repository
    policies/<doc>.md                  the latest version, normalised to Markdown
    policies/<doc>.original.<ext>      the original file, where its format is binary (docx, pdf)

Each version is one commit whose message carries trailers (Version, Effective-Date, Last-Updated,
Supersedes, Material-Changes) and a tag `<doc>/v<version>`. Git runs through GitPython with argument
lists; every failure becomes a one-line PolicydiffError. Writers take the lock (store/lock.py) and
repair what an interrupted writer left (store/recovery.py) before they write; recording a version is
journaled so that a crash at any step is finished or rolled back by the next writer.
"""

from __future__ import annotations

import errno
import re
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
from policydiff.store.lock import repository_lock
from policydiff.store.recovery import Intent, begin, ensure_tag, finish, rollback
from policydiff.store.recovery import recover as recover_interrupted
from policydiff.store.trailers import message_with_trailers, read_trailers

if TYPE_CHECKING:
    import git

MARKER = Path(".policydiff") / "repository.toml"
DOCUMENTS = "policies"
_DOC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_VERSION_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
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

        if root.exists() and not root.is_dir():
            raise StoreError(f"{root}: is a file, not a folder; give a folder for the policy repository")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{root}: cannot create the folder: {error.strerror or error}") from None
        with git_errors(str(root)):
            try:
                repo = git.Repo(root)
            except git.InvalidGitRepositoryError:
                repo = git.Repo.init(root, initial_branch="main")
            if repo.bare:
                raise StoreError(f"{root}: is a bare git repository (no work tree for the policy files); "
                                 "clone it and run `policydiff init` in the clone")
            marker = root / MARKER
            if marker.is_file():
                return cls(root), False
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                _write_atomic(marker, "# policydiff policy repository\nformat = 1\ndocuments = \"policies\"\n")
                (root / DOCUMENTS).mkdir(exist_ok=True)
            except OSError as error:
                raise StoreError(f"{root}: cannot write {MARKER}: {error.strerror or error}") from None
            repo.index.add([MARKER.as_posix()])
            _commit(repo, "policydiff: initialise policy repository", None)
        return cls(root), True

    # --- writing ---------------------------------------------------------------------------------

    @contextmanager
    def locked(self, *, recover: bool = True) -> Iterator[list[str]]:
        """One writer at a time (store/lock.py): yields what was repaired on the way in, one line each (a lock
        taken over from a crashed writer, a half-written version rolled back, a commit given its tag)."""
        with repository_lock(Path(self.git.git_dir), str(self.root)) as note:
            with git_errors(str(self.root)):
                repairs = recover_interrupted(self.git, self.root) if recover else []
            yield ([note] if note else []) + repairs

    def check_writable(self) -> None:
        if self.git.head.is_detached:
            raise StoreError(f"{self.root}: HEAD is detached; check out a branch before adding versions")
        if self.git.is_dirty(index=True, working_tree=True, untracked_files=False):
            dirty = [path for path in self.git.git.diff("HEAD", "--name-only", "-z").split("\0") if path]
            shown = ", ".join(dirty[:3]) + (f" and {len(dirty) - 3} more" if len(dirty) > 3 else "")
            raise StoreError(f"{self.root}: uncommitted changes to {shown}: commit them, or discard them with "
                             f"`git checkout HEAD -- {' '.join(dirty[:3])}`, before adding versions")

    def commit_version(self, doc: str, markdown: str, original: tuple[str, bytes] | None, message: str,
                       trailers: dict[str, str], tag: str, when: date | None = None, force: bool = False) -> str:
        """Write the version's files atomically, commit them with trailers, tag the commit: journaled, so that
        a failure at any step leaves the repository as it was, or committed and tagged by the next writer."""
        version = trailers.get("Version", "")
        paths = [f"{DOCUMENTS}/{doc}.md"] + ([f"{DOCUMENTS}/{doc}.original{original[0]}"] if original else [])
        intent = Intent(doc, version, tag, self.git.head.commit.hexsha, tuple(paths), force)
        try:
            begin(self.git, intent)
            with git_errors(str(self.root)):
                _write_atomic(self.root / paths[0], markdown)
                if original is not None:
                    _write_atomic(self.root / paths[1], original[1])
                self.git.index.add(paths)
                sha = _commit(self.git, message_with_trailers(message, trailers), when)
        except (OSError, PolicydiffError) as error:
            raise StoreError(f"{doc}: version {version} was not recorded ({_reason(error)}); "
                             f"{self._undo(intent)}") from None
        try:
            with git_errors(str(self.root)):
                # an existing tag only reaches here under --force: it moves to the new version
                ensure_tag(self.git, tag, sha, doc, version, force=True)
        except (OSError, PolicydiffError) as error:
            raise StoreError(f"{doc}: version {version} was committed as {sha[:8]} but its tag {tag} was not "
                             f"created ({_reason(error)}); the next `policydiff add` or `policydiff fsck` tags it") \
                from None
        finish(self.git)
        return sha

    def tag_if_missing(self, record: VersionRecord) -> str | None:
        """Give a recorded version its tag when an interrupted add left it without; the repair note, if any."""
        tag = f"{record.document}/v{record.version}"
        try:
            with git_errors(str(self.root)):
                return ensure_tag(self.git, tag, record.commit, record.document, record.version)
        except OSError as error:
            raise StoreError(f"{record.document}: version {record.version} ({record.commit[:8]}) has no tag, and "
                             f"{tag} could not be created ({_reason(error)})") from None

    def _undo(self, intent: Intent) -> str:
        """Roll a failed add back at once; say whether the repository is as it was."""
        try:
            with git_errors(str(self.root)):
                rollback(self.git, self.root, intent)
            finish(self.git)
            return "nothing was committed and the repository is as it was"
        except (OSError, PolicydiffError):
            return "nothing was committed; the files it began to write are rolled back by `policydiff fsck`"

    # --- reading ---------------------------------------------------------------------------------

    def versions(self, doc: str) -> list[VersionRecord]:
        """Every recorded version of a document, oldest first."""
        check_doc_name(doc)
        path = f"{DOCUMENTS}/{doc}.md"
        records = []
        for sha, committed, message in plumbing.commits_touching(self.root, path):
            trailers = read_trailers(message)
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


def _reason(error: BaseException) -> str:
    """What went wrong, in a few words: a full disk says so."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return "no space left on the device"
        return error.strerror or str(error)
    text = str(error)
    return "no space left on the device" if "No space left" in text else text

