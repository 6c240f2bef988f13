"""Nest a block stream into a clause tree and give every clause its stable id.

Ids follow the document's own numbering where it has one ("7.2"), and otherwise a short slug of the
nearest heading plus ordinals ("3/p2", "1.1/item-3", "data-retention/row-2", "7/cookies/p1"), so the
same policy always yields the same ids, short enough to type and cite, and a diff can name clauses the
way a lawyer cites them. A section's id never carries the words of the headings above it (only the
nearest number), so rewording one heading, or a dated heading, leaves the ids of other sections alone.
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
    return tuple(_freeze(node, None, None, ids, ordinal) for node, ordinal in zip(roots, _ordinals(roots)))


def _ordinals(nodes: list[_Node]) -> list[int]:
    """Each node's position among its siblings of the same kind, from 1; a header row is 0."""
    counters = {"paragraph": 0, "item": 0, "row": 0}
    result = []
    for node in nodes:
        kind = node.block.kind
        if kind not in counters or (kind == "row" and node.block.header):
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
        prefix = "meta" if role == "metadata" else role
        return self.unique(f"{prefix}-{count}")


def _freeze(node: _Node, parent_id: str | None, numbered_id: str | None, ids: _IdAllocator, ordinal: int) -> Clause:
    """Freeze a node; parent_id is the enclosing clause's id, numbered_id the nearest numbered section's."""
    block = node.block
    role = _ROLE.get(block.kind, "body" if block.operative else "non-operative")
    if block.label == FRONT_MATTER_LABEL and role == "metadata":
        clause_id = ids.unique("front-matter")
    elif role not in ("body", "non-operative"):
        clause_id = ids.role_id(role)
    elif block.kind == "heading":
        clause_id = ids.unique(_section_id(block, parent_id, numbered_id))
    else:
        prefix = {"paragraph": "p", "item": "item-", "row": "row-"}[block.kind]
        local = f"{prefix}{ordinal}"
        clause_id = ids.unique(f"{parent_id}/{local}" if parent_id else local)
    if block.kind == "heading" and block.number:
        numbered_id = clause_id
    children = [_freeze(child, clause_id, numbered_id, ids, child_ordinal)
                for child, child_ordinal in zip(node.children, _ordinals(node.children))]
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
    )


def _section_id(block: Block, parent_id: str | None, numbered_id: str | None) -> str:
    if block.number:
        number = normalise_number(block.number)
        if parent_id is None or "." in number:
            return number
        return f"{numbered_id or parent_id}/{number}"
    slug = slugify(block.text) or "section"
    return f"{numbered_id}/{slug}" if numbered_id else slug


SLUG_LENGTH = 24
"""A section's slug is cut to this many characters at a word boundary: enough to recognise, short to cite."""
_SLUG_NOISE = re.compile(
    r"\b(?:\d{1,4}(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", re.IGNORECASE)
_TRAILING_SMALL = frozenset("a an and as at by for from in of on or the to with".split())


def slugify(text: str, max_length: int = SLUG_LENGTH) -> str:
    """A lower-case, hyphenated slug of a heading without dates or numbers, cut at a word boundary and
    never ending on a small word ("How We Share the Information We Collect" -> "how-we-share")."""
    cleaned = _SLUG_NOISE.sub(" ", text) if _SLUG_NOISE.search(text) else text
    slug = re.sub(r"[^\w]+", "-", (cleaned if re.search(r"[^\W\d_]", cleaned) else text).lower()).strip("-_")
    slug = slug.replace("_", "-")
    if len(slug) > max_length:
        slug = slug[:max_length + 1].rsplit("-", 1)[0]
    words = slug.split("-")
    while len(words) > 1 and words[-1] in _TRAILING_SMALL:
        words.pop()
    return "-".join(words)[:max_length]
