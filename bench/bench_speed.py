"""Benchmark: issue 15's figures in one run, each against its target.

Run: python bench/bench_speed.py [--quick]     (prints tables; no timing is asserted anywhere)

1. A 10,000-word Markdown pair (bench_diff.py's edits, inserted and moved section): the engine in
   process (read, parse, align, classify, JSON), the whole `policydiff diff --format json` process,
   `git diff --no-index --word-diff` and a difflib paragraph diff, `policydiff --help`.
2. Each stage's growth from 1,250 to 20,000 clauses on nested two-level synthetic documents
   (bench/synthetic.py: sections of 22 clauses, so that the 909 sections of the largest keep numbers
   policydiff reads, every one checked): the fitted exponent of time against clauses.
3. `policydiff history` on a policy repository of 10, 25 and 50 versions of the 10,000-word policy:
   cold (no cache), warm (cached), and after one more version.
4. `policydiff review` on the 10,000-word pair: time from process start to the first frame that shows
   the changes (headless, the command's own start-up: diff forked, Textual imported meanwhile).

Whole processes are timed by wall clock and by their CPU time (user + system, children included):
on a busy machine the wall clock waits for a core, the CPU time does not. `--quick` stops the stage
sizes at 5,000 clauses and the history at 25 versions.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import revise  # noqa: E402
from synthetic import nested_sections, render_sections, revised_sections, synthetic_policy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [sys.executable, "-m", "policydiff"]
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def median_ms(action: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter) -> float:
    samples = []
    for _ in range(runs):
        start = clock()
        action()
        samples.append((clock() - start) * 1000)
    return statistics.median(samples)


def process_ms(argv: list[str], runs: int = 7, cwd: Path | None = None, codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of a whole process (which must exit with one of `codes`)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=ENV)
        if done.returncode not in codes:
            raise SystemExit(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.decode(errors='replace')}")
        walls.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def row(measure: str, value: str, target: str = "", verdict: str = "") -> None:
    print(f"{measure:<58} {value:>22}  {target:<12} {verdict}")


def meets(value: float, limit: float) -> str:
    return "met" if value <= limit else "NOT met"


def meets_process(wall: float, cpu: float, limit: float) -> str:
    """A whole process's verdict: by the wall clock, or, on a busy machine, by its CPU time alone."""
    if wall <= limit:
        return "met"
    return "met on CPU only (busy machine)" if cpu <= limit else "NOT met"


def markdown_pair(folder: Path) -> tuple[Path, Path]:
    from policydiff.parse import parse_text
    from policydiff.render.markdown_tree import render_markdown

    text = synthetic_policy(10_000)
    old, new = folder / "old.md", folder / "new.md"
    old.write_text(render_markdown(parse_text(text)), encoding="utf-8")
    new.write_text(render_markdown(parse_text(revise(text))), encoding="utf-8")
    return old, new


def pair_figures(old: Path, new: Path) -> None:
    from policydiff.api import diff
    from policydiff.render.diff_json import render_json_diff

    def engine() -> None:
        render_json_diff(diff(old, new))

    def paragraphs(path: Path) -> list[str]:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]

    def difflib_diff() -> None:
        list(difflib.unified_diff(paragraphs(old), paragraphs(new), lineterm=""))

    engine()
    result = diff(old, new)
    words = len(old.read_text(encoding="utf-8").split())
    git_wall, git_cpu = process_ms(["git", "diff", "--no-index", "--word-diff", str(old), str(new)], runs=15,
                                   codes=(1,))
    engine_ms = median_ms(engine, 9)
    engine_cpu = median_ms(engine, 9, time.process_time)
    difflib_ms = median_ms(difflib_diff, 9)
    whole_wall, whole_cpu = process_ms([*PYTHON, "diff", str(old), str(new), "--format", "json"])
    help_wall, help_cpu = process_ms([*PYTHON, "--help"], runs=11)
    print(f"## 10,000-word Markdown pair ({words:,} words, {len(list(result.old.body()))} clauses; "
          f"{result.summary()['modified']} modified, {result.summary()['material']} material)\n")
    row("measure", "median ms", "target")
    row("git diff --no-index --word-diff (whole process, wall | cpu)", f"{git_wall:.1f} | {git_cpu:.1f}")
    row("difflib unified diff of the paragraphs (in process)", f"{difflib_ms:.1f}")
    row("policydiff engine: read, parse x2, align, classify, JSON (wall | cpu)", f"{engine_ms:.1f} | {engine_cpu:.1f}")
    ratio = engine_ms / git_wall
    row("engine / git diff (wall | cpu)", f"{ratio:.1f}x | {engine_cpu / git_cpu:.1f}x", "<= 15x", meets(ratio, 15))
    row("policydiff diff --format json (whole process, wall | cpu)", f"{whole_wall:.0f} | {whole_cpu:.0f}",
        "<= 200 ms", meets_process(whole_wall, whole_cpu, 200))
    row("policydiff --help (whole process, wall | cpu)", f"{help_wall:.0f} | {help_cpu:.0f}", "<= 60 ms",
        meets_process(help_wall, help_cpu, 60))
    print()


