"""Word list numbering: the number Word prints before a paragraph, computed as Word computes it.

Word does not store "3.2" or "(a)" in the text of an automatically numbered paragraph: the paragraph
names a list (`w:numPr`: a `numId` and a level, directly or through its style) and `numbering.xml`
says how each level counts and prints (`w:numFmt`, `w:lvlText` such as "%1.%2", `w:start`). Without
computing it a numbered clause loses its number, so a lawyer's "clause 3.2" could not be named.
Lists that share an abstract definition count on together, as Word counts them; a deeper level
restarts when a shallower one advances.
"""

from __future__ import annotations

import re
from typing import Any

from policydiff.parse.docx_revisions import W

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


class Numbering:
    """The numbering definitions of one Word document, and the counters of its lists so far."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract id -> level -> (fmt, text, start)
        self.abstract: dict[str, str] = {}  # numId -> abstract id
        self.restart: dict[str, dict[int, int]] = {}  # numId -> level -> start override
        self.style_numbers: dict[str, tuple[str, int]] = {}  # style id -> (numId, level)
        self.counters: dict[str, list[int]] = {}
        self.seen: set[str] = set()
        if numbering is not None:
            self._read(numbering)
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                found = style.find(f"{W}pPr/{W}numPr")
                if found is not None:
                    num = _val(found.find(f"{W}numId"))
                    if num:
                        self.style_numbers[style.get(f"{W}styleId", "")] = (num, int(_val(found.find(f"{W}ilvl")) or 0))

    def _read(self, numbering: Any) -> None:
        for definition in numbering.iter(f"{W}abstractNum"):
            levels = {}
            for level in definition.iter(f"{W}lvl"):
                levels[int(level.get(f"{W}ilvl", "0"))] = (
                    _val(level.find(f"{W}numFmt")) or "decimal", _val(level.find(f"{W}lvlText")) or "",
                    int(_val(level.find(f"{W}start")) or 1))
            self.levels[definition.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            self.abstract[num_id] = _val(num.find(f"{W}abstractNumId")) or ""
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    self.restart.setdefault(num_id, {})[int(override.get(f"{W}ilvl", "0"))] = int(_val(start) or 1)

    def list_of(self, paragraph: Any) -> tuple[str, int] | None:
        """The (numId, level) a paragraph is numbered in, directly or through its style; None if none."""
        properties = paragraph.find(f"{W}pPr")
        found = properties.find(f"{W}numPr") if properties is not None else None
        if found is not None:
            num = _val(found.find(f"{W}numId"))
            if num is None or num == "0":
                return None  # numbering switched off for this paragraph
            return num, int(_val(found.find(f"{W}ilvl")) or 0)
        style = properties.find(f"{W}pStyle") if properties is not None else None
        return self.style_numbers.get(_val(style) or "") if style is not None else None

    def number(self, num_id: str, level: int) -> str | None:
        """Advance the list and return the number printed at this level ("3.2", "(a)"); None for a
        bullet, or a list the document does not define."""
        abstract = self.abstract.get(num_id)
        levels = self.levels.get(abstract or "")
        if not levels or level not in levels:
            return None
        counters = self.counters.setdefault(abstract or "", [])
        if num_id not in self.seen:
            self.seen.add(num_id)
            for restart_level, start in self.restart.get(num_id, {}).items():
                del counters[restart_level:]
                while len(counters) < restart_level:
                    counters.append(levels.get(len(counters), ("decimal", "", 1))[2])
                counters.append(start - 1)
        while len(counters) <= level:
            counters.append(levels.get(len(counters), ("decimal", "", 1))[2] - (len(counters) == level))
        counters[level] += 1
        del counters[level + 1:]
        fmt, text, _ = levels[level]
        if fmt in ("bullet", "none") or not text:
            return None

        def printed(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            value = counters[index] if index < len(counters) else 1
            return _format(value, levels.get(index, ("decimal", "", 1))[0])

        return re.sub(r"%(\d)", printed, text).strip() or None


def _val(element: Any | None) -> str | None:
    return element.get(f"{W}val") if element is not None else None


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman += numeral
                value -= amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
