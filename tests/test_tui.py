"""`policydiff review`, driven headlessly with Pilot through a review of a corpus pair.

BrightDesk 2.0 → 2.1 has five changes in document order: modified 3/p1 (material), modified 7/p2,
renumbered 12 → 11, modified 12/p2 → 11/p2 (material) and section 11 moved to 12.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from policydiff.review import change_key, load_review
from policydiff.tui.app import ReviewApp
from policydiff.tui.dialogs import CommentScreen, FilterScreen, OverrideScreen, PromptScreen
from policydiff.tui.help import HelpScreen, TextScreen
from policydiff.tui.screen import ReviewScreen
from policydiff.tui.widgets import ClauseTree

from .conftest import CORPUS

OLD = str(CORPUS / "brightdesk-privacy" / "v2.0.md")
NEW = str(CORPUS / "brightdesk-privacy" / "v2.1.md")
KEYS = ["modified:3/p1>3/p1", "modified:7/p2>7/p2", "renumbered:12>11", "modified:12/p2>11/p2", "moved:11>12"]

Scenario = Callable[[Pilot[None], ReviewScreen], Awaitable[None]]


def drive(review: Path, scenario: Scenario, old: str = OLD, new: str = NEW, size: tuple[int, int] = (100, 32),
          **options: Any) -> None:
    """Open the app on old → new, wait for the loading worker, then run the scenario."""
    async def run() -> None:
        app = ReviewApp(old, new, review_path=review, reviewer="Ana Counsel", **options)
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
        assert current_key(screen) == KEYS[2], "space marks reviewed and goes on to the next change"
        await pilot.press("p")
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CommentScreen)
        await type_text(pilot, "same meaning [b]really[/b]")
        await pilot.press("enter")                  # a new line, not the end of the comment
        await type_text(pilot, "checked with counsel")
        await pilot.press("ctrl+s")
        await pilot.pause()
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
    assert (stored.reviewed, stored.comment, stored.override, stored.override_reason, stored.reviewer) == \
        (True, "same meaning [b]really[/b]\nchecked with counsel", True, "retention wording matters", "Ana Counsel")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    second = report["changes"][1]
    assert second["key"] == "modified:7/p2>7/p2" and second["material"] is True
    assert second["decision"]["comment"] == "same meaning [b]really[/b]\nchecked with counsel"
    assert second["decision"]["reviewer"] == "Ana Counsel"
    assert report["summary"]["reviewed"] == 1 and report["summary"]["material"] == 3
    assert "consent required" in report["notice"]
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "retention wording matters" in markdown and "same meaning \\[b\\]really\\[/b\\]" in markdown
    assert "reviewed by Ana Counsel" in markdown and "  checked with counsel" in markdown

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
        (False, None, None, "same meaning [b]really[/b]\nchecked with counsel")


def test_help_lists_every_key_and_e_previews_the_email(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = {binding.key for binding in pilot.app.screen.keys}
        assert {"n", "p", "m", "f", "slash", "space", "c", "o", "e", "x", "question_mark", "q", "v", "z", "colon",
                "j", "k", "g", "G", "ctrl+d", "ctrl+u", "w", "N", "t", "escape"} <= shown
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
        run_review(argparse.Namespace(old=OLD, new=NEW, review=None, max_size=None, config=None, reviewer=None,
                                      notice_date=None, effective=None, tracked="accepted"))


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
        shown = str(screen.query_one("#redline").render())   # the inline redline: old and new words
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


# --- issue 16: what a reviewer sees and does at 80x24 and 160x45 ----------------------------------------

def screen_text(pilot: Pilot[None]) -> str:
    """The characters on the terminal now, row by row, as the reader sees them."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_after_n_the_deleted_and_inserted_words_are_on_screen(tmp_path: Path, size: tuple[int, int],
                                                            theme: str) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        pilot.app.theme = theme
        await pilot.press("n")                       # 7/p2: modified
        await pilot.pause()
        assert current_key(screen) == KEYS[1]
        shown = screen_text(pilot)
        assert "linked" in shown and "associated" in shown, shown  # (side by side, a phrase may wrap)
        await pilot.press("n", "n")                  # 12/p2 → 11/p2: the notice period
        await pilot.pause()
        shown = screen_text(pilot)
        assert "thirty (30" in shown and "fifteen (15" in shown, shown
    drive(tmp_path / "r.json", scenario, size=size)


