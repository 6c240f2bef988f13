"""One pull-request comment for every policy file a PR changes: one sentence first, everything else folded.

A reviewer reads the first line and knows what to do; the table beneath it gives one row per file
with its notice verdict; then one section per file (H3 under the comment's one H2) with its verdict
in words, the two commits it was read at (short SHAs, linked where the repository is known), its
material changes in a `<details>` (open for the first file when they are few), each with the
notice email's sentence for it and an inline `<del>`/`<ins>` redline, and its other changes folded
apart. GitHub refuses comments over 65,536 characters, so the other changes go first when the
comment is too long, then the comment is cut, always with a note saying what was left out and how to
see it. Each material change has a stable anchor (`pd-<file>-<clause>`) so a review thread can link to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from policydiff.model import Change, Span, clause_text, section_heading
from policydiff.notice.plain import said_of
from policydiff.pullrequest import FileReport, PrReport
from policydiff.render.pr_summary import first_sentence, notice_cell, what_happened
from policydiff.safe import json_text, markdown_html_safe, markdown_safe
from policydiff.view import ChangeView, DiffView, summary_line

MARKER = "<!-- policydiff:pr-comment -->"
"""The first line of every comment, so the GitHub Action finds and edits its own comment."""
LIMIT = 65_536
"""GitHub's maximum comment body, in characters."""
_BUDGET = LIMIT - 2_000
PR_SCHEMA = "policydiff.pr/1"
OPEN_WHEN_AT_MOST = 5
"""The first file's material changes are shown open when there are this many or fewer."""
_SHORT = 7
_AROUND = 80
"""Unchanged characters kept on each side of an edit in a redline; longer runs are cut with "…"."""
_SERVER = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class Repository:
    """Where the repository is browsed: links to commits and to files at a commit."""

    url: str
    """"https://github.com/owner/name"."""

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Repository | None:
        """From GITHUB_SERVER_URL and GITHUB_REPOSITORY, as Actions sets them; None unless both are sane."""
        server = env.get("GITHUB_SERVER_URL", "").rstrip("/")
        name = env.get("GITHUB_REPOSITORY", "")
        if not _SERVER.fullmatch(server) or not _REPOSITORY.fullmatch(name) or \
                any(part in (".", "..") for part in name.split("/")):
            return None
        return cls(f"{server}/{name}")

    def commit(self, sha: str) -> str:
        return f"{self.url}/commit/{sha}"

    def file(self, sha: str, path: str) -> str:
        return f"{self.url}/blob/{sha}/{quote(path)}"


def render_pr_markdown(report: PrReport, *, limit: int = _BUDGET, repository: Repository | None = None) -> str:
    """The comment, within `limit` characters."""
    head = _header(report, repository)
    first = True
    blocks = []
    for file in report.files:
        blocks.append((_file_block(report, file, repository, open_first=first), _other_block(report, file)))
        first = first and not (file.diff is not None and file.material)
    others = [other for _, other in blocks]

    def joined() -> str:
        return head + "".join(main + other for (main, _), other in zip(blocks, others))

    body = joined()
    for index in sorted(range(len(others)), key=lambda i: -len(others[i])):  # drop the biggest listings first
        if len(body) <= limit:
            break
        if not others[index]:
            continue
        changed = report.files[index].file
        others[index] = (f"<details><summary>Other changes to {markdown_html_safe(changed.path)} omitted: too long "
                         "for one comment</summary>\n\nRun `policydiff diff "
                         f"{report.range.base[:12]}:{_code(changed.old_path or changed.path)} "
                         f"{report.range.head[:12]}:{_code(changed.path)}` to see them.\n\n</details>\n\n")
        body = joined()
    if len(body) > limit:
        note = ("\n\n> [!NOTE]\n> This comment was cut to fit GitHub's size limit. Run `policydiff pr` locally, "
                "or see the job summary, for every change.\n")
        body = body[: limit - len(note)]
        body = body[: body.rfind("\n")]
        if body.count("<details") > body.count("</details>"):
            body += "\n\n</details>" * (body.count("<details") - body.count("</details>"))
        body += note
    return body


def _header(report: PrReport, repository: Repository | None) -> str:
    revisions = report.range
    lines = [MARKER, markdown_safe(first_sentence(report)), ""]
    if report.files:
        lines += ["| Policy | Changes | Material | Notice |", "| --- | --- | ---: | --- |"]
        lines += [_row(file) for file in report.files]
        lines.append("")
    outcome = "fails" if report.failed else "passes"
    lines += [f"<sub>Compared {_sha(revisions.base, repository)} ({markdown_safe(revisions.base_name)}) → "
              f"{_sha(revisions.head, repository)} ({markdown_safe(revisions.head_name)}). This check {outcome}: it "
              f"fails on {_FAIL_ON[report.fail_on]} (`--fail-on {report.fail_on}`).</sub>", ""]
    if report.files:
        lines += ["## Policy by policy", ""]
    return "\n".join(lines) + "\n"


