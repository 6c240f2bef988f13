"""Two clause trees in, one alignment out: every clause matched to where it went, with its kind.

    flatten (nodes.py) -> pair (engine.py) -> kinds and order (this module)
"""

from __future__ import annotations

from bisect import bisect_left

from policydiff.align.engine import align_nodes
from policydiff.align.nodes import Node, flatten
from policydiff.model import Clause, Document, Match, MatchKind
from policydiff.parse.blocks import normalise_number

__all__ = ["align"]


def align(old_document: Document, new_document: Document) -> tuple[Match, ...]:
    """The whole alignment in new-document order, removed clauses where they stood."""
    old = flatten(old_document)
    new = flatten(new_document)
    align_nodes(old, new)
    moved = _moved(old)
    return tuple(_match(old_node, new_node, moved) for old_node, new_node in _in_order(old, new))


def _match(a: Node | None, b: Node | None, moved: set[int]) -> Match:
    if a is None:
        assert b is not None
        return Match("added", None, b.clause, 0.0, old_section=_counterpart_section(b), new_section=_section(b),
                     implied=_parent_unmatched(b))
    if b is None:
        return Match("removed", a.clause, None, 0.0, old_section=_section(a), new_section=_counterpart_section(a),
                     implied=_parent_unmatched(a))
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
    elif a.key != b.key:
        kind = "modified"
    elif _renumbered(a, b):
        kind = "renumbered"
    else:
        kind = "unchanged"
    return Match(kind, a.clause, b.clause, similarity, old_section=old_section, new_section=new_section)


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
    from rapidfuzz.distance import Indel

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
    """Clauses that left their parent, or that cross other clauses among corresponding siblings."""
    moved: set[int] = set()
    groups: dict[int, list[Node]] = {}
    for a in old:
        b = a.partner
        if b is None:
            continue
        if a.parent is None and b.parent is None:
            groups.setdefault(0, []).append(a)
        elif a.parent is not None and b.parent is not None and a.parent.partner is b.parent:
            groups.setdefault(id(a.parent), []).append(a)
        else:
            moved.add(id(a))
    for siblings in groups.values():
        keep = _longest_increasing([n.partner.index for n in siblings],  # type: ignore[union-attr]
                                   [1 + _size(n) for n in siblings])
        moved.update(id(n) for i, n in enumerate(siblings) if i not in keep)
    return moved


def _size(node: Node) -> int:
    return sum(1 + _size(child) for child in node.children)


def _longest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Indices of a heaviest increasing subsequence (weighted for short lists, plain LIS for long)."""
    n = len(values)
    if n == 0:
        return set()
    if n <= 400:
        best = list(weights)
        previous = [-1] * n
        for i in range(n):
            for j in range(i):
                if values[j] < values[i] and best[j] + weights[i] > best[i]:
                    best[i], previous[i] = best[j] + weights[i], j
        end = max(range(n), key=lambda i: best[i])
    else:
        tails: list[int] = []
        tail_index: list[int] = []
        previous = [-1] * n
        for i, value in enumerate(values):
            position = bisect_left(tails, value)
            if position == len(tails):
                tails.append(value)
                tail_index.append(i)
            else:
                tails[position] = value
                tail_index[position] = i
            previous[i] = tail_index[position - 1] if position else -1
        end = tail_index[-1]
    keep = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    return keep


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
