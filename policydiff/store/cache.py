"""The history cache: each version's clause tree and each consecutive pair's alignment, by blob id.

`policydiff history` traces one clause through every recorded version, which takes every version
parsed and every consecutive pair diffed (56 ms a version on a 10,000-word policy). What that
computes depends only on the stored Markdown of the versions and on policydiff's own code, so it is
kept, per blob id, under the repository's git folder (`.git/policydiff/cache/`: never in the work
tree, never committed), and the next call computes only the versions and pairs it has not seen.

Safe by construction:
- keys are git blob ids (the content's hash) and, above them, a fingerprint of the code that
  computed them: policydiff's version and a hash of every module the computation can import (found
  by following the package's own import statements from the modules that compute it) and of the
  data files beside them, so a changed parser or rule, even without a new version number, reads
  none of the old entries (they are deleted when the new ones are first written). Trees and steps
  have fingerprints of their own: a changed classification rule re-diffs the pairs but parses no
  version again, and a change to code neither uses (the review screen, a notice template) keeps
  every entry;
- entries are written atomically (a temporary file renamed into place), so a reader sees a whole
  entry or none, and two processes writing the same entry write the same bytes;
- an entry that cannot be read back (truncated, from another Python, hand-edited) is a miss: it is
  computed again and rewritten, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policydiff.model import Change, Diff

CACHE_FORMAT = 2
"""The layout of the cache folder; a new layout is a new folder name."""
VERSION = "0.1.0"
"""policydiff's version (kept equal to policydiff.__version__ by a test), part of every key."""

Step = tuple[str, "str | None", bool, str] | None
"""How the tracked clause changed between two versions: (kind, its id on the other side, material,
detail), or None when it did not change (`history`'s step)."""
Steps = tuple[dict[str, Step], dict[str, Step]]
"""For one pair of versions: the step of each clause id of the new version, and of the old version."""


TREE_CODE = ("policydiff.store.cache", "policydiff.read", "policydiff.parse")
"""The modules that compute a version's clause tree (read_bytes, parse_source) and store it."""
STEP_CODE = (*TREE_CODE, "policydiff.api")
"""The modules that compute a pair's steps: the trees, diff_documents (align, classify), steps_of."""
DATA_SUFFIXES = (".toml", ".json", ".txt", ".j2", ".html", ".md")
"""Data files a module reads beside itself (rules.toml, languages.toml): part of its folder's code."""
_IMPORT = re.compile(r"^([ \t]*)(?:from[ \t]+(policydiff(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)"
                     r"|import[ \t]+(policydiff(?:\.\w+)*))", re.MULTILINE)


