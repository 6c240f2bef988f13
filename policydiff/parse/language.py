"""Which language a policy (or one clause) is written in, so that no English cue fires on another one.

policydiff's rules read English: "sell", "share with", "thirty (30) days". On a French or German
policy those cues would fire on chance words or, worse, stay silent and let an unread change pass as
editorial. So every document says its language, and a clause in another language is left to its
numbers, dates and structure (classify/) with a reason that says it was not read.

The detector is deliberately small and conservative: a text whose letters are mostly of one
non-Latin script is in that script's language; a Latin-script text is in the language whose frequent
function words (parse/languages.toml) make up most of its words. A text too short to tell, or with no
clear winner, is English, the language the rules are written for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from policydiff.patterncache import loads_toml

ENGLISH = "en"
MIN_WORDS = 8
"""Fewer words than this say nothing about their language: English, by default."""
SAMPLE_WORDS = 4000
"""A document's language is read from its first few thousand words."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BEYOND_LATIN = re.compile("[^\x00-\u024f]")
"""A character past Latin Extended-B: the only ones whose script is looked up."""


@dataclass(frozen=True)
class Languages:
    words: dict[str, str]
    """Function word → the one language that uses it."""
    names: dict[str, str]
    """Language code → its English name."""
    scripts: dict[str, str]
    """Unicode script (first word of a character name) → language code."""


def detect(texts: Iterable[str], default: str = ENGLISH) -> str:
    """The language code ("en", "fr", "de", "zh"…) of a text given in pieces; `default` when the text is
    too short to tell or no language stands out."""
    words: list[str] = []
    letters = foreign = 0
    scripts: dict[str, int] = {}
    plain: list[str] = []
    data = _languages()
    for text in texts:
        if not text.isascii():
            letters += sum(map(str.isalpha, text))
            for char in _BEYOND_LATIN.findall(text):  # a letter past Latin Extended-B may name a script
                if char.isalpha():
                    script = _script(char)
                    if script in data.scripts:
                        foreign += 1
                        scripts[script] = scripts.get(script, 0) + 1
        else:
            plain.append(text)  # its letters count only against foreign ones (below)
        words.extend(_WORD.findall(text.lower()))
        if len(words) >= SAMPLE_WORDS:
            break
    if foreign:
        letters += sum(sum(map(str.isalpha, text)) for text in plain)
    if letters and foreign * 2 > letters:
        top = max(scripts, key=scripts.__getitem__)
        if top == "CJK" and (scripts.get("HIRAGANA", 0) + scripts.get("KATAKANA", 0)) * 10 > foreign:
            return "ja"
        return data.scripts[top]
    if len(words) < MIN_WORDS:
        return default
    # each language in the order its first word came (max below keeps the first of equal counts)
    counts = Counter(filter(None, map(data.words.get, words)))
    if not counts:
        return default
    best = max(counts, key=counts.__getitem__)
    english = counts.get(ENGLISH, 0)
    # Another language only on clear evidence: more of its words than English ones, by a margin, and
    # enough of them to be more than a quoted name or two.
    if best != ENGLISH and counts[best] >= max(3, 2 * english) and counts[best] * 8 >= len(words):
        return best
    if english >= 3 and english * 8 >= len(words):
        return ENGLISH
    return default


def language_name(code: str) -> str:
    """"French" for "fr"; the code itself when it is not one policydiff knows."""
    return _languages().names.get(code, code)


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or name.startswith("IDEOGRAPHIC"):
        return "CJK"
    return name.split(" ", 1)[0]


@lru_cache(maxsize=1)
def _languages() -> Languages:
    data = loads_toml(resources.files("policydiff.parse").joinpath("languages.toml").read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for code, entry in data["languages"].items():
        names[code] = entry["name"]
        for word in entry["words"]:
            owners.setdefault(word, set()).add(code)
    names.update(data["script_names"])
    words = {word: next(iter(codes)) for word, codes in owners.items() if len(codes) == 1}
    return Languages(words, names, dict(data["scripts"]))
