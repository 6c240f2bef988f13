"""Does a text stand inside any of many others? One search over them all, joined, not one per text.

The redundancy check asks it of every removed clause against every clause the new version keeps;
asked clause by clause that is removed × kept Python-level searches, while one search of the joined
texts runs at the speed of `str.find` (measured on 20,000 kept clauses of a synthetic policy, on a
busy machine: 4 ms a question, against 28 ms a question clause by clause).
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "\x00"
"""Between the joined texts: a text that holds none cannot match across two of them."""


class Containment:
    """A set of texts, to ask whether a text is a substring of any one of them."""

    __slots__ = ("_texts", "_joined")

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = list(texts)
        self._joined = SEPARATOR.join(self._texts)

    def holds(self, text: str) -> bool:
        """True when `text` stands inside one of the texts (as `any(text in t for t in texts)`)."""
        if not self._texts:
            return False
        if SEPARATOR in text:
            return any(text in other for other in self._texts)
        return text in self._joined
