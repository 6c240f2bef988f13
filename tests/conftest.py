"""Shared fixtures: the bundled corpus, and ../shared (seeds, real histories) where CI has it."""

from __future__ import annotations

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


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)


@pytest.fixture
def realworld_dir() -> Path:
    return require_shared(REALWORLD)