def stage_figures(sizes: list[int]) -> None:
    from policydiff.align import align
    from policydiff.api import find_defects
    from policydiff.classify import classify, classify_non_operative, default_rules, structure_only
    from policydiff.gcpause import paused_gc
    from policydiff.model import Diff
    from policydiff.parse import parse_text
    from policydiff.render.diff_json import render_json_diff

    stages = ("parse", "align", "classify", "cross-references", "render")
    table: list[tuple[int, dict[str, float]]] = []
    print("## stages on nested synthetic documents (CPU ms in process, the best of 3 runs; 2 from 10,000)\n")
    print(f"{'clauses':>8} {'sections':>9} " + " ".join(f"{s:>16}" for s in stages))
    for run, size in enumerate([sizes[0], *sizes]):  # the first run warms up
        sections = nested_sections(size)
        old_text, new_text = render_sections(sections), render_sections(revised_sections(sections))
        times: dict[str, float] = {}
        for _ in range(3 if size < 10_000 else 2):
            with paused_gc():
                start = time.process_time()
                old, new = parse_text(old_text, "markdown"), parse_text(new_text, "markdown")
                parse_ms = (time.process_time() - start) * 1000
                start = time.process_time()
                matches = align(old, new)
                apart = align(old, new, role="non-operative")
                align_ms = (time.process_time() - start) * 1000
                start = time.process_time()
                rules = default_rules()
                classified = classify((m for m in matches if not m.implied), old, new, rules)
                changes = tuple(c for c in classified if not structure_only(c))
                structure = tuple(c for c in classified if structure_only(c))
                non_operative = tuple(classify_non_operative((m for m in apart if not m.implied), rules))
                classify_ms = (time.process_time() - start) * 1000
                start = time.process_time()
                defects = find_defects(old, new, matches)
                xrefs_ms = (time.process_time() - start) * 1000
                result = Diff(old=old, new=new, matches=matches, changes=changes, timings={}, defects=defects,
                              structure=structure, non_operative=non_operative)
                start = time.process_time()
                render_json_diff(result)
                render_ms = (time.process_time() - start) * 1000
            for stage, ms in zip(stages, (parse_ms, align_ms, classify_ms, xrefs_ms, render_ms)):
                times[stage] = min(times.get(stage, ms), ms)
        numbered = sum(1 for c in old.body() if c.kind == "section" and c.number)
        assert numbered == len(sections) * (1 + len(sections[0][1])), "every section number is read"
        if run:
            clauses = len(list(old.body()))
            table.append((clauses, times))
            numbers = sum(1 for c in old.body() if c.kind == "section")
            print(f"{clauses:>8} {numbers:>9} " + " ".join(f"{times[s]:>16.1f}" for s in stages), flush=True)
    print()
    row("stage exponent (time ~ clauses^k, fitted)", "k", "<= 1.2")
    xs = [math.log(clauses) for clauses, _ in table]
    for stage in stages:
        ys = [math.log(max(times[stage], 0.01)) for _, times in table]
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
        row(f"  {stage}", f"{slope:.2f}", "<= 1.2", meets(slope, 1.2))
    print()


