"""Match keys: the form of a clause's text used to decide whether two clauses say the same thing.

Display always keeps the text as written; matching ignores what no reader would call a change:
Unicode compatibility forms, curly vs straight quotes, dash styles, no-break spaces, whitespace.
Tokens are hashed to ints so rapidfuzz compares word sequences, not characters.
"""

from __future__ import annotations

import re
import unicodedata

from policydiff.parse.visible import FORMAT

_TRANSLATE = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
    "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
    "…": "...",
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The match key of a text: NFKC, no format characters (zero-width spaces and joiners, soft hyphens,
    word joiners, bidi marks), unified quotes and dashes, collapsed whitespace."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
        if FORMAT.search(text):  # clause text is already without them (parse/visible.py); other text is not
            text = FORMAT.sub("", text)
    if "  " in text or "\t" in text or "\n" in text:
        return _SPACE.sub(" ", text).strip()
    return text.strip()


def tokenize(text: str) -> list[int]:
    """Word and punctuation tokens of a normalised text, lower-cased, as hashes: rapidfuzz compares
    int sequences faster than strings, and a hash collision between two words is not a practical risk."""
    return list(map(hash, _TOKEN.findall(text.lower())))


_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
