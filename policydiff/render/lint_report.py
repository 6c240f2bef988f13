"""`policydiff lint` output: a commitments table and a problems list, as text or JSON."""

from __future__ import annotations

from typing import Any

from policydiff.lint import LintReport
from policydiff.safe import json_text, terminal_safe
from policydiff.render.tree_json import metadata_dict

LINT_SCHEMA = "policydiff.lint/1"


def lint_dict(report: LintReport) -> dict[str, Any]:
    promise = report.notice
    return {
        "schema": LINT_SCHEMA,
        "source": report.document.source,
        "metadata": metadata_dict(report.document.metadata),
        "notice": {"rule": promise.rule, "days": promise.days, "period": promise.period_text,
                   "means": list(promise.means), "law_exception": promise.law_exception,
                   "clause_id": promise.clause_id},
        "commitments": [{"kind": c.kind, "value": c.value, "clause_id": c.clause_id} for c in report.commitments],
        "problems": [{"code": p.code, "detail": p.detail, "clause_id": p.clause_id} for p in report.problems],
    }


def render_lint_json(report: LintReport) -> str:
    return json_text(lint_dict(report))


def render_lint_text(report: LintReport, width: int = 100) -> str:
    document = report.document
    lines = [terminal_safe(f"{document.title or 'policy'} — {document.source}"), "", "commitments:"]
    kind_width = max((len(c.kind) for c in report.commitments), default=10)
    for commitment in report.commitments:
        where = f"  [{commitment.clause_id}]" if commitment.clause_id else ""
        value = terminal_safe(commitment.value)
        room = max(30, width - kind_width - len(where) - 4)
        if len(value) > room:
            value = value[: room - 1] + "…"
        lines.append(f"  {commitment.kind:<{kind_width}}  {value}{where}")
    lines.append("")
    if report.problems:
        lines.append(f"problems ({len(report.problems)}):")
        for problem in report.problems:
            where = f" [{problem.clause_id}]" if problem.clause_id else ""
            lines.append(f"  ! {problem.code}{where}: {terminal_safe(problem.detail)}")
    else:
        lines.append("problems: none found")
    return "\n".join(lines) + "\n"
