"""Who data goes to, read from the words around it.

A party word or a name is a recipient only where the text gives it data: after a sharing verb and
its "with" or "to" ("we share your data with **our advertising partners**", "disclosed to **law
enforcement**"), or anywhere in a row or item of a recipients list. A product named in an
introduction ("… to access Perplexity Pro or Perplexity Max") or a party that only acts ("third
party health applications you integrate") receives nothing.
"""

from __future__ import annotations

import re

from policydiff.classify.rules import Rules

LISTED = ("table-row", "list-item")
"""Clause kinds read whole: a row or item in a sharing section names its recipients."""


def recipient_phrases(text: str, rules: Rules, clause_kind: str = "paragraph") -> list[str]:
    """The phrases of the text that name who receives data, lower case (the whole text for a list row)."""
    if clause_kind in LISTED:
        return [text.lower()]
    end, marker = rules.cue("recipient-end"), rules.cue("recipient-marker")
    phrases = []
    for window in rules.cue("recipient-window").finditer(text):
        rest = window.group(0)
        for opening in marker.finditer(rest):
            phrase = _until_end(rest[opening.end():], end).strip(" ,()\"“”'’")
            if phrase:
                phrases.append(phrase.lower())
    return phrases


def source_phrases(text: str, rules: Rules) -> list[str]:
    """The phrases that name where data comes from ("… obtain personal data from **the following third
    party sources**"), lower case: after "from", to the end of the phrase (cue "recipient-end")."""
    end = rules.cue("recipient-end")
    return [_until_end(found.group(1), end).lower() for found in _SOURCE.finditer(text)]


_SOURCE = re.compile(r"\bfrom\s+([^.;:!?]*)", re.IGNORECASE)


def _until_end(phrase: str, end: re.Pattern[str]) -> str:
    stop = end.search(phrase)
    return phrase[:stop.start()] if stop else phrase


def receives(word: str, phrases: list[str]) -> bool:
    """Whether the word (a party word or a name) stands in one of the recipient phrases."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])")
    return any(pattern.search(phrase) for phrase in phrases)
