"""`policydiff diff --format json`: the policydiff.diff/1 contract (schema in policydiff/schemas).

Keys are stable and documented in README; new keys may be added, existing ones never change meaning.
"""

from __future__ import annotations

from typing import Any

from policydiff.model import Change, Clause, Diff, Document, clause_text
from policydiff.safe import json_text

DIFF_SCHEMA = "policydiff.diff/1"


def diff_dict(diff: Diff, *, material_only: bool = False) -> dict[str, Any]:
    changes = [c for c in diff.changes if c.material or not material_only]
    return {
        "schema": DIFF_SCHEMA,
        "old": document_info(diff.old),
        "new": document_info(diff.new),
        "summary": diff.summary(),
        "changes": [change_dict(change) for change in changes],
        "structure": [change_dict(change) for change in diff.structure if not material_only],
        "non_operative": [change_dict(change) for change in diff.non_operative if not material_only],
        "defects": [{"code": d.code, "clause_id": d.clause_id, "quote": d.quote, "detail": d.detail}
                    for d in diff.defects],
    }


def document_info(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {
        "source": document.source,
        "title": meta.title,
        "version": meta.version.version if meta.version else None,
        "effective_date": meta.effective.date.isoformat() if meta.effective and meta.effective.date else None,
        "last_updated": meta.last_updated.date.isoformat() if meta.last_updated and meta.last_updated.date else None,
        "language": document.language,
    }


def change_dict(change: Change) -> dict[str, Any]:
    match = change.match
    old, new = match.old, match.new
    clause = new or old
    assert clause is not None
    return {
        "kind": change.kind,
        "old_id": old.id if old else None,
        "new_id": new.id if new else None,
        "old_number": old.number if old else None,
        "new_number": new.number if new else None,
        "old_heading": _heading(match.old_section),
        "new_heading": _heading(match.new_section),
        "old_text": clause_text(old),
        "new_text": clause_text(new),
        "similarity": round(match.similarity, 4),
        "material": change.material,
        "severity": change.severity,
        "categories": list(change.categories),
        "reasons": [{"code": r.code, "detail": r.detail, "severity": r.severity} for r in change.reasons],
        "direction": change.direction,
        "consent": change.consent,
        "clause_kind": clause.kind,
        "old_lines": list(old.lines) if old else None,
        "new_lines": list(new.lines) if new else None,
        "old_extra_ids": [c.id for c in match.old_extra],
        "new_extra_ids": [c.id for c in match.new_extra],
        "spans": [{"op": span.op, "text": span.text} for span in change.spans],
        "old_contents": _contents(match.contents) if old is not None and new is None else [],
        "new_contents": _contents(match.contents) if new is not None and (old is None or change.kind == "moved") else [],
    }


def _contents(clauses: tuple[Clause, ...]) -> list[dict[str, Any]]:
    return [{"id": clause.id, "text": clause_text(clause)} for clause in clauses]


def _heading(section: Clause | None) -> str | None:
    return section.heading if section is not None else None


def render_json_diff(diff: Diff, *, material_only: bool = False) -> str:
    return json_text(diff_dict(diff, material_only=material_only))

