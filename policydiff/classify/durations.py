"""Durations as policies write them: "thirty (30) days", "90 days", "12 months", "indefinitely".

A duration change is one of the commonest material edits (retention, notice periods, export windows,
response deadlines), and it hides in one word, so it is read exactly and compared in days.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

_UNITS = {"hour": 1 / 24, "day": 1, "business day": 1.4, "working day": 1.4, "calendar day": 1, "week": 7,
          "month": 30, "year": 365}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
          "one hundred eighty": 180, "one hundred and eighty": 180}
_WORDS |= {f"{tens}{joint}{unit}": _WORDS[tens] + _WORDS[unit]  # "twenty-five", "thirty six"
           for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
           for unit in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine") for joint in ("-", " ")}
_WORD = "|".join(sorted((re.escape(w) for w in _WORDS if w not in ("a", "an")), key=len, reverse=True))
_PATTERN = re.compile(
    rf"\b(?:(?P<word>{_WORD})(?:\s*\((?P<paren>\d+)\))?|(?P<digits>\d+(?:\.\d+)?)|(?P<article>an?))"
    r"[\s-]*\(?(?P<unit>(?:business |working |calendar )?(?:hour|day|week|month|year))s?\)?\b",
    re.IGNORECASE)
_UNIT_WORDS = ("hour", "day", "week", "month", "year")
"""Every period names one of these (a text without any holds none: the pattern's search is skipped)."""
_AGE_BEFORE = re.compile(r"\b(?:under|over|aged?|age of|older than|younger than)\s*$", re.I)
_AGE_AFTER = re.compile(r"\s*(?:of age|old|or older|or younger)\b", re.I)
_FOREVER = re.compile(r"\b(?:indefinitely|forever|permanently|for as long as|without (?:a )?time limit)\b", re.I)


@dataclass(frozen=True, slots=True)
class Duration:
    days: float
    """The length in days (months count 30, years 365): for comparing two durations."""
    text: str
    amount: float = math.inf
    """The number as written ("thirty (30)" → 30); inf for "indefinitely"."""
    unit: str = ""
    """"hour", "day", "business day", "week", "month", "year" ("" for "indefinitely"): calendar
    arithmetic needs the unit, because one month after January 31 is not thirty days after it."""


def durations(text: str) -> list[Duration]:
    """Every duration stated in the text, in order, in days (math.inf for "indefinitely"). A text's
    durations are read once however many rules ask (each caller gets its own list)."""
    return list(_durations(text))


@lru_cache(maxsize=1024)
def _durations(text: str) -> tuple[Duration, ...]:
    found = []
    lowered = text.lower()
    periods = _PATTERN.finditer(text) if any(unit in lowered for unit in _UNIT_WORDS) else ()
    for match in periods:
        if _AGE_BEFORE.search(text, 0, match.start()) or _AGE_AFTER.match(text, match.end()):
            continue  # "under 18 years of age" is an age, not a period
        if match["paren"]:
            amount = float(match["paren"])
        elif match["word"]:
            amount = float(_WORDS[match["word"].lower()])
        elif match["digits"]:
            amount = float(match["digits"])
        else:
            amount = 1.0
        unit = match["unit"].lower()
        factor = _UNITS.get(unit) or _UNITS[unit.split()[-1]]
        if unit == "working day":
            unit = "business day"
        elif unit == "calendar day":
            unit = "day"
        found.append(Duration(amount * factor, match.group(0).strip(), amount, unit))
    found.extend(Duration(math.inf, m.group(0)) for m in _FOREVER.finditer(text))
    return tuple(found)


def describe(duration: Duration) -> str:
    return duration.text