_FAIL_ON = {"notice": "a notice check that does not pass", "material": "any material change",
            "any": "any change to a policy", "never": "nothing"}


def _row(file: FileReport) -> str:
    path = f"`{_code(file.file.path)}`".replace("|", "\\|")  # GFM: a pipe ends the cell even in code
    if file.file.status == "renamed":
        path = f"`{_code(file.file.old_path or '')}`".replace("|", "\\|") + f" → {path}"
    if file.error:
        return f"| {path} | ⚠️ {_cell(file.error)} | — | — |"
    if file.diff is None:
        what = "new policy" if file.file.status == "added" else "policy removed"
        return f"| {path} | {what} ({file.clauses} clause{'' if file.clauses == 1 else 's'}) | — | — |"
    return (f"| {path} | {_cell(summary_line(file.diff).split(' — ')[0])} | {file.material} | "
            f"{_cell(notice_cell(file))} |")


def _file_block(report: PrReport, file: FileReport, repository: Repository | None, *, open_first: bool) -> str:
    changed = file.file
    lines = [f"### `{_code(changed.path)}`", "", markdown_safe(_verdict(file))]
    old, new = (changed.old_path or changed.path), changed.path
    read = []
    if changed.status != "added":
        read.append(f"base {_sha(report.range.base, repository, old)}")
    if changed.status != "removed":
        read.append(f"head {_sha(report.range.head, repository, new)}")
    facts = [" → ".join(read)]
    check = file.check
    if check is not None and check.material:
        promise = f" (`{_code(check.promise.clause_id)}` of the base version)" if check.promise.clause_id else ""
        facts.append(f"required: {markdown_safe(check.required_text)}{promise}")
        facts.append(f"notice date {_iso(check.notice_date)} ({_SOURCE[check.notice_source]}), effective "
                     f"{_iso(check.effective)} ({_SOURCE[check.effective_source]})")
    lines += ["", "<sub>" + " · ".join(facts) + "</sub>", ""]
    if file.diff is None or check is None or not check.material:
        return "\n".join(lines) + "\n"
    view = DiffView(file.diff)
    count = len(check.material)
    opened = " open" if open_first and count <= OPEN_WHEN_AT_MOST else ""
    lines += [f"<details{opened}><summary>{count} material change{'s' if count != 1 else ''}</summary>", ""]
    lines += [_material(file, view, change) for change in check.material]
    notes = [f"- _{markdown_safe(note)}_" for note in check.notes if not note.startswith("notice date:")]
    lines += [*notes, *([""] if notes else []), "</details>", ""]
    return "\n".join(lines) + "\n"


def _verdict(file: FileReport) -> str:
    """The file's verdict as a sentence under its heading: "This policy needs 30 days' notice but gives 6 …"."""
    if file.error:
        return f"Could not be read: {file.error}."
    if file.diff is None:
        return "A new policy file." if file.file.status == "added" else "The policy file is removed."
    return f"This policy {what_happened(file)}."


_SOURCE = {"option": "given", "last-updated": "its last-updated date, standing in for the day users are told",
           "document": "stated", "today": "today, standing in", "missing": "not stated"}


def _material(file: FileReport, diff: DiffView, change: Change) -> str:
    view = diff.of(change)
    clause = change.new or change.old
    anchor = anchor_name(file.file.path, clause.id if clause else "")
    effective = file.check.effective if file.check else None
    assert file.diff is not None
    sentence = said_of(file.diff, change, effective=effective).sentence
    where = f" {markdown_safe(_section(view))}" if _section(view) else ""
    tags = [markdown_safe(", ".join(change.categories))] if change.categories else []
    if view.consent:
        tags.append("🔐 needs fresh consent")
    codes = " ".join(f"`{_code(reason.code)}`" for reason in view.leading_reasons[:3])
    tags.append(f"<sub>{codes}</sub>") if codes else None
    head = f'- <a name="{anchor}"></a>{view.mark} **`{_code(view.location)}`**{where} · {" · ".join(tags)}'
    # the header line ends in a hard break; the redline quote interrupts the sentence's paragraph
    return "\n".join([head.rstrip(" ·") + "\\", f"  {markdown_safe(sentence)}", f"  > {redline(change)}", ""])


