"""Styled runs wrapped to a terminal's width, measured in cells, before any escape code is added.

The text diff is built as lines of runs — (text, role) pairs such as ("thirty (30", "delete") — and
only painted once each line is cut to the width, so a colour or strike-through never straddles a
line break and every printed line carries its own escape codes (a pager scrolled to the middle of a
clause still shows it right). Long lines break between words, with a hanging indent so the gutter
column stays clear; a word longer than the line is cut. Width is counted in terminal cells: East
Asian wide characters take two, combining marks none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

RULE_WIDTH = 72
"""The width of a section rule when the output is not a terminal (and so the default): piped and
saved output stays the same whatever terminal it was made in."""

SIDE_BY_SIDE_MIN = 80
"""Below this many columns `side_by_side` falls back to one column: two columns of fewer than 38
cells each break a clause every few words."""

Run = tuple[str, str]
"""(text, role): role names a style ("" plain, "delete", "insert", "moved", "heading", "dim"...)."""

Line = list[Run]

_PIECES = re.compile(r"[ \t\n]+|[^ \t\n]+")


def cells(text: str) -> int:
    """How many terminal cells `text` takes (no escape codes in it)."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(char) for char in text)


def _char_cells(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\u2060\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def line_cells(line: Sequence[Run]) -> int:
    return sum(cells(text) for text, _ in line)


def wrap(runs: Iterable[Run], width: int | None, *, indent: str = "", hang: str | None = None) -> list[Line]:
    """The runs as lines of at most `width` cells: the first line opens with `indent`, the others
    with `hang` (default: as many spaces as `indent`). `width` None leaves the line whole."""
    hang = " " * cells(indent) if hang is None else hang
    words = _words(runs)
    if width is None:
        line: Line = [(indent, "")] if indent else []
        for gap, word, _, _ in words:
            line.extend(gap)
            line.extend(word)
        return [_merge(line)]
    lines: list[Line] = []
    current: Line = [(indent, "")] if indent else []
    used = cells(indent)
    fresh = True
    for gap, word, gap_cells, word_cells in words:
        if not fresh and used + gap_cells + word_cells > width:
            lines.append(current)
            current, used, fresh = ([(hang, "")] if hang else []), cells(hang), True
        if not fresh:
            current.extend(gap)
            used += gap_cells
        room = max(1, width - used)
        while word_cells > room:  # a word longer than the line: cut it
            head, word = _cut(word, room)
            current.extend(head)
            lines.append(current)
            current, used = ([(hang, "")] if hang else []), cells(hang)
            room = max(1, width - used)
            word_cells = line_cells(word)
        current.extend(word)
        used += word_cells
        fresh = False
    lines.append(current)
    return [_merge(line) for line in lines]


def _words(runs: Iterable[Run]) -> list[tuple[Line, Line, int, int]]:
    """(the spaces before it, the word, their widths) for every word; a word may mix roles ("(30"
    deleted, ")" kept)."""
    words: list[tuple[Line, Line, int, int]] = []
    gap: Line = []
    word: Line = []
    gap_cells = word_cells = 0
    for text, role in runs:
        for piece in _PIECES.findall(text):
            if piece[0] in " \t\n":
                if word:
                    words.append((gap, word, gap_cells, word_cells))
                    gap, word, gap_cells, word_cells = [], [], 0, 0
                spaces = " " * len(piece) if "\n" not in piece else " "
                gap.append((spaces, role))
                gap_cells += len(spaces)
            else:
                word.append((piece, role))
                word_cells += cells(piece)
    if word or gap:
        words.append((gap, word, gap_cells, word_cells))
    return words


def _cut(word: Line, room: int) -> tuple[Line, Line]:
    """The first `room` cells of a word, and the rest."""
    head: Line = []
    rest: Line = []
    used = 0
    for text, role in word:
        if rest or used >= room:
            rest.append((text, role))
            continue
        taken = ""
        for index, char in enumerate(text):
            size = _char_cells(char)
            if used + size > room and taken:
                rest.append((text[index:], role))
                break
            taken += char
            used += size
        head.append((taken, role))
    return head, rest


def _merge(line: Line) -> Line:
    """Neighbouring runs of one role joined, empty runs dropped."""
    merged: Line = []
    for text, role in line:
        if not text:
            continue
        if merged and merged[-1][1] == role:
            merged[-1] = (merged[-1][0] + text, role)
        else:
            merged.append((text, role))
    return merged


def pad(line: Line, width: int) -> Line:
    """The line filled with spaces to `width` cells."""
    missing = width - line_cells(line)
    return [*line, (" " * missing, "")] if missing > 0 else line
