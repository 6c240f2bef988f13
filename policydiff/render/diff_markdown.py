"""A Diff as a GitHub pull-request comment: what changed in a policy, material first, readable in review.

Reviewers read these comments on GitHub, so the layout is GitHub's: a summary table, one `####` block
per change with its gutter mark, deleted words struck through and inserted words in bold, renumbering
folded into one line (it is noise once the text is known to be the same), and long text tucked into
`<details>`. Every piece of policy text is untrusted: it goes through `markdown_safe` (or
`markdown_html_safe` inside raw HTML) so a policy cannot inject HTML, ping people or break the tables.
"""

from __future__ import annotations

from policydiff.model import Clause, Diff, Document, Match, Span, clause_text, section_heading
from policydiff.safe import markdown_html_safe, markdown_safe, terminal_safe
from policydiff.view import KIND_ORDER, MARK, ChangeView, DiffView, language_note

LONG = 600
"""A clause longer than this (in characters) is shown as an excerpt, its full text in <details>."""
EXCERPT = 80
"""Characters of unchanged text kept either side of an edit in an excerpt."""
CONTEXT_CHARS = 300
_MARKER = {"delete": "~~", "insert": "**"}
_TAG = {"~~": "del", "**": "strong"}
"""The HTML GitHub renders each marker to, written out where the marker cannot open or close."""


def render_markdown_diff(diff: Diff, *, material_only: bool = False, context: int = 0) -> str:
    """The diff as GitHub Markdown; `context` unchanged sibling clauses are shown around each change."""
    title, old, new = (markdown_safe(text) for text in (_title(diff), _version(diff.old), _version(diff.new)))
    if not diff.changes and not diff.structure and not diff.non_operative:
        return f"**{title}**: no changes between {old} and {new}.\n"
    out = [f"## {title}: {old} → {new}", "", *_versions_table(diff), "", *_summary_table(diff), ""]
    if note := language_note(diff):
        out[-1:-1] = ["", f"_Language: {markdown_safe(note)}_"]
    changes = DiffView(diff, context).ordered(material_only=material_only)
    if material_only and len(changes) < len(diff.changes):
        out += [f"*Showing material changes only; {len(diff.changes) - len(changes)} other changes hidden.*", ""]
    material = [c for c in changes if c.material]
    other = [c for c in changes if not c.material and c.kind != "renumbered"]
    renumbered = [c for c in changes if not c.material and c.kind == "renumbered"]
    if material:
        out += [f"### Material changes ({len(material)})", ""]
    for change in material:
        out += _change(change)
    view = DiffView(diff, context)
    structure = [] if material_only else view.structure()
    if other or renumbered or structure:
        out += [f"### Other changes ({len(other) + len(renumbered) + len(structure)})", ""]
        if renumbered:
            moves = ", ".join(markdown_safe(c.location) for c in renumbered)
            out += [f"{MARK['renumbered']} **Renumbered (no text change):** {moves}", ""]
        if structure:
            out += [f"{MARK['renumbered']} **Structure only (no term changed):** "
                    + "; ".join(markdown_safe(entry) for entry in structure), ""]
        for change in other:
            out += _change(change)
    if not changes:
        out += ["No material changes.", ""]
    if diff.non_operative and not material_only:
        out += [f"### Non-operative text ({len(diff.non_operative)})", "",
                "*Banners, summaries of changes and change logs: not part of the terms, never material.*", ""]
        for change in view.non_operative():
            out += _change(change)
    if diff.defects:
        out += [f"### Defects in the new version ({len(diff.defects)})", ""]
        out += [f"- ⚠ `{markdown_safe(d.clause_id)}` **{d.code}**: {markdown_safe(d.detail)}" for d in diff.defects]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _title(diff: Diff) -> str:
    old, new = diff.old.title, diff.new.title
    if old and new and old != new:
        return f"{old} → {new}"
    return new or old or "Untitled policy"


def _version(document: Document) -> str:
    meta = document.metadata
    if meta.version and meta.version.version:
        return f"version {meta.version.version}"
    return document.source


