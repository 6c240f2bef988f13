"""Every output policydiff prints on the corpus, written to one folder, to prove a refactor changed none.

    python bench/outputs_snapshot.py OUT                  write every output into OUT (outside the repo)
    python bench/outputs_snapshot.py OUT --compare BASE   ... then compare OUT with BASE, byte by byte
    python bench/outputs_snapshot.py OUT --realworld      ... also every consecutive pair in ../shared/realworld

For every consecutive version pair of every corpus family (`corpus/*/`) it runs, in process through
`policydiff.cli.main` (the command line is the interface that must not change):

- `diff` in every format (text, markdown, json, unified, html), with `--context 1` (text, markdown,
  html, unified), `--material-only`, and the coloured text (FORCE_COLOR);
- `check` (text, json), with a fixed `--notice-date` and with the last-updated stand-in;
- `notice` in every format (text, markdown, html, eml) with a fixed `--notice-date` and `--force`,
  and once without `--force` (a refusal is an output too);
- the review export (Markdown and JSON) with no decisions and with fixed decisions;
- `lint` and `show` of every version;
- `pr` (markdown, json) on a temporary git repository with pinned dates, per pair and for all files;
- `init`, `add`, `log`, `history` and `diff DOC@V DOC@latest` on a temporary policy repository;
- `--help` of the program and of every command (at 100 columns).

Each output file holds stdout, then stderr and the exit status. The only masking: the random MIME
boundary of eml drafts, and the temporary folders' paths. `MANIFEST.sha256` lists every file's hash;
`--compare` prints the files that differ (and a unified diff of the first few) and exits 1 if any do.
Nothing is asserted about timings. The real policies of ../shared are read, never copied into the repo.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
NOTICE_DATE = "2025-01-15"
GIT_ENV = {"GIT_AUTHOR_NAME": "Snapshot", "GIT_AUTHOR_EMAIL": "snapshot@example.com",
           "GIT_COMMITTER_NAME": "Snapshot", "GIT_COMMITTER_EMAIL": "snapshot@example.com",
           "GIT_AUTHOR_DATE": "2025-01-01T12:00:00+0000", "GIT_COMMITTER_DATE": "2025-01-01T12:00:00+0000",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
_BOUNDARY = re.compile(r"={15}\d+==")
POLICY_SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx", ".pdf")


class Snapshot:
    """Runs commands in process and writes each one's output under `out`."""

    def __init__(self, out: Path, masks: dict[str, str]) -> None:
        self.out = out
        self.masks = masks

    def run(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> str:
        from policydiff.cli import main

        stdout, stderr = io.StringIO(), io.StringIO()
        saved = {key: os.environ.get(key) for key in (env or {})}
        os.environ.update(env or {})
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main(argv)
                except SystemExit as exit_:  # argparse errors
                    code = exit_.code if isinstance(exit_.code, int) else 2
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        self.write(name, f"{stdout.getvalue()}\n--- stderr ---\n{stderr.getvalue()}\n--- exit {code} ---\n")
        return stdout.getvalue()

    def write(self, name: str, text: str) -> None:
        for real, stand_in in self.masks.items():
            text = text.replace(real, stand_in)
        text = _BOUNDARY.sub("===============BOUNDARY==", text)
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def families(corpus: Path) -> dict[str, list[Path]]:
    """Each corpus family's versions, oldest first (v1.0 < v1.1 < v2.0; v1 < v2)."""
    found = {}
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        versions = [p for p in folder.iterdir() if p.suffix in POLICY_SUFFIXES]
        found[folder.name] = sorted(versions, key=lambda p: [int(n) for n in re.findall(r"\d+", p.stem)])
    return found


def pair_outputs(snap: Snapshot, prefix: str, old: str, new: str) -> None:
    """Every diff, check and notice output of one pair."""
    for fmt in ("text", "markdown", "json", "unified", "html"):
        snap.run(f"{prefix}/diff.{fmt}", ["diff", old, new, "--format", fmt])
    for fmt in ("text", "markdown", "html", "unified"):
        snap.run(f"{prefix}/diff-context1.{fmt}", ["diff", old, new, "--format", fmt, "--context", "1"])
    for fmt in ("text", "markdown", "json", "html"):
        snap.run(f"{prefix}/diff-material-only.{fmt}", ["diff", old, new, "--format", fmt, "--material-only"])
    snap.run(f"{prefix}/diff-color.text", ["diff", old, new, "--fail-on", "material"], env={"FORCE_COLOR": "1"})
    for fmt in ("text", "json"):
        snap.run(f"{prefix}/check.{fmt}", ["check", old, new, "--format", fmt, "--notice-date", NOTICE_DATE])
        snap.run(f"{prefix}/check-standin.{fmt}", ["check", old, new, "--format", fmt])
    for fmt in ("text", "markdown", "html", "eml"):
        snap.run(f"{prefix}/notice.{fmt}", ["notice", old, new, "--format", fmt, "--notice-date", NOTICE_DATE,
                                             "--force", "--url", "https://example.com/policy"])
    snap.run(f"{prefix}/notice-refused.text", ["notice", old, new, "--notice-date", NOTICE_DATE])


def review_exports(snap: Snapshot, prefix: str, old: str, new: str) -> None:
    """The review export, with no decisions and with fixed ones (reviewed, commented, overridden)."""
    from policydiff import diff
    from policydiff.review.report import export_review_json, export_review_markdown
    from policydiff.review import Decision, Review, change_fingerprint, change_key

    result = diff(old, new)
    empty = Review(old=old, new=new)
    decided = empty
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    for number, change in enumerate(result.changes[:3]):
        decision = Decision(reviewed=True, comment=f"note {number} <b>@team</b>",
                            override=(not change.material) if number == 1 else None,
                            override_reason="the reviewer disagrees" if number == 1 else None,
                            fingerprint=change_fingerprint(change) if number != 2 else "000000000000")
        decided = decided.with_decision(change_key(change), decision, now=when)
    decided = decided.with_decision("modified:gone>gone", Decision(comment="orphan"), now=when)
    for label, review in (("empty", empty), ("decided", decided)):
        snap.write(f"{prefix}/review-{label}.md", export_review_markdown(result, review, notice="a headline"))
        snap.write(f"{prefix}/review-{label}.json", export_review_json(result, review, notice=None))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


def pr_outputs(snap: Snapshot, work: Path, found: dict[str, list[Path]]) -> None:
    """`policydiff pr` on a git repository holding every family, one commit per version."""
    repo = work / "pr-repo"
    (repo / "policies").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")

    def place(family: str, version: Path) -> str:
        target = repo / "policies" / f"{family}{version.suffix}"
        shutil.copyfile(version, target)
        return target.relative_to(repo).as_posix()

    for family, versions in found.items():
        git(repo, "add", place(family, versions[0]))
    git(repo, "commit", "-qm", "first versions")
    first = git(repo, "rev-parse", "HEAD")
    steps = []
    for family, versions in found.items():
        for old, new in zip(versions, versions[1:]):
            git(repo, "add", place(family, new))
            git(repo, "commit", "-qm", f"{family} {new.stem}")
            steps.append((f"{family}/{old.stem}-{new.stem}", git(repo, "rev-parse", "HEAD~1"),
                          git(repo, "rev-parse", "HEAD")))
    with contextlib.chdir(repo):
        for prefix, base, head in steps:
            for fmt in ("markdown", "json"):
                snap.run(f"{prefix}/pr.{fmt}", ["pr", "--base", base, "--head", head, "--format", fmt])
        for fmt in ("markdown", "json"):
            snap.run(f"all/pr.{fmt}", ["pr", "--base", first, "--head", "HEAD", "--format", fmt])
        snap.run("all/pr-fail-on-any.markdown", ["pr", "--base", first, "--fail-on", "any"])
        snap.run("all/diff-revisions.text", ["diff", f"{first}:policies/tallyhq-terms.txt",
                                             "HEAD:policies/tallyhq-terms.txt"])


def store_outputs(snap: Snapshot, work: Path, found: dict[str, list[Path]]) -> None:
    """A policy repository: every version added, then log, history and DOC@VERSION diffs."""
    repo = work / "policy-repo"
    saved = dict(os.environ)
    os.environ.update(GIT_ENV)
    try:
        snap.run("store/init", ["init", str(repo)])
        with contextlib.chdir(repo):
            for family, versions in found.items():
                doc = family.split("-")[0]
                for version in versions:
                    snap.run(f"store/{family}/add-{version.stem}", ["add", doc, str(version)])
                snap.run(f"store/{family}/log.text", ["log", doc])
                snap.run(f"store/{family}/log.json", ["log", doc, "--format", "json"])
                out = snap.run(f"store/{family}/diff-first-latest.json",
                               ["diff", f"{doc}@~{len(versions) - 1}", f"{doc}@latest", "--format", "json"])
                ids = re.findall(r'"new_id": "([^"]+)"', out)[:2]
                for clause in ids:
                    snap.run(f"store/{family}/history-{clause.replace('/', '_')}", ["history", doc, clause])
    finally:
        os.environ.clear()
        os.environ.update(saved)


COMMANDS = ("show", "diff", "lint", "check", "notice", "pr", "hook", "review", "init", "add", "log", "history",
            "import", "git-setup", "git-diff")


def help_outputs(snap: Snapshot) -> None:
    """What `--help` says, for the program and each command: the parser is an interface too."""
    snap.run("help/policydiff", ["--help"], env={"COLUMNS": "100"})
    snap.run("help/none", [], env={"COLUMNS": "100"})
    for command in COMMANDS:
        snap.run(f"help/{command}", [command, "--help"], env={"COLUMNS": "100"})


def realworld_outputs(snap: Snapshot) -> None:
    """Every consecutive version pair of every document in ../shared/realworld: diff json and text."""
    base = SHARED / "realworld"
    folders = sorted({p.parent for p in base.rglob("*") if p.is_file() and p.suffix in POLICY_SUFFIXES
                      and p.name != "README.md" and "labels" not in p.parts})
    for folder in folders:
        versions = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in POLICY_SUFFIXES)
        name = folder.relative_to(base).as_posix()
        for old, new in zip(versions, versions[1:]):
            prefix = f"realworld/{name}/{old.stem}_{new.stem}"
            snap.run(f"{prefix}/diff.json", ["diff", str(old), str(new), "--format", "json"])
            snap.run(f"{prefix}/diff-context1.markdown", ["diff", str(old), str(new), "--format", "markdown",
                                                          "--context", "1"])
            snap.run(f"{prefix}/check.json", ["check", str(old), str(new), "--format", "json",
                                              "--notice-date", NOTICE_DATE])


