"""`policydiff pr` on a real git repository with a base and a head branch built from corpus versions."""

from __future__ import annotations

import json
import re
import os
import subprocess
from pathlib import Path

import pytest

from policydiff.cli import main
from policydiff.pullrequest import policy_files
from policydiff.render.pr_comment import LIMIT, MARKER, render_pr_markdown
from policydiff.store.changes import ChangedFile
from tests.conftest import CORPUS

GOLDEN = Path(__file__).parent / "golden" / "pr_comment.md"
ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.com", "GIT_COMMITTER_NAME": "Counsel",
       "GIT_COMMITTER_EMAIL": "counsel@example.com", "GIT_AUTHOR_DATE": "2026-01-05T10:00:00+00:00",
       "GIT_COMMITTER_DATE": "2026-01-05T10:00:00+00:00", "GIT_CONFIG_GLOBAL": os.devnull,
       "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                            env={**os.environ, **ENV})
    return result.stdout.strip()


def put(repo: Path, name: str, source: Path | str) -> None:
    target = repo / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        target.write_bytes(source.read_bytes())
    else:
        target.write_text(source, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: terms v3.2, privacy v2.0, AI terms v3, a README; feature: their next versions, README edited,
    a new cookie policy, a script that is not a policy."""
    root = tmp_path / "legal"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    put(root, "policies/terms.txt", CORPUS / "tallyhq-terms" / "v3.2.txt")
    put(root, "policies/privacy.md", CORPUS / "brightdesk-privacy" / "v2.0.md")
    put(root, "policies/ai-terms.html", CORPUS / "quillmind-ai-terms" / "v3.html")
    put(root, "README.md", "# Our policies\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    put(root, "policies/terms.txt", CORPUS / "tallyhq-terms" / "v4.0.txt")
    put(root, "policies/privacy.md", CORPUS / "brightdesk-privacy" / "v2.1.md")
    put(root, "policies/cookies.md", "# Cookie Policy\n\n## 1. Cookies we use\n\nOnly strictly necessary cookies.\n")
    put(root, "README.md", "# Our policies\n\nNow with cookies.\n")
    put(root, "tools/build.py", "print('not a policy')\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


REPOSITORY = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/legal"}


@pytest.fixture
def on_github(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variables GitHub Actions sets, fixed (the tests themselves may run in Actions)."""
    for name, value in REPOSITORY.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def off_github(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in REPOSITORY:
        monkeypatch.delenv(name, raising=False)


def test_markdown_comment_matches_the_golden_file(repo: Path, on_github: None,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pr")
    assert err == ""
    assert code == 1  # privacy 2.0 → 2.1 adds advertising partners: fresh consent, not just notice
    if os.environ.get("POLICYDIFF_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8"), "run with POLICYDIFF_UPDATE_GOLDEN=1 after checking the diff"


def test_the_comment_reads_top_down(repo: Path, on_github: None, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "pr")
    lines = out.split("\n")
    assert lines[0] == MARKER
    assert lines[1] == ("3 policies changed: privacy.md adds a sale to our advertising partners that needs fresh "
                        "consent; cookies.md is a new policy; terms.txt gives enough notice \\(30 of 30 days\\).")
    table = out.index("| Policy | Changes | Material | Notice |")
    files = [out.index(f"### `policies/{name}`") for name in ("cookies.md", "privacy.md", "terms.txt")]
    assert table < out.index("\n## ") < files[0] < files[1] < files[2]
    assert [line for line in lines if line.startswith("#")] == [
        "## Policy by policy", "### `policies/cookies.md`", "### `policies/privacy.md`", "### `policies/terms.txt`"]
    assert "| `policies/cookies.md` | new policy (2 clauses) | — | — |" in out
    assert "README" not in out and "build.py" not in out and "ai-terms" not in out  # unchanged or not policies
    assert '<a name="pd-policies-privacy-md-3-p1"></a>' in out  # stable anchor per material clause
    assert out.count("<details") == out.count("</details>")
    # each file's material changes folded, the first file with material changes open (it has only 2)
    privacy, terms = out[files[1]:files[2]], out[files[2]:]
    assert "<details open><summary>2 material changes</summary>" in privacy
    assert "<details><summary>2 material changes</summary>" in terms
    # inline redlines, not before-and-after quotes
    assert "<del>thirty \\(30\\)</del><ins>fifteen \\(15\\)</ins> days" in privacy
    assert "Before:" not in out and "After:" not in out
    # short SHAs, linked to each file at both commits
    base, head = git(repo, "rev-parse", "main"), git(repo, "rev-parse", "HEAD")
    assert f"[`{base[:7]}`](https://github.com/acme/legal/blob/{base}/policies/privacy.md)" in privacy
    assert f"[`{head[:7]}`](https://github.com/acme/legal/blob/{head}/policies/privacy.md)" in privacy
    assert not re.search(r"(?<![/\w])[0-9a-f]{40}(?![\w/])", re.sub(r"\]\([^)]*\)", "]", out))  # only in links


def test_without_the_repository_the_shas_are_short_and_unlinked(repo: Path, off_github: None,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "pr")
    base, head = git(repo, "rev-parse", "main"), git(repo, "rev-parse", "HEAD")
    assert base not in out and head not in out and "https://" not in out
    assert f"base `{base[:7]}` → head `{head[:7]}`" in out


@pytest.mark.parametrize("env", [
    {"GITHUB_SERVER_URL": "javascript:alert(1)", "GITHUB_REPOSITORY": "acme/legal"},
    {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "../../evil"},
    {"GITHUB_SERVER_URL": "https://github.com/x)", "GITHUB_REPOSITORY": "acme/legal"},
])
def test_a_repository_url_that_is_not_one_makes_no_links(env: dict[str, str], repo: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(capsys, "pr")
    assert "](" not in out


def test_the_comment_renders_as_github_flavoured_markdown(repo: Path, on_github: None,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tests.gfm import github_html

    _, out, _ = run(capsys, "pr")
    page = github_html(out)
    first = re.search(r"<p>(.*?)</p>", page, re.S)
    assert first and "<" not in first.group(1)  # the first thing shown: one plain sentence
    assert first.group(1).count(". ") == 0 and first.group(1).endswith(").")
    assert page.count("<h2>") == 1 and page.count("<h3>") == 3 and "<h4>" not in page
    assert page.index("<table>") < page.index("<h2>")
    assert page.count("<details") == page.count("</details>") == 4  # material and other changes, per file
    assert "<del>thirty (30)</del><ins>fifteen (15)</ins>" in page
    assert "\u200b" not in re.sub(r"@\u200b|#\u200b", "", page)  # no invisible character but those stopping pings


def test_the_first_line_names_what_each_policy_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    on_github: None, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's own example: the first seed (30 days promised, 6 given) and a sale to advertising partners."""
    from tests.seed_versions import earlier_text, first_seed

    seed = first_seed().read_text(encoding="utf-8")
    root = tmp_path / "legal"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    put(root, "policies/privacy.txt", earlier_text(seed))  # plain text, as the seed was pasted
    put(root, "policies/brightdesk-privacy.md", CORPUS / "brightdesk-privacy" / "v2.0.md")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    put(root, "policies/privacy.txt", seed)
    put(root, "policies/brightdesk-privacy.md", CORPUS / "brightdesk-privacy" / "v2.1.md")
    git(root, "commit", "-q", "-am", "head")
    monkeypatch.chdir(root)
    code, out, _ = run(capsys, "pr")
    assert code == 1
    assert out.split("\n")[1].replace("\\", "") == (
        "2 policies changed: privacy.txt needs 30 days' notice but gives 6 (earliest compliant date 2026-03-25); "
        "brightdesk-privacy.md adds a sale to our advertising partners that needs fresh consent.")
    golden = GOLDEN.with_name("pr_comment_seed.md")
    if os.environ.get("POLICYDIFF_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), "run with POLICYDIFF_UPDATE_GOLDEN=1 after checking the diff"


def test_json_has_every_file_with_diff_and_check(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pr", "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "policydiff.pr/1" and data["failed"] is True and code == 1
    files = {item["path"]: item for item in data["files"]}
    assert set(files) == {"policies/terms.txt", "policies/privacy.md", "policies/cookies.md"}
    assert files["policies/cookies.md"]["status"] == "added" and files["policies/cookies.md"]["diff"] is None
    privacy = files["policies/privacy.md"]
    assert privacy["check"]["verdict"] == "consent-required" and privacy["material"] == 2
    assert privacy["diff"]["schema"] == "policydiff.diff/1"
    assert files["policies/terms.txt"]["check"]["verdict"] == "compliant"
    assert data["base"] == git(repo, "rev-parse", "main") and data["head"] == git(repo, "rev-parse", "HEAD")


def test_exit_codes_follow_fail_on(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "pr", "--fail-on", "notice")[0] == 1
    assert run(capsys, "pr", "--fail-on", "material")[0] == 1
    assert run(capsys, "pr", "--fail-on", "any")[0] == 1
    assert run(capsys, "pr", "--fail-on", "never")[0] == 0
    # only the terms: compliant (30 of 30 days, counted from its last-updated date)
    assert run(capsys, "pr", "--fail-on", "notice", "policies/terms.txt")[0] == 0
    assert run(capsys, "pr", "--fail-on", "material", "policies/terms.txt")[0] == 1
    # nothing changed between a revision and itself
    code, out, _ = run(capsys, "pr", "--base", "HEAD", "--head", "HEAD", "--fail-on", "any")
    assert code == 0 and "No policy files changed." in out


def test_paths_and_revisions_are_explicit_when_asked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pr", "--base", "main", "--head", "feature", "--format", "json", "policies/privacy.md")
    assert [item["path"] for item in json.loads(out)["files"]] == ["policies/privacy.md"]
    code, _, err = run(capsys, "pr", "--base", "no-such-branch")
    assert code == 2 and "no-such-branch" in err and err.count("\n") == 1
    code, _, err = run(capsys, "pr", "--base=--output=/etc/passwd")
    assert code == 2 and "not a revision" in err


def test_policy_paths_from_config(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policydiff.toml").write_text('policy_paths = ["policies/*.md"]\n', encoding="utf-8")
    _, out, _ = run(capsys, "pr", "--format", "json")
    assert sorted(item["path"] for item in json.loads(out)["files"]) == ["policies/cookies.md", "policies/privacy.md"]


def test_default_selection_of_policy_files() -> None:
    files = tuple(ChangedFile("modified", path, path) for path in (
        "policies/privacy.md", "docs/terms-of-service.md", "legal/dpa.docx", "site/privacy-policy.html",
        "README.md", "src/terms.py", "CHANGELOG.md", "assets/privacy.png", "Legal/EULA.TXT"))
    chosen = [f.path for f in policy_files(files, (), ())]
    assert chosen == ["policies/privacy.md", "docs/terms-of-service.md", "legal/dpa.docx",
                      "site/privacy-policy.html", "Legal/EULA.TXT"]
    assert [f.path for f in policy_files(files, (), ("docs",))] == ["docs/terms-of-service.md"]


def test_hostile_policy_text_and_names_stay_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "hostile"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    text = ("# Privacy Policy\n\n## 1. Sharing\n\nWe do not sell your data.\n\n## 2. Changes\n\n"
            "We will email you at least thirty (30) days before changes take effect.\n")
    name = "policies/privacy `<b>|x|.md"
    put(root, name, text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    put(root, name, text.replace("We do not sell your data.",
                                 "We may sell your data to @everyone </details><script>alert(1)</script> | | "
                                 "[click](javascript:alert(2)) #1"))
    git(root, "commit", "-q", "-am", "head")
    monkeypatch.chdir(root)
    code, out, _ = run(capsys, "pr")
    assert code == 1
    prose = re.sub(r"`[^`\n]*`", "", out)  # code spans render literally; everything else must be inert
    assert "<script>" not in prose and "<b>" not in prose and "javascript:alert(2))" not in prose
    assert "@everyone" not in out and "](javascript" not in out
    assert out.count("<details") == out.count("</details>")
    row = next(line for line in out.splitlines() if line.startswith("| `policies/privacy"))
    assert row.count(" | ") - row.count("\\|") <= 3  # the pipes in the name do not add table cells


def test_the_comment_always_fits_github(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policydiff.commands.pr import build_report
    from policydiff.pullrequest import policy_files as choose
    from policydiff.store.changes import changed_files

    revisions = changed_files(None, None)
    report = build_report(revisions, choose(revisions.files, (), ()), fail_on="notice", max_bytes=1 << 22)
    full = render_pr_markdown(report)
    assert len(full) < LIMIT and "omitted" not in full
    folded = render_pr_markdown(report, limit=len(full) - 1000)
    assert len(folded) <= len(full) - 1000 and "omitted: too long for one comment" in folded
    assert "Run `policydiff diff" in folded and folded.startswith(MARKER)
    cut = render_pr_markdown(report, limit=1500)
    assert len(cut) <= 1500 and cut.startswith(MARKER) and "cut to fit GitHub's size limit" in cut


def test_pre_commit_hooks_lint_and_check_staged_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"]: hook["entry"] for hook in hooks} == {"policydiff-lint": "policydiff hook lint",
                                                            "policydiff-check": "policydiff hook check"}
    git(repo, "checkout", "-q", "main")
    # staged: terms 4.0 told the same day it takes effect → the 30-day promise of 3.2 is broken
    put(repo, "policies/terms.txt", (CORPUS / "tallyhq-terms" / "v4.0.txt").read_text(encoding="utf-8").replace(
        "Last Updated: November 1, 2025", "Last Updated: November 28, 2025"))
    code, out, _ = run(capsys, "hook", "check", "policies/terms.txt", "policies/ai-terms.html")
    assert code == 1 and "policies/terms.txt:" in out and "not compliant: 3 of 30 days" in out
    assert "ai-terms" not in out  # unchanged: passes quietly
    put(repo, "policies/new.md", "# Refund Policy\n\n## 1. Refunds\n\nWithin 14 days.\n")
    code, out, _ = run(capsys, "hook", "check", "policies/new.md")
    assert code == 0 and "not in the last commit" in out
    code, out, _ = run(capsys, "hook", "lint", "policies/new.md", "policies/privacy.md")
    assert code == 1 and "no-change-clause" in out
    code, _, err = run(capsys, "hook", "lint", "policies/missing.md")
    assert code == 2 and "missing.md" in err

# --- PATHS that match nothing, and the hooks' exit codes ---------------------------------------------------
# A typo in the Action's `paths:` used to make every pull request pass ("no policy files changed — ✅
# passes"); now a PATH that matches no file at either revision, or PATHS under which no policy file
# changed, exit 2 naming the PATHS. The hooks exit 2 when a file cannot be read, 1 on problems.


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
