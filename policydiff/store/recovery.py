"""`add` as a journaled transaction: an interrupted one is finished or rolled back by the next writer.

Recording a version is several steps (write the Markdown, write the original, stage, commit, tag), and
a kill, a full disk or a power cut can stop it between any two. Before the first step `add` writes an
intent to `.git/policydiff-add.json` (the document, version, tag, the HEAD it started from and the
paths it writes); after the last it removes it. The next writer (every `add`, `import` and `fsck`
takes the lock first, then calls `recover`) reads a journal left behind and repairs:

- HEAD is where the add started: nothing was committed, so the paths are restored to HEAD (or removed
  when HEAD never had them) and the index with them: the half-written version is rolled back.
- HEAD is the version's commit: it was committed but perhaps not tagged, so the tag is created.

Temporary files that an atomic write left when it was killed (`.privacy.md.k3j2h1g0.tmp`) are removed
too. Each repair is one line saying what was done, for `add` and `fsck` to print.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policydiff.files import write_atomic
from policydiff.store.trailers import read_trailers

if TYPE_CHECKING:
    import git

JOURNAL = "policydiff-add.json"
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
"""What files.write_atomic names its temporary file: `.NAME.` + mkstemp's eight characters + `.tmp`."""


@dataclass(frozen=True, slots=True)
class Intent:
    """What an `add` is about to do, written before it touches anything."""

    doc: str
    version: str
    tag: str
    head: str
    """The commit HEAD pointed at when the add began."""
    paths: tuple[str, ...]
    """The files it writes, relative to the work tree."""
    force: bool = False
    """Whether the tag may move (`--force` re-records a label)."""


def begin(repo: git.Repo, intent: Intent) -> None:
    write_atomic(_journal(repo), json.dumps(asdict(intent), indent=2) + "\n")


def finish(repo: git.Repo) -> None:
    _journal(repo).unlink(missing_ok=True)


def recover(repo: git.Repo, root: Path) -> list[str]:
    """Repair what an interrupted add left behind; one line per repair (none when all was well)."""
    notes = [f"removed {path.relative_to(root).as_posix()}, a temporary file an interrupted write left"
             for path in _stray_temporaries(repo, root) if _unlink(path)]
    intent = _read_journal(repo)
    if intent is None:
        return notes
    head = repo.head.commit.hexsha if repo.head.is_valid() else ""
    if head == intent.head:
        notes.append(rollback(repo, root, intent))
    elif _is_version_commit(repo, head, intent):
        tagged = ensure_tag(repo, intent.tag, head, intent.doc, intent.version, force=intent.force)
        if tagged:
            notes.append(f"{tagged}: the version an interrupted add committed but did not tag")
    else:
        notes.append(f"an interrupted add of {intent.doc} {intent.version} left a journal, but HEAD has moved on "
                     "since; nothing of it was repaired (run `policydiff fsck` to check every version)")
    finish(repo)
    return notes


def rollback(repo: git.Repo, root: Path, intent: Intent) -> str:
    """Put the intent's paths back as HEAD has them (index and work tree); say what was rolled back."""
    commit = repo.head.commit if repo.head.is_valid() else None
    restored, removed = [], []
    for path in intent.paths:
        if commit is not None and _in_tree(commit, path):
            if repo.git.diff("HEAD", "--name-only", "--", path).strip():  # staged or in the work tree
                repo.git.checkout(commit.hexsha, "--", path)
                restored.append(path)
        else:
            repo.git.rm("--cached", "--quiet", "--ignore-unmatch", "--", path)
            if (root / path).is_file():
                (root / path).unlink()
                removed.append(path)
    if not restored and not removed:
        return f"cleared the journal of an interrupted add of {intent.doc} {intent.version}, which had written nothing"
    done = [f"{', '.join(restored)} restored as committed"] if restored else []
    done += [f"{', '.join(removed)} removed"] if removed else []
    return f"rolled back version {intent.version} of {intent.doc}, which an interrupted add half wrote ({'; '.join(done)})"


def ensure_tag(repo: git.Repo, tag: str, sha: str, doc: str, version: str, *, force: bool = False) -> str | None:
    """Create `tag` on sha when it is missing (or, with force, elsewhere); the note, or None when it was there."""
    existing = next((ref for ref in repo.tags if ref.name == tag), None)
    if existing is not None and (existing.commit.hexsha == sha or not force):
        return None
    repo.create_tag(tag, ref=sha, message=f"{doc} version {version}", force=True)
    return f"tagged {tag} on {sha[:8]}"


def pending(repo: git.Repo) -> Intent | None:
    """The journal of an interrupted add, if one is there (for `fsck --dry-run`)."""
    return _read_journal(repo)


def stray_temporaries(repo: git.Repo, root: Path) -> list[Path]:
    return _stray_temporaries(repo, root)


def _stray_temporaries(repo: git.Repo, root: Path) -> list[Path]:
    folders = [root / "policies", root / ".policydiff", Path(repo.git_dir)]
    tracked = set(repo.git.ls_files("-z").split("\0")) if repo.head.is_valid() else set()
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.iterdir())
            if path.is_file() and _TEMPORARY.match(path.name) and _relative(path, root) not in tracked]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except OSError:
        return False


def _journal(repo: git.Repo) -> Path:
    return Path(repo.git_dir) / JOURNAL


def _read_journal(repo: git.Repo) -> Intent | None:
    path = _journal(repo)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Intent(doc=str(data["doc"]), version=str(data["version"]), tag=str(data["tag"]),
                      head=str(data["head"]), paths=tuple(str(p) for p in data["paths"]),
                      force=bool(data.get("force", False)))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)  # a journal cut short: its add wrote nothing yet
        return None


def _is_version_commit(repo: git.Repo, sha: str, intent: Intent) -> bool:
    commit = repo.commit(sha)
    message = commit.message if isinstance(commit.message, str) else commit.message.decode("utf-8", "replace")
    trailers = read_trailers(message)
    parents = [parent.hexsha for parent in commit.parents]
    return trailers.get("Document") == intent.doc and trailers.get("Version") == intent.version \
        and parents == ([intent.head] if intent.head else [])


def _in_tree(commit: git.Commit, path: str) -> bool:
    try:
        commit.tree / path
        return True
    except KeyError:
        return False
