"""`policydiff review` computes the diff before the app draws: in a forked process while Textual is
imported, then handed to the app, whose first frame shows the changes (no loading worker runs)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from policydiff.commands.review import DiffLoading
from policydiff.classify import default_rules
from policydiff.errors import PolicydiffError
from policydiff.render.diff_json import render_json_diff
from policydiff.tui.session import load_diff

from .conftest import CORPUS

OLD = str(CORPUS / "brightdesk-privacy" / "v2.0.md")
NEW = str(CORPUS / "brightdesk-privacy" / "v2.1.md")


def test_the_forked_diff_is_the_diff() -> None:
    kind, diff = DiffLoading(OLD, NEW, 20 << 20, default_rules()).outcome()
    assert kind == "diff"
    assert render_json_diff(diff) == render_json_diff(load_diff(OLD, NEW, 20 << 20))


def test_a_load_problem_comes_back_as_its_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.md")
    loading = DiffLoading(OLD, missing, 20 << 20, default_rules())
    with pytest.raises(PolicydiffError) as raised:  # said on stderr before the screen opens, exit 2
        loading.preloaded(tmp_path / "r.json", None)
    assert "nowhere.md" in str(raised.value) and "\n" not in str(raised.value)


def test_the_first_frame_shows_the_preloaded_changes(tmp_path: Path) -> None:
    from policydiff.tui.app import ReviewApp
    from policydiff.tui.screen import ReviewScreen
    from policydiff.tui.widgets import ClauseTree

    preloaded = DiffLoading(OLD, NEW, 20 << 20, default_rules()).preloaded(tmp_path / "r.json", None)
    assert not isinstance(preloaded, str)

    async def run() -> None:
        app = ReviewApp(OLD, NEW, review_path=tmp_path / "r.json", preloaded=preloaded)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.session is preloaded[0]
            assert not list(app.workers), "nothing is loaded in a worker"
            assert screen.query_one("#main").display and not screen.query("#loading"), "no loading indicator"
            assert screen.query_one(ClauseTree).root.children
            await pilot.press("n")
            assert screen.current is not None

    asyncio.run(run())