def code_files(package: Path, roots: tuple[str, ...]) -> list[Path]:
    """Every source file the root modules can run, sorted: each module reached by the package's own
    import statements (at the top, inside functions and under TYPE_CHECKING alike), the packages
    above each one (whose own top-level imports run too), and the data files in their folders."""
    files: dict[str, Path | None] = {}

    def source(module: str) -> Path | None:  # policydiff.parse → parse/__init__.py, policydiff.read → read.py
        if module not in files:
            parts = module.split(".")[1:]
            found = package.joinpath(*parts, "__init__.py")
            if not found.is_file():
                found = package.joinpath(*parts).with_suffix(".py") if parts else found
            files[module] = found if found.is_file() else None
        return files[module]

    followed: dict[Path, bool] = {}  # a file read: all its imports followed, or its top-level ones only
    pending = [(module, True) for module in roots]
    while pending:
        module, every = pending.pop()
        names = module.split(".")
        for depth in range(1, len(names) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ first
            path = source(".".join(names[:depth]))
            whole = every and depth == len(names)
            if path is None or followed.get(path, False) or (path in followed and not whole):
                continue
            followed[path] = whole
            for found in _IMPORT.finditer(path.read_text(encoding="utf-8")):
                if found.group(1) and not whole:
                    continue  # a function's or TYPE_CHECKING's import, in a package only passed through
                if found.group(4):
                    pending.append((found.group(4), True))
                    continue
                base = found.group(2)
                imported = re.findall(r"\w+", re.sub(r"\sas\s+\w+", "", found.group(3)))
                modules = [f"{base}.{name}" for name in imported if source(f"{base}.{name}")]
                pending.extend((name, True) for name in modules)  # `from policydiff.parse import markdown`
                if len(modules) < len(imported):  # a name the package itself defines (or its __getattr__)
                    pending.append((base, True))
    folders = {path.parent for path in followed}
    data = {path for folder in folders for path in folder.iterdir() if path.suffix in DATA_SUFFIXES and path.is_file()}
    return sorted(set(followed) | data)


@lru_cache(maxsize=None)
def code_fingerprint(roots: tuple[str, ...]) -> str:
    """A hash of policydiff's version and of every file the root modules can run (code_files)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{VERSION}".encode())
    for path in code_files(package, roots):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class HistoryCache:
    """Clause trees and alignment steps of one policy repository, read and written by blob id."""

    def __init__(self, git_dir: Path) -> None:
        self.parent = git_dir / "policydiff" / "cache"
        trees = self.parent / f"v{CACHE_FORMAT}-{code_fingerprint(TREE_CODE)}"
        self.folders = {"trees": trees, "ids": trees, "steps": self.parent / f"v{CACHE_FORMAT}-{code_fingerprint(STEP_CODE)}"}
        self._pruned = False

    def tree(self, blob: str) -> Any | None:
        """The parsed Document of a blob, or None when not cached."""
        return self._read("trees", blob)

    def ids(self, blob: str) -> frozenset[str] | None:
        """Every clause id of a blob's document, or None when not cached."""
        found = self._read("ids", blob)
        return found if isinstance(found, frozenset) else None

    def steps(self, old_blob: str, new_blob: str) -> Steps | None:
        found = self._read("steps", f"{old_blob}-{new_blob}")
        return found if isinstance(found, tuple) and len(found) == 2 else None

    def put_tree(self, blob: str, document: Any) -> None:
        self._write("trees", blob, document)
        self._write("ids", blob, frozenset(clause.id for clause in document.walk()))

    def put_steps(self, old_blob: str, new_blob: str, steps: Steps) -> None:
        self._write("steps", f"{old_blob}-{new_blob}", steps)

    def _read(self, kind: str, key: str) -> Any | None:
        try:
            with open(self.folders[kind] / kind / key, "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is a miss, computed again
            return None

    def _write(self, kind: str, key: str, value: Any) -> None:
        """Write one entry atomically; a cache that cannot be written (read-only .git) is skipped."""
        folder = self.folders[kind] / kind
        try:
            if not self._pruned:
                self._prune()
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{key}.")
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, folder / key)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def _prune(self) -> None:
        """Delete what older code computed: a folder of another fingerprint is never read again."""
        self._pruned = True
        current = set(self.folders.values())
        if self.parent.is_dir():
            for stale in self.parent.iterdir():
                if stale not in current and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)


def steps_of(diff: Diff) -> Steps:
    """For each clause id of the new version and of the old one, how that clause changed in this diff:
    (kind, its id on the other side, material, detail), or None for no change. The first match that
    holds the id decides, as when the matches are searched in order."""
    change_of: dict[int, Change] = {}
    for change in (*diff.changes, *diff.structure):
        change_of.setdefault(id(change.match), change)
    by_new: dict[str, Step] = {}
    by_old: dict[str, Step] = {}
    for match in diff.matches:
        for here, other, table in ((match.new, match.old, by_new), (match.old, match.new, by_old)):
            if here is None or here.id in table:
                continue
            if match.kind == "unchanged":  # an unchanged clause has both sides
                assert other is not None
                table[here.id] = None if other.id == here.id else ("renumbered", other.id, False,
                                                                   f"id {here.id} ↔ {other.id}")
                continue
            found = change_of.get(id(match))
            detail = "; ".join(r.detail for r in found.reasons) if found else "with its section"
            table[here.id] = (match.kind, other.id if other else None, bool(found and found.material), detail)
    return by_new, by_old
