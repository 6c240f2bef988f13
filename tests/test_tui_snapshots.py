"""Snapshots of the review screens (pytest-textual-snapshot): main, help and the narrow 80x24 layout.

Update after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`, then
look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from policydiff.tui.app import ReviewApp

from .conftest import ROOT

OLD = "corpus/brightdesk-privacy/v2.0.md"
NEW = "corpus/brightdesk-privacy/v2.1.md"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    """The app on the corpus pair, named by relative paths so the header reads the same everywhere."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ReviewApp(OLD, NEW, review_path=tmp_path / "snapshot.review.json")


async def loaded(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def decided(pilot: Pilot[None]) -> None:
    """Loaded, then the second change marked reviewed, so the marks show in the picture too."""
    await loaded(pilot)
    await pilot.press("n", "space")
    await pilot.pause()


def test_main_screen(app: ReviewApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(140, 40), run_before=decided)


def test_help_screen(app: ReviewApp, snap_compare: Any) -> None:
    async def help_open(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=help_open)


def test_narrow_layout(app: ReviewApp, snap_compare: Any) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=decided)
