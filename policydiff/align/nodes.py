"""Flatten a clause tree into the nodes the aligner works on: body clauses with their context."""

from __future__ import annotations

from dataclasses import dataclass, field

from policydiff.align.normalize import normalise, tokenize
from policydiff.model import Clause, ClauseRole, Document


@dataclass(eq=False, slots=True)
class Node:
    """A body clause plus what alignment needs to know about it."""

    clause: Clause
    index: int
    """Position in document order among body clauses."""
    parent: Node | None
    """The enclosing clause (section, or list item for nested items)."""
    section: Node | None
    """The nearest enclosing section (itself excluded)."""
    key: str
    """Normalised text: a section's heading without number; a leaf's label and text."""
    children: list[Node] = field(default_factory=list)
    partner: Node | None = None
    extra: list[Node] = field(default_factory=list)
    """For split (old side) or merged (new side): the further clauses of the group."""
    group: Node | None = None
    """For a clause that is part of another node's split/merge group: that node."""
    position: float = 0.0
    """Relative position in the document, 0 to 1, for telling repeated texts apart."""
    before: Node | None = None
    """The clause just before this one in document order."""
    after: Node | None = None
    """The clause just after this one in document order."""
    _tokens: list[int] | None = None

    @property
    def tokens(self) -> list[int]:
        """Tokens for similarity, computed on first use: most clauses match exactly and never need them."""
        if self._tokens is None:
            self._tokens = tokenize(self.key)
        return self._tokens

    @property
    def is_section(self) -> bool:
        return self.clause.kind == "section"


def flatten(document: Document, role: ClauseRole = "body") -> list[Node]:
    """The clauses of one role in document order: the body by default, or the non-operative text,
    whose clauses are aligned on their own so that they never disturb the terms. Title, metadata and
    furniture are never aligned. Clauses with no words are left out: there is nothing in them to compare."""
    nodes: list[Node] = []

    def visit(clause: Clause, parent: Node | None, section: Node | None) -> None:
        if clause.role != role:
            if role != "body" and clause.role == "body":  # look inside body sections for the role's clauses
                for child in clause.children:
                    visit(child, parent, section)
            return
        if clause.kind != "section" and not any(ch.isalnum() for ch in clause.full_text):
            return
        key = normalise(clause.heading or "" if clause.kind == "section" else clause.full_text)
        if clause.kind == "section" and clause.full_text:
            key = f"{key} {normalise(clause.full_text)}".strip()
        node = Node(clause, len(nodes), parent, section, key)
        nodes.append(node)
        if parent is not None:
            parent.children.append(node)
        for child in clause.children:
            visit(child, node, node if clause.kind == "section" else section)

    for clause in document.clauses:
        visit(clause, None, None)
    for first, second in zip(nodes, nodes[1:]):
        first.after, second.before = second, first
    return nodes
