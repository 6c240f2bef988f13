"""`policydiff diff` as a reader sees it in a terminal: paged, wrapped to the width, coloured or not,
deletions and insertions told apart without colour, and side by side on wide terminals."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.cli import main
from policydiff.commands.diff import use_color
from policydiff.commands.pager import DEFAULT_PAGER, page, pager_command
from policydiff.model import Diff
from policydiff.render.diff_text import COLOR, SIDE_BY_SIDE_MIN, render_text_diff
from policydiff.render.wrap import cells, wrap

from .conftest import CORPUS

OLD = str(CORPUS / "brightdesk-privacy" / "v2.0.md")
NEW = str(CORPUS / "brightdesk-privacy" / "v2.1.md")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@cache
def corpus_diff() -> Diff:
    return diff(OLD, NEW)


def visible(line: str) -> str:
    return ANSI.sub("", line)


# --- the pager ------------------------------------------------------------------------------------------

def test_pager_only_for_a_terminal_and_never_with_no_pager() -> None:
    assert pager_command({}, to_terminal=True) == list(DEFAULT_PAGER) == ["less", "-FRX"]
    assert pager_command({}, to_terminal=False) is None, "a pipe or a file is never paged"
    assert pager_command({}, to_terminal=True, no_pager=True) is None
    assert pager_command({"PAGER": "more -s"}, to_terminal=True) == ["more", "-s"]
    assert pager_command({"PAGER": "more", "POLICYDIFF_PAGER": "less -S"}, to_terminal=True) == ["less", "-S"]
    assert pager_command({"PAGER": ""}, to_terminal=True) is None, "an empty pager means none, as in git"
    assert pager_command({"POLICYDIFF_PAGER": "cat", "PAGER": "less"}, to_terminal=True) is None


def test_the_pager_gets_the_whole_text(tmp_path: Path) -> None:
    out = tmp_path / "paged.txt"
    command = [sys.executable, "-c", f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())"]
    assert page("line one\n“quoted” line two\n", command)
    assert out.read_text(encoding="utf-8") == "line one\n“quoted” line two\n"
    assert not page("text", ["/no/such/pager-program"]), "a pager that cannot start: the caller prints instead"


def test_diff_through_the_cli_is_paged_in_a_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    """A real terminal (a pseudo-terminal) gets the pager; a pipe, and --no-pager, get the text itself."""
    pty = pytest.importorskip("pty")
    marker = tmp_path / "pager-ran"
    pager = f"{sys.executable} -c \"import sys; sys.stdin.read(); open({str(marker)!r}, 'w').write('yes')\""
    environment = {"POLICYDIFF_PAGER": pager, "PATH": "/usr/bin:/bin", "TERM": "xterm", "COLUMNS": "80"}
    script = f"from policydiff.cli import main; raise SystemExit(main(['diff', {OLD!r}, {NEW!r}]))"

    def in_terminal(*extra: str) -> None:
        code = script if not extra else script.replace("]))", ", " + ", ".join(repr(e) for e in extra) + "]))")
        pid, fd = pty.fork()
        if pid == 0:  # the child: stdout is the pseudo-terminal
            import os

            os.execve(sys.executable, [sys.executable, "-c", code], {**environment, "PYTHONPATH": str(Path.cwd())})
        import os

        while True:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        os.waitpid(pid, 0)

    in_terminal()
    assert marker.exists(), "stdout a terminal: the output went through $POLICYDIFF_PAGER"
    marker.unlink()
    in_terminal("--no-pager")
    assert not marker.exists()
    piped = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env={**environment, "PYTHONPATH": str(Path.cwd())})
    assert not marker.exists() and "summary: 3 modified" in piped.stdout


# --- width and wrapping --------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("color", [False, True])
def test_no_line_is_longer_than_the_width(width: int, color: bool) -> None:
    text = render_text_diff(corpus_diff(), color=color, width=width, context=1)
    lines = text.splitlines()
    assert max(cells(visible(line)) for line in lines) <= width
    rules = [visible(line) for line in lines if visible(line).startswith("── ")]
    assert rules and all(cells(rule) == width for rule in rules), "section rules reach the width"
    assert any("fifteen (15" in visible(line) for line in lines)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_real_policy_wraps_within_the_width_with_a_hanging_indent(realworld_dir: Path, width: int) -> None:
    folder = realworld_dir / "ota" / "claude-ai" / "privacy-policy"
    versions = sorted(folder.glob("*.md"))[:2]
    text = render_text_diff(diff(str(versions[0]), str(versions[1])), width=width)
    lines = text.splitlines()
    assert max(cells(line) for line in lines) <= width
    for previous, line in zip(lines, lines[1:]):
        if previous[:1] in "+-~→⑂⑃" and previous[1:2] == " " and line and not line.startswith(" "):
            assert line.startswith(("── ", "+ ", "- ", "~ ", "→ ", "⑂ ", "⑃ ", "≈ ", "!", "summary", "defects")), \
                f"a wrapped line keeps the gutter column clear: {line!r}"


def test_wrapping_breaks_between_words_and_cuts_only_words_longer_than_the_line() -> None:
    runs = [("We keep data for ", ""), ("thirty (30", "delete"), ("sixty (60", "insert"), (") days. ", ""),
            ("x" * 30, "")]
    lines = wrap(runs, 20, indent="~ ", hang="  ")
    texts = ["".join(text for text, _ in line) for line in lines]
    assert all(cells(text) <= 20 for text in texts)
    assert texts[0] == "~ We keep data for"
    assert all(text.startswith("  ") for text in texts[1:]), "the hanging indent"
    assert "".join(t.strip() for t in texts).endswith("x" * 30)
    assert wrap(runs, None) == [[("We keep data for ", ""), ("thirty (30", "delete"), ("sixty (60", "insert"),
                                 (") days. " + "x" * 30, "")]], "no width: one line, as it was"
    assert cells("日本語") == 6 and cells("e\u0301") == 1


def test_width_option_and_piped_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", OLD, NEW, "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert max(cells(line) for line in out.splitlines()) <= 60
    assert main(["diff", OLD, NEW]) == 0
    piped = capsys.readouterr().out
    assert max(cells(line) for line in piped.splitlines()) > 100, "piped without --width: lines stay whole"
    assert all(cells(line) == 72 for line in piped.splitlines() if line.startswith("── "))
    with pytest.raises(SystemExit):
        main(["diff", OLD, NEW, "--width", "5"])
    assert "20 columns or more" in capsys.readouterr().err


# --- colour ----------------------------------------------------------------------------------------------

def test_color_modes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("CLICOLOR_FORCE", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color("auto", to_terminal=True) and not use_color("auto", to_terminal=False)
    assert use_color(None, to_terminal=True), "auto is the default"
    assert use_color("always", to_terminal=False) and not use_color("never", to_terminal=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", to_terminal=True), "NO_COLOR turns auto off"
    assert use_color("always", to_terminal=False), "an explicit --color=always wins over NO_COLOR"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color("auto", to_terminal=True)

    assert main(["diff", OLD, NEW, "--color=always"]) == 0
    coloured = capsys.readouterr().out
    assert COLOR.roles["delete"][0] in coloured and COLOR.roles["insert"][0] in coloured
    assert main(["diff", OLD, NEW, "--color", "never"]) == 0
    assert "\x1b[" not in capsys.readouterr().out
    assert main(["diff", OLD, NEW, "--color=always", "--format", "json"]) == 0
    assert "\x1b[" not in capsys.readouterr().out, "colour is for the text format only"


def test_deleted_and_inserted_runs_are_told_apart_without_colour() -> None:
    coloured = render_text_diff(corpus_diff(), color=True, width=200)
    line = next(visible(line) for line in coloured.splitlines() if visible(line).startswith("  If we make"))
    assert "thirty (30 fifteen (15" in line, "a space between the deleted run and the run replacing it"
    strike, underline = COLOR.roles["delete"][0], COLOR.roles["insert"][0]
    assert "9;" in strike.split("[")[1] and "4;" in underline.split("[")[1], "strike-through and underline"
    assert "48;5;" in strike and "48;5;" in underline and "38;5;" in strike and "38;5;" in underline, \
        "each run sets its own background tint and text colour, so light and dark terminals read it alike"
    assert all(segment.count("\x1b[") == segment.count("\x1b[0m") * 2 or "\x1b[" not in segment
               for segment in coloured.splitlines()), "every line closes what it opens (pagers scroll by line)"
    plain = render_text_diff(corpus_diff(), width=200)
    assert "[-thirty (30-]{+fifteen (15+}) days" in plain


# --- side by side ----------------------------------------------------------------------------------------

def test_side_by_side_puts_old_words_left_and_new_words_right(capsys: pytest.CaptureFixture[str]) -> None:
    text = render_text_diff(corpus_diff(), width=160, side_by_side=True)
    row = next(line for line in text.splitlines() if "[-thirty (30-]" in line)
    left, right = row.split(" │ ", 1)
    assert "{+" not in left and "{+fifteen (15+}" in right and "[-" not in right
    assert max(cells(line) for line in text.splitlines()) <= 160
    added = render_text_diff(diff(str(CORPUS / "tallyhq-terms" / "v3.1.txt"),
                                  str(CORPUS / "tallyhq-terms" / "v3.2.txt")), width=160, side_by_side=True)
    added_line = next(line for line in added.splitlines() if line.startswith("+ "))
    following = added.splitlines()[added.splitlines().index(added_line) + 1]
    assert " │ " not in following, "a change that only adds is one column"
    narrow = render_text_diff(corpus_diff(), width=SIDE_BY_SIDE_MIN - 1, side_by_side=True)
    assert " │ " not in narrow, "too narrow for two columns: one column"
    assert main(["diff", OLD, NEW, "--side-by-side", "--width", "70"]) == 0
    assert "needs 80 columns" in capsys.readouterr().err
