"""The table `policydiff scan` prints at the end: one row per document, from every pair OUT holds.

The rows count the pairs already in OUT from earlier runs as well as this run's, so a nightly run
that did ten pairs still shows each document's whole picture. Document names are untrusted (a file
name in someone's archive): they reach the terminal through safe.terminal_safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from policydiff.safe import terminal_safe
from policydiff.scan.records import PairRecord


@dataclass(frozen=True, slots=True)
class PairSummary:
    """What the table needs of one pair record."""

    document: str
    failed: bool
    material: bool
    """At least one material change."""
    noise_only: bool
    notice_failed: bool
    """Material changes whose notice verdict does not pass (not compliant, consent, unverifiable)."""
    new: bool = False
    """Done by this run (not read back from OUT)."""

    @classmethod
    def of(cls, record: PairRecord | dict[str, Any], *, new: bool = False) -> PairSummary:
        get = record.get if isinstance(record, dict) else (lambda name: getattr(record, name))
        failed = get("status") == "failed"
        return cls(str(get("document")), failed, bool(get("material_changes")), bool(get("noise_only")),
                   not failed and get("notice_passed") is False, new)


HEADINGS = ("document", "pairs", "new", "material", "noise-only", "notice", "failed")


def summary_table(documents: Iterable[str], pairs: Iterable[PairSummary]) -> str:
    """Per document: pairs in OUT, done this run, with material changes, noise only, notice not
    passing, failed; and a total line."""
    rows: dict[str, list[int]] = {document: [0] * 6 for document in documents}
    for pair in pairs:
        row = rows.setdefault(pair.document, [0] * 6)
        for column, counted in enumerate((True, pair.new, pair.material, pair.noise_only, pair.notice_failed,
                                          pair.failed)):
            row[column] += int(counted)
    total = [sum(row[column] for row in rows.values()) for column in range(6)]
    lines = [[terminal_safe(document), *map(str, row)] for document, row in rows.items()]
    lines.append([f"total ({len(rows)} document{'s' if len(rows) != 1 else ''})", *map(str, total)])
    width = [max(len(cells[column]) for cells in [list(HEADINGS), *lines]) for column in range(len(HEADINGS))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width[0]) if column == 0 else cell.rjust(width[column])
                         for column, cell in enumerate(cells)).rstrip()

    rule = "  ".join("-" * size for size in width)
    return "\n".join([line(list(HEADINGS)), rule, *map(line, lines[:-1]), rule, line(lines[-1])])
