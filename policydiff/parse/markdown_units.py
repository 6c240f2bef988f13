"""What both Markdown readers build: pending units, the reading of one run of inline text, and blocks.

The tree reader (markdown_tree.py, markdown-it-pyrs) and the token reader (markdown_tokens.py,
markdown-it-py, kept where the Rust wheel is not available) walk different shapes of the same parse;
each turns its inline nodes into one flat list of `Piece`s and its block nodes into `Pending`
units, and everything after that is this module's, shared, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from policydiff.parse.blocks import (SUBCLAUSE_MARKER, Block, BlockKind, collapse, split_heading_number,
                                     split_item_number, split_label, split_subclause_lines)

MAX_INDENT_DEPTH = 8
"""How many times indented prose is read again as Markdown (each time four spaces less)."""


class Piece(NamedTuple):
    """One inline token, as markdown-it-py names them: "text" (adjacent runs joined), "code_inline",
    "softbreak", "hardbreak", "html_inline", "image" (its raw alt text), "strong_open", "strong_close",
    "em_open", "em_close", "link_open" (with its target) and "link_close"."""

    type: str
    content: str = ""
    href: str | None = None


@dataclass(slots=True)
class Pending:
    kind: str
    first: int
    last: int
    level: int = 0
    number: str | None = None
    parts: list[str] = field(default_factory=list)
    label: str | None = None
    cells: list[str] = field(default_factory=list)
    header: bool = False
    explicit: bool = False
    strong: bool = False
    links: list[str] = field(default_factory=list)
    link_only: bool = True
    quoted: bool = False
    headed: bool = False
    """A list item that holds a heading: what follows the heading is the section's, not the item's."""


@dataclass(slots=True)
class Inline:
    """What a run of inline text says: its visible text (line breaks kept as newlines), a bold lead-in
    label, the link targets, and whether every word is link text."""

    text: str
    label: str | None
    links: list[str]
    link_only: bool
    strong: bool


@dataclass(slots=True)
class OpenList:
    ordered: bool
    next: int
    """The number of the list's next item."""
    marker: str
    """An ordered list's delimiter, "." or ")"."""


class ReadState:
    """What a reader knows at each point of its walk: the open lists, list items and table row, and
    how deep in block quotes it stands."""

    __slots__ = ("pending", "lists", "items", "row", "in_thead", "quote_depth", "indent_depth")

    def __init__(self, indent_depth: int) -> None:
        self.pending: list[Pending] = []
        self.lists: list[OpenList] = []
        self.items: list[Pending] = []
        self.row: Pending | None = None
        self.in_thead = False
        self.quote_depth = 0
        self.indent_depth = indent_depth
        """How many times indented text was read again as Markdown to get here. (The readers have always
        set it to the depth of the last list item too, and text indented after a list is re-read on
        that count: kept so that outlines do not change.)"""

    def heading(self, first: int, last: int, level: int, inline: Inline) -> None:
        number, heading = split_heading_number(collapse(inline.text))
        if self.items and not self.items[-1].parts:
            # "1. ### Heading" / "- ### Heading": the heading opens a section; an ordered item's
            # number is the section's number.
            item = self.items[-1]
            item.headed = True
            if number is None and item.number is not None:
                number = item.number.rstrip(")") if item.number[:-1].isdigit() else item.number
        self.pending.append(Pending("heading", first, last, level=level, number=number, parts=[heading],
                                    explicit=True, quoted=self.quote_depth > 0))

    def open_list(self, ordered: bool, start: int, marker: str) -> None:
        self.lists.append(OpenList(ordered, start, marker))

    def open_item(self, first: int) -> None:
        current = self.lists[-1]
        number = None
        if current.ordered:
            number = f"{current.next}{current.marker or '.'}"
            current.next += 1
        depth = len(self.lists) - 1 - sum(1 for open_item in self.items if open_item.headed)
        self.indent_depth = depth
        item = Pending("item", first, first, level=max(depth, 0), number=number, quoted=self.quote_depth > 0)
        self.pending.append(item)
        self.items.append(item)

    def paragraph(self, first: int, last: int, inline: Inline, first_in_container: bool) -> None:
        """A paragraph: the text of the open list item when it is the item's first, or when it follows
        another block inside the item; a paragraph of its own otherwise."""
        open_item = self.items[-1] if self.items and not self.items[-1].headed else None
        target = open_item if open_item is not None and not open_item.parts else None
        if target is None and open_item is not None and not first_in_container:
            target = open_item
        if target is not None:
            if not target.parts:
                target.label = inline.label
            target.parts.append(inline.text)
            target.links.extend(inline.links)
            target.link_only = target.link_only and inline.link_only
            target.last = max(target.last, last)
        else:
            self.pending.append(Pending("paragraph", first, last, parts=[inline.text], label=inline.label,
                                        strong=inline.strong, links=inline.links, link_only=inline.link_only,
                                        quoted=self.quote_depth > 0))

    def open_row(self, first: int, last: int) -> None:
        row = Pending("row", first, last, header=self.in_thead)
        if self.in_thead:
            row.last = last + 1  # the separator line belongs to the header row
        self.pending.append(row)
        self.row = row

    def cell(self, inline: Inline | None) -> None:
        if self.row is not None:
            self.row.cells.append(collapse(inline.text) if inline is not None else "")

    def literal(self, first: int, last: int, content: str) -> None:
        """An HTML block, a fenced block, or indented text not read again: its words as text."""
        if content:
            if self.items and not self.items[-1].headed:
                self.items[-1].parts.append(content)
                self.items[-1].link_only = False
            else:
                self.pending.append(Pending("paragraph", first, last, parts=[content], link_only=False,
                                            quoted=self.quote_depth > 0))

    def rereads_indented(self) -> bool:
        """Text indented four spaces is read again as Markdown outside list items, up to a depth."""
        return not self.items and self.indent_depth < MAX_INDENT_DEPTH


TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w")
_BREAK = re.compile(r"<br\s*/?>", re.I)


def html_text(content: str) -> str:
    return collapse(TAG.sub(" ", content))


def read_inline(pieces: list[Piece]) -> Inline:
    """The visible text of a run of inline pieces, a bold lead-in label if it opens with one, and its links."""
    parts: list[str] = []
    label: str | None = None
    children = [c for c in pieces if not (c.type == "text" and not c.content)]
    strong_depth = 0
    link_depth = 0
    links: list[str] = []
    outside_link = False
    lead: list[str] | None = [] if children and children[0].type == "strong_open" else None
    for position, child in enumerate(children):
        kind = child.type
        if kind == "strong_open":
            strong_depth += 1
        elif kind == "strong_close":
            strong_depth -= 1
            if lead is not None and strong_depth == 0 and label is None:
                label = _lead_label(collapse("".join(lead)), children[position + 1:])
                if label is None:
                    lead = None
                else:
                    parts = []
                    lead = None
                    continue
        elif kind == "link_open":
            link_depth += 1
            if child.href is not None:
                links.append(child.href)
        elif kind == "link_close":
            link_depth = max(0, link_depth - 1)
        if kind in ("text", "code_inline"):
            parts.append(child.content.replace("****", " ") if kind == "text" else child.content)
            if not link_depth and _WORD.search(child.content):
                outside_link = True
            if lead is not None and strong_depth:
                lead.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "html_inline" and _BREAK.match(child.content):
            parts.append("\n")
        elif kind == "image":
            parts.append(child.content)
    text = "".join(parts).strip()
    if label is not None and text[:1] in ":.":
        label, text = label + text[0], text[1:].lstrip()
    strong = _is_all_strong(children)
    if label is not None and not text:
        return Inline(label, None, links, not outside_link, strong)
    return Inline(text, label, links, not outside_link, strong)


def _is_all_strong(children: list[Piece]) -> bool:
    """The whole inline is one bold run ("**1. ACCOUNT INFORMATION**"), as HTML converters write headings."""
    children = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    depth = 0
    for child in children[:-1]:
        depth += {"strong_open": 1, "strong_close": -1}.get(child.type, 0)
        if depth == 0:
            return False
    return True


def _lead_label(lead: str, rest: list[Piece]) -> str | None:
    """A bold lead-in is a label when it is short and more text follows it."""
    following = "".join(t.content for t in rest if t.type in ("text", "code_inline")).strip()
    if not following or not lead or len(lead) > 80:
        return None
    if lead.endswith((".", ":")) or following.startswith((".", ":")):
        return lead
    return None


def to_blocks(pending: Pending) -> list[Block]:
    """The block (or, where numbered sub-clauses start their own lines, the blocks) of one pending unit."""
    if pending.kind not in ("paragraph", "item"):
        return [_to_block(pending, " ".join(pending.parts))]
    pieces = split_subclause_lines(" ".join(pending.parts).split("\n"))
    if len(pieces) == 1:
        return [_to_block(pending, pieces[0])]
    blocks = []
    for position, piece in enumerate(pieces):
        kind = pending.kind
        level = pending.level
        if position:
            marker = SUBCLAUSE_MARKER.match(piece)
            lettered = marker is not None and not marker["dotted"]
            kind = "item" if lettered else "paragraph"
            level = pending.level + 1 if lettered and pending.kind == "item" else pending.level if lettered else 0
        part = Pending(kind, pending.first, pending.last,
                       level=level, number=pending.number if position == 0 else None,
                       label=pending.label if position == 0 else None, links=pending.links,
                       link_only=pending.link_only, quoted=pending.quoted)
        blocks.append(_to_block(part, piece))
    return blocks


def _to_block(pending: Pending, joined: str) -> Block:
    if pending.kind == "row":
        cells = tuple(pending.cells)
        return Block("row", " | ".join(cells), pending.first, pending.last, cells=cells, header=pending.header,
                     quoted=pending.quoted)
    text = collapse(joined)
    label, number = pending.label, pending.number
    if pending.kind == "metadata":
        return Block("metadata", text, pending.first, pending.last, label=label)
    if pending.kind == "item" and number is None and label is None:
        number, text = split_item_number(text)
    if pending.kind in ("paragraph", "item") and label is None:
        label, text = split_label(text)
    kind: BlockKind = "heading" if pending.kind == "heading" else "item" if pending.kind == "item" else "paragraph"
    return Block(kind, text, pending.first, pending.last, level=pending.level, number=number, label=label,
                 explicit_level=pending.explicit, strong=pending.strong, links=tuple(pending.links),
                 link_only=pending.link_only and bool(pending.links), quoted=pending.quoted)
