"""`policydiff scan SOURCE -o OUT`: classify every recorded change of a versions archive, as a dataset.

A thin shell over policydiff/scan: parse the options, fail early (in one line) on a missing extra,
list the archive, run the pairs OUT lacks, print the summary table. The engine, the dataset schema
and the runners are in scan/.
"""

from __future__ import annotations

import argparse
import os
import sys

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import add_max_size, count, one_line, team_settings, write
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    scan = add_parser(
        subparsers, "scan",
        description="Diff and classify every consecutive pair of versions of every document in SOURCE, and write "
                    "one record per change and one per pair to OUT (JSON Lines, or a Parquet dataset folder), "
                    "schema policydiff.scan/1. SOURCE is a git repository whose commits record versions "
                    "(Open Terms Archive's <Service>/<Terms type>.md, a policydiff repository, or any files "
                    "with --glob), or a folder with one folder of dated files (YYYY-MM-DD….md) per document. "
                    "Pairs already in OUT are skipped: a stopped scan resumes, and a run on a grown archive "
                    "does only the new pairs. A pair that fails is recorded with its error. Exit status: 0 "
                    "when every pair was scanned, 1 when some failed, 2 on error.",
        examples=["policydiff scan ~/versions -o changes.jsonl",
                  "policydiff scan ~/versions -o changes.parquet --jobs 8",
                  "policydiff scan policies-archive/ -o changes.jsonl --glob 'legal/**/*.md'",
                  "policydiff scan ~/versions -o changes.jsonl --dask tcp://scheduler:8786"])
    scan.add_argument("source", metavar="SOURCE", help="a git repository of versions, or a folder of dated files")
    scan.add_argument("-o", "--output", metavar="OUT", required=True,
                      help="the dataset: FILE.jsonl (JSON Lines) or FOLDER.parquet (Parquet; the 'parquet' extra); "
                           "added to, never replaced")
    scan.add_argument("--glob", metavar="GLOB", action="append", default=[],
                      help="the files that are documents, relative to SOURCE ('**' any folders; repeatable; "
                           "default: policies/*.md in a policydiff repository, */*.md in another repository, "
                           "every dated file in a folder)")
    where = scan.add_mutually_exclusive_group()
    where.add_argument("--jobs", "-j", metavar="N", type=count, default=None,
                       help="worker processes on this machine (default: one per core)")
    where.add_argument("--dask", metavar="SCHEDULER",
                       help="run the pairs on this Dask cluster: its scheduler address (tcp://host:8786) or "
                            "scheduler file (the 'dask' extra)")
    scan.add_argument("--worker-source", metavar="PATH",
                      help="with --dask: where the workers find SOURCE, or a clone of it (default: the same path)")
    add_max_size(scan)
    scan.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    scan.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff import __version__
    from policydiff.errors import PolicydiffError
    from policydiff.scan.engine import open_dataset, output_format, rules_fingerprint, run_scan, task_key
    from policydiff.scan.runners import DaskRunner, LocalRunner, Runner, require_dask
    from policydiff.scan.work import ScanSettings

    if output_format(args.output) == "parquet":
        from policydiff.scan.parquet import require_pyarrow

        require_pyarrow(args.output)
    if args.worker_source and not args.dask:
        raise PolicydiffError("--worker-source goes with --dask (local workers read SOURCE itself)")
    runner: Runner
    if args.dask:
        require_dask()
        runner = DaskRunner(args.dask)
    else:
        runner = LocalRunner(args.jobs if args.jobs else _cores())
    team = team_settings(args)
    settings = ScanSettings(__version__, rules_fingerprint(team.config), args.max_size, team.config.notice)

    from policydiff.scan.archive import open_archive

    archive = open_archive(args.source, tuple(args.glob), worker_root=args.worker_source)
    dataset = open_dataset(args.output)
    for note in dataset.notes:
        sys.stderr.write(f"policydiff: note: {one_line(note)}\n")
    todo = len(archive.pairs) - sum(1 for task in archive.pairs if task_key(task, settings) in dataset.done)
    documents = len(archive.documents)
    sys.stderr.write(f"policydiff: scan: {len(archive.pairs)} pairs in {documents} "
                     f"document{'s' if documents != 1 else ''}; "
                     f"{len(archive.pairs) - todo} already in OUT, {todo} to do\n")
    outcome = run_scan(archive, dataset, runner, team.rules, settings)

    from policydiff.scan.summary import summary_table

    write(summary_table(archive.documents, outcome.summaries))
    if outcome.failed:
        sys.stderr.write(f"policydiff: {outcome.failed} pair(s) failed; their errors are in OUT "
                         "(records with status \"failed\")\n")
        return ExitCode.CHANGES
    return ExitCode.OK


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
