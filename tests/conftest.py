"""Shared fixtures: the bundled corpus, and ../shared (seeds, real histories) where CI has it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REALWORLD = SHARED / "realworld"


def require_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, where ../shared is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is absent: real-world policies live in ../shared beside the checkout")
    return path


@pytest.fixture(autouse=True, scope="session")
def pattern_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The program's compiled-pattern cache (patterncache.py) in a folder of the test session's, not
    the user's: commands run as subprocesses keep their patterns there."""
    folder = tmp_path_factory.mktemp("pattern-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICYDIFF_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)


@pytest.fixture
def realworld_dir() -> Path:
    return require_shared(REALWORLD)


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A scratch folder `nobody` can reach (pytest's tmp_path sits under a 0700 folder of root's)."""
    folder = Path(tempfile.mkdtemp(prefix="policydiff-nobody-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)
