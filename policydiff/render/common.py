"""What every diff renderer says the same way: clause labels, gutter marks, kind names, summaries."""

from __future__ import annotations

from policydiff.model import Change, Clause, Diff

MARK = {"added": "+", "removed": "-", "modified": "~", "moved": "→", "renumbered": "≈", "split": "⑂",
        "merged": "⑃", "unchanged": " "}
"""A gutter mark per change kind, so colour is never the only signal (and NO_COLOR still reads)."""

KIND_ORDER = ("added", "removed", "modified", "moved", "renumbered", "split", "merged")


def clause_text(clause: Clause | None) -> str | None:
    """The text a change shows for a clause: a section's numbered heading, else label and text."""
    if clause is None:
        return None
    if clause.kind == "section":
        heading = " ".join(part for part in (clause.number, clause.heading) if part)
        return f"{heading} {clause.full_text}".strip() if clause.full_text else heading
    return clause.full_text


def change_location(change: Change) -> str:
    """"3/p2", "5 → 6" or "old 2/item-1 → new 4/item-3": where the change sits."""
    old, new = change.old, change.new
    if old is not None and new is not None and old.id != new.id:
        return f"{old.id} → {new.id}"
    return (new or old).id  # type: ignore[union-attr]


def section_heading(clause: Clause | None) -> str | None:
    """The heading of a section clause, with its number."""
    if clause is None:
        return None
    return " ".join(part for part in (clause.number, clause.heading) if part) or None


def summary_line(diff: Diff) -> str:
    """"3 modified, 1 added, 2 renumbered — 2 material" (or "no changes"), with the changes listed
    apart: "· 1 of structure only · 2 in non-operative text"."""
    counts = diff.summary()
    parts = [f"{counts[kind]} {kind}" for kind in KIND_ORDER if counts[kind]]
    apart = []
    if counts["structure"]:
        apart.append(f"{counts['structure']} of structure only")
    if counts["non_operative"]:
        apart.append(f"{counts['non_operative']} in non-operative text")
    line = ", ".join(parts) + f" — {counts['material']} material" if parts else "no changes"
    return " · ".join([line, *apart]) if apart else line


def structure_entry(change: Change) -> str:
    """One change of structure alone in words: "“Cookies” retitled “Cookies and tracking”"."""
    old, new = change.old, change.new
    if change.kind in ("split", "merged"):
        single, group = (old, change.match.new_extra) if change.kind == "split" else (new, change.match.old_extra)
        other = new if change.kind == "split" else old
        parts = ", ".join(c.id for c in (other, *group) if c is not None)
        if change.kind == "split":
            return f"{single.id if single else '?'} split into {parts}, no word changed"
        return f"{parts} merged into {single.id if single else '?'}, no word changed"
    if change.kind == "added":
        return f"heading added over clauses that stay: “{section_heading(new)}” ({new.id if new else '?'})"
    if change.kind == "removed":
        return f"heading removed, its clauses stay: “{section_heading(old)}” ({old.id if old else '?'})"
    return f"“{section_heading(old)}” retitled “{section_heading(new)}” ({change_location(change)})"


def ordered_changes(diff: Diff, *, material_only: bool = False) -> list[Change]:
    """Material changes first, then the rest, each group in document order."""
    changes = [c for c in diff.changes if c.material or not material_only]
    return [c for c in changes if c.material] + [c for c in changes if not c.material]
