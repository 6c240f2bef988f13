"""Kill `policydiff add` at each step of recording a version, then show the next run repairs the repository.

    python bench/fault_injection.py            # every step, then `add` again; every step, then `fsck`
    python bench/fault_injection.py --keep DIR # leave the repositories in DIR to look at

For each step a repository with two recorded versions gets a third `add` that is SIGKILLed at that step
(in a child process whose functions are patched to kill it there: nothing in policydiff knows about
this script). Then either the same `add` is run again, or `policydiff fsck` and then the `add`. The
repository must end with every version recorded exactly once, each tagged, the work tree clean, no
journal, no temporary file, the lock free, and `git fsck --strict` clean. tests/test_store_faults.py
runs these scenarios; this script prints them as a table.

Steps: the journal written; the temporary file written (not yet renamed); the Markdown in place (not
staged); staged (not committed); the commit object written (HEAD not moved); committed (not tagged);
tagged (journal not removed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "brightdesk-privacy"
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

STEPS = ("journal", "temp-file", "written", "staged", "commit-object", "committed", "tagged")

_CHILD = r'''
import os, signal, sys
import git
import policydiff.files, policydiff.store.repo
from policydiff.cli import main

step = sys.argv[1]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def after(original, *, when=lambda *a, **k: True):
    def patched(*args, **kwargs):
        result = original(*args, **kwargs)
        if when(*args, **kwargs):
            die()
        return result
    return patched

def before(original, *, when=lambda *a, **k: True):
    def patched(*args, **kwargs):
        if when(*args, **kwargs):
            die()
        return original(*args, **kwargs)
    return patched

if step == "journal":
    policydiff.store.repo.begin = after(policydiff.store.repo.begin)
elif step == "temp-file":   # the Markdown's temporary file is complete, the rename never happens
    policydiff.files.os.replace = before(os.replace, when=lambda src, dst: str(dst).endswith(".md"))
elif step == "written":     # the new Markdown is in place, not staged
    git.index.base.IndexFile.add = before(git.index.base.IndexFile.add)
elif step == "staged":      # staged, not committed
    policydiff.store.repo._commit = before(policydiff.store.repo._commit)
elif step == "commit-object":  # the commit object is written, HEAD does not move
    original = git.objects.commit.Commit.create_from_tree.__func__
    def create(cls, repo, tree, message, parent_commits=None, head=False, *args, **kwargs):
        original(cls, repo, tree, message, parent_commits, False, *args, **kwargs)
        die()
    git.objects.commit.Commit.create_from_tree = classmethod(create)
elif step == "committed":   # HEAD moved, the tag never made
    policydiff.store.repo.ensure_tag = before(policydiff.store.repo.ensure_tag,
                                              when=lambda repo, tag, *a, **k: tag == "privacy/v2.0")
elif step == "tagged":      # tagged, the journal never removed
    policydiff.store.repo.finish = before(policydiff.store.repo.finish)
sys.exit(main(sys.argv[2:]))
'''


@dataclass(frozen=True)
class Outcome:
    step: str
    repair: str
    """"add" (run the same add again) or "fsck" (fsck, then the add)."""
    killed: bool
    repaired: list[str]
    """The repair lines the next run printed."""
    versions: list[str]
    tags: list[str]
    problems: list[str]
    """What is wrong at the end; empty when the repository is sound."""


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=300)


def _policydiff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "policydiff", *args], cwd)


def _git(cwd: Path, *args: str) -> str:
    return _run(["git", *args], cwd).stdout


def prepare(folder: Path) -> Path:
    """A policy repository with versions 1.0 and 1.1 of privacy."""
    root = folder / "repo"
    assert _policydiff(folder, "init", str(root)).returncode == 0
    for version in ("1.0", "1.1"):
        result = _policydiff(root, "add", "privacy", str(CORPUS / f"v{version}.md"))
        assert result.returncode == 0, result.stderr
    return root


def scenario(folder: Path, step: str, repair: str, template: Path | None = None) -> Outcome:
    """Kill the third add at `step`, then repair with `repair`; `template` is a prepare()d repository to copy."""
    if template is not None:
        root = folder / "repo"
        shutil.copytree(template, root, symlinks=True)
    else:
        root = prepare(folder)
    source = str(CORPUS / "v2.0.md")
    killed = _run([sys.executable, "-c", _CHILD, step, "add", "privacy", source], root)
    was_killed = killed.returncode == -signal.SIGKILL
    repaired: list[str] = []
    if repair == "fsck":
        result = _policydiff(root, "fsck")
        repaired += [line for line in result.stdout.splitlines() if line.startswith("repaired:")]
    result = _policydiff(root, "add", "privacy", source)
    repaired += [line for line in result.stdout.splitlines() if line.startswith("repaired:")]
    problems = [] if result.returncode == 0 else [f"the add after the kill failed: {result.stderr.strip()}"]
    versions = [line.split()[0] for line in reversed(_policydiff(root, "log", "privacy").stdout.splitlines()[2:])]
    problems += _problems(root, versions)
    return Outcome(step, repair, was_killed, repaired, versions, sorted(_git(root, "tag").split()), problems)


def _problems(root: Path, versions: list[str]) -> list[str]:
    problems = []
    if versions != ["1.0", "1.1", "2.0"]:
        problems.append(f"versions recorded: {versions} (want 1.0, 1.1, 2.0 once each)")
    tags = sorted(_git(root, "tag").split())
    if tags != ["privacy/v1.0", "privacy/v1.1", "privacy/v2.0"]:
        problems.append(f"tags: {tags}")
    fsck = _run(["git", "fsck", "--strict", "--no-dangling"], root)
    if fsck.returncode != 0 or fsck.stdout.strip():
        problems.append(f"git fsck: {fsck.returncode} {fsck.stdout.strip()} {fsck.stderr.strip()}")
    status = _git(root, "status", "--porcelain", "--untracked-files=all")
    if status.strip():
        problems.append(f"work tree not clean: {status.strip()}")
    if (root / ".git" / "policydiff-add.json").exists():
        problems.append("the journal is still there")
    lock = root / ".git" / "policydiff.lock"
    if lock.exists() and lock.read_text(encoding="utf-8"):
        problems.append("the lock still names a holder")
    ours = _policydiff(root, "fsck")
    if ours.returncode != 0:
        problems.append(f"policydiff fsck: {ours.stdout.strip()} {ours.stderr.strip()}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="keep the repositories here")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="policydiff-faults-"))
    (base / "template").mkdir(parents=True, exist_ok=True)
    template = prepare(base / "template")
    failures = 0
    print(f"{'killed after':<15} {'repair':<7} {'killed':<7} {'versions':<14} {'tags':<5} result / repairs")
    try:
        for repair in ("add", "fsck"):
            for step in STEPS:
                folder = base / f"{step}-{repair}"
                folder.mkdir(parents=True, exist_ok=True)
                outcome = scenario(folder, step, repair, template)
                failures += bool(outcome.problems) or not outcome.killed
                verdict = "; ".join(outcome.problems) if outcome.problems else "sound"
                said = " | ".join(line.removeprefix("repaired: ") for line in outcome.repaired) or "nothing to repair"
                print(f"{step:<15} {repair:<7} {'yes' if outcome.killed else 'NO':<7} {','.join(outcome.versions):<14} "
                      f"{len(outcome.tags):<5} {verdict}: {said}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
