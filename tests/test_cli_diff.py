"""`policydiff diff` through the CLI: formats, exit codes, git revisions, timings, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS

OLD = str(CORPUS / "tallyhq-terms" / "v3.1.txt")
NEW = str(CORPUS / "tallyhq-terms" / "v3.2.txt")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_is_plain_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", OLD, NEW)
    assert code == 0 and err == ""
    assert "\x1b[" not in out
    assert "[-twelve (12-]{+three (3+}" in out
    assert "≈ renumbered, no text change: 13 → 14, 14 → 15" in out
    assert out.rstrip().endswith("summary: 1 added, 1 removed, 1 modified, 2 renumbered — 3 material")


def test_color_when_forced_and_never_with_no_color(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from policydiff.render.diff_text import COLOR

    delete, insert = COLOR.roles["delete"][0], COLOR.roles["insert"][0]
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(capsys, "diff", OLD, NEW)
    assert delete in out and insert in out
    _, out, _ = run(capsys, "diff", OLD, NEW, "--no-color")
    assert "\x1b[" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "diff", OLD, NEW)
    assert "\x1b[" not in out


def test_json_validates_against_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    schema = json.loads(files("policydiff").joinpath("schemas/diff-1.schema.json").read_text(encoding="utf-8"))
    _, out, _ = run(capsys, "diff", OLD, NEW, "--format", "json")
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert data["schema"] == "policydiff.diff/1"
    assert data["summary"] == {"added": 1, "removed": 1, "modified": 1, "moved": 0, "renumbered": 2, "split": 0,
                               "merged": 0, "material": 3, "structure": 0, "non_operative": 0}
    added = next(c for c in data["changes"] if c["kind"] == "added")
    assert added["new_id"] == "13" and added["old_id"] is None and added["material"] is True
    # an arbitration clause with a class-action waiver: a dispute clause, and a duty put on users
    assert [r["code"] for r in added["reasons"]] == ["obligation-added", "dispute-changed"]
    assert "dispute" in added["categories"] and added["direction"] == "expands"
    modified = next(c for c in data["changes"] if c["kind"] == "modified")
    assert modified["old_id"] == "10/p3" and modified["new_heading"] == "LIMITATION OF LIABILITY"
    assert 0 < modified["similarity"] < 1
    renumbered = [c for c in data["changes"] if c["kind"] == "renumbered"]
    assert all(c["material"] is False and c["severity"] == "editorial" for c in renumbered)


def test_material_only(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diff", OLD, NEW, "--format", "json", "--material-only")
    assert {c["kind"] for c in json.loads(out)["changes"]} == {"added", "removed", "modified"}


def test_context_shows_unchanged_neighbours(capsys: pytest.CaptureFixture[str]) -> None:
    _, without, _ = run(capsys, "diff", OLD, NEW)
    _, with_context, _ = run(capsys, "diff", OLD, NEW, "--context", "1")
    assert "10/p2" not in without and "10/p2" in with_context


@pytest.mark.parametrize("fail_on,expected", [(None, 0), ("material", 1), ("any", 1)])
def test_fail_on_exit_codes(fail_on: str | None, expected: int, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["diff", OLD, NEW] + (["--fail-on", fail_on] if fail_on else [])
    assert run(capsys, *argv)[0] == expected


def test_fail_on_with_only_editorial_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    old.write_text("Terms\n1. Scope\nThese “terms” apply to you.\n2. Fees\nFees apply monthly.\n", encoding="utf-8")
    new.write_text("Terms\n1. Fees\nFees apply monthly.\n2. Scope\nThese \"terms\" apply to you.\n", encoding="utf-8")
    assert run(capsys, "diff", str(old), str(new), "--fail-on", "material")[0] == 0
    assert run(capsys, "diff", str(old), str(new), "--fail-on", "any")[0] == 1
    same = tmp_path / "c.txt"
    same.write_text(old.read_text(encoding="utf-8").replace("“terms”", '"terms"'), encoding="utf-8")
    code, out, _ = run(capsys, "diff", str(old), str(same), "--fail-on", "any")
    assert code == 0 and "no changes" in out


def test_errors_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", OLD, str(tmp_path / "missing.txt"), "--fail-on", "any")
    assert code == 2 and out == "" and err.count("\n") == 1 and "missing.txt: no such file" in err


def test_timings_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "diff", OLD, NEW, "--format", "json", "--timings")
    assert re.fullmatch(r"timings: read=\d+\.\dms parse=\d+\.\dms align=\d+\.\dms classify=\d+\.\dms "
                        r"render=\d+\.\dms total=\d+\.\dms\n", err)


def test_output_file_written_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "diff", OLD, NEW, "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "policydiff.diff/1"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    code, _, err = run(capsys, "diff", OLD, NEW, "-o", str(tmp_path / "nowhere" / "x.txt"))
    assert code == 2 and "does not exist" in err


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture
def policy_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "policies"
    (repo / "legal").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    target = repo / "legal" / "terms.txt"
    target.write_bytes(Path(OLD).read_bytes())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "v3.1")
    target.write_bytes(Path(NEW).read_bytes())
    git(repo, "commit", "-q", "-am", "v3.2")
    return repo


def test_git_revisions(policy_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(policy_repo / "legal")
    code, out, err = run(capsys, "diff", "HEAD~1:legal/terms.txt", "HEAD:./terms.txt", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["old"]["source"] == "HEAD~1:legal/terms.txt"
    assert data["summary"]["renumbered"] == 2
    code, out, _ = run(capsys, "diff", "HEAD:legal/terms.txt", "terms.txt", "--fail-on", "any")
    assert code == 0 and "no changes" in out


@pytest.mark.parametrize("argument,problem", [
    ("nosuchrev:legal/terms.txt", "unknown revision 'nosuchrev'"),
    ("HEAD:legal/missing.txt", "'legal/missing.txt' does not exist in HEAD"),
    ("HEAD:legal", "is a directory in HEAD"),
    ("HEAD:../../etc/passwd", "outside the repository"),
])
def test_git_revision_errors(argument: str, problem: str, policy_repo: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(policy_repo)
    code, out, err = run(capsys, "diff", argument, "legal/terms.txt")
    assert code == 2 and out == "" and problem in err and err.count("\n") == 1


def test_revision_outside_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "diff", "HEAD:terms.txt", OLD)
    assert code == 2 and "not inside a git repository" in err


def test_text_rules_take_the_terminals_width(tmp_path: Path) -> None:
    import pty

    def rules(columns: str) -> set[int]:
        leader, follower = pty.openpty()
        with os.fdopen(leader, "rb") as screen:
            process = subprocess.run([sys.executable, "-m", "policydiff", "diff", OLD, NEW, "--no-pager"], stdout=follower,
                                     stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": columns, "NO_COLOR": "1"})
            os.close(follower)
            assert process.returncode == 0, process.stderr
            output = b""
            while True:
                try:
                    chunk = os.read(screen.fileno(), 65536)
                except OSError:  # the terminal closed
                    break
                if not chunk:
                    break
                output += chunk
        lines = output.decode("utf-8").replace("\r\n", "\n").splitlines()
        return {len(line) for line in lines if line.startswith("── ")}

    assert rules("90") == {90} and rules("130") == {130}
    piped = subprocess.run([sys.executable, "-m", "policydiff", "diff", OLD, NEW], capture_output=True, text=True,
                           env={**os.environ, "COLUMNS": "130"}).stdout
    assert {len(line) for line in piped.splitlines() if line.startswith("── ")} == {72}  # piped: always 72


def test_internal_error_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import policydiff.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(policydiff.api, "diff_documents", broken)
    monkeypatch.delenv("POLICYDIFF_DEBUG", raising=False)
    code, out, err = run(capsys, "diff", OLD, NEW)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("policydiff: internal error: RuntimeError: boom")


def test_output_file_gets_ordinary_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    out = tmp_path / "report.md"
    assert run(capsys, "diff", OLD, NEW, "--format", "markdown", "-o", str(out))[0] == 0
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # not mkstemp's owner-only 0600
    out.chmod(0o640)
    assert run(capsys, "diff", OLD, NEW, "--format", "markdown", "-o", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # a replaced file keeps its permissions
