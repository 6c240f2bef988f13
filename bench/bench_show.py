"""Benchmark: `policydiff show --format json` on a 20,000-word policy, interpreter start included.

Run: python bench/bench_show.py   (prints a table; no timing is asserted anywhere)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_policy  # noqa: E402

RUNS = 7


def timed(argv: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy-20k.txt"
        path.write_text(synthetic_policy(20_000), encoding="utf-8")
        words = len(path.read_text(encoding="utf-8").split())
        markdown = Path(folder) / "policy-20k.md"
        from policydiff.parse import parse_file
        from policydiff.render.markdown_tree import render_markdown

        markdown.write_text(render_markdown(parse_file(path)), encoding="utf-8")
        rows = [
            ("python -c pass (interpreter start)", timed([sys.executable, "-c", "pass"])),
            ("policydiff --help", timed([sys.executable, "-m", "policydiff", "--help"])),
            (f"policydiff show --format json ({words:,} words, .txt)",
             timed([sys.executable, "-m", "policydiff", "show", str(path), "--format", "json"])),
            (f"policydiff show --format json ({words:,} words, .md)",
             timed([sys.executable, "-m", "policydiff", "show", str(markdown), "--format", "json"])),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'command'.ljust(width)}  median ms ({RUNS} runs)")
    print(f"{'-' * width}  ------------------")
    for name, ms in rows:
        print(f"{name.ljust(width)}  {ms:8.1f}")


if __name__ == "__main__":
    main()
