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
        assert pilot.app.return_code == 0 and pilot.app.failure is not None  # type: ignore[attr-defined]

    drive(review, scenario, new=new)


GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid"}


def test_revisions_load_and_their_review_file_goes_under_the_repository(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """REV:PATH and DOC@VERSION load like files; the review file lands in .policydiff/reviews/."""
    import shutil
    import subprocess

    from policydiff.cli import main
    from policydiff.review import default_review_path
    from policydiff.tui.session import open_session

    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    assert main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    for version in ("2.0", "2.1"):
        shutil.copy(CORPUS / "brightdesk-privacy" / f"v{version}.md", root / "policy.md")
        subprocess.run(["git", "add", "policy.md"], cwd=root, check=True, capture_output=True)
        subprocess.run(["git", "commit", "-qm", version], cwd=root, check=True, capture_output=True)
    for version in ("2.0", "2.1"):
        assert main(["add", "privacy", str(CORPUS / "brightdesk-privacy" / f"v{version}.md")]) == 0
    for old, new in (("HEAD~3:policy.md", "HEAD~2:policy.md"), ("privacy@2.0", "privacy@latest")):
        path = default_review_path(new)
        assert path.parent == root / ".policydiff" / "reviews"
        session = open_session(old, new, path, 20 << 20)
        assert [change_key(c) for c in session.diff.changes] == KEYS
        match = session.diff.changes[0].match
        session.decide(match, reviewed=True)
        assert load_review(path).decisions[KEYS[0]].reviewed


def test_the_review_command_loads_no_textual_until_it_runs() -> None:
    import argparse
    import subprocess
    import sys

    code = ("import sys, argparse; from policydiff.commands.review import register; "
            "p = argparse.ArgumentParser(); register(p.add_subparsers()); "
            "a = p.parse_args(['review', 'a.md', 'b.md', '--review', 'r.json', '--max-size', '2']); "
            "print(a.review, a.max_size, 'textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["r.json", str(2 << 20), "False"]

    from policydiff.commands.review import run as run_review
    from policydiff.errors import InputError

    with pytest.raises(InputError, match="needs a terminal"):   # pytest's stdin is not a terminal
        run_review(argparse.Namespace(old=OLD, new=NEW, review=None, max_size=None, config=None))


def test_mouse_theme_and_resize(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        tree = screen.query_one(ClauseTree)
        assert screen.session is not None
        target = next(node for node in tree.nodes_by_match.values()
                      if node.data is not None and node.data.new is not None and node.data.new.id == "11/p2")
        tree.scroll_to_node(target, animate=False)
        await pilot.pause()
        await pilot.click(ClauseTree, offset=(10, target.line - round(tree.scroll_offset.y)))
        await pilot.pause()
        assert current_key(screen) == KEYS[3], "a click shows the clause"
        footer = screen.query_one("KeyFooter")
        assert footer.has_class("-two-rows")
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        await pilot.pause()
        assert not footer.has_class("-two-rows")
        assert not screen.query_one("#detail").has_class("-stacked")
        dark = screen.palette
        await pilot.press("t")
        await pilot.pause()
        assert pilot.app.theme == "textual-light" and screen.palette != dark
    drive(tmp_path / "r.json", scenario)


def test_policy_text_is_never_markup(tmp_path: Path) -> None:
    """Brackets that Rich or Textual would read as markup, and terminal escapes, show as plain text."""
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Terms\n\n## 1. Use\n\nWe keep data [bold red]for 30 days[/bold red].\n", encoding="utf-8")
    new.write_text("# Terms\n\n## 1. Use\n\nWe keep data [bold red]for 60 days[/] \x1b[31m[link=http://x]here[/link].\n",
                   encoding="utf-8")

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        assert screen.current is not None
        label = screen.query_one(ClauseTree).nodes_by_match[id(screen.current)].label.plain
        assert "[bold red]for 60 days[/]" in label and "\x1b" not in label
        shown = str(screen.query_one("#new-side").render())
        assert "[link=http://x]here[/link]" in shown and "\x1b" not in shown

    drive(tmp_path / "r.json", scenario, old=str(old), new=str(new))


def test_without_the_notice_modules_the_review_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from policydiff.api import diff
    from policydiff.tui.notices import UNAVAILABLE, check_reviewed, email_draft

    monkeypatch.setitem(sys.modules, "policydiff.notice.window", None)   # import now raises ImportError
    notice = check_reviewed(diff(OLD, NEW))
    assert notice.headline == UNAVAILABLE and notice.check is None
    assert "no draft" in email_draft(diff(OLD, NEW), notice)[1]
