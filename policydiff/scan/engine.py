"""One scan, start to end: list the archive, skip the pairs OUT already holds, run the rest, record them.

A pair is done when OUT holds its pair record under the same key: the document, both blob ids, the
policydiff version and the fingerprint of the team's rules. A newer policydiff or changed rules make
every pair due again (their records are added beside the old ones, each naming what made it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from policydiff.config import Config
from policydiff.scan.archive import Archive, PairTask
from policydiff.scan.progress import Progress
from policydiff.scan.records import Key
from policydiff.scan.runners import Runner
from policydiff.scan.summary import PairSummary
from policydiff.scan.work import PairResult, ScanSettings

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
"""OUT's suffix says the format."""


class Dataset(Protocol):
    done: dict[Key, PairSummary]
    notes: list[str]

    def add(self, result: PairResult) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    """What one run did, and every pair of the archive's documents OUT now holds."""

    pairs: int
    """Consecutive pairs in the archive."""
    skipped: int
    """Already in OUT."""
    done: int
    failed: int
    summaries: tuple[PairSummary, ...]


def output_format(path: str) -> str:
    """"jsonl" or "parquet", by OUT's suffix; anything else is an error naming the suffixes."""
    from pathlib import PurePath

    from policydiff.errors import InputError

    suffix = PurePath(path.rstrip("/")).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, "-o OUT must end in .jsonl (JSON Lines) or .parquet (a Parquet dataset folder)")
    return FORMATS[suffix]


def open_dataset(path: str) -> Dataset:
    if output_format(path) == "parquet":
        from policydiff.scan.parquet import ParquetDataset

        return ParquetDataset(path.rstrip("/"))
    from policydiff.scan.jsonl import JsonLines

    return JsonLines(path)


def rules_fingerprint(config: Config) -> str:
    """What in a team's configuration changes a verdict, hashed: "default" for none of it."""
    default = Config()
    relevant: tuple[object, ...] = (config.material_categories, tuple((p.pattern, p.flags) for p in config.ignore_patterns),
                sorted(config.cues.items()), sorted(config.category_cues.items()),
                config.notice.default_days, config.notice.minimum_days)
    baseline: tuple[object, ...] = (default.material_categories, (), [], [], default.notice.default_days, default.notice.minimum_days)
    if relevant == baseline:
        return "default"
    return hashlib.sha256(repr(relevant).encode("utf-8")).hexdigest()[:16]


def task_key(task: PairTask, settings: ScanSettings) -> Key:
    return (task.document, task.old.blob, task.new.blob, settings.policydiff_version, settings.rules)


def run_scan(archive: Archive, dataset: Dataset, runner: Runner, rules: Rules, settings: ScanSettings, *,
             progress: Progress | None = None) -> ScanOutcome:
    """Run every pair of `archive` that `dataset` lacks; the dataset is closed (synced) whatever happens."""
    try:
        todo = [task for task in archive.pairs if task_key(task, settings) not in dataset.done]
        bar = progress or Progress(len(todo))
        bar.total = len(todo)
        failed = 0
        try:
            for result in runner.results(todo, rules, settings):
                dataset.add(result)
                failed += result.pair.status == "failed"
                bar.advance(failed=result.pair.status == "failed")
        finally:
            bar.close()
    finally:
        dataset.close()
    wanted = {task_key(task, settings) for task in archive.pairs}
    summaries = tuple(summary for key, summary in dataset.done.items() if key in wanted)
    return ScanOutcome(len(archive.pairs), len(archive.pairs) - len(todo), len(todo), failed, summaries)