def snapshot(out: Path, realworld: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="pd-snapshot-") as temporary:
        work = Path(temporary).resolve()
        shutil.copytree(ROOT / "corpus", work / "corpus")
        snap = Snapshot(out, {str(work): "<WORK>", str(SHARED.resolve()): "<SHARED>"})
        with contextlib.chdir(work):
            found = families(Path("corpus"))
            for family, versions in found.items():
                for version in versions:
                    for fmt in ("text", "json"):
                        snap.run(f"{family}/{version.stem}/show.{fmt}", ["show", str(version), "--format", fmt,
                                                                         "--width", "100"])
                        snap.run(f"{family}/{version.stem}/lint.{fmt}", ["lint", str(version), "--format", fmt])
                for old, new in zip(versions, versions[1:]):
                    prefix = f"{family}/{old.stem}-{new.stem}"
                    pair_outputs(snap, prefix, str(old), str(new))
                    review_exports(snap, prefix, str(old), str(new))
            absolute = {family: [work / v for v in versions] for family, versions in found.items()}
            pr_outputs(snap, work, absolute)
            store_outputs(snap, work, absolute)
            help_outputs(snap)
            if realworld and (SHARED / "realworld").is_dir():
                realworld_outputs(snap)
    manifest = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.sha256")
    (out / "MANIFEST.sha256").write_text(
        "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out).as_posix()}\n" for p in manifest),
        encoding="utf-8")
    print(f"{len(manifest)} outputs written to {out}")


