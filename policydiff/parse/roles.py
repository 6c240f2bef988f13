"""Tell the policy apart from what surrounds it: title, header metadata and page furniture.

These rules run on the block stream of every format, after the format reader, so a title line or
an "Effective date" line is recognised the same way in text, Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import replace

from policydiff.parse.blocks import Block, is_all_caps_heading, is_title_like
from policydiff.parse.metadata import DATE_CUE, is_metadata_line

HEADER_WINDOW = 12
"""How many blocks from the top may hold header metadata lines of any length."""
LATE_HEADER_WINDOW = 60
"""Beyond HEADER_WINDOW, a short stand-alone date line ("Effective date: November 16, 2020") below a
summary table or a second title is still metadata, up to this many blocks from the top."""


FOOTER_WINDOW = 6
"""How many blocks from the end may hold a short date line of the document's own."""


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
    if not leading:
        return _title_line(blocks, index)
    if any(b.kind == "heading" and b.level == 1 for b in blocks[index:]):
        return blocks
    if not any(b.kind == "heading" for b in blocks[index:]) and not any(b.kind in ("item", "row") for b in blocks):
        return blocks
    marked = set(leading)
    return [replace(b, kind="title") if i in marked else b for i, b in enumerate(blocks)]


def mark_metadata(blocks: list[Block]) -> list[Block]:
    """Lines that state the document's dates or version are metadata: near the top (a paragraph, a
    heading such as "#### Effective: May 1, 2026", a list item, a block quote), or short in its last
    blocks ("Effective as of: March 1, 2026" in a footer)."""
    result = list(blocks)
    footer = max(len(result) - FOOTER_WINDOW, LATE_HEADER_WINDOW)
    for index, block in enumerate(result):
        if LATE_HEADER_WINDOW <= index < footer or block.kind not in ("paragraph", "heading", "item"):
            continue
        text = _plain(block)
        if (index >= HEADER_WINDOW and len(text) > 80) or (block.kind != "paragraph" and len(text) > 120):
            continue
        if block.kind == "item" and (index >= HEADER_WINDOW or not DATE_CUE.match(text)):
            continue  # a list of versions ("- Version of March 2026") is a change log, not this version's date
        if is_metadata_line(text):
            result[index] = replace(block, kind="metadata", text=text, label=None)
    return result


def _title_line(blocks: list[Block], index: int) -> list[Block]:
    """A first line that reads as a title ("Terms of Service", "PRIVACY NOTICE") and is followed by the
    rest of the document is its title, not a clause."""
    block = blocks[index]
    following = index + 1 < len(blocks)
    if block.kind == "paragraph" and not block.label and following and (
            is_title_like(block.text, max_words=8) or is_all_caps_heading(block.text) and len(block.text.split()) <= 8):
        return [*blocks[:index], replace(block, kind="title"), *blocks[index + 1:]]
    return blocks


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
