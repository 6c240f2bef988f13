"""`policydiff review`, driven headlessly with Pilot through a review of a corpus pair.

BrightDesk 2.0 → 2.1 has five changes in document order: modified 3/p1 (material), modified 7/p2,
renumbered 12 → 11, modified 12/p2 → 11/p2 (material) and section 11 moved to 12.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from policydiff.review import change_key, load_review
from policydiff.tui.app import ReviewApp
from policydiff.tui.dialogs import FilterScreen, OverrideScreen, PromptScreen
from policydiff.tui.help import HelpScreen, TextScreen
from policydiff.tui.screen import ReviewScreen
from policydiff.tui.widgets import ClauseTree

from .conftest import CORPUS

OLD = str(CORPUS / "brightdesk-privacy" / "v2.0.md")
NEW = str(CORPUS / "brightdesk-privacy" / "v2.1.md")
KEYS = ["modified:3/p1>3/p1", "modified:7/p2>7/p2", "renumbered:12>11", "modified:12/p2>11/p2", "moved:11>12"]

Scenario = Callable[[Pilot[None], ReviewScreen], Awaitable[None]]


def drive(review: Path, scenario: Scenario, old: str = OLD, new: str = NEW, size: tuple[int, int] = (100, 32)) -> None:
    """Open the app on old → new, wait for the loading worker, then run the scenario."""
    async def run() -> None:
        app = ReviewApp(old, new, review_path=review)
        async with app.run_test(size=size) as pilot:
            screen = await loaded(pilot)
            await scenario(pilot, screen)
    asyncio.run(run())


async def loaded(pilot: Pilot[None]) -> ReviewScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def current_key(screen: ReviewScreen) -> str | None:
    assert screen.session is not None and screen.current is not None
    change = screen.session.change(screen.current)
    return change_key(change) if change is not None else None


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


def test_n_and_p_walk_every_change_in_document_order(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        seen = [current_key(screen)]
        for _ in range(4):
            await pilot.press("n")
            seen.append(current_key(screen))
        assert seen == KEYS
        await pilot.press("n")
        assert current_key(screen) == KEYS[0], "n wraps round to the first change"
        await pilot.press("p", "p")
        assert current_key(screen) == KEYS[3]
        tree = screen.query_one(ClauseTree)
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data is screen.current
        assert "3 modified · 1 moved · 1 renumbered — 2 material" in str(screen.query_one("#summary").render())
    drive(tmp_path / "r.json", scenario)


def test_m_lists_material_changes_only_and_f_filters_by_kind(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("m")
        assert screen.view.material_only and current_key(screen) == KEYS[0]
        await pilot.press("n")
        assert current_key(screen) == KEYS[3]
        await pilot.press("n")
        assert current_key(screen) == KEYS[0]
        listed = {id(node.data) for node in screen.query_one(ClauseTree).nodes_by_match.values()}
        assert screen.session is not None
        changes_listed = [c for c in screen.session.diff.changes if id(c.match) in listed]
        assert [change_key(c) for c in changes_listed] == [KEYS[0], KEYS[2], KEYS[3]], \
            "material changes, and the renumbered section that holds one"
        await pilot.press("m", "f")
        assert isinstance(pilot.app.screen, FilterScreen)
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("kind:moved")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.kind == "moved" and current_key(screen) == KEYS[4]
        await pilot.press("f")
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("category:sharing")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.category == "sharing" and screen.view.kind is None and current_key(screen) == KEYS[0]
        await pilot.press("escape")
        assert not screen.view.active
    drive(tmp_path / "r.json", scenario)


def test_slash_searches_clause_text_changed_or_not(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("slash")
        assert isinstance(pilot.app.screen, PromptScreen)
        await type_text(pilot, "advertising")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.search == "advertising" and current_key(screen) == KEYS[0]
        await pilot.press("n")
        assert screen.current is not None and screen.current.new is not None
        assert screen.current.new.id == "6/item-4" and current_key(screen) is None, "an unchanged clause is found too"
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = "no such words anywhere"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.search == "advertising", "a search that finds nothing leaves the view as it was"
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.view.active
    drive(tmp_path / "r.json", scenario)


def test_review_comment_override_export_then_resume(tmp_path: Path) -> None:
    review = tmp_path / "v2.1.md.review.json"
    export = tmp_path / "out" / "report"
    export.parent.mkdir()

    async def decide(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("n")                      # 7/p2
        await pilot.press("space")
        await pilot.press("c")
        await type_text(pilot, "same meaning [b]really[/b]")
        await pilot.press("enter")
        await pilot.press("o")
        assert isinstance(pilot.app.screen, OverrideScreen)
        await pilot.press("enter")                  # no reason: refused, the dialog stays
        await pilot.pause()
        assert isinstance(pilot.app.screen, OverrideScreen)
        await type_text(pilot, "retention wording matters")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert screen.session is not None and screen.session.tally()["material"] == 3
        await pilot.press("x")
        pilot.app.screen.query_one(Input).value = str(export)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")

    drive(review, decide)
    stored = load_review(review).decisions["modified:7/p2>7/p2"]
    assert (stored.reviewed, stored.comment, stored.override, stored.override_reason) == \
        (True, "same meaning [b]really[/b]", True, "retention wording matters")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    second = report["changes"][1]
    assert second["key"] == "modified:7/p2>7/p2" and second["material"] is True
    assert second["decision"]["comment"] == "same meaning [b]really[/b]"
    assert report["summary"]["reviewed"] == 1 and report["summary"]["material"] == 3
    assert "consent required" in report["notice"]
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "retention wording matters" in markdown and "same meaning \\[b\\]really\\[/b\\]" in markdown

    async def resume(pilot: Pilot[None], screen: ReviewScreen) -> None:
        assert screen.session is not None and screen.session.tally()["reviewed"] == 1
        await pilot.press("n")
        label = screen.query_one(ClauseTree).cursor_node.label.plain  # type: ignore[union-attr]
        assert label.startswith("~!✓"), label
        await pilot.press("space")                   # unmark: saved at once
        await pilot.press("o")
        pilot.app.screen.query_one("#choice-clear").value = True
        await pilot.press("enter")
        await pilot.pause()

    drive(review, resume)
    stored = load_review(review).decisions["modified:7/p2>7/p2"]
    assert (stored.reviewed, stored.override, stored.override_reason, stored.comment) == \
        (False, None, None, "same meaning [b]really[/b]")


def test_help_lists_every_key_and_e_previews_the_email(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = {binding.key for binding in pilot.app.screen.keys}
        assert {"n", "p", "m", "f", "slash", "space", "c", "o", "e", "x", "question_mark", "q"} <= shown
        await pilot.press("escape")
        await pilot.press("e")
        assert isinstance(pilot.app.screen, TextScreen)
        assert "Subject: Updates to our BrightDesk Privacy Policy" in pilot.app.screen.body
        assert pilot.app.screen.body.startswith("notice window: consent required")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)
    drive(tmp_path / "r.json", scenario)


@pytest.mark.parametrize("problem", ["missing", "corrupt"])
def test_a_load_problem_is_shown_and_q_still_quits(tmp_path: Path, problem: str) -> None:
    review = tmp_path / "r.json"
    new = NEW
    if problem == "missing":
        new = str(tmp_path / "nowhere.md")
    else:
        review.write_text("{broken", encoding="utf-8")

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        assert screen.session is None
        message = str(screen.query_one("#problem").render())
        assert ("nowhere.md" if problem == "missing" else "not a policydiff review file") in message
        await pilot.press("n")                       # disabled until loaded: nothing happens
        assert pilot.app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0

    drive(review, scenario, new=new)