def test_a_long_clause_is_collapsed_to_its_changes_and_w_shows_it_whole(tmp_path: Path) -> None:
    words = " ".join(f"filler{i}" for i in range(300))
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(f"# Terms\n\n## 1. Retention\n\n{words} We keep data for thirty days. {words}\n", encoding="utf-8")
    new.write_text(f"# Terms\n\n## 1. Retention\n\n{words} We keep data for ninety days. {words}\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        shown = screen_text(pilot)
        assert "thirty" in shown and "ninety" in shown and "…" in shown, shown
        assert "filler10 " not in shown, "the long unchanged run before the change is collapsed"
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(pilot)
        assert "ninety" in shown, "with the whole clause shown, the pane scrolls to the first change"
        await pilot.press("w")
    drive(tmp_path / "r.json", scenario, old=str(old), new=str(new), size=(80, 24))


def test_space_marks_reviewed_and_moves_on_and_a_reviewer_is_recorded(tmp_path: Path) -> None:
    review = tmp_path / "r.json"

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("space")
        assert current_key(screen) == KEYS[1], "space: reviewed, then the next change"
        await pilot.press("p", "space")               # on a reviewed change: unmark, and stay
        assert current_key(screen) == KEYS[0]
        assert screen.session is not None and screen.session.tally()["reviewed"] == 0
        await pilot.press("space")
    drive(review, scenario)
    decision = load_review(review).decisions[KEYS[0]]
    assert decision.reviewed and decision.reviewer == "Ana Counsel"


def test_colon_goes_to_a_clause_id_even_through_a_filter(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("m")                        # material only: 13/p1 is not listed
        await pilot.press("colon")
        await type_text(pilot, "13/p1")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current is not None and screen.current.new is not None and screen.current.new.id == "13/p1"
        assert not screen.view.active, "the filter was cleared to show it"
        tree = screen.query_one(ClauseTree)
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data is screen.current
        await pilot.press("colon")
        await type_text(pilot, "11.2")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current.new.id == "13/p1", "an unknown id goes nowhere"
        await pilot.press("colon")
        await type_text(pilot, "12/p2")               # an old id finds the clause it became
        await pilot.press("enter")
        await pilot.pause()
        assert current_key(screen) == KEYS[3]
    drive(tmp_path / "r.json", scenario)


def test_search_finds_ids_and_highlights_its_hits(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        await pilot.press("slash")
        await type_text(pilot, "sell")
        await pilot.press("enter")
        await pilot.pause()
        label = screen.query_one(ClauseTree).nodes_by_match[id(screen.current)].label
        hit = label.plain.index("sell")
        assert any(span.start <= hit < span.end and "reverse" in str(span.style) for span in label.spans)
        redline = screen.query_one("#redline").content
        assert any("reverse" in str(span.style) and redline.plain[span.start:span.end].casefold() == "sell"
                   for span in redline.spans), "the hit is highlighted in the change's words too"
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = "11/p2"
        await pilot.press("enter")
        await pilot.pause()
        assert current_key(screen) == KEYS[3], "a clause id is found by search too"
    drive(tmp_path / "r.json", scenario)


def test_a_stale_decision_is_marked_stale_and_never_counts_as_reviewed(tmp_path: Path) -> None:
    review = tmp_path / "r.json"
    review.write_text(json.dumps({"schema": "policydiff.review/1", "old": OLD, "new": NEW, "decisions": {
        KEYS[1]: {"reviewed": True, "comment": "fine as worded", "override": False,
                  "override_reason": "wording only", "fingerprint": "000000000000", "reviewer": "Bo"}}}),
        encoding="utf-8")

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        assert screen.session is not None
        counts = screen.session.tally()
        assert counts["reviewed"] == 0 and counts["stale"] == 1 and counts["overridden"] == 0
        await pilot.press("n")
        label = screen.query_one(ClauseTree).cursor_node.label.plain  # type: ignore[union-attr]
        assert label.startswith("~ ⚠"), label
        shown = screen_text(pilot)
        assert "stale" in shown and "✓ reviewed" not in shown
        assert "1 stale" in str(screen.query_one("#summary").render())
        await pilot.press("f")
        options = pilot.app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index("unreviewed")
        await pilot.press("enter")
        await pilot.pause()
        assert any(m is screen.current for m in screen.session.targets(screen.view)), "stale reads as unreviewed"
        await pilot.press("escape", "space")          # reviewing these words clears the stale mark
        assert screen.session.tally()["reviewed"] == 1 and screen.session.tally()["stale"] == 0
    drive(review, scenario)
    decision = load_review(review).decisions[KEYS[1]]
    assert decision.reviewed and decision.override is None and decision.comment == "fine as worded", \
        "the old override was made on other words: dropped; the comment stays"


def test_keys_that_move_zoom_and_change_the_layout(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        tree = screen.query_one(ClauseTree)
        start = tree.cursor_line
        await pilot.press("j", "j")
        assert tree.cursor_line == start + 2
        await pilot.press("k")
        assert tree.cursor_line == start + 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0
        await pilot.press("ctrl+d")
        assert tree.cursor_line == max(1, tree.size.height // 2)
        await pilot.press("ctrl+u")
        assert tree.cursor_line == 0
        await pilot.press("n")
        assert current_key(screen) == KEYS[0]
        detail = screen.query_one("#detail")
        assert detail.layout_name == "inline"  # type: ignore[attr-defined]
        await pilot.press("v")                        # 48 columns: no room for two, so old above new
        await pilot.pause()
        assert detail.layout_name == "stacked" and detail.has_class("-stacked")  # type: ignore[attr-defined]
        assert screen.query_one("#sides").display
        await pilot.press("v")
        await pilot.pause()
        assert detail.layout_name == "inline" and screen.query_one("#redline").display  # type: ignore[attr-defined]
        await pilot.press("z")
        await pilot.pause()
        assert not screen.query_one("#tree-pane").display and detail.has_focus
        await pilot.press("v")                        # zoomed to 80 columns: side by side fits
        await pilot.pause()
        assert detail.layout_name == "side-by-side" and not detail.has_class("-stacked")  # type: ignore[attr-defined]
        await pilot.press("v", "v")
        await pilot.pause()
        assert detail.layout_name == "inline"  # type: ignore[attr-defined]
        await pilot.press("z")
        await pilot.pause()
        assert screen.query_one("#tree-pane").display and tree.has_focus
    drive(tmp_path / "r.json", scenario, size=(80, 24))


def test_notice_date_and_effective_reach_the_verdict_and_unverifiable_says_why(tmp_path: Path) -> None:
    from datetime import date

    async def compliant(pilot: Pilot[None], screen: ReviewScreen) -> None:
        summary = str(screen.query_one("#summary").render())
        assert "window 3 of 30 days" in summary or "not compliant: 3 of 30 days" in summary, summary
    drive(tmp_path / "r.json", compliant, notice_date=date(2026, 2, 13))

    undated_new = tmp_path / "new.md"
    undated_new.write_text("\n".join(line for line in Path(NEW).read_text(encoding="utf-8").splitlines()
                                     if "ffective" not in line), encoding="utf-8")

    async def unverifiable(pilot: Pilot[None], screen: ReviewScreen) -> None:
        summary = str(screen.query_one("#summary").render())
        assert "unverifiable — no effective date: pass --effective" in summary, summary
    drive(tmp_path / "r2.json", unverifiable, new=str(undated_new))


def test_review_reports_input_errors_before_the_screen_opens(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from policydiff.cli import main

    assert main(["review", OLD, str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err == f"policydiff: error: {tmp_path / 'nope.txt'}: no such file\n"
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    assert main(["review", str(tmp_path / "image.png"), NEW]) == 2
    assert "unsupported format" in capsys.readouterr().err
    assert main(["review", OLD, NEW, "--notice-date", "next tuesday"]) == 2
    assert "--notice-date" in capsys.readouterr().err


def test_structure_and_non_operative_changes_are_listed_apart_not_counted(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Terms\n\n## Summary of changes\n\nWe fixed typos.\n\n## 1. Cookies\n\nWe use cookies.\n\n"
                   "## 2. Data\n\nWe keep data for 30 days.\n", encoding="utf-8")
    new.write_text("# Terms\n\n## Summary of changes\n\nWe changed the retention period.\n\n## 1. Cookies and "
                   "tracking\n\nWe use cookies.\n\n## 2. Data\n\nWe keep data for 60 days.\n", encoding="utf-8")

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        assert screen.session is not None
        diff = screen.session.diff
        apart = len(diff.structure) + len(diff.non_operative)
        assert apart, "the pair has changes listed apart"
        assert screen.session.tally()["changes"] == len(diff.changes)
        tree = screen.query_one(ClauseTree)
        group = next(node for node in tree.root.children if str(node.label).startswith("listed apart"))
        assert f"({apart})" in str(group.label)
        assert f"{apart} listed apart" in str(screen.query_one("#summary").render())
    drive(tmp_path / "r.json", scenario, old=str(old), new=str(new))


def test_find_takes_an_id_a_number_or_the_end_of_an_id(tmp_path: Path) -> None:
    from policydiff.tui.session import open_session

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# T\n\n## Intro\n\nHello there all.\n\n### 1. Data\n\nWe keep data for 30 days.\n", encoding="utf-8")
    new.write_text(old.read_text(encoding="utf-8").replace("30", "60"), encoding="utf-8")
    session = open_session(str(old), str(new), tmp_path / "r.json", 1 << 20)
    changed = session.diff.changes[0].match
    assert session.find("s1/1/p1") is changed and session.find("1/p1") is changed, "the end of an id, when unique"
    assert session.find("1") is session.find("s1/1"), "a section's number"
    assert session.find("p1") is None, "an ending that names two clauses goes nowhere"


def test_binding_changes_before_one_refresh_recompose_the_footer_once(tmp_path: Path) -> None:
    """Textual's footer recomposes for every change of the bindings; the review's footer makes the
    changes before one refresh one recompose, and it shows the bindings as they are then."""
    from textual.widgets._footer import FooterKey

    from policydiff.tui.widgets import KeyFooter

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        footer = screen.query_one(KeyFooter)
        shown = [key.key for key in footer.query(FooterKey)]
        assert "n" in shown and "q" in shown
        recomposed: list[int] = []
        recompose = footer.recompose

        async def counted() -> None:
            recomposed.append(1)
            await recompose()

        footer.recompose = counted  # type: ignore[method-assign]
        for _ in range(3):
            screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert recomposed == [1]
        assert [key.key for key in footer.query(FooterKey)] == shown
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert recomposed == [1, 1], "a later change recomposes again"
    drive(tmp_path / "r.json", scenario)


def test_a_rebuild_of_the_clause_tree_is_laid_out_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's tree re-lays itself out after every node added; a rebuild of the clause tree adds all
    its nodes, then lays the tree out once, with every node in it."""
    from textual.widgets import Tree

    async def scenario(pilot: Pilot[None], screen: ReviewScreen) -> None:
        tree = screen.query_one(ClauseTree)
        lines = tree.last_line
        invalidated: list[int] = []
        invalidate = Tree._invalidate

        def counted(self: Tree[Any]) -> None:
            invalidated.append(1)
            invalidate(self)

        monkeypatch.setattr(Tree, "_invalidate", counted)
        assert screen.session is not None
        tree.populate(screen.session, screen.view, screen.palette)
        await pilot.pause()
        assert invalidated == [1] and tree.last_line == lines and len(tree.nodes_by_match) > 10
    drive(tmp_path / "r.json", scenario)