def _versions_table(diff: Diff) -> list[str]:
    def facts(document: Document) -> tuple[str, str, str]:
        meta = document.metadata
        effective = (meta.effective.date.isoformat() if meta.effective.date else meta.effective.source
                     ) if meta.effective else "—"
        return document.source, (meta.version.version if meta.version else None) or "—", effective

    rows = zip(("Source", "Version", "Effective"), facts(diff.old), facts(diff.new))
    return ["| | Old | New |", "|:--|:--|:--|",
            *(f"| {label} | {markdown_safe(old)} | {markdown_safe(new)} |" for label, old, new in rows)]


def _summary_table(diff: Diff) -> list[str]:
    counts = diff.summary()
    rows = [f"| {MARK[kind]} {kind} | {counts[kind]} |" for kind in KIND_ORDER if counts[kind]]
    return ["| Change | Count |", "|:--|--:|", *rows, f"| **material** | **{counts['material']}** |"]


_DIRECTION = {"expands": " · expands what the company may do", "restricts": " · restricts what the company may do"}


def _change(view: ChangeView) -> list[str]:
    change = view.change
    heading = section_heading(view.section)
    title = f"#### {view.mark} {change.kind.capitalize()} · {markdown_safe(view.ids)}"
    out = [title + (f" · {markdown_safe(heading)}" if heading else ""), ""]
    reasons = "; ".join(f"{markdown_safe(r.code)}: {markdown_safe(r.detail)}" for r in change.reasons)
    categories = f" · categories: {markdown_safe(', '.join(change.categories))}" if change.categories else ""
    verdict = _DIRECTION[view.direction] if view.direction else ""
    if view.consent:
        verdict += " · ⚠ **fresh opt-in consent expected** before applying it to data already collected"
    out += [f"**{view.severity}**{categories}{verdict}" + (f" — {reasons}" if reasons else ""), ""]
    if view.before:
        out += ["*Unchanged before:*", "", *_context_lines(view.before, view.on_new), ""]
    out += _body(view)
    if view.after:
        out += ["*Unchanged after:*", "", *_context_lines(view.after, view.on_new), ""]
    return out


def _body(view: ChangeView) -> list[str]:
    change = view.change
    clause = change.new or change.old
    assert clause is not None
    if change.kind in ("added", "removed"):
        label = "Added" if change.kind == "added" else "Removed"
        if clause.kind == "section":
            parts = [clause, *change.match.contents]
            return _details(f"{label} section: {clause_text(clause)} ({len(parts)} clauses)", _quote_clauses(parts))
        text = clause_text(clause) or ""
        if len(text) > LONG:
            return _details(f"{label} text ({len(text):,} characters)", [_quote(markdown_safe(text)), ""])
        return [f"{label}:", "", _quote(markdown_safe(text)), ""]
    if change.kind == "moved" and change.match.similarity >= 1.0:
        old = change.old
        assert old is not None
        if clause.kind == "section":
            children = sum(1 for _ in old.walk()) - 1
            moved_from = f"Moved from {old.id}, with its {children} clause{'s' * (children != 1)}; words unchanged."
        else:
            where = section_heading(change.match.old_section)
            moved_from = f"Moved from {old.id}" + (f" (in {where})" if where else "") + "; words unchanged:"
        return [markdown_safe(moved_from), "", _quote(markdown_safe(clause_text(clause) or "")), ""]
    if all(span.op == "equal" for span in change.spans):
        text = "".join(span.text for span in change.spans)
        if len(text) > LONG:
            return _details(f"Words unchanged ({len(text):,} characters)", [_quote(markdown_safe(text)), ""])
        return ["Words unchanged:", "", _quote(markdown_safe(text)), ""]
    before = _redline(change.spans, "delete")
    after = _redline(change.spans, "insert")
    full = ["Before:", "", _quote(before), "", "After:", "", _quote(after), ""]
    old_length = sum(len(s.text) for s in change.spans if s.op != "insert")
    new_length = sum(len(s.text) for s in change.spans if s.op != "delete")
    if max(old_length, new_length) <= LONG:
        return full
    excerpt = _redline(_excerpt(change.spans), "both")
    return ["Changed words (excerpt):", "", _quote(excerpt), "",
            *_details(f"Full text before and after ({old_length:,} → {new_length:,} characters)", full)]


