"""Tell the policy apart from what surrounds it: title, header metadata and page furniture.

These rules run on the block stream of every format, after the format reader, so a title line or
an "Effective date" line is recognised the same way in text, Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import replace

from policydiff.parse.blocks import SECTION_NUMBER, Block, NumberSequence, normalise_number, number_depth
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


def promote_headings(blocks: list[Block]) -> list[Block]:
    """Bold-only lines ("**1. ACCOUNT INFORMATION**") and numbered bold lead-ins ("**1.1 Order Form**.
    You may...") are how HTML converted to Markdown writes sections; read them as sections."""
    numbers = NumberSequence()
    base = 0
    numbered_level: int | None = None
    result: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            if block.number:
                numbers.enter(normalise_number(block.number))
            base, numbered_level = block.level, None
            result.append(block)
            continue
        promoted: tuple[Block, Block | None] | None = None
        if block.kind == "paragraph" and block.strong and _heading_sized(block.text):
            promoted = _numbered(block.text, numbers, base)
            if promoted is None and not SECTION_NUMBER.match(block.text):
                level = numbered_level + 1 if numbered_level else base + 1
                promoted = (Block("heading", block.text.rstrip(":"), block.first_line, block.last_line, level=level,
                                  explicit_level=True), None)
        elif block.kind == "paragraph" and block.label and SECTION_NUMBER.match(block.label):
            numbered = _numbered(block.label.rstrip(".:"), numbers, base, dotted_only=True)
            if numbered is not None:
                promoted = (numbered[0], replace(block, label=None))
        if promoted is None:
            result.append(block)
            continue
        heading, body = promoted
        if heading.number:
            numbered_level = heading.level
        result.append(replace(heading, first_line=block.first_line, last_line=block.last_line if body is None
                              else block.first_line))
        if body is not None:
            result.append(body)
    return result


def _numbered(text: str, numbers: NumberSequence, base: int, dotted_only: bool = False) -> tuple[Block, None] | None:
    match = SECTION_NUMBER.match(text)
    if not match:
        return None
    plain = normalise_number(match["number"])
    if dotted_only and "." not in plain or not numbers.fits(plain, True):
        return None
    numbers.enter(plain)
    depth = number_depth(plain) if plain.replace(".", "").isdigit() else 1
    return Block("heading", match["rest"].rstrip(":"), 0, 0, level=base + depth, number=match["number"],
                 explicit_level=True), None


def _heading_sized(text: str) -> bool:
    return 0 < len(text) <= 120 and len(text.split()) <= 14 and not text.endswith((".", ",", ";"))
