"""Text as a reader sees it, before any rule reads a word: invisible characters out, look-alikes folded.

A zero-width space inside "ex[U+200B]cept" or "adver[U+200B]tising" is invisible on every screen, yet it makes the
word another string: every rule that looks for "except" or "advertising" misses it, and a pull
request could slip a sale of data past `check` while GitHub shows the sentence as identical. So each
block's text is made visible here, as soon as a reader has produced it and before structure,
metadata or classification rules see it:

- format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens, word joiners,
  byte-order marks, bidi marks, overrides and isolates) are removed;
- control characters (C0 and C1, other than the whitespace the readers already collapse) are removed;
- a letter of another script that Unicode's confusables table (the `confusable_homoglyphs` package's
  copy of UTS #39 confusables.txt) lists as a look-alike of a Latin letter is folded to that letter,
  in a word that is otherwise Latin ("partners" written with a Cyrillic а, U+0430), or in a word made only of such
  look-alikes inside Latin text. A word of Greek or Cyrillic text among its own script is left alone.

The text as written is kept on the block (`written`) when it differed, so the diff can still say
that invisible characters changed (a change of nothing else is minor), and a version whose text holds
bidi overrides or control characters can be reported as a defect.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policydiff.model import Defect, Document
    from policydiff.parse.blocks import Block

FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
"""Unicode format characters (category Cf, Unicode 14; a test checks the list against unicodedata)."""

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters other than tab, newline and carriage return."""

HIDDEN = re.compile(f"{FORMAT.pattern}|{CONTROL.pattern}")

BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: they reorder what a reader sees (U+202E shows "txet" for "text")."""

_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN_LETTER = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\W\d_]")
"""A letter outside the Latin blocks (Basic Latin to Latin Extended-B, Latin Extended Additional)."""


def visible(text: str) -> str:
    """`text` without invisible or control characters and with look-alike letters folded to Latin."""
    if text.isascii() and not CONTROL.search(text):
        return text
    text = HIDDEN.sub("", text)
    if _NON_LATIN_LETTER.search(text):
        text = _fold(text)
    return text


def made_visible(blocks: list[Block]) -> list[Block]:
    """Every block with its text, label and cells made visible, keeping what was written in `written`."""
    return [_block(block) for block in blocks]


def hidden_characters(text: str) -> dict[str, int]:
    """The invisible and control characters in `text` → how many times each occurs."""
    found: dict[str, int] = {}
    for match in HIDDEN.finditer(text):
        found[match.group(0)] = found.get(match.group(0), 0) + 1
    return found


def hidden_signature(written: str | None) -> tuple[tuple[str, int], ...]:
    """What of `written` a reader cannot see or would misread: its invisible and control characters
    (with counts) and its look-alike letters, in order. Two clauses with the same words and the same
    signature differ only in what every rule ignores anyway (quote styles, spaces)."""
    if not written:
        return ()
    hidden = sorted(hidden_characters(written).items())
    lookalikes = [(char, 0) for char in _NON_LATIN_LETTER.findall(written) if char in _latin_lookalikes()] \
        if _NON_LATIN_LETTER.search(written) else []
    return (*hidden, *lookalikes)


def describe(char: str) -> str:
    """"U+200B ZERO WIDTH SPACE"."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL CHARACTER')}"


def _block(block: Block) -> Block:
    text = visible(block.text)
    label = visible(block.label) if block.label else block.label
    number = visible(block.number) if block.number else block.number
    cells = tuple(visible(cell) for cell in block.cells)
    if text == block.text and label == block.label and number == block.number and cells == block.cells:
        return block
    written = f"{block.label} {block.text}" if block.label and block.text else block.label or block.text
    return replace(block, text=_spaces(text), label=_spaces(label) if label else label, number=number,
                   cells=tuple(_spaces(cell) for cell in cells), written=written)


def _spaces(text: str) -> str:
    """A character removed between two spaces leaves them both: collapse them again."""
    return _DOUBLE_SPACE.sub(" ", text).strip() if "  " in text else text.strip()


_DOUBLE_SPACE = re.compile(" {2,}")


def _fold(text: str) -> str:
    latin = sum(1 for char in text if char.isalpha() and not _NON_LATIN_LETTER.match(char))
    letters = sum(1 for char in text if char.isalpha())
    latin_text = letters > 0 and latin * 2 > letters
    table = _latin_lookalikes()

    def word(match: re.Match[str]) -> str:
        piece = match.group(0)
        foreign = [char for char in piece if _NON_LATIN_LETTER.match(char)]
        if not foreign or any(char not in table for char in foreign):
            return piece
        if len(foreign) == len(piece) and not latin_text:
            return piece  # a word of its own script among text of that script
        return "".join(table.get(char, char) for char in piece)

    return _WORD.sub(word, text)


@lru_cache(maxsize=1)
def _latin_lookalikes() -> dict[str, str]:
    """Letters of other scripts → the Latin letter Unicode's confusables table says they look like."""
    from confusable_homoglyphs.utils import load  # type: ignore[import-untyped]

    table: dict[str, str] = {}
    for char, glyphs in load("confusables.json").items():
        if len(char) != 1 or not _NON_LATIN_LETTER.match(char):
            continue
        latin = [glyph["c"] for glyph in glyphs if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalpha()]
        if latin:
            table[char] = latin[0]
    return table


def hidden_text_defects(document: Document) -> list[Defect]:
    """A defect for every clause whose text as written holds bidi controls (which reorder what a
    reader sees) or control characters: what a reviewer reads on screen is not what the file says."""
    from policydiff.model import Defect

    defects = []
    for clause in document.walk():
        written = clause.written
        if not written:
            continue
        found = {char: count for char, count in hidden_characters(written).items()
                 if BIDI_CONTROL.match(char) or CONTROL.match(char)}
        if found:
            what = ", ".join(f"{count} × {describe(char)}" for char, count in found.items())
            defects.append(Defect("hidden-characters", clause.id, _quote(written),
                                  f"the text holds {what}: it can display otherwise than it reads; policydiff "
                                  "compares it without them"))
    return defects


def _quote(text: str) -> str:
    shown = visible(text)
    return shown if len(shown) <= 80 else shown[:77].rstrip() + "…"
