"""No escape sequence reaches a terminal: policy text, file names and messages through every output.

Each test feeds a policy (or a file name) carrying an OSC 0 title change, an OSC 52 clipboard write,
a C1 CSI and a bidi override through the command where a user meets it, and checks what comes out:
stdout and stderr, the `.eml` parts, JSON strings, the git diff driver, the PR comment and every
pane of the review screen including the e-mail preview.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from policydiff.cli import main

from .hostile import ESCAPES, OLD, OSC_TITLE, assert_inert, hostile_new_version

GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "v2.1.md"
    path.write_text(hostile_new_version(), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
def test_notice_printed_to_stdout_carries_no_escape(fmt: str, hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "notice", str(OLD), str(hostile), "--force", "--format", fmt)
    assert code == 0, err
    assert "We do not sell" in out
    assert_inert(out)
    assert_inert(err)


@pytest.mark.parametrize("argv", [["diff"], ["diff", "--format", "markdown"], ["diff", "--format", "unified"],
                                  ["diff", "--format", "html"], ["check"]])
def test_diff_and_check_outputs_carry_no_escape(argv: list[str], hostile: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *argv, str(OLD), str(hostile))
    assert code in (0, 1), err
    assert_inert(out)


def test_colour_keeps_only_policydiffs_own_codes(hostile: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, _ = run(capsys, "diff", str(OLD), str(hostile))
    assert code == 0 and "\x1b[4;38;5;19;48;5;153m" in out
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [*strings(k), *strings(v)]]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


@pytest.mark.parametrize(("argv", "quoted"), [
    (["diff", "{old}", "{new}", "--format", "json"], "We do not sell"),
    (["check", "{old}", "{new}", "--format", "json"], "BrightDesk"),
    (["show", "{new}", "--format", "json"], "We do not sell"),
    (["lint", "{new}", "--format", "json"], "We do not sell")])
def test_json_strings_carry_no_controls(argv: list[str], quoted: str, hostile: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *(a.format(old=OLD, new=hostile) for a in argv))
    assert code in (0, 1), err
    assert_inert(out)
    data = json.loads(out)
    assert any(quoted in s for s in strings(data))
    for text in strings(data):
        assert_inert(text, bidi=False)


def test_eml_parts_carry_no_controls(hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "draft.eml"
    code, _, err = run(capsys, "notice", str(OLD), str(hostile), "--force", "--format", "eml", "-o", str(target))
    assert code == 0, err
    raw = target.read_text(encoding="utf-8")
    assert_inert(raw, allow_crlf=True)
    message = email.message_from_string(raw, policy=email.policy.default)
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    assert len(parts) == 2 and all("We do not sell" in part for part in parts)
    for part in parts:
        assert_inert(part, allow_crlf=True)
    assert_inert(str(message["Subject"]))


def test_error_messages_show_controls_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = str(tmp_path / f"bad{OSC_TITLE}.txt")
    code, out, err = run(capsys, "show", name)
    assert code == 2 and out == ""
    assert_inert(err)
    assert "bad\\x1b]0;PWNED\\x07.txt: no such file" in err and err.count("\n") == 1


def test_argparse_messages_show_controls_visibly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["show", "a.txt", f"x{OSC_TITLE}"])
    err = capsys.readouterr().err
    assert "unrecognized arguments: x\\x1b]0;PWNED\\x07" in err
    assert_inert(err)


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def test_pr_comment_and_git_diff_driver_carry_no_escape_from_file_names(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    name = f"policies/priv{OSC_TITLE}acy.md"
    (root / "policies").mkdir()
    (root / name).write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    (root / name).write_text(hostile_new_version(), encoding="utf-8")
    git(root, "commit", "-q", "-am", "head")
    monkeypatch.chdir(root)
    code, out, err = run(capsys, "pr", "--base", "HEAD~1")
    assert code in (0, 1), err
    assert "priv" in out
    assert_inert(out)
    code, out, err = run(capsys, "pr", "--base", "HEAD~1", "--format", "json")
    assert_inert(out)
    old_file, new_file = tmp_path / "old.md", tmp_path / "new.md"
    old_file.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    new_file.write_text(hostile_new_version(), encoding="utf-8")
    code, out, err = run(capsys, "git-diff", name, str(old_file), "0" * 40, "100644", str(new_file), "1" * 40, "100644")
    assert code == 0 and out.startswith("policydiff policies/priv")
    assert_inert(out)


def rendered_strings(app: Any) -> list[str]:
    """Everything the screens on the stack would draw: each widget's content and border titles."""
    from textual.widget import Widget

    found = [str(app.title), str(app.sub_title)]
    for screen in app.screen_stack:
        found += [str(screen.title or ""), str(screen.sub_title or "")]
        for widget in screen.query(Widget):
            found.append(str(widget.render()))
            found += [str(widget.border_title or ""), str(widget.border_subtitle or "")]
    return found


def test_every_pane_of_the_review_screen_is_inert(hostile: Path, tmp_path: Path) -> None:
    from policydiff.tui.app import ReviewApp
    from policydiff.tui.help import TextScreen

    async def scenario() -> None:
        app = ReviewApp(str(OLD), str(hostile), review_path=tmp_path / "r.json")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen = rendered_strings(app)
            assert any("We do not sell" in s for s in seen)
            for text in seen:
                assert_inert(text)
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            preview = rendered_strings(app)
            assert any("We do not sell" in s for s in preview), "the e-mail preview quotes the changed clause"
            for text in preview:
                assert_inert(text)
            await pilot.press("escape", "question_mark")
            await pilot.pause()
            for text in rendered_strings(app):
                assert_inert(text)
    asyncio.run(scenario())


def test_the_escapes_are_really_in_the_hostile_version() -> None:
    assert ESCAPES in hostile_new_version() and OSC_TITLE in hostile_new_version()


def test_the_git_diff_driver_keeps_its_colour_and_nothing_else(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_PAGER_IN_USE", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    old_file, new_file = tmp_path / "old.md", tmp_path / "new.md"
    old_file.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    new_file.write_text(hostile_new_version(), encoding="utf-8")
    code, out, _ = run(capsys, "git-diff", f"p{OSC_TITLE}.md", str(old_file), "0" * 40, "100644", str(new_file),
                       "1" * 40, "100644")
    assert code == 0 and "\x1b[4;38;5;19;48;5;153m" in out, "git's pager gets the colour codes policydiff adds"
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out