def compare(out: Path, baseline: Path, show: int = 5) -> int:
    def read(folder: Path) -> dict[str, str]:
        lines = (folder / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
        return {name: digest for digest, name in (line.split("  ", 1) for line in lines)}

    ours, theirs = read(out), read(baseline)
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    changed = sorted(name for name in set(ours) & set(theirs) if ours[name] != theirs[name])
    for label, names in (("missing", missing), ("new", extra), ("changed", changed)):
        for name in names:
            print(f"{label}: {name}")
    for name in changed[:show]:
        before = (baseline / name).read_text(encoding="utf-8").splitlines()
        after = (out / name).read_text(encoding="utf-8").splitlines()
        sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(before, after, name, name, n=1, lineterm=""))
    print(f"compared {len(theirs)} outputs: {len(changed)} changed, {len(missing)} missing, {len(extra)} new")
    return 1 if changed or missing or extra else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the outputs into (emptied first)")
    parser.add_argument("--compare", type=Path, metavar="BASELINE", help="a folder an earlier run wrote")
    parser.add_argument("--realworld", action="store_true", help="also every pair in ../shared/realworld")
    args = parser.parse_args()
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    snapshot(out, args.realworld)
    return compare(out, args.compare.resolve()) if args.compare else 0


if __name__ == "__main__":
    raise SystemExit(main())
