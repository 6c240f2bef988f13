"""Clause categories from the heading chain and the clause's own text (rules.toml, [categories])."""

from __future__ import annotations

from functools import lru_cache

from policydiff.classify.lexicon import rules
from policydiff.model import Clause


def categorize(headings: list[str], text: str) -> tuple[str, ...]:
    """Category codes for a clause under these section headings (outermost first) with this text."""
    from_headings = _heading_categories(" / ".join(headings))
    return tuple(category.code for category in rules().categories
                 if category.code in from_headings or category.text.search(text))


@lru_cache(maxsize=1024)
def _heading_categories(chain: str) -> frozenset[str]:
    """Categories a heading chain implies (many clauses share one chain, so it is worked out once)."""
    return frozenset(category.code for category in rules().categories if category.heading.search(chain))


def heading_chain(clause: Clause | None, parents: dict[int, Clause]) -> list[str]:
    """The headings of the sections enclosing a clause (and its own, for a section), outermost first."""
    chain: list[str] = []
    node = clause
    while node is not None:
        if node.kind == "section" and node.heading:
            chain.append(node.heading)
        node = parents.get(id(node))
    return list(reversed(chain))
