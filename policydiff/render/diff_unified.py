"""A Diff as a classic unified diff over normalised clause text, for tools that only speak `diff -u`.

A line diff of the raw files is mostly noise: re-wrapping a paragraph, changing list markers or
converting HTML to Markdown touches every line. Here each side is first rewritten as one line per
body clause (its text whitespace-collapsed by the parser), in that document's own order, and only
then handed to difflib, so a hunk means that a clause's words, or its place, changed.

Lines carry no clause ids on purpose: ids embed section numbers and paragraph positions, so one
inserted section would otherwise mark every clause after it as changed. Sections are `## 3. Heading`
(deeper levels get more `#`), list items `- text`, table rows `| a | b |`; each hunk header names the
new-side section it falls in, as `git diff` names the enclosing function.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from policydiff.model import Clause, Diff, Document
from policydiff.model import clause_text
from policydiff.safe import terminal_safe

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def render_unified(diff: Diff, *, context: int = 3) -> str:
    """`--- old` / `+++ new` / `@@` hunks over one line per clause; empty when nothing changed."""
    if not diff.changes:
        return ""
    old, new = clause_lines(diff.old), clause_lines(diff.new)
    lines = list(difflib.unified_diff(old, new, fromfile=_name(diff.old), tofile=_name(diff.new),
                                      n=max(0, context), lineterm=""))
    headings = {i: line for i, (is_heading, line) in enumerate(_lines(diff.new.clauses, 0, 0)) if is_heading}
    return "\n".join(_with_section(i, lines, headings) for i in range(len(lines))) + "\n" if lines else ""


def clause_lines(document: Document) -> list[str]:
    """One line per body clause, in document order, safe for a terminal."""
    return [_clean(line) for _, line in _lines(document.clauses, section_depth=0, item_depth=0)]


def _clean(line: str) -> str:
    return terminal_safe(" ".join(line.split()))


def _lines(clauses: tuple[Clause, ...], section_depth: int, item_depth: int) -> Iterator[tuple[bool, str]]:
    """(is a section heading, line) per body clause, depth first."""
    for clause in clauses:
        if clause.role != "body":
            continue
        if clause.kind == "section":
            yield True, f"{'#' * min(6, section_depth + 2)} {clause_text(clause) or clause.id}"
            yield from _lines(clause.children, section_depth + 1, 0)
        elif clause.kind == "list-item":
            yield False, f"{'  ' * item_depth}- {clause.number + ' ' if clause.number else ''}{clause_text(clause)}"
            yield from _lines(clause.children, section_depth, item_depth + 1)
        elif clause.kind == "table-row":
            cells = clause.cells or (clause.text,)
            yield False, "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
        else:
            yield False, clause_text(clause) or ""
            yield from _lines(clause.children, section_depth, item_depth)


def _name(document: Document) -> str:
    return terminal_safe(" ".join(document.source.split())) or "<text>"


def _with_section(index: int, lines: list[str], headings: dict[int, str]) -> str:
    """An `@@` line with the nearest new-side section heading above its first change appended."""
    line = lines[index]
    found = _HUNK.match(line)
    if found is None:
        return line
    start = int(found.group(1)) - (0 if found.group(2) == "0" else 1)
    for following in lines[index + 1:]:
        if not following.startswith(" "):
            break
        start += 1
    heading = next((headings[i] for i in range(start - 1, -1, -1) if i in headings), None)
    return f"{line} {_clean(heading.lstrip('# '))[:60]}" if heading else line
