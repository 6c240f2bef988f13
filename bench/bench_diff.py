"""Benchmark: `policydiff diff` against `git diff --no-index --word-diff`, and how the engine scales.

Run: python bench/bench_diff.py     (prints tables; no timing is asserted anywhere)

1. A 10,000-word pair (the second version has edited paragraphs, an inserted section and a moved
   section): the engine (both sides parsed, aligned, classified, JSON rendered, in process) against
   the whole `git diff --no-index --word-diff` process, and the whole `policydiff diff` process with
   interpreter start and imports.
2. The engine on synthetic documents from ~300 to ~5,000 clauses: time per size and the ratio for
   each doubling, to show the growth stays near linear.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_policy  # noqa: E402

RUNS = 9


def revise(text: str) -> str:
    """A realistic next version: every 7th paragraph edited, one section inserted, one section moved."""
    lines = text.split("\n")
    for index in range(5, len(lines), 7):
        if len(lines[index].split()) > 8 and not re.match(r"^\d", lines[index]):
            words = lines[index].split()
            words[len(words) // 2] = "substantially"
            lines[index] = " ".join(words)
    sections = re.split(r"\n(?=\d+\. [A-Z])", "\n".join(lines))
    middle = len(sections) // 2
    sections.insert(middle, "AI MODEL TRAINING\nWe may use de-identified customer data to train and evaluate the "
                            "models behind our features, unless you opt out in your settings.\n")
    moved = sections.pop(middle // 2)
    sections.insert(middle + middle // 3, moved)
    return "\n".join(sections)


def median_ms(action) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def engine(old: Path, new: Path) -> None:
    from policydiff.api import diff
    from policydiff.render.diff_json import render_json_diff

    render_json_diff(diff(old, new))


def process(argv: list[str]) -> None:
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "old.txt"
        new = Path(folder) / "new.txt"
        old.write_text(synthetic_policy(10_000), encoding="utf-8")
        new.write_text(revise(old.read_text(encoding="utf-8")), encoding="utf-8")
        engine(old, new)  # warm imports: the engine figure excludes start-up, as --timings does
        words = len(old.read_text(encoding="utf-8").split())
        git_ms = median_ms(lambda: process(["git", "diff", "--no-index", "--word-diff", str(old), str(new)]))
        engine_ms = median_ms(lambda: engine(old, new))
        whole_ms = median_ms(lambda: process([sys.executable, "-m", "policydiff", "diff", str(old), str(new),
                                              "--format", "json"]))
        help_ms = median_ms(lambda: process([sys.executable, "-m", "policydiff", "--help"]))
        from policydiff.api import diff

        result = diff(old, new)
        print(f"## 10,000-word pair ({words:,} words, {len(list(result.old.body()))} clauses; "
              f"{result.summary()})\n")
        print(f"{'measure':<58} {'median ms':>10}")
        print(f"{'git diff --no-index --word-diff (whole process)':<58} {git_ms:>10.1f}")
        print(f"{'policydiff engine: parse x2, align, classify, JSON':<58} {engine_ms:>10.1f}")
        print(f"{'engine / git diff':<58} {engine_ms / git_ms:>10.1f}x")
        print(f"{'policydiff diff --format json (whole process)':<58} {whole_ms:>10.1f}")
        print(f"{'policydiff --help (whole process)':<58} {help_ms:>10.1f}")
        print("\n## scaling (engine, in process)\n")
        print(f"{'clauses':>8} {'words':>8} {'median ms':>10} {'x previous':>11}")
        previous = None
        for target_words in (6_000, 12_000, 24_000, 48_000, 96_000):
            old.write_text(synthetic_policy(target_words), encoding="utf-8")
            new.write_text(revise(old.read_text(encoding="utf-8")), encoding="utf-8")
            clauses = len(list(diff(old, old).old.body()))
            engine(old, new)  # warm-up
            ms = median_ms(lambda: engine(old, new))
            ratio = f"{ms / previous:>10.2f}x" if previous else f"{'':>11}"
            print(f"{clauses:>8} {target_words:>8} {ms:>10.1f} {ratio}")
            previous = ms


if __name__ == "__main__":
    main()
