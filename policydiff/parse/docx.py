"""Word documents to blocks: heading styles give sections, list numbering gives items.

Lines do not exist in a .docx, so a block's "line" is the 1-based index of its paragraph (or table
row) in the document body, which is what a reviewer can count in Word's navigation pane.
"""

from __future__ import annotations

import io
import re

from policydiff.errors import InputError, MissingExtraError
from policydiff.parse.blocks import Block, collapse, split_heading_number, split_label
from policydiff.parse.quiet import quiet

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_blocks(data: bytes, name: str) -> list[Block]:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingExtraError(name, "Word files", "docx") from None
    try:
        with quiet("docx"):
            return _read(docx.Document(io.BytesIO(data)), Paragraph, Table)
    except Exception as exc:  # python-docx raises a variety of zip, XML and table-structure errors
        raise InputError(name, f"not a readable Word file ({type(exc).__name__}: {exc})"[:300]) from None


def _read(document, Paragraph, Table) -> list[Block]:  # type: ignore[no-untyped-def]
    blocks: list[Block] = []
    heading_counters: list[int] = []
    position = 0
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            position += 1
            paragraph = Paragraph(element, document)
            block = _paragraph_block(paragraph, position, heading_counters)
            if block is not None:
                blocks.append(block)
        elif element.tag == f"{_W}tbl":
            table = Table(element, document)
            for row_index, row in enumerate(table.rows):
                position += 1
                cells = _unique_cells(row)
                if any(cells):
                    blocks.append(Block("row", " | ".join(cells), position, position, cells=cells,
                                        header=row_index == 0))
    return blocks


def _unique_cells(row) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:  # merged cells repeat the same object
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(collapse(cell.text))
    return tuple(cells)


def _paragraph_block(paragraph, position: int, counters: list[int]) -> Block | None:  # type: ignore[no-untyped-def]
    text = collapse(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered, level = _numbering(paragraph)
    heading_match = re.fullmatch(r"Heading\s*(\d)", style, re.I)
    if style.lower() == "title":
        return Block("title", text, position, position)
    if heading_match:
        depth = int(heading_match.group(1))
        number, heading = split_heading_number(text)
        if number is None and numbered:
            del counters[depth:]
            while len(counters) < depth:
                counters.append(0)
            counters[depth - 1] += 1
            number = ".".join(str(c or 1) for c in counters[:depth])
        return Block("heading", heading, position, position, level=depth, number=number, explicit_level=True)
    if numbered or style.lower().startswith("list"):
        label, body = split_label(text)
        return Block("item", body, position, position, level=level, label=label)
    label, body = split_label(text)
    return Block("paragraph", body, position, position, label=label)


def _numbering(paragraph) -> tuple[bool, int]:  # type: ignore[no-untyped-def]
    properties = paragraph._p.pPr
    if properties is None or properties.numPr is None:
        return False, 0
    ilvl = properties.numPr.ilvl
    return True, int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0
