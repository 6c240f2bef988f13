"""Tell the policy apart from what surrounds it: title, header metadata and page furniture.

These rules run on the block stream of every format, after the format reader, so a title line or
an "Effective date" line is recognised the same way in text, Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import replace

from policydiff.parse.blocks import Block
from policydiff.parse.metadata import is_metadata_line
from policydiff.parse.text import _mark_furniture

HEADER_WINDOW = 12
"""How many blocks from the top may hold header metadata."""


def mark_title(blocks: list[Block]) -> list[Block]:
    """A lone top-level heading (one # or <h1>) opening the document is its title, not a section."""
    headings = [b for b in blocks if b.kind == "heading"]
    if not headings:
        return blocks
    top = min(h.level for h in headings)
    tops = [h for h in headings if h.level == top]
    first = headings[0]
    if len(tops) == 1 and first is tops[0] and len(headings) > 1 and not first.number:
        before_first = blocks[: blocks.index(first)]
        if all(b.kind in ("metadata", "title") or b.kind == "paragraph" and len(b.text) < 80 for b in before_first):
            return [replace(b, kind="title") if b is first else b for b in blocks]
    return blocks


def mark_metadata(blocks: list[Block]) -> list[Block]:
    """Short paragraphs near the top that state dates or versions are header metadata."""
    result = list(blocks)
    for index, block in enumerate(result[:HEADER_WINDOW]):
        if block.kind == "paragraph" and is_metadata_line(_plain(block)):
            result[index] = replace(block, kind="metadata", text=_plain(block), label=None)
    return result


def mark_furniture(blocks: list[Block]) -> list[Block]:
    return _mark_furniture(blocks)


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