def _other_block(report: PrReport, file: FileReport) -> str:
    if file.diff is None or not (file.diff.changes or file.diff.structure):
        return ""
    view = DiffView(file.diff)
    others = [v for v in view.changes() if not v.material]
    renumbered = [v for v in others if v.kind == "renumbered"]
    listed = [v for v in others if v.kind != "renumbered"]
    count = len(others) + len(file.diff.structure)
    if not count and not file.diff.defects:
        return ""
    lines = [f"<details><summary>{count} other change{'s' if count != 1 else ''} "
             f"(editorial){_defects(file)}</summary>", ""]
    lines += [_other(v) for v in listed]
    if renumbered:
        lines.append(f"- ≈ renumbered, words unchanged: {', '.join(_code(v.location) for v in renumbered)}")
    lines += [f"- ≈ structure only: {markdown_safe(entry)}" for entry in view.structure()]
    lines += [f"- ⚠️ `{_code(d.clause_id)}` **{markdown_safe(d.code)}**: {markdown_safe(d.detail)}"
              for d in file.diff.defects]
    lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def _defects(file: FileReport) -> str:
    count = len(file.diff.defects) if file.diff else 0
    return f", {count} defect{'s' if count != 1 else ''} in the new version" if count else ""


def _other(view: ChangeView) -> str:
    where = f" {markdown_safe(_section(view))}" if _section(view) else ""
    reason = view.leading_reasons[0].code if view.leading_reasons else view.severity
    line = f"- {view.mark} `{_code(view.location)}`{where} · {markdown_safe(view.severity)} · `{_code(reason)}`"
    if view.kind == "moved" and not any(s.op != "equal" for s in view.change.spans):
        return line + " · moved, words unchanged"
    return line + f"\n  > {redline(view.change)}"


def redline(change: Change) -> str:
    """The change inline, as GitHub renders it: deleted words in <del>, inserted in <ins>, long unchanged
    runs cut to their ends; a whole clause added or removed is one <ins> or <del>."""
    spans = _balanced(change.spans)
    if not spans:
        text = clause_text(change.new or change.old) or ""
        spans = (Span("insert" if change.old is None else "delete" if change.new is None else "equal", text),)
    out = []
    last = len(spans) - 1
    for index, span in enumerate(spans):
        text = " ".join(span.text.split()) if span.text.strip() else span.text
        if span.op == "equal":
            out.append(markdown_safe(_cut(span.text, first=index == 0, final=index == last)))
        elif text.strip():
            lead = " " if span.text[:1].isspace() else ""
            trail = " " if span.text[-1:].isspace() else ""
            tag = "ins" if span.op == "insert" else "del"
            out.append(f"{lead}<{tag}>{markdown_safe(_cut(text, first=False, final=False, around=600))}</{tag}>"
                       f"{trail}")
    return "".join(out).strip() or "—"


def _balanced(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans whose edit opened a bracket the unchanged text closes ("thirty (30" + ")") take the bracket
    into the edit on both sides, so the redline reads "<del>thirty (30)</del><ins>fifteen (15)</ins>"."""
    out = list(spans)
    for index in range(len(out) - 1):
        following = out[index + 1]
        if following.op != "equal" or not following.text.startswith(")"):
            continue
        edits = [j for j in range(index, max(index - 2, -1), -1) if out[j].op != "equal"]
        if edits and all(out[j].text.count("(") > out[j].text.count(")") for j in edits):
            for j in edits:
                out[j] = Span(out[j].op, out[j].text + ")")
            out[index + 1] = Span("equal", following.text[1:])
    return tuple(span for span in out if span.text)


def _cut(text: str, *, first: bool, final: bool, around: int = _AROUND) -> str:
    """An unchanged run kept to `around` characters next to each edit ("… the start", "the end …")."""
    if len(text) <= around + 10:
        return text
    head, tail = text[:around].rsplit(" ", 1)[0], text[-around:].split(" ", 1)[-1]
    if first and final:
        return head + " …"
    if first:
        return "… " + tail
    if final:
        return head + " …"
    return text if len(text) <= 2 * around + 10 else f"{head} … {tail}"


def _section(view: ChangeView) -> str:
    return section_heading(view.holder) or ""


def _sha(sha: str, repository: Repository | None, path: str | None = None) -> str:
    """A short SHA in code, linked to the commit (or to the file at the commit) where the repository is known."""
    short = f"`{sha[:_SHORT]}`"
    if repository is None:
        return short
    return f"[{short}]({repository.file(sha, path) if path else repository.commit(sha)})"


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


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else "—"

