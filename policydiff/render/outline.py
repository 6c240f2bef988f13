"""`policydiff show`: the clause tree as an indented outline a reviewer can scan.

Each line names a clause's id, its kind and its heading (or first words), indented by depth, so the
ids printed here are the ones every other command accepts and reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from policydiff.model import Clause, Document
from policydiff.safe import terminal_safe

_KIND_LABEL = {"section": "section", "paragraph": "para", "list-item": "item", "table-row": "row"}


def render_outline(document: Document, width: int = 100) -> str:
    lines = [_summary(document)]
    lines.extend(_metadata_lines(document))
    lines.extend(f"note: {note}" for note in document.notes)
    lines.append("")
    id_width = min(28, max((len(c.id) for c in document.walk()), default=4))
    for clause, depth in _walk_depth(document.clauses, 0):
        lines.append(_row(clause, depth, id_width, width))
    return "\n".join(lines) + "\n"


def _summary(document: Document) -> str:
    body = list(document.body())
    sections = sum(1 for c in document.clauses if c.role == "body" and c.kind == "section")
    title = terminal_safe(document.title or "(untitled)")
    return f"{title} — {document.format}, {sections} top-level sections, {len(body)} clauses  [{terminal_safe(document.source)}]"


def _metadata_lines(document: Document) -> list[str]:
    meta = document.metadata
    facts = []
    if meta.version and meta.version.version:
        facts.append(f"version {meta.version.version}")
    for label, value in (("effective", meta.effective), ("last updated", meta.last_updated)):
        if value is not None:
            when = value.date.isoformat() if value.date else value.source
            facts.append(f"{label} {when}" + (" (a month only: its first day)" if value.precision == "month" else ""))
    if meta.supersedes:
        sup = meta.supersedes
        when = f" ({sup.date.isoformat()})" if sup.date else ""
        facts.append(f"supersedes {sup.version or sup.source}{when}")
    return [terminal_safe(" · ".join(facts))] if facts else []


def _walk_depth(clauses: tuple[Clause, ...], depth: int) -> Iterator[tuple[Clause, int]]:
    for clause in clauses:
        yield clause, depth
        yield from _walk_depth(clause.children, depth + 1)


def _row(clause: Clause, depth: int, id_width: int, width: int) -> str:
    indent = "  " * depth
    kind = _KIND_LABEL[clause.kind] if clause.role == "body" else clause.role
    number = f"{clause.number} " if clause.number else ""
    words = terminal_safe(f"{number}{clause.display}")
    prefix = f"{indent}{clause.id}".ljust(id_width + 2 * depth) + f"  {kind:<9} "
    room = max(20, width - len(prefix))
    if len(words) > room:
        words = words[: room - 1].rstrip() + "…"
    return prefix + words
