"""A clause tree written back out as Markdown.

This is the readable, diffable form policydiff stores versions in, whatever their source format,
and parsing it again yields the same tree (ids, kinds, numbers, headings, labels and texts), which
the property tests hold it to. Policy text is escaped so it cannot turn into markup.
"""

from __future__ import annotations

import json
import re

from policydiff.model import Clause, Document
from policydiff.parse.blocks import FRONT_MATTER_LABEL

_ESCAPE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(#{1,6}\s|[-+*]\s|\d{1,9}[.)]\s|>|=+\s*$|-{3,}\s*$)")


def escape_markdown(text: str) -> str:
    """Escape text so Markdown shows it literally: no emphasis, links, HTML or table breaks."""
    escaped = _ESCAPE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: "\\" + m.group(0), escaped)


def render_markdown(document: Document) -> str:
    """The document as Markdown: title as `#`, sections as `##` and deeper, lists, tables."""
    out: list[str] = _front_matter(document)
    for clause in document.clauses:
        if clause.role == "metadata" and clause.label == FRONT_MATTER_LABEL:
            continue
        _clause(clause, 0, out)
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def _front_matter(document: Document) -> list[str]:
    """YAML front matter with the document's title, version and dates, so the stored file states them
    even where the original text did not (header lines in the text are kept as well)."""
    meta = document.metadata
    fields = {"title": meta.title, "version": meta.version.version if meta.version else None,
              "effective_date": meta.effective.date.isoformat() if meta.effective and meta.effective.date else None,
              "last_updated": meta.last_updated.date.isoformat() if meta.last_updated and meta.last_updated.date
              else None}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items() if value]
    return ["---", *lines, "---", ""] if lines else []


def _clause(clause: Clause, depth: int, out: list[str], list_indent: str = "") -> None:
    if clause.role == "title":
        out.extend([f"# {escape_markdown(clause.text)}", ""])
        return
    if clause.kind == "section":
        number = f"{escape_markdown(clause.number)} " if clause.number else ""
        out.extend(["", f"{'#' * min(6, depth + 2)} {number}{escape_markdown(clause.heading or '')}".rstrip(), ""])
        if clause.text:
            out.extend([_inline(clause), ""])
        previous_kind = None
        for child in clause.children:
            _child(child, depth + 1, out, previous_kind)
            previous_kind = child.kind
        return
    _child(clause, depth, out, None)


def _child(clause: Clause, depth: int, out: list[str], previous_kind: str | None) -> None:
    if clause.kind == "section" or clause.role == "title":
        _clause(clause, depth, out)
    elif clause.kind == "list-item":
        if previous_kind not in (None, "list-item"):
            out.append("")
        _item(clause, "", out)
    elif clause.kind == "table-row":
        if previous_kind != "table-row":
            out.append("")
        cells = [escape_markdown(cell) for cell in clause.cells] or [escape_markdown(clause.text)]
        out.append("| " + " | ".join(cells) + " |")
        if clause.header:
            out.append("|" + "|".join(" --- " for _ in cells) + "|")
    else:
        out.extend(["", _inline(clause), ""])


def _item(clause: Clause, indent: str, out: list[str]) -> None:
    marker = "-"
    number = re.sub(r"^(\d+)([.)])", r"\1\\\2", clause.number) + " " if clause.number else ""
    out.append(f"{indent}{marker} {number}{_inline(clause)}")
    for child in clause.children:
        if child.kind == "list-item":
            _item(child, indent + "  ", out)


def _inline(clause: Clause) -> str:
    text = escape_markdown(clause.text)
    if clause.label:
        return f"**{escape_markdown(clause.label)}** {text}".rstrip()
    return text
