"""Match keys: the form of a clause's text used to decide whether two clauses say the same thing.

Display always keeps the text as written; matching ignores what no reader would call a change:
Unicode compatibility forms, curly vs straight quotes, dash styles, no-break spaces, whitespace.
Tokens are interned to ints so rapidfuzz compares word sequences, not characters.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
    "…": "...",
})
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """The match key of a text: NFKC, unified quotes and dashes, collapsed whitespace."""
    if text.isascii():
        return _SPACE.sub(" ", text).strip()
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_TRANSLATE)).strip()


def tokenize(text: str) -> list[str]:
    """Words and punctuation marks of a normalised text, lower-cased, for similarity scoring."""
    return _TOKEN.findall(text.lower())


class Interner:
    """Maps tokens to small ints so sequences compare as int lists in rapidfuzz."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def __call__(self, tokens: list[str]) -> list[int]:
        ids = self._ids
        return [ids.setdefault(token, len(ids)) for token in tokens]