def history_figures(counts: list[int], folder: Path) -> None:
    from policydiff.commands.add import add_version
    from policydiff.parse import parse_source
    from policydiff.read import read_bytes
    from policydiff.store.repo import PolicyRepository

    from policydiff.parse import parse_text
    from policydiff.render.markdown_tree import render_markdown

    os.environ.update({k: v for k, v in ENV.items() if k.startswith("GIT_")})
    base = synthetic_policy(10_000)
    stored = parse_text(render_markdown(parse_text(base)), "markdown")
    clause = next(c.id for c in stored.body() if "fourteen (14) days" in c.full_text)  # changed in every version
    print("## policydiff history on a 10,000-word policy (whole process, median of 3; ms wall | cpu)\n")
    row("versions", "cold | warm | +1 version (wall)", "warm target")
    for count in counts:
        root = folder / f"repo-{count}"
        repo, _ = PolicyRepository.init(root)

        def record(index: int) -> None:
            text = re.sub(r"fourteen \(14\) days", f"{14 + index} days", base).replace("Version 4.0", f"Version {index + 1}.0")
            source = read_bytes(text.encode(), name=f"v{index + 1}.txt", suffix=".txt")
            add_version("terms", source, parse_source(source), repo=repo, version=None, effective=None,
                        last_updated=None, message=None, force=True)

        for index in range(count):
            record(index)
        argv = [*PYTHON, "history", "terms", clause]
        cache = Path(subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=root, capture_output=True,
                                    text=True, check=True).stdout.strip()) / "policydiff"
        subprocess.run(["rm", "-rf", str(cache)], check=True)
        cold = process_ms(argv, runs=1, cwd=root)
        warm = process_ms(argv, runs=3, cwd=root)
        record(count)
        grown = process_ms(argv, runs=1, cwd=root)
        row(f"  {count} versions", f"{cold[0]:.0f} | {warm[0]:.0f} ({warm[1]:.0f} cpu) | {grown[0]:.0f}",
            "<= 500 ms" if count == 50 else "", meets_process(*warm, 500) if count == 50 else "")
    log_wall, log_cpu = process_ms([*PYTHON, "log", "terms"], runs=5, cwd=root)
    row(f"  policydiff log terms ({counts[-1] + 1} versions)", f"{log_wall:.0f} | {log_cpu:.0f}")
    print()


REVIEW_PROBE = r"""
import asyncio, sys, time
start = time.perf_counter()
from pathlib import Path
from policydiff.classify import default_rules
from policydiff.commands.review import DiffLoading
loading = DiffLoading(sys.argv[1], sys.argv[2], 20 << 20, default_rules())
from policydiff.tui.app import ReviewApp
preloaded = loading.preloaded(Path(sys.argv[3]), None)

async def main():
    app = ReviewApp(sys.argv[1], sys.argv[2], review_path=sys.argv[3], preloaded=preloaded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.session is not None
        print((time.perf_counter() - start) * 1000, flush=True)

asyncio.run(main())
"""


def review_figures(old: Path, new: Path, folder: Path) -> None:
    samples = []
    for _ in range(5):
        result = subprocess.run([sys.executable, "-c", REVIEW_PROBE, str(old), str(new), str(folder / "r.json")],
                                capture_output=True, text=True, check=True, cwd=ROOT)
        samples.append(float(result.stdout.strip().splitlines()[-1]))
    print("## policydiff review on the 10,000-word pair (headless)\n")
    row("first frame with the changes, from process start (median)", f"{statistics.median(samples):.0f} ms",
        "<= 600 ms", meets(statistics.median(samples), 600))
    print()


def main() -> None:
    quick = "--quick" in sys.argv
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)\n")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        old, new = markdown_pair(folder)
        pair_figures(old, new)
        stage_figures([1_250, 2_500, 5_000] if quick else [1_250, 2_500, 5_000, 10_000, 20_000])
        history_figures([10, 25] if quick else [10, 25, 50], folder)
        review_figures(old, new, folder)
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
