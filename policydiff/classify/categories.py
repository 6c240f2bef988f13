"""Clause categories from the heading chain and the clause's own text (rules.toml, [categories])."""

from __future__ import annotations

from policydiff.classify.rules import Rules
from policydiff.model import Clause


def categorize(headings: list[str], text: str, rules: Rules) -> tuple[str, ...]:
    """Category codes for a clause under these section headings (outermost first) with this text."""
    chain = " / ".join(headings)
    return tuple(category.code for category in rules.categories
                 if category.heading.search(chain) or category.text.search(text))


def heading_chain(clause: Clause | None, parents: dict[int, Clause]) -> list[str]:
    """The headings of the sections enclosing a clause (and its own, for a section), outermost first."""
    chain: list[str] = []
    node = clause
    while node is not None:
        if node.kind == "section" and node.heading:
            chain.append(node.heading)
        node = parents.get(id(node))
    return list(reversed(chain))
