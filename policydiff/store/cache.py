"""The history cache: each version's clause tree and each consecutive pair's alignment, by blob id.

`policydiff history` traces one clause through every recorded version, which takes every version
parsed and every consecutive pair diffed (56 ms a version on a 10,000-word policy). What that
computes depends only on the stored Markdown of the versions and on policydiff's own code, so it is
kept, per blob id, under the repository's git folder (`.git/policydiff/cache/`: never in the work
tree, never committed), and the next call computes only the versions and pairs it has not seen.

Safe by construction:
- keys are git blob ids (the content's hash) and, above them, a fingerprint of the code that
  computed them: policydiff's version and a hash of every module and rules file of the package, so
  a changed parser or rule, even without a new version number, reads none of the old entries (they
  are deleted when the new ones are first written);
- entries are written atomically (a temporary file renamed into place), so a reader sees a whole
  entry or none, and two processes writing the same entry write the same bytes;
- an entry that cannot be read back (truncated, from another Python, hand-edited) is a miss: it is
  computed again and rewritten, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1
"""The layout of the cache folder; a new layout is a new folder name."""
VERSION = "0.1.0"
"""policydiff's version (kept equal to policydiff.__version__ by a test), part of every key."""

Step = tuple[str, "str | None", bool, str] | None
"""How the tracked clause changed between two versions: (kind, its id on the other side, material,
detail), or None when it did not change (`history`'s step)."""
Steps = tuple[dict[str, Step], dict[str, Step]]
"""For one pair of versions: the step of each clause id of the new version, and of the old version."""


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of policydiff's version and of every module, rules and data file of the package."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{VERSION}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml", ".json", ".txt", ".j2", ".html", ".md") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class HistoryCache:
    """Clause trees and alignment steps of one policy repository, read and written by blob id."""

    def __init__(self, git_dir: Path) -> None:
        self.parent = git_dir / "policydiff" / "cache"
        self.folder = self.parent / f"v{CACHE_FORMAT}-{code_fingerprint()}"
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
            with open(self.folder / kind / key, "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or foreign entry is a miss, computed again
            return None

    def _write(self, kind: str, key: str, value: Any) -> None:
        """Write one entry atomically; a cache that cannot be written (read-only .git) is skipped."""
        folder = self.folder / kind
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
        if self.parent.is_dir():
            for stale in self.parent.iterdir():
                if stale != self.folder and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
