"""`pr PATHS` that match nothing fail loudly; `hook lint|check` exit as the README says.

A typo in the Action's `paths:` used to make every pull request pass ("no policy files changed — ✅
passes"); now a PATH that matches no file at either revision, or PATHS under which no policy file
changed, exit 2 naming the PATHS. The hooks exit 2 when a file cannot be read, 1 on problems.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_pr import git, put, repo, run  # noqa: F401 (repo is a fixture)


def test_a_path_that_matches_no_file_is_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pr", "--base", "main", "policies/privcy.md")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "policies/privcy.md: this PATH matches no file at either revision" in err and "typo" in err


def test_one_typo_among_good_paths_is_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pr", "--base", "main", "policies/privacy.md", "legal/")
    assert code == 2 and "legal/: this PATH matches no file" in err


def test_paths_under_which_no_policy_changed_are_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pr", "--base", "main", "README.md", "tools")
    assert code == 2 and out == ""
    assert "README.md tools: no policy file changed under PATHS" in err and "2 changed files there, none a policy" in err
    code, _, err = run(capsys, "pr", "--base", "main", "policies/ai-terms.html")
    assert code == 2 and "no file there changed" in err


def test_paths_that_match_changed_policies_still_work(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pr", "--base", "main", "policies/privacy.md", "policies/*.txt")
    assert code == 1 and "policies/privacy.md" in out and "policies/terms.txt" in out


def test_hook_check_of_a_missing_file_is_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "hook", "check", "policies/missing.txt")
    assert code == 2 and "policies/missing.txt: no such file" in err and "nothing to check" not in out


@pytest.mark.parametrize("action", ["lint", "check"])
def test_hooks_exit_2_on_a_binary_or_missing_file_and_still_run_the_others(action: str, repo: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "blob.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    code, out, err = run(capsys, "hook", action, "policies/blob.txt", "policies/missing.md", "policies/privacy.md")
    assert code == 2
    assert err.count("\n") == 2 and "blob.txt: binary file" in err and "missing.md: no such file" in err
    if action == "lint":
        assert "policies/privacy.md" in out, "the readable file was still linted"
