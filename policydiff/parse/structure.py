"""Section structure read from each document's own signals, so that one added line cannot re-parent the rest.

Pages converted to Markdown, and saved HTML, keep only part of their heading markup. What is left
are signals of different strength: an explicit heading (`##`, `<h2>`), a line that continues the
document's numbering ("5. Password Security"), a line that is bold and nothing else ("**Cookies**"),
a bold numbered lead-in ("**1.1 Order Form**. You may..."). Levels are assigned per document:

- explicit headings keep the level their markup gives;
- an inferred heading never contains an explicit one: before the first explicit heading it takes
  that heading's level (a sibling, closed by it), after it it nests below the explicit heading in force;
- numbered headings of one series share one level: the first heading of each depth fixes it, whether
  the series is written with `##`, in bold or as plain numbered lines;
- a bold line nests below the nearest numbered heading, or below the explicit heading in force.

So "**Introduction to the Agreement**" added above the first `##` heading is a short section of its
own, not a container of the whole agreement, and "**Paid contributions**" added inside section 4 ends
where "5. Password Security" begins.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policydiff.parse.blocks import SECTION_NUMBER, Block, NumberSequence, normalise_number, number_depth, split_label

MAX_HEADING_WORDS = 14
"""A bold or numbered line longer than this is a sentence in bold, not a heading."""


def infer_structure(blocks: list[Block]) -> list[Block]:
    """Headings read from bold and numbered lines, and levels that follow the document's own series."""
    first_explicit = _first_explicit_levels(blocks)
    numbers = NumberSequence()
    series: dict[int, int] = {}  # numbering depth -> level
    explicit: int | None = None  # level of the explicit heading in force
    numbered: int | None = None  # level of the last numbered heading since that explicit heading
    result: list[Block] = []
    for position, block in enumerate(blocks):
        if block.kind == "heading":
            if block.number:
                plain = normalise_number(block.number)
                numbers.enter(plain)
                if plain.replace(".", "").isdigit():
                    series.setdefault(number_depth(plain), block.level)
            explicit, numbered = block.level, (block.level if block.number else None)
            result.append(block)
            continue
        base = explicit if explicit is not None else first_explicit[position] - 1
        heading, body = _promote(block, numbers, series, base, numbered)
        if heading is None:
            result.extend(_numbered_clauses(block, numbers))
            continue
        if heading.number:
            numbered = heading.level
        result.append(replace(heading, first_line=block.first_line,
                              last_line=block.last_line if body is None else block.first_line))
        if body is not None:
            result.append(body)
    return result


def _first_explicit_levels(blocks: list[Block]) -> list[int]:
    """For each position, the level of the next explicit heading (1 when none follows)."""
    levels = [1] * len(blocks)
    following = 1
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if block.kind == "heading" and block.explicit_level:
            following = block.level
        levels[index] = following
    return levels


def _promote(block: Block, numbers: NumberSequence, series: dict[int, int], base: int,
             numbered: int | None) -> tuple[Block | None, Block | None]:
    """The heading a block stands for (and the body that follows it on the same line), or (None, None)."""
    if block.kind != "paragraph" or block.quoted:
        return None, None
    if block.label and SECTION_NUMBER.match(block.label):
        heading = _numbered(block.label.rstrip(".:"), numbers, series, base, dotted_only=True)
        return (heading, replace(block, label=None)) if heading else (None, None)
    if block.label or not _heading_sized(block.text):
        return None, None
    if SECTION_NUMBER.match(block.text):
        if block.strong or _plain_heading(block):
            return _numbered(block.text, numbers, series, base), None
        return None, None
    if block.strong:
        level = (numbered if numbered is not None else base) + 1
        return Block("heading", block.text.rstrip(":"), block.first_line, block.last_line, level=level,
                     explicit_level=True, inferred=True), None
    return None, None


def _numbered(text: str, numbers: NumberSequence, series: dict[int, int], base: int,
              dotted_only: bool = False) -> Block | None:
    match = SECTION_NUMBER.match(text)
    if not match:
        return None
    plain = normalise_number(match["number"])
    if dotted_only and "." not in plain or not numbers.fits(plain, True):
        return None
    numbers.enter(plain)
    if plain.replace(".", "").isdigit():
        depth = number_depth(plain)
        level = series.setdefault(depth, series.get(depth - 1, base) + 1 if depth > 1 else base + 1)
    else:
        level = base + 1
    return Block("heading", match["rest"].rstrip(":"), 0, 0, level=level, number=match["number"],
                 explicit_level=True, inferred=True)


_RUN_IN = re.compile(r"(?<=[.;:])\s+(?P<number>\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=[A-Z(“\"])")


def _numbered_clauses(block: Block, numbers: NumberSequence) -> list[Block]:
    """A paragraph that opens with the next sub-clause number ("6.1 GitHub will be...") is that numbered
    clause; sub-clauses run in after it ("... of record. 6.2 Registration. ...") are clauses of their own."""
    if block.kind != "paragraph" or block.label or block.quoted:
        return [block]
    match = SECTION_NUMBER.match(block.text)
    if not match or "." not in normalise_number(match["number"]) or not numbers.fits(normalise_number(match["number"]), True):
        return [block]
    pieces: list[tuple[str, str]] = []
    text, number = match["rest"], match["number"]
    expected = _next_number(normalise_number(number))
    for run_in in _RUN_IN.finditer(text):
        if normalise_number(run_in["number"]) != expected:
            continue
        pieces.append((number, text[:run_in.start()].strip()))
        text, number = text[run_in.end():], run_in["number"]
        expected = _next_number(normalise_number(number))
    pieces.append((number, text.strip()))
    result = []
    for piece_number, piece_text in pieces:
        numbers.enter(normalise_number(piece_number))
        label, rest = split_label(piece_text)
        result.append(replace(block, number=piece_number, text=rest, label=label))
    return result


def _next_number(plain: str) -> str:
    head, _, last = plain.rpartition(".")
    return f"{head}.{int(last) + 1}" if last.isdigit() else plain


def _plain_heading(block: Block) -> bool:
    """A plain paragraph that reads "5. Password Security": a number and a few words of a title."""
    match = SECTION_NUMBER.match(block.text)
    if not match:
        return False
    rest = match["rest"]
    words = rest.split()
    return 0 < len(words) <= 10 and rest[:1].isupper() and not rest.endswith((".", ",", ";", ":"))


def _heading_sized(text: str) -> bool:
    return 0 < len(text) <= 120 and len(text.split()) <= MAX_HEADING_WORDS and not text.endswith((".", ",", ";"))