def _redline(spans: tuple[Span, ...] | list[Span], show: str) -> str:
    """Spans as Markdown: equal text, plus deletions as ~~x~~ and/or insertions as **x**."""
    visible: list[Span] = []
    for span in spans:
        if span.op == "equal" or show in (span.op, "both"):
            same = bool(visible) and visible[-1].op == span.op
            visible[-1:] = [Span(span.op, visible[-1].text + span.text)] if same else [*visible[-1:], span]
    pieces: list[tuple[str, str]] = []  # (marker, escaped text); marker "" for plain text
    for span in visible:
        if span.op == "equal":
            pieces.append(("", markdown_safe(span.text)))
        elif markdown_safe(span.text.strip()):  # not only spaces, nor only characters markdown_safe drops
            core = span.text.strip()
            lead, trail = span.text[:len(span.text) - len(span.text.lstrip())], span.text[len(span.text.rstrip()):]
            pieces += [("", lead), (_MARKER[span.op], markdown_safe(core)), ("", trail)]
        else:
            pieces.append(("", terminal_safe(span.text)))  # changed whitespace (or invisible marks): unmarked
    out = ""
    for i, (marker, text) in enumerate(pieces):
        if not marker:
            out += text
            continue
        following = next((m + t for m, t in pieces[i + 1:] if m + t), "")
        # GitHub only opens/closes ** and ~~ beside punctuation when the other side is space or punctuation
        # ("information**, except**"): there the same emphasis is written as the HTML it renders to, so no
        # invisible character is needed to make the delimiters count.
        opens = not (_punct(text[0]) and out and not (_punct(out[-1]) or out[-1].isspace()))
        closes = not (_punct(text[-1]) and following and not (_punct(following[0]) or following[0].isspace()))
        tag = _TAG[marker]
        out += f"{marker}{text}{marker}" if opens and closes else f"<{tag}>{text}</{tag}>"
    return out


def _punct(char: str) -> bool:
    return not char.isalnum() and not char.isspace()


def _excerpt(spans: tuple[Span, ...]) -> list[Span]:
    """The spans with long unchanged runs cut down to EXCERPT characters beside each edit."""
    kept: list[Span] = []
    for i, span in enumerate(spans):
        text = span.text
        if span.op == "equal" and len(text) > 2 * EXCERPT + 5:
            head = text[:EXCERPT].rsplit(" ", 1)[0] if i > 0 else ""
            tail = text[-EXCERPT:].split(" ", 1)[-1] if i < len(spans) - 1 else ""
            text = (f"{head} … {tail}" if head and tail else f"{head} …" if head else f"… {tail}")
        kept.append(Span(span.op, text))
    return kept


def _quote_clauses(clauses: list[Clause]) -> list[str]:
    out: list[str] = []
    for clause in clauses:
        text = markdown_safe(clause_text(clause) or "")
        prefix = "- " if clause.kind == "list-item" else ""
        out += [_quote(f"{prefix}{'**' + text + '**' if clause.kind == 'section' and text else text}"), ">"]
    return out[:-1] + [""]


def _context_lines(matches: tuple[Match, ...], on_new: bool) -> list[str]:
    """Unchanged clauses, cut to CONTEXT_CHARS, as they stand on the change's side."""
    out: list[str] = []
    for match in matches:
        clause = match.new if on_new else match.old
        assert clause is not None
        text = clause_text(clause) or ""
        if len(text) > CONTEXT_CHARS:
            text = text[:CONTEXT_CHARS].rstrip() + " …"
        out += [_quote(f"*{markdown_safe(clause.id)}* · {markdown_safe(text)}"), ">"]
    return out[:-1]


def _quote(text: str) -> str:
    return f"> {text}" if text else ">"


def _details(summary: str, body: list[str]) -> list[str]:
    return [f"<details><summary>{markdown_html_safe(summary)}</summary>", "", *body, "</details>", ""]
