"""Nest a block stream into a clause tree and give every clause its stable id.

Ids follow the document's own numbering where it has one ("7.2", "3/p2", "1.1/item-3"), so a diff
names clauses the way a lawyer cites them. An unnumbered section is numbered the way a reader counts
it: "s3" is the third section, "s3.2" the second section inside it, "7/s1" the first unnumbered
section inside section 7, and its clauses are "s3.2/p1", "s3/item-2". Ids never carry heading words,
so rewording a heading, or a dated heading ("Last updated May 2026"), changes no id; they are short
enough to type and cite. Text that is not part of the terms (a banner, a summary of changes) is
counted apart ("note-1", "note-1/item-2"), so adding a banner renumbers nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydiff.model import Clause, ClauseKind, ClauseRole
from policydiff.parse.blocks import FRONT_MATTER_LABEL, Block, normalise_number

_KIND: dict[str, ClauseKind] = {"heading": "section", "paragraph": "paragraph", "item": "list-item",
                                "row": "table-row", "title": "paragraph", "metadata": "paragraph",
                                "furniture": "paragraph"}
_ROLE: dict[str, ClauseRole] = {"title": "title", "metadata": "metadata", "furniture": "furniture"}


@dataclass(slots=True)
class _Node:
    block: Block
    children: list[_Node] = field(default_factory=list)


def build_tree(blocks: list[Block]) -> tuple[Clause, ...]:
    """Nest blocks by heading level and list depth, then freeze them into Clauses with ids."""
    roots: list[_Node] = []
    sections: list[_Node] = []  # open sections, outermost first
    items: list[_Node] = []  # open list items in the current container, by depth
    for block in blocks:
        node = _Node(block)
        if block.kind == "heading":
            while sections and sections[-1].block.level >= block.level:
                sections.pop()
            _container(roots, sections).append(node)
            sections.append(node)
            items = []
        elif block.kind == "item":
            del items[block.level:]
            parent = items[-1].children if items else _container(roots, sections)
            parent.append(node)
            items.append(node)
        elif block.kind in ("title", "furniture") or (block.kind == "metadata" and not sections):
            roots.append(node)
            items = []
        else:
            _container(roots, sections).append(node)
            items = []
    ids = _IdAllocator()
    return tuple(_freeze(node, _Place(None, None, False), ids, ordinal)
                 for node, ordinal in zip(roots, _ordinals(roots, False)))


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a node stands: its parent's id, the nearest numbered section's id, and whether it is
    inside non-operative text."""

    parent: str | None
    numbered: str | None
    apart: bool


_COUNTED = ("paragraph", "item", "row", "heading")


def _ordinals(nodes: list[_Node], apart: bool) -> list[int]:
    """Each node's position among its siblings of the same kind, from 1; a header row, and a
    non-operative block among operative ones, is 0 (it is counted apart)."""
    counters = dict.fromkeys(_COUNTED, 0)
    result = []
    for node in nodes:
        block = node.block
        kind = block.kind
        if kind not in counters or (kind == "row" and block.header) or (not block.operative and not apart) \
                or (kind in ("heading", "paragraph") and block.number):
            result.append(0)
            continue
        counters[kind] += 1
        result.append(counters[kind])
    return result


def _container(roots: list[_Node], sections: list[_Node]) -> list[_Node]:
    return sections[-1].children if sections else roots


class _IdAllocator:
    """Hands out ids, making any repeat unique with a "-2", "-3" suffix."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.role_counts: dict[str, int] = {}

    def unique(self, candidate: str) -> str:
        result, suffix = candidate, 2
        while result in self.used:
            result = f"{candidate}-{suffix}"
            suffix += 1
        self.used.add(result)
        return result

    def role_id(self, role: str) -> str:
        count = self.role_counts.get(role, 0) + 1
        self.role_counts[role] = count
        if role == "title":
            return self.unique("title")
        prefix = {"metadata": "meta", "non-operative": "note"}.get(role, role)
        return self.unique(f"{prefix}-{count}")


def _freeze(node: _Node, place: _Place, ids: _IdAllocator, ordinal: int) -> Clause:
    block = node.block
    role = _ROLE.get(block.kind, "body" if block.operative else "non-operative")
    if block.label == FRONT_MATTER_LABEL and role == "metadata":
        clause_id = ids.unique("front-matter")
    elif role not in ("body", "non-operative") or role == "non-operative" and not place.apart:
        clause_id = ids.role_id(role)
    elif block.kind == "heading":
        clause_id = ids.unique(_section_id(block, place, ordinal))
    elif block.kind == "paragraph" and block.number and "." in normalise_number(block.number):
        clause_id = ids.unique(normalise_number(block.number))  # a numbered clause: "6.2"
    else:
        prefix = {"paragraph": "p", "item": "item-", "row": "row-"}[block.kind]
        local = f"{prefix}{ordinal}"
        clause_id = ids.unique(f"{place.parent}/{local}" if place.parent else local)
    inner = _Place(clause_id, clause_id if block.kind == "heading" and block.number else place.numbered,
                   place.apart or role == "non-operative")
    children = [_freeze(child, inner, ids, child_ordinal)
                for child, child_ordinal in zip(node.children, _ordinals(node.children, inner.apart))]
    return Clause(
        id=clause_id,
        kind=_KIND[block.kind],
        text=block.text if block.kind != "heading" else "",
        number=block.number,
        heading=block.text if block.kind == "heading" else None,
        label=block.label,
        children=tuple(children),
        lines=(block.first_line, block.last_line),
        role=role,
        cells=block.cells,
        header=block.header,
        note=block.note,
        written=block.written,
    )


def _section_id(block: Block, place: _Place, ordinal: int) -> str:
    """"7.2" or "B/4" for a numbered section; "s3", "s3.2" or "7/s1" for an unnumbered one."""
    if block.number:
        number = normalise_number(block.number)
        if place.parent is None or "." in number:
            return number
        return f"{place.numbered or place.parent}/{number}"
    if place.parent is None:
        return f"s{ordinal}"
    if place.parent == place.numbered or not re.fullmatch(r"(?:.*/)?s\d+(?:\.\d+)*", place.parent):
        return f"{place.parent}/s{ordinal}"
    return f"{place.parent}.{ordinal}"
