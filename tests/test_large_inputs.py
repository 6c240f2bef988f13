"""Every command on a 1 MB one-paragraph policy finishes (no pattern or loop that is quadratic in it).

The paragraph is the TallyHQ terms' own words repeated to 1 MB on one line: no blank line, no
heading, so every rule sees one clause of a million characters. Before, `lint` took 25 s for 26 KB
of words and never finished 690 KB. Each command runs in-process under a hang guard (an alarm that
fails the test after HANG_SECONDS with the stack): a guard against hanging, not a timing assertion.

Durations are left out of the paragraph: classify/durations.py looks back over the whole text before
every duration it finds, which is quadratic in a clause dense with them (1 MB with a thousand
"days" takes half a minute in `lint`, through the change-notice rule). That module belongs to the
classification rework (issue 14); `lint`'s own scan already reads durations sentence by sentence.
"""

from __future__ import annotations

import faulthandler
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS

HANG_SECONDS = 240
SMALL = CORPUS / "tallyhq-terms" / "v3.1.txt"
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
_UNIT = re.compile(r"(?i)^\(?\d*\)?(?:hours?|days?|weeks?|months?|years?)\W*$")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    words = [word for word in SMALL.read_text(encoding="utf-8").split() if not _UNIT.match(word)]
    line = " ".join(words) + " "
    paragraph = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    path = tmp_path_factory.mktemp("large") / "policy.txt"
    path.write_text(f"Privacy Policy\n\n{paragraph}\n", encoding="utf-8")
    return path


@contextmanager
def hang_guard() -> Iterator[None]:
    """Fail with every thread's stack if the block runs past HANG_SECONDS (SIGALRM, main thread only)."""
    def expired(signum: int, frame: object) -> None:
        faulthandler.dump_traceback(all_threads=True)
        raise TimeoutError(f"still running after {HANG_SECONDS} s: something is quadratic or worse")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def finishes(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with hang_guard():
        code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in (0, 1), (argv, err)
    assert "error" not in err, err
    return out


@pytest.mark.parametrize("argv", [
    ["show", "{big}", "--format", "json"], ["lint", "{big}"], ["diff", "{small}", "{big}", "--format", "markdown"],
    ["diff", "{big}", "{small}", "--format", "json"], ["check", "{small}", "{big}"],
    ["notice", "{small}", "{big}", "--force", "--format", "html"], ["hook", "lint", "{big}"],
], ids=lambda argv: " ".join(a for a in argv if "{" not in a))
def test_every_reader_and_renderer(argv: list[str], big: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = finishes(capsys, *(a.format(big=big, small=SMALL) for a in argv))
    assert out or argv[0] == "hook", "every command but a clean hook prints its report"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def test_pr_and_hook_check_in_a_repository(big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    (root / "policies").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "policies" / "privacy.txt").write_bytes(SMALL.read_bytes())
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    (root / "policies" / "privacy.txt").write_bytes(big.read_bytes())
    git(root, "commit", "-qam", "head")
    monkeypatch.chdir(root)
    assert "policies/privacy.txt" in finishes(capsys, "pr", "--base", "HEAD~1", "--fail-on", "never")
    git(root, "checkout", "-q", "HEAD~1", "--", "policies/privacy.txt")
    (root / "policies" / "privacy.txt").write_bytes(big.read_bytes())
    finishes(capsys, "hook", "check", "policies/privacy.txt")


def test_the_store_commands(big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "legal"
    assert main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    finishes(capsys, "add", "privacy", str(SMALL), "--version", "1")
    assert "recorded privacy version 2" in finishes(capsys, "add", "privacy", str(big), "--version", "2", "--force")
    assert "2 versions" in finishes(capsys, "log", "privacy")
    finishes(capsys, "history", "privacy", "p1")
    finishes(capsys, "diff", "privacy@1", "privacy@latest", "--format", "unified")
    finishes(capsys, "fsck")


def test_the_review_session(big: Path) -> None:
    from policydiff.api import diff_documents
    from policydiff.review import Review
    from policydiff.sources import load_document
    from policydiff.tui.session import ReviewSession

    with hang_guard():
        diff = diff_documents(load_document(str(SMALL)), load_document(str(big)))
        session = ReviewSession(diff, Review(), big.with_suffix(".review.json"))
    assert session.tally()["changes"]


if sys.platform == "win32":  # pragma: no cover - SIGALRM is POSIX
    pytestmark = pytest.mark.skip(reason="the hang guard needs SIGALRM")
