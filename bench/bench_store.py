"""Benchmark: `policydiff log` and `policydiff history` on a policy repository of 500 versions.

Run: python bench/bench_store.py [VERSIONS]     (prints a table; no timing is asserted anywhere)

The repository is built in a temporary folder from a corpus policy, each version changing one
retention period and one sentence, as a busy policy's history would.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def build(root: Path, versions: int) -> float:
    from policydiff.commands.store import add_version
    from policydiff.parse import parse_source
    from policydiff.read import read_bytes
    from policydiff.store.repo import PolicyRepository

    os.environ.update(ENV)
    repo, _ = PolicyRepository.init(root)
    base = (CORPUS / "tallyhq-terms" / "v3.0.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    for index in range(versions):
        text = re.sub(r"sixty \(60\) days", f"{60 + index} days", base)
        text = text.replace("Version 3.0", f"Version {index + 1}.0")
        source = read_bytes(text.encode(), name=f"v{index + 1}.txt", suffix=".txt")
        add_version("terms", source, parse_source(source), repo=repo, version=None, effective=None,
                    last_updated=None, message=None, force=True)
    return time.perf_counter() - start


def timed(argv: list[str], cwd: Path, runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    versions = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        seconds = build(root, versions)
        python = [sys.executable, "-m", "policydiff"]
        rows = [
            (f"building: {versions} x policydiff add (in process)", seconds * 1000),
            ("policydiff log terms", timed([*python, "log", "terms"], root)),
            ("policydiff log terms --format json", timed([*python, "log", "terms", "--format", "json"], root)),
            ("policydiff history terms 7.3/p1 (changed in every version)",
             timed([*python, "history", "terms", "7.3/p1"], root, runs=1)),
            ("policydiff diff terms@1.0 terms@latest", timed([*python, "diff", "terms@1.0", "terms@latest"], root)),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)}  median ms")
    for name, ms in rows:
        print(f"{name.ljust(width)}  {ms:9.1f}")


if __name__ == "__main__":
    main()
