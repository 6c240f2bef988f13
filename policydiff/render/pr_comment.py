"""One pull-request comment for every policy file a PR changes: verdicts first, details folded.

A reviewer reads the comment top-down and stops when they know enough: the summary table (one row
per file, with its notice verdict), then the material changes with the reasons and the notice
figures, then each file's full clause diff folded in `<details>`. GitHub refuses comments over
65,536 characters, so the folded diffs go first when the comment is too long, then the material
lists are cut, always with a note saying what was left out and how to see it. Each material change
has a stable anchor (`pd-<file>-<clause>`) so a review thread can link to it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from policydiff.model import Change
from policydiff.pullrequest import FileReport, PrReport
from policydiff.safe import json_text, markdown_html_safe, markdown_safe
from policydiff.view import DiffView, summary_line

MARKER = "<!-- policydiff:pr-comment -->"
"""The first line of every comment, so the GitHub Action finds and edits its own comment."""
LIMIT = 65_536
"""GitHub's maximum comment body, in characters."""
_BUDGET = LIMIT - 2_000
PR_SCHEMA = "policydiff.pr/1"


def render_pr_markdown(report: PrReport, *, limit: int = _BUDGET) -> str:
    """The comment, within `limit` characters."""
    head = _header(report)
    blocks = [(_material_block(file), _details_block(file)) for file in report.files]
    details = [d for _, d in blocks]
    body = head + "".join(m + d for (m, _), d in zip(blocks, details))
    for index in sorted(range(len(details)), key=lambda i: -len(details[i])):  # drop the biggest diffs first
        if len(body) <= limit:
            break
        file = report.files[index].file
        details[index] = (f"<details><summary>Full clause diff of {markdown_html_safe(file.path)} omitted: too long "
                          "for one comment</summary>\n\nRun `policydiff diff "
                          f"{report.range.base[:12]}:{_code(file.old_path or file.path)} "
                          f"{report.range.head[:12]}:{_code(file.path)}` to see it.\n\n</details>\n\n")
        body = head + "".join(m + d for (m, _), d in zip(blocks, details))
    if len(body) > limit:
        note = ("\n\n> [!NOTE]\n> This comment was cut to fit GitHub's size limit. Run `policydiff pr` locally, "
                "or see the job summary, for every change.\n")
        body = body[: limit - len(note)]
        body = body[: body.rfind("\n")] + note
    return body


def _header(report: PrReport) -> str:
    revisions = report.range
    files = report.files
    failing = report.failed
    title = ("no policy files changed" if not files else
             f"{len(files)} policy file{'s' if len(files) != 1 else ''} changed")
    verdict = "❌ fails" if failing else "✅ passes"
    lines = [MARKER, f"## policydiff: {title} — {verdict} `--fail-on {report.fail_on}`", "",
             f"Comparing `{revisions.base[:7]}` ({markdown_safe(revisions.base_name)}) → `{revisions.head[:7]}` "
             f"({markdown_safe(revisions.head_name)}).", ""]
    if files:
        lines += ["| File | Changes | Material | Notice |", "| --- | --- | ---: | --- |"]
        lines += [_row(file) for file in files]
        lines.append("")
    return "\n".join(lines) + "\n"


def _row(file: FileReport) -> str:
    path = f"`{_code(file.file.path)}`".replace("|", "\\|")  # GFM: a pipe ends the cell even in code
    if file.file.status == "renamed":
        path = f"`{_code(file.file.old_path or '')}`".replace("|", "\\|") + f" → {path}"
    if file.error:
        return f"| {path} | ⚠ {_cell(file.error)} | — | — |"
    if file.diff is None:
        what = "new policy file" if file.file.status == "added" else "policy file removed"
        return f"| {path} | {what} ({file.clauses} clause{'' if file.clauses == 1 else 's'}) | — | — |"
    return (f"| {path} | {_cell(summary_line(file.diff).split(' — ')[0])} | {file.material} | "
            f"{_verdict(file)} |")


