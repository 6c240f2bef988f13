"""Benchmark: `policydiff scan` over the real-world archives in ../shared/realworld, with 1 and 2 workers.

Run: python bench/bench_scan.py [--jobs 1,2] [--git] [--dask]     (prints a table; no timing is asserted)

Each archive is a folder of dated files per document: github-site-policy/ (GitHub's site-policy
documents, `<document>/<YYYY-MM-DD>-<commit>.md`) and ota/ (Open Terms Archive versions,
`<service>/<terms type>/<YYYY-MM-DD>.md`). Every run is a fresh `policydiff scan` process writing a
new JSON Lines file, so the seconds include start-up, listing, the process pool and writing. `--git`
adds the ota/ versions as a git repository in Open Terms Archive's own layout (`<Service>/<Terms
type>.md`, one commit per version, in date order), built in a temporary folder; `--dask` adds runs
on a LocalCluster of as many single-threaded worker processes as the largest --jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REALWORLD = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def ota_repository(root: Path) -> Path:
    """ota/ as a versions repository: `<Service>/<Terms type>.md`, one commit per version, oldest first."""
    rows = (REALWORLD / "ota" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    entries = sorted((dict(zip(header, row.split("\t"))) for row in rows[1:] if row.strip()),
                     key=lambda entry: entry["date"])
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=ENV)
    for entry in entries:
        target = root / entry["service"] / f"{entry['terms_type']}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REALWORLD / "ota" / entry["file"]).read_bytes())
        stamp = f"{entry['date']}T12:00:00+00:00"
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=ENV)
        subprocess.run(["git", "commit", "-qm", f"Record new changes of {entry['service']} {entry['terms_type']}",
                        "--allow-empty"], cwd=root, check=True,
                       env={**ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
    return root


def scan(source: Path, out: Path, options: list[str]) -> tuple[int, int, float]:
    """(pairs, failed pairs, seconds) of one fresh scan."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "policydiff", "scan", str(source), "-o", str(out), *options],
                            env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"scan failed: {result.stderr.strip()}")
    pairs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if '"record":"pair"' in line]
    return len(pairs), sum(pair["status"] == "failed" for pair in pairs), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare (default: 1,2)")
    parser.add_argument("--git", action="store_true", help="also scan ota/ as an OTA-layout git repository")
    parser.add_argument("--dask", action="store_true", help="also scan on a Dask LocalCluster")
    args = parser.parse_args()
    if not REALWORLD.is_dir():
        raise SystemExit(f"{REALWORLD} is absent: the real-world archives live in ../shared beside the checkout")
    jobs = [int(value) for value in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="policydiff-bench-scan-") as scratch:
        folder = Path(scratch)
        archives = [("github-site-policy (folder)", REALWORLD / "github-site-policy"),
                    ("ota (folder)", REALWORLD / "ota")]
        if args.git:
            archives.append(("ota (git, OTA layout)", ota_repository(folder / "ota-versions")))
        cluster = None
        if args.dask:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=max(jobs), threads_per_worker=1, dashboard_address=":0")
        print(f"{'archive':<30} {'runner':<12} {'pairs':>6} {'failed':>6} {'seconds':>8} {'pairs/s':>8} "
              f"{'speed-up':>8}")
        totals: dict[str, list[float]] = {}
        for number, (name, source) in enumerate(archives):
            runs = [(f"--jobs {count}", ["--jobs", str(count)]) for count in jobs]
            if cluster is not None:
                runs.append((f"dask {max(jobs)}w", ["--dask", cluster.scheduler_address]))
            baseline = None
            for index, (label, options) in enumerate(runs):
                pairs, failed, seconds = scan(source, folder / f"archive{number}-run{index}.jsonl", options)
                baseline = baseline or seconds
                totals.setdefault(label, [0, 0.0])
                totals[label][0] += pairs
                totals[label][1] += seconds
                print(f"{name:<30} {label:<12} {pairs:>6} {failed:>6} {seconds:>8.1f} {pairs / seconds:>8.2f} "
                      f"{baseline / seconds:>7.2f}x")
        first = next(iter(totals.values()))
        for label, (pairs, seconds) in totals.items():
            print(f"{'all':<30} {label:<12} {int(pairs):>6} {'':>6} {seconds:>8.1f} {pairs / seconds:>8.2f} "
                  f"{first[1] / seconds:>7.2f}x")
        if cluster is not None:
            cluster.close()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{os.cpu_count()} cores, load average {load} at the end (other work on the machine lowers the "
          f"speed-up); Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
