"""Sentences of a clause, as a reader splits them: a reader of text, like durations.py, not a rule.

A clause is compared sentence by sentence (has a sentence moved, is a sentence only a pointer), so
its sentences must be cut where a reader cuts them: after a full stop, a question or an exclamation,
a semicolon or a colon, or a line break, but not inside "U.S.", "e.g." or "Acme Inc.".
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[\"“‘'(\[]?[A-Z0-9•*-])|\s*\n\s*")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){1,3}$|\b(?:e\.g|i\.e|etc|inc|ltd|co|corp|no|nos|dr|mr|ms|mrs|st|vs|jr|sr"
                           r"|approx|cf|al|art|sec|para|fig|op|vol)\.$", re.IGNORECASE)
_ABBREVIATION_TAIL = 16
"""An abbreviation ends its piece and is at most 7 characters long ("approx.", "U.S.A."): it is looked
for in the piece's last characters only (a search from there still sees the character before, for \b)."""


def sentences(text: str) -> list[str]:
    """The sentences of a text, as written ("U.S.", "e.g." and "Inc." end no sentence)."""
    pieces: list[str] = []
    for piece in _SENTENCE.split(text):
        if not piece or not piece.strip():
            continue
        if pieces and _ABBREVIATION.search(pieces[-1], max(0, len(pieces[-1]) - _ABBREVIATION_TAIL)):
            pieces[-1] = f"{pieces[-1]} {piece.strip()}"
        else:
            pieces.append(piece.strip())
    return pieces
