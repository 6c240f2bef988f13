"""Snapshots of the review screens (pytest-textual-snapshot): the change after `n` at 80x24 and 160x45
in the dark and the light theme, a stale decision, and the help screen.

Update after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`, then
look at the SVGs under tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from policydiff.tui.app import ReviewApp
from policydiff.tui.help import HelpScreen

from .conftest import ROOT

OLD = "corpus/brightdesk-privacy/v2.0.md"
NEW = "corpus/brightdesk-privacy/v2.1.md"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReviewApp:
    """The app on the corpus pair, named by relative paths so the header reads the same everywhere."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ReviewApp(OLD, NEW, review_path=tmp_path / "snapshot.review.json", reviewer="Ana Counsel")


async def loaded(pilot: Pilot[None]) -> None:
    """The diff loaded and drawn: on a busy machine the loading worker may not have started when the
    first pause returns, so wait for the screen's session, not only for the workers running now."""
    await pilot.pause()
    for _ in range(400):
        await pilot.app.workers.wait_for_complete()
        if getattr(pilot.app.screen, "session", None) is not None:
            break
        await pilot.pause(0.05)
    # then the frames that open the sections around the first change and put the cursor on it (a modal
    # screen pushed sooner is drawn over the tree as it was before)
    for _ in range(3):
        await pilot.pause(0.1)
        await pilot.wait_for_scheduled_animations()


def after_n(theme: str) -> Any:
    """Loaded in this theme, then `n`: the first change marked reviewed by Space and `p` back on it is
    not wanted here; the picture is what a reviewer sees after one `n` on the modified clause 7/p2."""
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        pilot.app.theme = theme
        await pilot.press("n")
        pilot.app.clear_notifications()  # "resumed 1 decision from /tmp/…" names a folder that differs per run
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"], ids=["dark", "light"])
def test_change_after_n(app: ReviewApp, snap_compare: Any, size: tuple[int, int], theme: str) -> None:
    assert snap_compare(app, terminal_size=size, run_before=after_n(theme))


def test_stale_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snap_compare: Any) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    review = tmp_path / "stale.review.json"
    review.write_text(json.dumps({"schema": "policydiff.review/1", "old": OLD, "new": NEW, "decisions": {
        "modified:7/p2>7/p2": {"reviewed": True, "comment": "fine as worded\nchecked the retention table",
                               "fingerprint": "000000000000", "reviewer": "Bo Reviewer"}}}), encoding="utf-8")
    app = ReviewApp(OLD, NEW, review_path=review, reviewer="Ana Counsel")
    assert snap_compare(app, terminal_size=(80, 24), run_before=after_n("textual-dark"))


def test_help_screen(app: ReviewApp, snap_compare: Any) -> None:
    async def help_open(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        await pilot.press("question_mark")
        for _ in range(100):  # on a busy machine the screen may take several frames to be pushed
            if isinstance(pilot.app.screen, HelpScreen):
                break
            await pilot.pause(0.05)
        await pilot.wait_for_scheduled_animations()  # the help screen fades in: picture it settled
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=help_open)
