"""The first seed's earlier version, built from the seed itself (the seed is never copied into the project).

The seed (AI Cloud Partners' PIE privacy policy, ../shared/seeds/000_*.txt) says it supersedes a
v1.0 of January 27, 2026. That version is not in ../shared, so the tests make one: the seed without
the changes a reader of the seed's notice should be told about: a new recipient (the "AI Processing"
row), a new purpose under "2.2 Platform Operations", newly collected network information, and a
shorter export window after cancellation (ninety days before, thirty now).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEEDS, require_shared

EDITS = (
    ("Effective Date: March 1, 2026 | Last Updated: February 23, 2026 | Supersedes: Privacy Policy v1.0 "
     "(January 27, 2026)", "Effective Date: January 27, 2026 | Last Updated: January 20, 2026"),
    ("| AI Processing | SOW content, document text | AI-powered analysis and recommendations |\n", ""),
    ("- Improving AI analysis accuracy and expanding incentive program coverage\n", ""),
    ("- Network Information. IP address and general geographic location (city/region level)\n", ""),
    ("you have thirty (30) days to export", "you have ninety (90) days to export"),
)


def first_seed() -> Path:
    """The first seed's path (the test is skipped, with the reason, where ../shared is absent)."""
    return next(iter(sorted(require_shared(SEEDS).glob("000_*.txt"))))


def earlier_text(text: str) -> str:
    """The seed's earlier version: every edit in EDITS undone (each must apply exactly once)."""
    for new, old in EDITS:
        assert text.count(new) == 1, f"the seed changed: {new[:40]!r}"
        text = text.replace(new, old)
    return text


def seed_pair(folder: Path) -> tuple[Path, Path]:
    """(earlier version written into folder, the seed)."""
    seed = first_seed()
    earlier = folder / "privacy-v1.0.txt"
    earlier.write_text(earlier_text(seed.read_text(encoding="utf-8")), encoding="utf-8")
    return earlier, seed
