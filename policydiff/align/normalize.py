"""Match keys: the form of a clause's text used to decide whether two clauses say the same thing.

Display always keeps the text as written; matching ignores what no reader would call a change:
Unicode compatibility forms, curly vs straight quotes, dash styles, no-break spaces, whitespace.
Tokens are hashed to ints so rapidfuzz compares word sequences, not characters.
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
_FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                     "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
"""Unicode format characters (category Cf, Unicode 14; a test checks the list against unicodedata):
invisible, and never a difference a reader could see."""


def normalise(text: str) -> str:
    """The match key of a text: NFKC, no format characters (zero-width spaces and joiners, soft hyphens,
    word joiners, bidi marks), unified quotes and dashes, collapsed whitespace."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
        if _FORMAT.search(text):
            text = _FORMAT.sub("", text)
    if "  " in text or "\t" in text or "\n" in text:
        return _SPACE.sub(" ", text).strip()
    return text.strip()


def tokenize(text: str) -> list[int]:
    """Word and punctuation tokens of a normalised text, lower-cased, as hashes: rapidfuzz compares
    int sequences faster than strings, and a hash collision between two words is not a practical risk."""
    return list(map(hash, _TOKEN.findall(text.lower())))


_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
