"""How long `policydiff review` takes to show a loaded diff, headless, in a fresh process each time.

    python bench/bench_review.py [OLD NEW]...

Prints a table: importing Textual, the app's first frame, and the loaded diff (worker done), in
milliseconds, median of three runs per pair. Without arguments it measures the corpus pair the
README uses, and the largest consecutive pair of ../shared/realworld where that is present.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = r"""
import asyncio, json, sys, tempfile, time
start = time.perf_counter()
import textual.app
imported = time.perf_counter()
from policydiff.tui.app import ReviewApp
marks = {}

async def main():
    with tempfile.TemporaryDirectory() as folder:
        app = ReviewApp(sys.argv[1], sys.argv[2], review_path=folder + "/review.json")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            marks["first_frame"] = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            marks["loaded"] = time.perf_counter()

asyncio.run(main())
print(json.dumps({"import_textual": (imported - start) * 1000, "first_frame": (marks["first_frame"] - start) * 1000,
                  "loaded": (marks["loaded"] - start) * 1000}))
"""


def measure(old: str, new: str, runs: int = 3) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", PROBE, old, new], capture_output=True, text=True, check=True,
                                cwd=ROOT)
        samples.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}


def default_pairs() -> list[tuple[str, str]]:
    pairs = [(str(ROOT / "corpus/brightdesk-privacy/v2.0.md"), str(ROOT / "corpus/brightdesk-privacy/v2.1.md"))]
    realworld = ROOT.parent / "shared" / "realworld"
    if realworld.is_dir():
        files = sorted((p for p in realworld.rglob("*") if p.is_file() and p.suffix in (".md", ".txt", ".html")),
                       key=lambda p: p.stat().st_size)
        if files:
            largest = files[-1]
            siblings = sorted(p for p in largest.parent.iterdir() if p.is_file() and p.suffix == largest.suffix)
            index = siblings.index(largest)
            if index > 0:
                pairs.append((str(siblings[index - 1]), str(largest)))
    return pairs


def main(argv: list[str]) -> None:
    pairs = list(zip(argv[::2], argv[1::2])) if argv else default_pairs()
    print(f"{'pair':<60} {'import textual':>15} {'first frame':>12} {'loaded':>9}")
    for old, new in pairs:
        figures = measure(old, new)
        name = f"{Path(old).name} → {Path(new).name}"
        print(f"{name[-60:]:<60} {figures['import_textual']:>13.0f}ms {figures['first_frame']:>10.0f}ms "
              f"{figures['loaded']:>7.0f}ms")


if __name__ == "__main__":
    main(sys.argv[1:])
