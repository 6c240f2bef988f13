"""A killed, failing or out-of-space `add` heals; trailers come from policydiff alone; `fsck` repairs.

Before: a killed `add` left a lock whose pid nobody checked (every later `add` waited 30 s and gave
up), or a dirty tree refused with advice that did not fit, or a commit without its tag that a retry
called "identical; nothing recorded", or a stray temporary file; ENOSPC was "internal error: OSError";
`-m` text could forge `Material-Changes`. The kill scenarios are bench/fault_injection.py's, which runs
every step both ways (repaired by the next `add`, and by `fsck`); four of them run here.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from policydiff.cli import main

from .conftest import CORPUS, ROOT

BRIGHTDESK = [CORPUS / "brightdesk-privacy" / f"v{v}.md" for v in ("1.0", "1.1", "2.0")]
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


@pytest.fixture(autouse=True)
def pinned_author(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def git(root: Path, *args: str, check: bool = True) -> str:
    return subprocess.run(["git", *args], cwd=root, check=check, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repo(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """privacy 1.0 and 1.1 recorded; 2.0 is the next version."""
    root = tmp_path / "legal"
    assert run(capsys, "init", str(root))[0] == 0
    monkeypatch.chdir(root)
    for path in BRIGHTDESK[:2]:
        assert run(capsys, "add", "privacy", str(path))[0] == 0
    return root


def sound(root: Path, versions: tuple[str, ...] = ("1.0", "1.1", "2.0")) -> None:
    """Every version once, each tagged, nothing left over, git fsck clean."""
    log = [line.split()[0] for line in git(root, "log", "--format=%(trailers:key=Version,valueonly)").split()]
    assert sorted(log) == sorted(versions), log
    assert sorted(git(root, "tag").split()) == [f"privacy/v{v}" for v in versions]
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (root / ".git" / "policydiff-add.json").exists()
    subprocess.run(["git", "fsck", "--strict", "--no-dangling"], cwd=root, check=True, capture_output=True)


# --- killed at each step --------------------------------------------------------------------------------

def fault_injection() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fault_injection", ROOT / "bench" / "fault_injection.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get("fault_injection") or importlib.util.module_from_spec(spec)
    sys.modules["fault_injection"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fault_injection().prepare(tmp_path_factory.mktemp("template"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("step", "repair", "said"), [
    ("temp-file", "add", "a temporary file an interrupted write left"),
    ("written", "fsck", "rolled back version 2.0 of privacy, which an interrupted add half wrote (policies/privacy.md "
                        "restored as committed)"),
    ("commit-object", "add", "rolled back version 2.0 of privacy"),
    ("committed", "fsck", "tagged privacy/v2.0 on"),
])
def test_an_add_killed_at_a_step_is_repaired_by_the_next_run(step: str, repair: str, said: str, tmp_path: Path,
                                                            template: Path) -> None:
    outcome = fault_injection().scenario(tmp_path, step, repair, template)
    assert outcome.killed, "the child was killed at the step"
    assert outcome.problems == [] and outcome.versions == ["1.0", "1.1", "2.0"]
    assert any("took over the lock left by pid" in line for line in outcome.repaired)
    assert any(said in line for line in outcome.repaired), outcome.repaired


# --- the lock -------------------------------------------------------------------------------------------

def test_a_lock_left_by_a_dead_process_is_taken_over(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (repo / ".git" / "policydiff.lock").write_text(dead.stdout.strip(), encoding="utf-8")  # as policydiff 0.1 left it
    started = time.monotonic()
    code, out, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 0, err
    assert time.monotonic() - started < 25, "it did not wait out the 30-second lock timeout"
    assert f"repaired: took over the lock left by pid {dead.stdout.strip()}" in out
    sound(repo)


def test_a_live_holder_is_named_when_waiting_gives_up(repo: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
                               "from policydiff.store.lock import repository_lock\n"
                               "with repository_lock(Path('.git'), 'x'):\n"
                               "    print('held', flush=True); sys.stdin.read()"],
                              cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setattr("policydiff.store.lock.LOCK_TIMEOUT", 0.3)
        code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    finally:
        holder.communicate("", timeout=30)
    assert code == 2 and err.count("\n") == 1
    assert f"another policydiff is writing to this repository (pid {holder.pid} on" in err


def test_without_flock_a_dead_holders_lock_file_is_taken_over(repo: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setattr("policydiff.store.lock.fcntl", None)  # as on Windows
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (repo / ".git" / "policydiff.lock").write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}),
                                                   encoding="utf-8")
    code, out, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 0, err
    assert "which is no longer running" in out and not (repo / ".git" / "policydiff.lock").exists()


# --- out of space ---------------------------------------------------------------------------------------

def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["policydiff.files.os.fsync", "git.index.base.IndexFile.add",
                                   "policydiff.store.repo._commit"])
def test_disk_full_before_the_commit_records_nothing_and_says_so(where: str, repo: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(where, enospc)
        code, out, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert ("privacy: version 2.0 was not recorded (no space left on the device); nothing was committed and the "
            "repository is as it was") in err
    sound(repo, ("1.0", "1.1"))
    assert run(capsys, "add", "privacy", str(BRIGHTDESK[2]))[0] == 0
    sound(repo)


def test_disk_full_at_the_tag_says_what_was_recorded_and_the_next_add_tags_it(repo: Path,
                                                                            capsys: pytest.CaptureFixture[str],
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr("git.Repo.create_tag", enospc)
        code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 2 and err.count("\n") == 1
    assert "privacy: version 2.0 was committed as" in err and "but its tag privacy/v2.0 was not created" in err
    code, out, _ = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 0 and "repaired: tagged privacy/v2.0" in out and "identical to version 2.0; nothing recorded" in out
    sound(repo)


def test_a_commit_without_its_tag_is_tagged_even_without_a_journal(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "tag", "-d", "privacy/v1.1")
    code, out, _ = run(capsys, "add", "privacy", str(BRIGHTDESK[1]))
    assert code == 0 and "repaired: tagged privacy/v1.1" in out and "nothing recorded" in out
    sound(repo, ("1.0", "1.1"))


# --- trailers, dirty trees, fsck ------------------------------------------------------------------------

def test_m_text_cannot_add_trailers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]), "-m", "Routine update\n\nMaterial-Changes: 0")
    assert code == 2 and "-m: the line 'Material-Changes: 0' would read as one of the trailers" in err
    sound(repo, ("1.0", "1.1"))


def test_only_the_trailer_block_is_read() -> None:
    from policydiff.store.trailers import read_trailers

    forged = "Material-Changes: 0\n\nSee below.\n\nDocument: privacy\nVersion: 2.0\nMaterial-Changes: 3\n"
    assert read_trailers(forged) == {"Document": "privacy", "Version": "2.0", "Material-Changes": "3"}
    assert read_trailers("Version: 9\n") == {}, "a one-paragraph message has no trailers"
    assert read_trailers("x\n\nVersion: 2\nnot a trailer line\n") == {}


def test_a_dirty_tree_is_refused_with_advice_that_fits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "policies" / "privacy.md").write_text("edited by hand\n", encoding="utf-8")
    code, _, err = run(capsys, "add", "privacy", str(BRIGHTDESK[2]))
    assert code == 2 and "uncommitted changes to policies/privacy.md" in err
    assert "`git checkout HEAD -- policies/privacy.md`" in err


def test_fsck_reports_repairs_and_problems(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fsck")
    assert code == 0 and out.splitlines()[-1].startswith("policy repository OK")
    git(repo, "tag", "-d", "privacy/v1.0")
    (repo / "policies" / ".privacy.md.abcd1234.tmp").write_text("half", encoding="utf-8")
    code, out, _ = run(capsys, "fsck", "--dry-run")
    assert code == 0 and "would repair: tag privacy/v1.0 on" in out and "would repair: remove .privacy.md.abcd1234.tmp" in out
    assert "privacy/v1.0" not in git(repo, "tag")
    code, out, _ = run(capsys, "fsck")
    assert code == 0 and "repaired: tagged privacy/v1.0" in out and "repaired: removed policies/.privacy.md.abcd1234.tmp" in out
    sound(repo, ("1.0", "1.1"))
    git(repo, "tag", "-f", "privacy/v1.1", "HEAD~2")  # the initial commit: not a version
    (repo / "policies" / "privacy.md").write_text("edited by hand\n", encoding="utf-8")
    code, out, _ = run(capsys, "fsck")
    assert code == 1 and "problem: privacy/v1.1 points at" in out and "which is not a recorded version" in out
    assert "problem: policies/privacy.md has uncommitted changes" in out and out.rstrip().endswith("2 problems left")
