"""Tell the policy apart from what surrounds it: title, header metadata and page furniture.

These rules run on the block stream of every format, after the format reader, so a title line or
an "Effective date" line is recognised the same way in text, Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import replace

from policydiff.parse.blocks import Block
from policydiff.parse.metadata import is_metadata_line
from policydiff.parse.text import mark_furniture  # noqa: F401 - one import point for the role steps

HEADER_WINDOW = 12
"""How many blocks from the top may hold header metadata lines of any length."""
LATE_HEADER_WINDOW = 60
"""Beyond HEADER_WINDOW, a short stand-alone date line ("Effective date: November 16, 2020") below a
summary table or a second title is still metadata, up to this many blocks from the top."""


def mark_title(blocks: list[Block]) -> list[Block]:
    """Unnumbered top-level headings (# or <h1>) that open the document are its title, not sections.

    They count as title only when no other top-level heading follows the policy's first content, so
    a document written as "# Introduction ... # Scope ..." keeps its sections.
    """
    leading: list[int] = []
    index = 0
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level == 1 and not block.number:
            leading.append(index)
        elif block.kind not in ("metadata", "title"):
            break
    else:
        return blocks
    if not leading or any(b.kind == "heading" and b.level == 1 for b in blocks[index:]):
        return blocks
    if not any(b.kind == "heading" for b in blocks[index:]) and not any(b.kind in ("item", "row") for b in blocks):
        return blocks
    marked = set(leading)
    return [replace(b, kind="title") if i in marked else b for i, b in enumerate(blocks)]


def mark_metadata(blocks: list[Block]) -> list[Block]:
    """Short paragraphs near the top that state dates or versions are header metadata."""
    result = list(blocks)
    for index, block in enumerate(result[:LATE_HEADER_WINDOW]):
        text = _plain(block)
        if block.kind != "paragraph" or index >= HEADER_WINDOW and len(text) > 80:
            continue
        if is_metadata_line(text):
            result[index] = replace(block, kind="metadata", text=text, label=None)
    return result


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
