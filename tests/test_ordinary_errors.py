"""Ordinary OS and usage problems are one line naming what is wrong, never "internal error".

Each was an internal error (a traceback's last line): a file in a folder the user cannot enter,
`init` on a file or a bare repository, `HEAD@{99}` and `HEAD@{yesterday}` (GitPython's own parser
does not know the reflog), an import file named `2024-13-45.md`, config numbers `inf` and `nan`, a
configuration file that is not UTF-8. Permission cases run as `nobody` (tests/unprivileged.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS
from .unprivileged import as_nobody

POLICY = CORPUS / "tallyhq-terms" / "v3.1.txt"
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("policydiff: error: "), (code, err)
    return err


def test_a_file_in_a_folder_the_user_cannot_enter(open_tmp: Path) -> None:
    locked = open_tmp / "locked"
    locked.mkdir()
    (locked / "policy.txt").write_bytes(POLICY.read_bytes())
    locked.chmod(0o700)  # root's; nobody may not enter
    unreadable = open_tmp / "secret.txt"
    unreadable.write_bytes(POLICY.read_bytes())
    unreadable.chmod(0o600)
    for argv, problem in ((["show", str(locked / "policy.txt")], "cannot read: permission denied"),
                          (["diff", str(POLICY), str(unreadable)], "secret.txt: cannot read: permission denied"),
                          (["lint", str(locked / "policy.txt")], "cannot read: permission denied")):
        result = as_nobody(argv, open_tmp)
        assert result.code == 2 and result.err.count("\n") == 1 and "internal error" not in result.err, result
        assert problem in result.err


def test_init_where_no_folder_can_be_made(open_tmp: Path) -> None:
    (open_tmp / "ro").mkdir()
    (open_tmp / "ro").chmod(0o555)
    result = as_nobody(["init", str(open_tmp / "ro" / "policies")], open_tmp)
    assert result.code == 2 and "cannot create the folder: Permission denied" in result.err, result


def test_import_from_a_folder_the_user_cannot_list(open_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(open_tmp / "repo")]) == 0
    (open_tmp / "repo").chmod(0o777)
    for path in (open_tmp / "repo").rglob("*"):
        path.chmod(0o777)
    (open_tmp / "dated").mkdir(mode=0o700)
    capsys.readouterr()
    result = as_nobody(["import", str(open_tmp / "dated"), "--doc", "terms", "--repo", str(open_tmp / "repo")],
                       open_tmp)
    assert result.code == 2 and "cannot list the folder: Permission denied" in result.err, result


def test_init_on_a_file_or_a_bare_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    assert "is a file, not a folder" in one_line(capsys, "init", str(tmp_path / "notes.txt"))
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "bare.git")], check=True, env={**os.environ, **GIT_ENV})
    assert "is a bare git repository" in one_line(capsys, "init", str(tmp_path / "bare.git"))


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for args in (["init", "-q", "-b", "main"], ["add", "p.txt"], ["commit", "-qm", "one"]):
        if args[0] == "add":
            (root / "p.txt").write_bytes(POLICY.read_bytes())
        subprocess.run(["git", *args], cwd=root, check=True, env={**os.environ, **GIT_ENV})
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("rev", ["HEAD@{99}", "HEAD@{not a date}", "main@{upstream}"])
def test_reflog_names_git_refuses(rev: str, history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert f"{rev}:p.txt: unknown revision '{rev}'" in one_line(capsys, "diff", f"{rev}:p.txt", "p.txt")


@pytest.mark.parametrize("rev", ["HEAD@{yesterday}", "HEAD@{0}", "main@{1.year.ago}", "HEAD^{commit}"])
def test_reflog_names_git_accepts(rev: str, history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", f"{rev}:p.txt", "p.txt"])
    out, err = capsys.readouterr()
    assert code == 0 and out.rstrip().endswith("summary: no changes"), err


def test_pr_base_with_a_reflog_name(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unknown revision 'HEAD@{99}'" in one_line(capsys, "pr", "--base", "HEAD@{99}")


def test_an_import_file_named_like_no_date(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    assert main(["init", str(tmp_path / "repo")]) == 0
    (tmp_path / "dated").mkdir()
    (tmp_path / "dated" / "2024-01-05.md").write_bytes(POLICY.read_bytes())
    (tmp_path / "dated" / "2024-13-45.md").write_bytes(POLICY.read_bytes())
    capsys.readouterr()
    err = one_line(capsys, "import", str(tmp_path / "dated"), "--doc", "terms", "--repo", str(tmp_path / "repo"))
    assert "2024-13-45.md: named like a date, but 2024-13-45 is not one" in err


@pytest.mark.parametrize(("content", "problem"), [
    (b"max_size_mb = inf\n", "max_size_mb: must be a positive number of megabytes, at most 4096"),
    (b"max_size_mb = nan\n", "max_size_mb: must be a positive number of megabytes"),
    (b"max_size_mb = 1e400\n", "max_size_mb: must be a positive number of megabytes"),
    (b"# \xff\xfe Richtlinie\nmax_size_mb = 5\n", "not UTF-8 (invalid byte at 2); save it as UTF-8"),
    (b"[notice]\ndefault_days = inf\n", "notice.default_days: must be a whole number of days"),
])
def test_config_values_that_are_no_numbers_and_files_that_are_no_text(content: bytes, problem: str, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "policydiff.toml").write_bytes(content)
    monkeypatch.chdir(tmp_path)
    assert problem in one_line(capsys, "diff", str(POLICY), str(POLICY))
