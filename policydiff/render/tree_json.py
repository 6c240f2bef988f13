"""`policydiff show --format json`: the policydiff.tree/1 contract other tools read.

Keys are stable; new keys may be added, existing ones never change meaning. Dates are ISO strings
or null.
"""

from __future__ import annotations

from typing import Any

from policydiff.model import Clause, Document, Metadata
from policydiff.safe import json_text

TREE_SCHEMA = "policydiff.tree/1"


def tree_dict(document: Document) -> dict[str, Any]:
    return {
        "schema": TREE_SCHEMA,
        "source": document.source,
        "format": document.format,
        "structured": document.structured,
        "notes": list(document.notes),
        "metadata": metadata_dict(document.metadata),
        "clauses": [clause_dict(clause) for clause in document.clauses],
    }


def metadata_dict(meta: Metadata) -> dict[str, Any]:
    def iso(value: Any) -> str | None:
        return value.date.isoformat() if value is not None and value.date is not None else None

    return {
        "title": meta.title,
        "effective_date": iso(meta.effective),
        "last_updated": iso(meta.last_updated),
        "version": meta.version.version if meta.version else None,
        "supersedes": ({"version": meta.supersedes.version,
                        "date": meta.supersedes.date.isoformat() if meta.supersedes.date else None}
                       if meta.supersedes else None),
        "sources": {
            "effective_date": meta.effective.source if meta.effective else None,
            "last_updated": meta.last_updated.source if meta.last_updated else None,
            "version": meta.version.source if meta.version else None,
            "supersedes": meta.supersedes.source if meta.supersedes else None,
        },
    }


def clause_dict(clause: Clause) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": clause.id,
        "number": clause.number,
        "heading": clause.heading,
        "kind": clause.kind,
        "label": clause.label,
        "text": clause.text,
        "lines": list(clause.lines),
        "role": clause.role,
    }
    if clause.kind == "table-row":
        result["cells"] = list(clause.cells)
        result["header"] = clause.header
    result["children"] = [clause_dict(child) for child in clause.children]
    return result


def render_tree_json(document: Document) -> str:
    return json_text(tree_dict(document))
