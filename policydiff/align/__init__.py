"""Two clause trees in, one alignment out: every clause matched to where it went, with its kind.

    flatten (nodes.py) -> pair (engine.py) -> kinds and order (this module)
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from policydiff.align.engine import align_nodes
from policydiff.align.nodes import Node, flatten
from policydiff.align.order import longest_increasing
from policydiff.parse.visible import hidden_signature
from policydiff.model import Clause, ClauseRole, Document, Match, MatchKind
from policydiff.parse.blocks import normalise_number

__all__ = ["align"]


def align(old_document: Document, new_document: Document, role: ClauseRole = "body") -> tuple[Match, ...]:
    """The whole alignment in new-document order, removed clauses where they stood: of the body, or
    (role="non-operative") of the text about the terms, aligned on its own."""
    old = flatten(old_document, role)
    new = flatten(new_document, role)
    align_nodes(old, new)
    moved = _moved(old)
    return tuple(_match(old_node, new_node, moved) for old_node, new_node in _in_order(old, new))


def _match(a: Node | None, b: Node | None, moved: set[int]) -> Match:
    if a is None:
        assert b is not None
        return Match("added", None, b.clause, 0.0, old_section=_counterpart_section(b), new_section=_section(b),
                     implied=_parent_unmatched(b), contents=_contents(b))
    if b is None:
        return Match("removed", a.clause, None, 0.0, old_section=_section(a), new_section=_counterpart_section(a),
                     implied=_parent_unmatched(a), contents=_contents(a))
    similarity = _similarity(a, b, a.extra or b.extra)
    old_section, new_section = _section(a), _section(b)
    if a.extra:
        return Match("split", a.clause, b.clause, similarity, new_extra=tuple(n.clause for n in a.extra),
                     old_section=old_section, new_section=new_section)
    if b.extra:
        return Match("merged", a.clause, b.clause, similarity, old_extra=tuple(n.clause for n in b.extra),
                     old_section=old_section, new_section=new_section)
    kind: MatchKind
    if id(a) in moved:
        kind = "moved"
    elif a.key != b.key or _hidden_changed(a.clause, b.clause):
        kind = "modified"
    elif _renumbered(a, b):
        kind = "renumbered"
    else:
        kind = "unchanged"
    contents = _moved_along(a, b) if kind == "moved" else ()
    return Match(kind, a.clause, b.clause, similarity, contents=contents, old_section=old_section,
                 new_section=new_section)


def _hidden_changed(old: Clause, new: Clause) -> bool:
    """The same words, but other invisible characters or look-alike letters (parse/visible.py)."""
    return (old.written is not None or new.written is not None) and \
        hidden_signature(old.written) != hidden_signature(new.written)


def _moved_along(a: Node, b: Node) -> tuple[Clause, ...]:
    """The new clauses that moved together with a moved clause: its descendants paired with its old ones."""
    inside: set[int] = set()

    def mark(node: Node) -> None:
        for child in node.children:
            inside.add(id(child))
            mark(child)

    mark(a)
    found: list[Clause] = []

    def visit(node: Node) -> None:
        for child in node.children:
            if child.partner is not None and id(child.partner) in inside:
                found.append(child.clause)
            visit(child)

    visit(b)
    return tuple(found)


def _contents(node: Node) -> tuple[Clause, ...]:
    """The descendants of an unmatched clause that are unmatched too, reached through unmatched parents."""
    found: list[Clause] = []

    def visit(parent: Node) -> None:
        for child in parent.children:
            if child.partner is None and child.group is None:
                found.append(child.clause)
                visit(child)

    visit(node)
    return tuple(found)


def _parent_unmatched(node: Node) -> bool:
    """An added or removed clause whose parent is added or removed too is reported with the parent."""
    return node.parent is not None and node.parent.partner is None and node.parent.group is None


def _counterpart_section(node: Node) -> Clause | None:
    """For an added or removed clause: the other side's section corresponding to its own."""
    section = node if node.is_section else node.section
    while section is not None and section.partner is None:
        section = section.section
    return section.partner.clause if section is not None and section.partner is not None else None


def _similarity(a: Node, b: Node, group: list[Node]) -> float:
    """Token similarity; for a split or merge, of the single clause against the whole group."""
    if group:
        single, first = (a, b) if a.extra else (b, a)
        joined = [token for part in (first, *group) for token in part.tokens]
        return round(Indel.normalized_similarity(single.tokens, joined), 4)
    if a.key == b.key:
        return 1.0
    return round(Indel.normalized_similarity(a.tokens, b.tokens), 4)


def _section(node: Node) -> Clause | None:
    if node.is_section:
        return node.clause
    return node.section.clause if node.section else None


def _renumbered(a: Node, b: Node) -> bool:
    """Only the number changed, and not merely because the parent's number changed."""
    old_number = normalise_number(a.clause.number) if a.clause.number else ""
    new_number = normalise_number(b.clause.number) if b.clause.number else ""
    if old_number == new_number:
        return False
    if "." in old_number and "." in new_number and a.parent is not None and b.parent is not None:
        return old_number.rsplit(".", 1)[1] != new_number.rsplit(".", 1)[1]
    return True


def _moved(old: list[Node]) -> set[int]:
    """Clauses whose place in the reading order changed.

    Among siblings whose parents correspond, a clause that crosses others moved (the heaviest
    increasing run stays put, so one section moving is one move). A clause whose parent changed moved
    only when it also left the document's reading order: a heading inserted above a run of paragraphs,
    or a paragraph turned into a heading, re-parents the clauses below it without moving any of them."""
    moved: set[int] = set()
    groups: dict[int, list[Node]] = {}
    reparented: list[Node] = []
    for a in old:
        b = a.partner
        if b is None:
            continue
        if a.parent is None and b.parent is None:
            groups.setdefault(0, []).append(a)
        elif a.parent is not None and b.parent is not None and a.parent.partner is b.parent:
            groups.setdefault(id(a.parent), []).append(a)
        else:
            reparented.append(a)
    for siblings in groups.values():
        keep = longest_increasing([n.partner.index for n in siblings],  # type: ignore[union-attr]
                                  [1 + _size(n) for n in siblings])
        moved.update(id(n) for i, n in enumerate(siblings) if i not in keep)
    if reparented:
        paired = [a for a in old if a.partner is not None]
        in_order = longest_increasing([a.partner.index for a in paired],  # type: ignore[union-attr]
                                      [1] * len(paired))
        placed = {id(paired[i]) for i in in_order}
        moved.update(id(a) for a in reparented if id(a) not in placed and not _moves_with_parent(a, moved))
    return moved


def _moves_with_parent(node: Node, moved: set[int]) -> bool:
    """A clause inside a moved clause is reported with it."""
    parent = node.parent
    while parent is not None:
        if id(parent) in moved:
            return True
        parent = parent.parent
    return False


def _size(node: Node) -> int:
    return sum(1 + _size(child) for child in node.children)


def _in_order(old: list[Node], new: list[Node]) -> list[tuple[Node | None, Node | None]]:
    """Pairs in new-document order; removed clauses placed after the clause that preceded them."""
    slots: list[tuple[tuple[int, int, int], Node | None, Node | None]] = []
    for b in new:
        if b.group is not None:
            continue  # part of a split or merge, reported with its group
        a = b.partner
        slots.append(((b.index, 0, 0), a, b))
    anchor = -1
    for a in old:
        if a.partner is not None:
            anchor = a.partner.index
        elif a.group is None:
            slots.append(((anchor, 1, a.index), a, None))
    slots.sort(key=lambda slot: slot[0])
    return [(a, b) for _, a, b in slots]
