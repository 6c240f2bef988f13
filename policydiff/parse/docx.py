"""Word documents to blocks: heading styles give sections, list numbering gives items and numbers.

A draft with tracked changes holds two versions; it is read as one of them (docx_revisions.py: every
change accepted, by default, or rejected), and a note says so. Word comments are not part of the
text and are left out, with a note. Automatic list numbering is computed (docx_numbering.py) so a
numbered clause keeps the number Word prints for it.

Lines do not exist in a .docx, so a block's "line" is the 1-based index of its paragraph (or table
row) in the document body, which is what a reviewer can count in Word's navigation pane.
"""

from __future__ import annotations

import io
import re
from typing import Any

from policydiff.errors import InputError, PolicydiffError
from policydiff.parse.blocks import Block, collapse, split_heading_number, split_item_number, split_label
from policydiff.parse.docx_numbering import Numbering
from policydiff.parse.docx_revisions import W, Revisions, Tracked, count, resolve
from policydiff.parse.quiet import quiet

_LIST_LEVEL = re.compile(r"^list(?: (?:bullet|number|continue|paragraph))?(?: (\d))?$", re.I)
"""Word's list styles: "List Bullet 2" is an item one level down, "List Number", "List Continue 3"."""


def docx_blocks(data: bytes, name: str, tracked: Tracked = "accepted") -> tuple[list[Block], list[str]]:
    """The blocks of a Word document as it reads with its tracked changes `tracked`, and notes on how
    it was read (its tracked changes, its comments)."""
    document = _open(data, name)
    try:
        with quiet("docx"):
            return _read(document, tracked)
    except PolicydiffError:
        raise
    except Exception as exc:  # python-docx raises a variety of XML and table-structure errors
        raise InputError(name, f"not a readable Word file ({type(exc).__name__}: {exc})"[:300]) from None


def _read(document: Any, tracked: Tracked) -> tuple[list[Block], list[str]]:
    body = document.element.body
    revisions = resolve(body, tracked)
    numbering = Numbering(_part(document, "numbering"), _part(document, "styles"))
    blocks: list[Block] = []
    heading_counters: list[int] = []
    position = 0
    for element in body.iterchildren():
        if element.tag == f"{W}p":
            position += 1
            block = _paragraph_block(element, document, position, heading_counters, numbering)
            if block is not None:
                blocks.append(block)
        elif element.tag == f"{W}tbl":
            from docx.table import Table

            table = Table(element, document)
            for row_index, row in enumerate(table.rows):
                position += 1
                cells = _unique_cells(row)
                if any(cells):
                    blocks.append(Block("row", " | ".join(cells), position, position, cells=cells,
                                        header=row_index == 0))
    return blocks, _notes(revisions, tracked)


def revision_count(data: bytes, name: str) -> int:
    """How many tracked changes a Word document holds (0 when it has none)."""
    return count(_open(data, name).element.body).tracked


def _open(data: bytes, name: str) -> Any:
    try:
        import docx  # python-docx
    except ImportError:
        raise PolicydiffError(f"{name}: reading Word files needs python-docx, a dependency of policydiff that is "
                              "missing: pip install python-docx") from None
    try:
        with quiet("docx"):
            return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises a variety of zip/xml errors
        raise InputError(name, f"not a readable Word file ({type(exc).__name__}: {exc})"[:300]) from None


def _part(document: Any, which: str) -> Any | None:
    """The numbering or styles XML of a document, or None when it has none (never created here)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING if which == "numbering" else RT.STYLES).element
    except KeyError:
        return None


def _notes(revisions: Revisions, tracked: Tracked) -> list[str]:
    notes = []
    if revisions.tracked:
        parts = [f"{n} {word}{'s' * (n != 1)}" for n, word in ((revisions.insertions, "insertion"),
                 (revisions.deletions, "deletion"), (revisions.moves, "move"), (revisions.formatting,
                 "formatting change")) if n]
        other = "rejected" if tracked == "accepted" else "accepted"
        notes.append(f"tracked changes ({', '.join(parts)}): read with every change {tracked}; --tracked {other} "
                     f"reads the other version, and `policydiff diff FILE` compares the two")
    if revisions.comments:
        notes.append(f"Word comments ({revisions.comments}) are not part of the text and were ignored")
    return notes


def _unique_cells(row: Any) -> tuple[str, ...]:
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:  # merged cells repeat the same object
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(collapse(cell.text))
    return tuple(cells)


def _paragraph_block(element: Any, document: Any, position: int, counters: list[int],
                     numbering: Numbering) -> Block | None:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)
    text = collapse(paragraph.text)
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    listed = numbering.list_of(element)
    number = numbering.number(*listed) if listed else None
    heading_match = re.fullmatch(r"Heading\s*(\d)", style, re.I)
    if style.lower() == "title":
        return Block("title", text, position, position)
    if heading_match:
        depth = int(heading_match.group(1))
        printed, heading = split_heading_number(text)
        if printed is None and listed and number is None and numbering.levels == {}:
            del counters[depth:]  # numbered by a list the document does not define: count the headings
            while len(counters) < depth:
                counters.append(0)
            counters[depth - 1] += 1
            number = ".".join(str(c or 1) for c in counters[:depth])
        return Block("heading", heading, position, position, level=depth, number=printed or number,
                     explicit_level=True)
    list_style = _LIST_LEVEL.match(style)
    if listed or list_style:
        level = listed[1] if listed else int(list_style.group(1) or 1) - 1 if list_style else 0
        printed_number, body = (number, text) if number else split_item_number(text)
        label, body = split_label(body)
        return Block("item", body, position, position, level=level, label=label, number=printed_number)
    label, body = split_label(text)
    return Block("paragraph", body, position, position, label=label)
