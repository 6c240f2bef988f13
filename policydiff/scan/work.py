"""One unit of work, wherever it runs: read two versions by blob id, diff, check, and make the records.

`run_pair` is what a process-pool worker or a Dask worker calls. Everything it needs comes in its
arguments (the task, the team's Rules, the settings): no global, so one process can run pairs of two
teams side by side, and a Dask worker needs only policydiff and the archive. It never raises: a pair
that cannot be read or diffed comes back as a failed pair record with its one-line error.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from policydiff.config import NoticeSettings
from policydiff.errors import PolicydiffError
from policydiff.model import Change, Diff, Document, Metadata, clause_text
from policydiff.scan.archive import PairTask, Version
from policydiff.scan.records import SCHEMA, ChangeRecord, PairRecord, Reason

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules
    from policydiff.notice.window import NoticeCheck


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """What every pair of one scan is read and checked with, besides the rules."""

    policydiff_version: str
    rules: str
    """The fingerprint of the rules and notice settings (records.Record.rules)."""
    max_bytes: int
    notice: NoticeSettings


@dataclass(frozen=True, slots=True)
class PairResult:
    """What one pair gave: its pair record, and its change records (none when it failed)."""

    pair: PairRecord
    changes: tuple[ChangeRecord, ...] = ()


def run_pair(task: PairTask, rules: Rules, settings: ScanSettings) -> PairResult:
    """Diff and check one pair; any failure becomes a failed pair record, never an exception."""
    from policydiff.gcpause import paused_gc

    start = time.perf_counter()
    try:
        with paused_gc():
            return _diffed(task, rules, settings, start)
    except PolicydiffError as error:
        message = str(error)
    except RecursionError:
        message = "internal error: the document is nested too deeply to diff"
    except Exception as error:  # a bug on one pair must not stop an archive's scan
        message = f"internal error: {type(error).__name__}: {error}"
    return PairResult(_failed(task, settings, " ".join(message.split()), time.perf_counter() - start))


def _diffed(task: PairTask, rules: Rules, settings: ScanSettings, start: float) -> PairResult:
    from policydiff.api import diff_documents
    from policydiff.notice.window import check_notice

    old, new = _documents(task, settings.max_bytes)
    diff = diff_documents(old, new, rules=rules)
    check = check_notice(diff, settings=settings.notice, today=date.fromisoformat(task.new.date))
    common = _common(task, settings)
    changes = tuple(_change_record(common, index, change) for index, change in enumerate(diff.changes))
    pair = _pair_record(common, diff, check, time.perf_counter() - start)
    return PairResult(pair, changes)


def _documents(task: PairTask, max_bytes: int) -> tuple[Document, Document]:
    from policydiff.parse import parse_source
    from policydiff.read import read_bytes

    old, new = (parse_source(read_bytes(data, name=_name(version), suffix=PurePosixPath(version.path).suffix,
                                        max_bytes=max_bytes))
                for version, data in zip((task.old, task.new), _contents(task, max_bytes)))
    return old, new


def _contents(task: PairTask, max_bytes: int) -> list[bytes]:
    if task.kind == "git":
        from policydiff.store.plumbing import read_blobs

        return read_blobs(Path(task.root), [task.old.blob, task.new.blob])
    from policydiff.files import read_regular

    return [read_regular(Path(task.root) / version.path, max_bytes, hint=" (raise it with --max-size)")
            for version in (task.old, task.new)]


def _name(version: Version) -> str:
    """How messages name a version: the file, and the commit that recorded it."""
    return f"{version.path}@{version.commit[:12]}" if version.commit else version.path


def _common(task: PairTask, settings: ScanSettings) -> dict[str, Any]:
    return {"schema": SCHEMA, "document": task.document, "old_path": task.old.path, "new_path": task.new.path,
            "old_commit": task.old.commit, "new_commit": task.new.commit, "old_date": task.old.date,
            "new_date": task.new.date, "old_blob": task.old.blob, "new_blob": task.new.blob,
            "policydiff_version": settings.policydiff_version, "rules": settings.rules}


def _change_record(common: dict[str, Any], index: int, change: Change) -> ChangeRecord:
    match = change.match
    old, new = match.old, match.new
    clause = new or old
    assert clause is not None
    return ChangeRecord(
        **common, record="change", index=index, kind=change.kind,
        old_id=old.id if old else None, new_id=new.id if new else None,
        old_heading=match.old_section.heading if match.old_section else None,
        new_heading=match.new_section.heading if match.new_section else None,
        clause_kind=clause.kind, similarity=round(match.similarity, 4), material=change.material,
        severity=change.severity, categories=tuple(change.categories), direction=change.direction,
        consent=change.consent, reason_codes=tuple(reason.code for reason in change.reasons),
        reasons=tuple(Reason(reason.code, reason.detail, reason.severity) for reason in change.reasons),
        old_text=clause_text(old), new_text=clause_text(new))


def _pair_record(common: dict[str, Any], diff: Diff, check: NoticeCheck, seconds: float) -> PairRecord:
    summary = diff.summary()
    old, new = diff.old.metadata, diff.new.metadata
    return PairRecord(
        **common, record="pair", status="ok", error=None, changes=len(diff.changes),
        material_changes=summary["material"], consent_changes=sum(1 for c in diff.changes if c.material and c.consent),
        added=summary["added"], removed=summary["removed"], modified=summary["modified"], moved=summary["moved"],
        renumbered=summary["renumbered"], split=summary["split"], merged=summary["merged"],
        structure=summary["structure"], non_operative=summary["non_operative"], defects=len(diff.defects),
        noise_only=not diff.changes, notice_verdict=check.verdict, notice_passed=check.passed,
        notice_days_given=check.days_given, notice_days_required=check.days_required,
        old_title=old.title, new_title=new.title, old_version=_version(old), new_version=_version(new),
        old_effective=_effective(old), new_effective=_effective(new), old_language=diff.old.language,
        new_language=diff.new.language, seconds=round(seconds, 4))


def _failed(task: PairTask, settings: ScanSettings, message: str, seconds: float) -> PairRecord:
    return PairRecord(
        **_common(task, settings), record="pair", status="failed", error=message,
        changes=0, material_changes=0, consent_changes=0, added=0, removed=0, modified=0, moved=0, renumbered=0,
        split=0, merged=0, structure=0, non_operative=0, defects=0, noise_only=False, notice_verdict=None,
        notice_passed=None, notice_days_given=None, notice_days_required=None, old_title=None, new_title=None,
        old_version=None, new_version=None, old_effective=None, new_effective=None, old_language=None,
        new_language=None, seconds=round(seconds, 4))


def _version(meta: Metadata) -> str | None:
    return meta.version.version if meta.version else None


def _effective(meta: Metadata) -> str | None:
    return meta.effective.date.isoformat() if meta.effective and meta.effective.date else None
