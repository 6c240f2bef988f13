"""Plain text to blocks: the structure a reader sees in text pasted from a web page or a PDF.

Pasted policies have lost their markup, so structure is inferred line by line: numbered headings
("1.", "1.1", "12. SHARING"), ALL-CAPS headings, short Title Case lines that open a block, bullets,
"(a)" items, pipe tables, header metadata lines, and trailing page furniture. Hard-wrapped text
(PDF extraction, e-mail) is re-joined into paragraphs. Each rule is a small function so that it
can be read and tested alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from policydiff.parse.blocks import (ITEM_MARKER, SECTION_NUMBER, Block, NumberSequence, collapse, is_all_caps_heading,
                                     is_title_like, normalise_number, number_depth, split_heading_number, split_label)
from policydiff.parse.metadata import is_metadata_line

_TERMINAL = (".", "!", "?", ":", ";", ".”", ".\"", ".)", "?”")
_COMPANY = re.compile(r"\b(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|GmbH|Corp\.?|Corporation|plc|S\.A\.|B\.V\.|AG)\b")
FURNITURE = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s+(?:©\s*)?\d{4}|all rights reserved|page \d+ of \d+)\b.*$"
    r"|.*\ball rights reserved\.?$"
    r"|^\W*(?:get started|sign up|sign in|log ?in|start (?:your )?free trial|start for free|try (?:it )?(?:for )?free"
    r"|book a demo|request a demo|schedule a demo|contact sales|talk to sales|learn more|read more"
    r"|back to top|cookie (?:settings|preferences)|manage cookies|accept(?: all)?(?: cookies)?"
    r"|download (?:the|our) app|subscribe|share this page|print this page|was this (?:page )?helpful\??"
    r"|skip to (?:main )?content)\W*(?:[\w ]{0,12})$",
    re.IGNORECASE,
)
"""Copyright lines and print furniture, and calls to action standing alone ("Learn more", "Sign up
free"): what follows a policy on a web page. "Learn more about how we use cookies" is a sentence."""


@dataclass(slots=True)
class _Line:
    number: int
    raw: str
    text: str
    indent: int
    _is_structural: bool | None = None

    @property
    def structural(self) -> bool:
        """Whether the line opens a heading, list item or table row (computed once)."""
        if self._is_structural is None:
            self._is_structural = _structural(self.text) or self.text.startswith("|")
        return self._is_structural


@dataclass(slots=True)
class _State:
    blocks: list[Block] = field(default_factory=list)
    numbers: NumberSequence = field(default_factory=NumberSequence)
    numbered_depth: int = 0
    seen_section: bool = False
    seen_body: bool = False
    item_indents: list[int] = field(default_factory=list)


def text_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Blocks of a plain-text policy; first_line numbers the first line of text."""
    lines = [_Line(i, raw, collapse(raw), _indent(raw)) for i, raw in enumerate(text.split("\n"), first_line)]
    wrap_width = _wrap_width([line for line in lines if line.text])
    state = _State()
    previous: _Line | None = None
    item_follows: bool | None = None  # once per run of blank lines: looking ahead from each one was quadratic
    for index, line in enumerate(lines):
        if not line.text:
            previous = None
            if item_follows is None:
                item_follows = _next_is_item(lines, index)
            state.item_indents = state.item_indents if item_follows else []
            continue
        item_follows = None
        if previous is not None and _continues(state, previous, line, wrap_width):
            last = state.blocks[-1]
            state.blocks[-1] = Block(**{**_fields(last), "text": f"{last.text} {line.text}".strip(),
                                        "last_line": line.number})
        else:
            _classify(state, line, lines, index)
        previous = line
    blocks = _mark_header(state.blocks)
    return mark_furniture(blocks)


def _fields(block: Block) -> dict[str, Any]:
    return {name: getattr(block, name) for name in block.__slots__}


def _indent(raw: str) -> int:
    expanded = raw.replace("\t", "    ")
    return len(expanded) - len(expanded.lstrip(" \u00a0"))


def _next_text(lines: list[_Line], index: int) -> _Line | None:
    """The next non-blank line after lines[index], without copying the list."""
    for position in range(index + 1, len(lines)):
        if lines[position].text:
            return lines[position]
    return None


def _next_is_item(lines: list[_Line], index: int) -> bool:
    following = _next_text(lines, index)
    return following is not None and bool(ITEM_MARKER.match(following.text))


def _wrap_width(lines: list[_Line]) -> int:
    """The width prose was hard-wrapped at (PDF, e-mail), or 0 for one paragraph per line."""
    prose = [line for line in lines if not line.structural]
    if len(prose) < 6:
        return 0
    lengths = sorted(len(line.text) for line in prose)
    width = lengths[int(len(lengths) * 0.95) - 1]
    if width > 110:
        return 0
    numbers = {line.number for line in prose}
    broken = sum(1 for line in prose
                 if line.number + 1 in numbers and not line.text.endswith(_TERMINAL) and len(line.text) >= 0.75 * width)
    return width if broken >= max(3, len(prose) // 10) else 0


def _continues(state: _State, previous: _Line, line: _Line, wrap_width: int) -> bool:
    """Whether this line carries on the block above it rather than opening a new one."""
    if not state.blocks or state.blocks[-1].kind not in ("paragraph", "item"):
        return False
    if line.structural:
        return False
    last = state.blocks[-1]
    if last.kind == "item" and line.indent >= 2 and line.indent > previous.indent - 1 and not wrap_width:
        return not previous.text.endswith(_TERMINAL) or line.text[:1].islower()
    if line.text[:1].islower() and not previous.text.endswith((".", "!", "?", ":")):
        return True
    if wrap_width:
        return len(previous.text) >= 0.75 * wrap_width
    return previous.raw.rstrip().endswith("-") and line.text[:1].islower()


def _structural(text: str) -> bool:
    return bool(ITEM_MARKER.match(text) or SECTION_NUMBER.match(text) and not text[:1].islower()
                or text.startswith("#") or is_all_caps_heading(text))


def _classify(state: _State, line: _Line, lines: list[_Line], index: int) -> None:
    for rule in (_table_row, _markdown_heading, _metadata, _numbered_heading, _item, _caps_heading,
                 _title_heading, _paragraph):
        if rule(state, line, lines, index):
            return


def _table_row(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    text = line.text
    if not text.startswith("|") or text.count("|") < 2:
        return False
    cells = tuple(collapse(cell) for cell in text.strip().strip("|").split("|"))
    if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell) and any(cells):
        if state.blocks and state.blocks[-1].kind == "row":  # separator under a header row
            last = state.blocks[-1]
            state.blocks[-1] = Block(**{**_fields(last), "header": True, "last_line": line.number})
            return True
    previous_row = state.blocks[-1] if state.blocks and state.blocks[-1].kind == "row" else None
    starts_table = previous_row is None
    state.blocks.append(Block("row", " | ".join(cells), line.number, line.number, cells=cells,
                              header=starts_table and _next_is_separator(lines, index)))
    if starts_table and not _next_is_separator(lines, index) and _looks_like_header(cells, lines, index):
        state.blocks[-1] = Block(**{**_fields(state.blocks[-1]), "header": True})
    state.seen_body = True
    return True


def _next_is_separator(lines: list[_Line], index: int) -> bool:
    following = _next_text(lines, index)
    return following is not None and bool(re.fullmatch(r"\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?", following.text))


def _looks_like_header(cells: tuple[str, ...], lines: list[_Line], index: int) -> bool:
    """A first pipe row of short Title Case cells, followed by more rows, is the table's header."""
    following = _next_text(lines, index)
    if following is None or not following.text.startswith("|"):
        return False
    return all(cell and len(cell) <= 40 and not cell.endswith(".") for cell in cells)


def _markdown_heading(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    match = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", line.text)
    if not match:
        return False
    number, heading = split_heading_number(match[2])
    _open_heading(state, Block("heading", heading, line.number, line.number, level=len(match[1]),
                               number=number, explicit_level=True))
    return True


def _metadata(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    if state.seen_section and len(state.blocks) > 3 or not is_metadata_line(line.text):
        return False
    state.blocks.append(Block("metadata", line.text, line.number, line.number))
    return True


def _numbered_heading(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    match = SECTION_NUMBER.match(line.text)
    if not match or line.text[:1].islower():
        return False
    number, rest = match["number"], match["rest"]
    plain = normalise_number(number)
    heading_like = is_title_like(rest, max_words=14) or is_all_caps_heading(rest) or _short_heading(rest)
    if not state.numbers.fits(plain, heading_like):
        return False
    depth = number_depth(plain) if plain.replace(".", "").isdigit() else 1
    if heading_like:
        _open_heading(state, Block("heading", rest, line.number, line.number, level=depth, number=number))
        return True
    label, body = split_label(rest)
    if label is None or "." not in plain:
        return False
    _open_heading(state, Block("heading", label.rstrip(".:"), line.number, line.number, level=depth, number=number))
    state.blocks.append(Block("paragraph", body, line.number, line.number))
    return True


def _short_heading(text: str) -> bool:
    """Sentence-case headings after a number: "7.1 Your data", "3. How we share information"."""
    return len(text.split()) <= 8 and text[:1].isupper() and not text.endswith((".", ",", ";", ":"))


def _open_heading(state: _State, block: Block) -> None:
    if block.number:
        state.numbers.enter(normalise_number(block.number))
        state.numbered_depth = block.level
    elif not block.explicit_level:
        block = Block(**{**_fields(block), "level": state.numbered_depth + 1})
    state.blocks.append(block)
    state.seen_section = True
    state.item_indents = []


def _item(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    match = ITEM_MARKER.match(line.text)
    if not match:
        return False
    marker = match["marker"]
    indents = state.item_indents
    if state.blocks and state.blocks[-1].kind not in ("item",) and not _item_run_continues(state):
        indents.clear()
    while indents and indents[-1] > line.indent:
        indents.pop()
    if not indents or indents[-1] < line.indent:
        indents.append(line.indent)
    label, body = split_label(match["rest"])
    number = None if marker[:1] in "-•*‣◦▪▫●○■□–—·" else marker
    state.blocks.append(Block("item", body, line.number, line.number, level=len(indents) - 1,
                              number=number, label=label))
    state.seen_body = True
    return True


def _item_run_continues(state: _State) -> bool:
    return bool(state.blocks) and state.blocks[-1].kind == "paragraph" and bool(state.item_indents)


def _caps_heading(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    if not is_all_caps_heading(line.text) or not _opens_block(lines, index):
        return False
    _open_heading(state, Block("heading", line.text, line.number, line.number))
    return True


def _title_heading(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    """A short Title Case line followed by content opens a sub-block ("Information Provided by You")."""
    text = line.text
    if not is_title_like(text, max_words=8) or _COMPANY.search(text) or not state.seen_body and not state.seen_section:
        return False
    if not _opens_block(lines, index):
        return False
    _open_heading(state, Block("heading", text, line.number, line.number))
    return True


def _opens_block(lines: list[_Line], index: int) -> bool:
    following = _next_text(lines, index)
    if following is None:
        return False
    return not is_title_like(following.text, max_words=8) or bool(SECTION_NUMBER.match(following.text))


def _paragraph(state: _State, line: _Line, lines: list[_Line], index: int) -> bool:
    label, body = split_label(line.text)
    state.blocks.append(Block("paragraph", body, line.number, line.number, label=label))
    if not FURNITURE.match(line.text):
        state.seen_body = True
    return True


def _mark_header(blocks: list[Block]) -> list[Block]:
    """Title lines at the top become the title; nothing before the first real content is lost."""
    result = list(blocks)
    for index, block in enumerate(result):
        if block.kind == "metadata":
            continue
        untitled_heading = block.kind == "heading" and not block.number and not block.explicit_level
        short_paragraph = block.kind == "paragraph" and block.label is None and is_title_like(block.text, max_words=10)
        if untitled_heading or short_paragraph or (block.kind == "paragraph" and is_all_caps_heading(block.text)):
            result[index] = Block("title", block.text, block.first_line, block.last_line)
            continue
        break
    return result


def mark_furniture(blocks: list[Block]) -> list[Block]:
    """Trailing calls to action and copyright lines are page furniture, not policy."""
    result = list(blocks)
    index = len(result) - 1
    if index < 0 or result[index].kind not in ("paragraph", "heading") or not FURNITURE.match(_plain(result[index])):
        return result
    while index >= 0 and result[index].kind in ("paragraph", "heading"):
        text = _plain(result[index])
        if not (FURNITURE.match(text) or is_title_like(text, max_words=10) and not re.search(r"[\d@:]", text)):
            break
        result[index] = Block("furniture", text, result[index].first_line, result[index].last_line)
        index -= 1
    return result


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
