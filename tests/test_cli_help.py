"""The command line as a new user meets it: "did you mean", help with examples, every positional
described, shell completion scripts, and warnings about a pair of files that looks wrong."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.cli import build_parser, main
from policydiff.commands import COMMANDS, HIDDEN
from policydiff.commands.completion import completion_script

from .conftest import CORPUS

OLD = str(CORPUS / "brightdesk-privacy" / "v2.0.md")
NEW = str(CORPUS / "brightdesk-privacy" / "v2.1.md")
PUBLIC = [name for name in COMMANDS if name not in HIDDEN]
READS_A_POLICY = ("show", "diff", "lint", "check", "notice", "review", "add")


def test_a_mistyped_command_gets_did_you_mean_and_never_the_hidden_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dif", OLD, NEW]) == 2
    err = capsys.readouterr().err
    assert err == "policydiff: error: unknown command 'dif'; did you mean 'diff'?\n"
    assert main(["reveiw"]) == 2
    assert "did you mean 'review'?" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'frobnicate'; the commands are: show, diff" in err and "git-diff" not in err
    assert main(["git-dif"]) == 2
    assert "git-diff" not in capsys.readouterr().err, "the hidden driver is never suggested"


def test_a_mistyped_option_or_choice_gets_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["diff", OLD, NEW, "--materal-only"])
    assert exit_status.value.code == 2
    assert "unrecognized arguments: --materal-only; did you mean --material-only?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["diff", OLD, NEW, "--format", "jsn"])
    assert "invalid choice: 'jsn'" in (err := capsys.readouterr().err) and "did you mean 'json'?" in err
    with pytest.raises(SystemExit):
        main(["check", OLD, NEW, "--notise-date", "2026-01-01"])
    assert "did you mean --notice-date?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["diff", OLD, NEW, "--zzzzzz"])
    assert "did you mean" not in capsys.readouterr().err, "nothing close: no guess"


@pytest.mark.parametrize("name", PUBLIC)
def test_every_command_help_has_an_example_and_describes_every_positional(name: str) -> None:
    parser = build_parser(name)
    sub = next(action for action in parser._actions if action.dest == "command").choices[name]  # type: ignore[attr-defined]
    text = sub.format_help()
    assert "examples:\n  " in text and f"  policydiff {name}" in text.split("examples:", 1)[1]
    for action in sub._get_positional_actions():
        assert action.help, f"{name} {action.metavar}: no help"
    if name in READS_A_POLICY:
        assert "DOC@VERSION" in text and "REV:PATH" in text, f"{name} --help does not say how to name a version"


def test_help_lists_commands_without_the_hidden_driver(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "completion" in out and "git-diff" not in out and "examples:" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command_and_option(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert script.rstrip("\n") == completion_script(shell).rstrip("\n")
    for name in PUBLIC:
        assert name in script
    assert "git-diff" not in script
    for option in ("--material-only", "--side-by-side", "--notice-date", "--reviewer", "--no-pager"):
        assert (option if shell != "fish" else f"-l {option[2:]}") in script
    assert "markdown" in script and "always" in script, "choices are completed"
    if shell == "bash":
        assert "_shtab_compgen_files" in script, "OLD and NEW complete file names"
    elif shell == "zsh":
        assert "_files" in script
    else:
        assert "__fish_complete_path" in script


def test_the_bash_script_loads_and_completes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "policydiff.bash"
    script.write_text(capsys.readouterr().out, encoding="utf-8")
    probe = (f"source {script}; COMP_WORDS=(policydiff di); COMP_CWORD=1; COMP_LINE='policydiff di'; "
             "COMP_POINT=${#COMP_LINE}; _shtab_policydiff; echo \"${COMPREPLY[@]}\"")
    result = subprocess.run([bash, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["diff"]


def test_completion_rejects_an_unknown_shell(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["completion", "tcshh"])
    assert "did you mean 'tcsh'" not in capsys.readouterr().err  # only bash, zsh and fish are offered


def test_swapped_versions_and_unrelated_files_are_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", NEW, OLD]) == 0
    err = capsys.readouterr().err
    assert f"policydiff: warning: OLD ({NEW}, effective 2026-02-16) looks newer than NEW ({OLD}, effective " \
           "2025-10-20): are they swapped?" in err
    assert main(["check", NEW, OLD]) in (0, 1)
    assert "are they swapped?" in capsys.readouterr().err
    readme = str(Path(__file__).resolve().parent.parent / "README.md")
    assert main(["diff", readme, NEW, "--format", "json"]) == 0
    assert "share only" in (err := capsys.readouterr().err) and "versions of the same document?" in err
    assert main(["diff", OLD, NEW]) == 0
    assert capsys.readouterr().err == "", "a real pair in order: no warning"


def test_help_stays_light() -> None:
    code = ("import sys; from policydiff.cli import main\n"
            "try:\n    main(['diff', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('textual', 'rich', 'git', 'shtab', 'rapidfuzz') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