def _verdict(file: FileReport) -> str:
    check = file.check
    if check is None:
        return "—"
    mark = "✅" if check.passed else ("⚠️" if check.verdict == "unverifiable" else "❌")
    return f"{mark} {_cell(check.headline())}"


def _material_block(file: FileReport) -> str:
    if file.diff is None or not file.check or (not file.material and file.check.passed):
        return ""
    check = file.check
    lines = [f"### {_verdict(file)} · `{_code(file.file.path)}`", ""]
    if check.material:
        promise = f"`{_code(check.promise.clause_id)}` of the base version" if check.promise.clause_id else "base version"
        lines.append(f"- **Required notice:** {markdown_safe(check.required_text)} ({promise})")
        lines.append(f"- **Notice date:** {_iso(check.notice_date)} ({check.notice_source}) · **Effective:** "
                     f"{_iso(check.effective)} ({check.effective_source})"
                     + (f" · **Earliest compliant:** {_iso(check.earliest)}" if check.verdict == "not-compliant"
                        else ""))
        lines += [f"- _{markdown_safe(note)}_" for note in check.notes]
        lines.append("")
        view = DiffView(file.diff)
        for change in check.material:
            lines.append(_change_line(file, view, change))
        lines.append("")
    return "\n".join(lines) + "\n"


def _change_line(file: FileReport, diff: DiffView, change: Change) -> str:
    view = diff.of(change)
    clause = change.new or change.old
    anchor = anchor_name(file.file.path, clause.id if clause else "")
    why = "; ".join(f"**{r.code}** {markdown_safe(r.detail)}" for r in view.leading_reasons[:3])
    consent = " · 🔐 needs fresh consent" if view.consent else ""
    categories = f" ({markdown_safe(', '.join(change.categories))})" if change.categories else ""
    return f'- <a name="{anchor}"></a>{view.mark} `{_code(view.location)}`{categories}{consent} — {why}'


def _details_block(file: FileReport) -> str:
    if file.diff is None or not file.diff.changes:
        return ""
    from policydiff.render.diff_markdown import render_markdown_diff

    inner = render_markdown_diff(file.diff).replace("\n## ", "\n#### ").replace("\n### ", "\n#### ")
    inner = re.sub(r"^## ", "#### ", inner)
    summary = markdown_html_safe(f"Full clause diff of {file.file.path} ({len(file.diff.changes)} changes)")
    return f"<details><summary>{summary}</summary>\n\n{inner}\n</details>\n\n"


def anchor_name(path: str, clause_id: str) -> str:
    """A stable, HTML-safe anchor for a clause of a file: "pd-policies-privacy-md-3-p2"."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{path}-{clause_id}".lower()).strip("-")
    return f"pd-{slug}"[:120]


def pr_dict(report: PrReport) -> dict[str, Any]:
    from policydiff.render.check_report import check_dict
    from policydiff.render.diff_json import diff_dict

    revisions = report.range
    return {
        "schema": PR_SCHEMA,
        "base": revisions.base, "head": revisions.head,
        "base_name": revisions.base_name, "head_name": revisions.head_name,
        "fail_on": report.fail_on, "failed": report.failed,
        "files": [{
            "path": file.file.path, "old_path": file.file.old_path, "status": file.file.status,
            "error": file.error, "material": file.material,
            "check": check_dict(file.check, file.diff) if file.check and file.diff else None,
            "diff": diff_dict(file.diff) if file.diff else None,
        } for file in report.files],
    }


def render_pr_json(report: PrReport) -> str:
    return json_text(pr_dict(report))


def _code(text: str) -> str:
    """Text for inside a `code span`: backticks and line breaks removed (a code span cannot escape them)."""
    return " ".join(text.replace("`", "'").split())


def _cell(text: str) -> str:
    return markdown_safe(text).replace("|", "\\|")


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"
