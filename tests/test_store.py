"""Versions in git: init, add, tags and trailers, log, history, DOC@REVISION names, safety."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS

BRIGHTDESK = [CORPUS / "brightdesk-privacy" / f"v{v}.md" for v in ("1.0", "1.1", "2.0", "2.1")]
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid"}


@pytest.fixture(autouse=True)
def pinned_author(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repo(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "policies-repo"
    assert run(capsys, "init", str(root))[0] == 0
    monkeypatch.chdir(root)
    for path in BRIGHTDESK:
        code, out, err = run(capsys, "add", "privacy", str(path))
        assert code == 0, err
    return root


def test_init_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", str(tmp_path / "r"))[1].startswith("initialised")
    assert run(capsys, "init", str(tmp_path / "r"))[1].startswith("already")
    assert git(tmp_path / "r", "log", "--oneline").count("\n") == 1


def test_versions_are_commits_tags_and_plain_files(repo: Path) -> None:
    assert git(repo, "tag").split() == ["privacy/v1.0", "privacy/v1.1", "privacy/v2.0", "privacy/v2.1"]
    message = git(repo, "log", "-1", "--format=%B")
    assert "Version: 2.1" in message and "Effective-Date: 2026-02-16" in message
    assert "Last-Updated: 2026-01-12" in message and "Supersedes: 2.0" in message
    assert "Material-Changes: 2" in message
    shown = git(repo, "show", "privacy/v1.0:policies/privacy.md")
    assert shown.startswith("---\n") or "# BrightDesk Privacy Policy" in shown
    assert "ninety (90) days" in shown or "90 days" in shown
    assert git(repo, "log", "--format=%s", "--", "policies/privacy.md").split("\n")[0] == "privacy: version 2.1"


def test_log_text_and_json(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "log", "privacy")
    assert code == 0 and out.startswith("privacy: 4 versions")
    assert "2 material · 3 modified, 1 moved, 1 renumbered" in out
    code, out, _ = run(capsys, "log", "privacy", "--format", "json")
    data = json.loads(out)
    assert [v["version"] for v in data["versions"]] == ["1.0", "1.1", "2.0", "2.1"]
    assert data["versions"][2]["material_changes"] == 3 and data["versions"][3]["tag"] == "privacy/v2.1"


@pytest.mark.parametrize("name,version", [("privacy@1.0", "1.0"), ("privacy@v1.1", "1.1"), ("privacy@latest", "2.1"),
                                          ("privacy@~1", "2.0"), ("privacy@2025-06-16", "1.1"),
                                          ("privacy@2025-09-30", "1.1"), ("privacy@2025-10-20", "2.0")])
def test_revision_names(name: str, version: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", name, "privacy@latest", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["old"]["version"] == version


def test_diff_between_versions_by_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "privacy@2.0", "privacy@2.1", "--format", "json")
    data = json.loads(out)
    assert data["summary"]["material"] == 2
    assert {c["new_id"] for c in data["changes"] if c["material"]} == {"3/p1", "11/p2"}


def test_show_and_lint_read_versions_by_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "privacy@latest")
    assert code == 0, err
    assert out.startswith("BrightDesk Privacy Policy — markdown") and "[privacy@latest]" in out
    assert "version 2.1 · effective 2026-02-16" in out
    code, out, err = run(capsys, "show", "privacy@1.0", "--format", "json")
    assert code == 0 and json.loads(out)["metadata"]["version"] == "1.0"
    code, out, err = run(capsys, "lint", "privacy@~1", "--format", "json")
    assert code in (0, 1) and json.loads(out)["source"] == "privacy@~1"
    code, _, err = run(capsys, "show", "privacy@9.9")
    assert code == 2 and err.count("\n") == 1 and "privacy@9.9: no version '9.9'" in err


def test_history_of_a_clause(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "privacy", "11/p2", "--format", "json")
    events = json.loads(out)["events"]
    assert [(e["version"], e["kind"], e["clause_id"]) for e in events] == [
        ("1.0", "appeared", "11/p2"), ("2.0", "renumbered", "12/p2"), ("2.1", "modified", "11/p2")]
    assert events[-1]["material"] and "fifteen (15) days" in events[-1]["detail"]


def test_identical_version_is_a_no_op(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "add", "privacy", str(BRIGHTDESK[-1]), "--version", "2.2")
    assert code == 0 and "identical to version 2.1; nothing recorded" in out
    assert len(git(repo, "tag").split()) == 4


@pytest.mark.parametrize("argv,problem", [
    (["add", "privacy", str(BRIGHTDESK[0])], "version 1.0 is already recorded"),
    (["add", "privacy", str(BRIGHTDESK[0]), "--version", "3.0"], "effective date 2025-03-03 is before version 2.1"),
    (["add", "../etc", str(BRIGHTDESK[0])], "a document name is"),
    (["add", "priv/acy", str(BRIGHTDESK[0])], "a document name is"),
    (["add", "privacy", str(BRIGHTDESK[0]), "--version", "../x"], "a version label is"),
    (["add", "privacy", str(BRIGHTDESK[0]), "--version", "9.0", "--effective", "soon"], "--effective: not a date"),
    (["diff", "privacy@9.9", "privacy@latest"], "no version '9.9'"),
    (["diff", "privacy@2020-01-01", "privacy@latest"], "no recorded version was in force on 2020-01-01"),
    (["log", "terms"], "terms: no versions recorded"),
])
def test_refusals_are_one_line(argv: list[str], problem: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1 and problem in err, err


def test_force_allows_a_backdated_version(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[0]), "--version", "3.0", "--force")
    assert code == 0, err
    assert "privacy/v3.0" in git(repo, "tag")


def test_dirty_tree_and_detached_head_are_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "privacy.md").write_text("edited by hand\n", encoding="utf-8")
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[0]), "--version", "9.0", "--force")
    assert code == 2 and "uncommitted changes" in err
    git(repo, "checkout", "--", "policies/privacy.md")
    git(repo, "checkout", "-q", "--detach", "HEAD")
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[0]), "--version", "9.0", "--force")
    assert code == 2 and "HEAD is detached" in err


def test_outside_a_policy_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "log", "privacy")
    assert code == 2 and "not a policy repository: run `policydiff init`" in err


@pytest.mark.parametrize("argv", [["git-setup"], ["import", ".", "--doc", "x", "--path", "a.md", "--repo", "."],
                                  ["pr"]])
def test_git_commands_outside_a_git_repository_are_one_line(argv: list[str], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and "internal error" not in err
    assert err.startswith("policydiff: error: ") and ("not inside a git repository" in err
                                                       or "not a policy repository" in err)


def test_concurrent_adds_record_every_version_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "busy"
    assert run(capsys, "init", str(root))[0] == 0
    sources = [CORPUS / "tallyhq-terms" / f"v{v}.txt" for v in ("3.0", "3.1", "3.2", "4.0")]
    processes = [subprocess.Popen([sys.executable, "-m", "policydiff", "add", f"terms-{i}", str(path), "--force"],
                                  cwd=root, env={**os.environ, **GIT_ENV}, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i, path in enumerate(sources)]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in processes]
    assert all(code == 0 for _, _, code in results), results
    tags = git(root, "tag").split()
    assert sorted(tags) == sorted(f"terms-{i}/v{v}" for i, v in enumerate(("3.0", "3.1", "3.2", "4.0")))
    assert git(root, "log", "--oneline").count("\n") == 5
    subprocess.run(["git", "fsck", "--strict"], cwd=root, check=True, capture_output=True)
    lock = root / ".git" / "policydiff.lock"
    assert not lock.exists() or lock.read_text(encoding="utf-8") == "", "the lock is released, its holder cleared"


def test_plain_git_diff_shows_clause_level_diff_after_git_setup(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "git-setup")
    assert code == 0 and "policies/*.md diff=policydiff" in (repo / ".gitattributes").read_text(encoding="utf-8")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "policydiff git-setup")
    shown = git(repo, "diff", "privacy/v2.0", "privacy/v2.1", "--", "policies/privacy.md")
    assert "policydiff policies/privacy.md" in shown
    assert "[-thirty (30-]{+fifteen (15+}" in shown and "summary: 3 modified, 1 moved, 1 renumbered" in shown
    assert "@@" not in shown  # no line-diff hunks
    assert run(capsys, "git-setup")[0] == 0  # idempotent
    assert (repo / ".gitattributes").read_text(encoding="utf-8").count("diff=policydiff") == 1


def test_import_folder_of_dated_files_keeps_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    history = tmp_path / "history"
    history.mkdir()
    for day, path in zip(("2024-01-15", "2024-06-01", "2025-02-03"), BRIGHTDESK):
        text = path.read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.startswith(("version:", "last_updated:")))
        (history / f"{day}-snapshot.md").write_text(text, encoding="utf-8")
    root = tmp_path / "imported"
    run(capsys, "init", str(root))
    monkeypatch.chdir(root)
    code, out, err = run(capsys, "import", str(history), "--doc", "privacy")
    assert code == 0, err
    assert git(root, "log", "--format=%ad", "--date=short", "--", "policies/privacy.md").split() == [
        "2025-02-03", "2024-06-01", "2024-01-15"]
    code, out, _ = run(capsys, "log", "privacy", "--format", "json")
    versions = json.loads(out)["versions"]
    assert [v["version"] for v in versions] == ["2024-01-15", "2024-06-01", "2025-02-03"]
    # the documents state their own last-updated dates, which win over the file dates
    assert [v["last_updated"] for v in versions] == ["2025-02-10", "2025-05-12", "2025-09-15"]


def test_import_real_history(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import REALWORLD, require_shared

    source = require_shared(REALWORLD) / "ota" / "perplexity" / "privacy-policy"
    root = tmp_path / "real"
    run(capsys, "init", str(root))
    monkeypatch.chdir(root)
    assert run(capsys, "import", str(source), "--doc", "perplexity")[0] == 0
    dates = [p.name[:10] for p in sorted(source.glob("*.md"))]
    assert git(root, "log", "--format=%ad", "--date=short", "--", "policies/perplexity.md").split() == dates[::-1]


def test_force_with_a_recorded_label_moves_its_tag(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[1]), "--version", "2.1", "--force")
    assert code == 0, err
    assert git(repo, "rev-parse", "privacy/v2.1^{commit}").strip() == git(repo, "rev-parse", "HEAD").strip()
    assert not git(repo, "status", "--porcelain")


def test_word_file_is_stored_as_markdown_with_its_original(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Acme Terms", style="Title")
    document.add_paragraph("Effective Date: May 1, 2026 | Version 1.0")
    document.add_heading("1. Scope", level=1)
    document.add_paragraph("These terms apply to every Acme workspace.")
    source = tmp_path / "terms.docx"
    document.save(source)
    root = tmp_path / "word"
    run(capsys, "init", str(root))
    monkeypatch.chdir(root)
    code, _, err = run(capsys, "add", "terms", str(source))
    assert code == 0, err
    assert (root / "policies" / "terms.original.docx").read_bytes() == source.read_bytes()
    stored = (root / "policies" / "terms.md").read_text(encoding="utf-8")
    assert "## 1. Scope" in stored and "These terms apply to every Acme workspace." in stored
