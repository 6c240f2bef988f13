"""What every diff renderer says the same way: clause labels, gutter marks, kind names, summaries."""

from __future__ import annotations

from policydiff.model import Change, Diff

MARK = {"added": "+", "removed": "-", "modified": "~", "moved": "→", "renumbered": "≈", "split": "⑂",
        "merged": "⑃", "unchanged": " "}
"""A gutter mark per change kind, so colour is never the only signal (and NO_COLOR still reads)."""

KIND_ORDER = ("added", "removed", "modified", "moved", "renumbered", "split", "merged")


def change_location(change: Change) -> str:
    """"3/p2", "5 → 6" or "old 2/item-1 → new 4/item-3": where the change sits."""
    old, new = change.old, change.new
    if old is not None and new is not None and old.id != new.id:
        return f"{old.id} → {new.id}"
    return (new or old).id  # type: ignore[union-attr]


def summary_line(diff: Diff) -> str:
    """"3 modified, 1 added, 2 renumbered — 2 material" (or "no changes")."""
    counts = diff.summary()
    parts = [f"{counts[kind]} {kind}" for kind in KIND_ORDER if counts[kind]]
    if not parts:
        return "no changes"
    return ", ".join(parts) + f" — {counts['material']} material"


def ordered_changes(diff: Diff, *, material_only: bool = False) -> list[Change]:
    """Material changes first, then the rest, each group in document order."""
    changes = [c for c in diff.changes if c.material or not material_only]
    return [c for c in changes if c.material] + [c for c in changes if not c.material]
