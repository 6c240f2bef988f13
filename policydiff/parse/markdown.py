"""Markdown to blocks through markdown-it-py's token stream.

Policies kept in git are Markdown with the mess real repositories carry: YAML front matter, HTML
comments, Liquid/Jinja template tags, inline HTML, link references. Those are blanked out before
tokenising (line numbers kept), then headings, paragraphs, nested list items and table rows are read
from the tokens with their source line maps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policydiff.parse.blocks import (FRONT_MATTER_LABEL, SUBCLAUSE_MARKER, Block, BlockKind, collapse,
                                     split_heading_number, split_item_number, split_label, split_subclause_lines)

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TEMPLATE_TAG = re.compile(r"\{%-?\s*(?!data\b)[^%]*?-?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]*>")

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _parser


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """(front matter as a dict or None, text with the front matter blanked, lines it spanned)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 0
    raw = match.group(1) or ""
    data: dict[str, Any] | None
    try:
        import yaml

        loaded = yaml.safe_load(raw)
        data = loaded if isinstance(loaded, dict) else {}
    except Exception:  # malformed front matter is kept as text lines, not fatal
        data = _loose_front_matter(raw)
    span = match.group(0).count("\n") + (0 if match.group(0).endswith("\n") else 1)
    return data, "\n" * match.group(0).count("\n") + text[match.end():], span


def _loose_front_matter(raw: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "-")):
            result[key.strip()] = value.strip().strip("'\"")
    return result


def blank_out(pattern: re.Pattern[str], text: str) -> str:
    """Remove matches but keep their newlines, so line numbers still point into the source."""
    return pattern.sub(lambda m: "\n" * m.group(0).count("\n"), text)


@dataclass(slots=True)
class _Pending:
    kind: str
    first: int
    last: int
    level: int = 0
    number: str | None = None
    parts: list[str] = field(default_factory=list)
    label: str | None = None
    cells: list[str] = field(default_factory=list)
    header: bool = False
    explicit: bool = False
    strong: bool = False
    links: list[str] = field(default_factory=list)
    link_only: bool = True
    quoted: bool = False
    headed: bool = False
    """A list item that holds a heading: what follows the heading is the section's, not the item's."""


@dataclass(slots=True)
class _Inline:
    """What an inline token says: its visible text (line breaks kept as newlines), a bold lead-in
    label, the link targets, and whether every word is link text."""

    text: str
    label: str | None
    links: list[str]
    link_only: bool
    strong: bool


def markdown_blocks(text: str) -> tuple[list[Block], dict[str, Any] | None]:
    """Blocks of a Markdown policy, plus its front matter (None when it has none)."""
    front, body, span = split_front_matter(text)
    body = blank_out(_TEMPLATE_TAG, blank_out(_COMMENT, body))
    pending: list[_Pending] = []
    if front is not None and span:
        pending.append(_Pending("metadata", 1, span, parts=[_front_matter_text(front)], label=FRONT_MATTER_LABEL))
    pending.extend(_read(body, 0, 0))
    blocks: list[Block] = []
    for p in pending:
        if p.kind != "item" or p.parts or p.cells:
            blocks.extend(_to_blocks(p))
    return blocks, front


MAX_INDENT_DEPTH = 8
"""How many times indented prose is read again as Markdown (each time four spaces less)."""


def _read(body: str, line_offset: int, depth: int) -> list[_Pending]:
    """Pending blocks of a Markdown body whose first line is line_offset + 1 of the source."""
    tokens = _markdown().parse(body)
    pending: list[_Pending] = []
    list_stack: list[dict[str, Any]] = []
    item_stack: list[_Pending] = []
    row: _Pending | None = None
    in_thead = False
    quote_depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        first, last = _lines(token, line_offset)
        if token.type == "heading_open":
            inline = _inline(tokens[index + 1])
            number, heading = split_heading_number(collapse(inline.text))
            if item_stack and not item_stack[-1].parts:
                # "1. ### Heading" / "- ### Heading": the heading opens a section; an ordered item's
                # number is the section's number.
                item = item_stack[-1]
                item.headed = True
                if number is None and item.number is not None:
                    number = item.number.rstrip(")") if item.number[:-1].isdigit() else item.number
            pending.append(_Pending("heading", first, last, level=int(token.tag[1]), number=number,
                                    parts=[heading], explicit=True, quoted=quote_depth > 0))
            index += 2
        elif token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            list_stack.append({"ordered": token.type == "ordered_list_open",
                               "next": int(start) if start is not None else 1, "markup": token.markup})
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif token.type == "list_item_open":
            current = list_stack[-1]
            number = None
            if current["ordered"]:
                number = f"{current['next']}{current['markup'] or '.'}"
                current["next"] += 1
            depth = len(list_stack) - 1 - sum(1 for open_item in item_stack if open_item.headed)
            item = _Pending("item", first, first, level=max(depth, 0), number=number, quoted=quote_depth > 0)
            pending.append(item)
            item_stack.append(item)
        elif token.type == "list_item_close":
            item_stack.pop()
        elif token.type == "paragraph_open":
            inline = _inline(tokens[index + 1])
            open_item = item_stack[-1] if item_stack and not item_stack[-1].headed else None
            target = open_item if open_item is not None and not open_item.parts else None
            if target is None and open_item is not None and _directly_in_item(tokens, index, item_stack):
                target = open_item
            if target is not None:
                if not target.parts:
                    target.label = inline.label
                target.parts.append(inline.text)
                target.links.extend(inline.links)
                target.link_only = target.link_only and inline.link_only
                target.last = max(target.last, last)
            else:
                pending.append(_Pending("paragraph", first, last, parts=[inline.text], label=inline.label,
                                        strong=inline.strong, links=inline.links, link_only=inline.link_only,
                                        quoted=quote_depth > 0))
            index += 2
        elif token.type == "thead_open":
            in_thead = True
        elif token.type == "thead_close":
            in_thead = False
        elif token.type == "tr_open":
            row = _Pending("row", first, last, header=in_thead)
            if in_thead:
                row.last = last + 1  # the separator line belongs to the header row
            pending.append(row)
        elif token.type in ("th_open", "td_open") and row is not None:
            row.cells.append(collapse(_inline(tokens[index + 1]).text) if tokens[index + 1].type == "inline" else "")
        elif token.type == "code_block" and not item_stack and depth < MAX_INDENT_DEPTH and token.map:
            # Text indented four spaces in a policy is prose an editor or a converter indented, not code:
            # read it as Markdown, so its paragraphs and bullets are clauses like any others.
            pending.extend(_read(token.content, line_offset + token.map[0], depth + 1))
        elif token.type in ("html_block", "code_block", "fence"):
            content = collapse(_TAG.sub(" ", token.content) if token.type == "html_block" else token.content)
            if content:
                if item_stack and not item_stack[-1].headed:
                    item_stack[-1].parts.append(content)
                    item_stack[-1].link_only = False
                else:
                    pending.append(_Pending("paragraph", first, last, parts=[content], link_only=False,
                                            quoted=quote_depth > 0))
        index += 1
    return pending


def _directly_in_item(tokens: list[Token], index: int, item_stack: list[_Pending]) -> bool:
    return tokens[index].level == tokens[index - 1].level or tokens[index - 1].type == "paragraph_close"


def _to_blocks(pending: _Pending) -> list[Block]:
    """The block (or, where numbered sub-clauses start their own lines, the blocks) of one pending unit."""
    if pending.kind not in ("paragraph", "item"):
        return [_to_block(pending, " ".join(pending.parts))]
    pieces = split_subclause_lines(" ".join(pending.parts).split("\n"))
    if len(pieces) == 1:
        return [_to_block(pending, pieces[0])]
    blocks = []
    for position, piece in enumerate(pieces):
        kind = pending.kind
        level = pending.level
        if position:
            marker = SUBCLAUSE_MARKER.match(piece)
            lettered = marker is not None and not marker["dotted"]
            kind = "item" if lettered else "paragraph"
            level = pending.level + 1 if lettered and pending.kind == "item" else pending.level if lettered else 0
        part = _Pending(kind, pending.first, pending.last,
                        level=level, number=pending.number if position == 0 else None,
                        label=pending.label if position == 0 else None, links=pending.links,
                        link_only=pending.link_only, quoted=pending.quoted)
        blocks.append(_to_block(part, piece))
    return blocks


def _to_block(pending: _Pending, joined: str) -> Block:
    if pending.kind == "row":
        cells = tuple(pending.cells)
        return Block("row", " | ".join(cells), pending.first, pending.last, cells=cells, header=pending.header,
                     quoted=pending.quoted)
    text = collapse(joined)
    label, number = pending.label, pending.number
    if pending.kind == "metadata":
        return Block("metadata", text, pending.first, pending.last, label=label)
    if pending.kind == "item" and number is None and label is None:
        number, text = split_item_number(text)
    if pending.kind in ("paragraph", "item") and label is None:
        label, text = split_label(text)
    kind: BlockKind = "heading" if pending.kind == "heading" else "item" if pending.kind == "item" else "paragraph"
    return Block(kind, text, pending.first, pending.last, level=pending.level, number=number, label=label,
                 explicit_level=pending.explicit, strong=pending.strong, links=tuple(pending.links),
                 link_only=pending.link_only and bool(pending.links), quoted=pending.quoted)


def _lines(token: Token, offset: int = 0) -> tuple[int, int]:
    if token.map:
        return offset + token.map[0] + 1, offset + max(token.map[0] + 1, token.map[1])
    return 0, 0


def _is_all_strong(children: list[Token]) -> bool:
    """The whole inline is one bold run ("**1. ACCOUNT INFORMATION**"), as HTML converters write headings."""
    children = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(children) < 3 or children[0].type != "strong_open" or children[-1].type != "strong_close":
        return False
    depth = 0
    for child in children[:-1]:
        depth += {"strong_open": 1, "strong_close": -1}.get(child.type, 0)
        if depth == 0:
            return False
    return True


def _inline(token: Token) -> _Inline:
    """The visible text of an inline token, a bold lead-in label if it opens with one, and its links."""
    parts: list[str] = []
    label: str | None = None
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    strong_depth = 0
    link_depth = 0
    links: list[str] = []
    outside_link = False
    lead: list[str] | None = [] if children and children[0].type == "strong_open" else None
    for position, child in enumerate(children):
        if child.type == "strong_open":
            strong_depth += 1
        elif child.type == "strong_close":
            strong_depth -= 1
            if lead is not None and strong_depth == 0 and label is None:
                label = _lead_label(collapse("".join(lead)), children[position + 1:])
                if label is None:
                    lead = None
                else:
                    parts = []
                    lead = None
                    continue
        elif child.type == "link_open":
            link_depth += 1
            href = child.attrGet("href")
            if isinstance(href, str):
                links.append(href)
        elif child.type == "link_close":
            link_depth = max(0, link_depth - 1)
        if child.type in ("text", "code_inline"):
            parts.append(child.content.replace("****", " ") if child.type == "text" else child.content)
            if not link_depth and re.search(r"\w", child.content):
                outside_link = True
            if lead is not None and strong_depth:
                lead.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    text = "".join(parts).strip()
    if label is not None and text[:1] in ":.":
        label, text = label + text[0], text[1:].lstrip()
    strong = _is_all_strong(children)
    if label is not None and not text:
        return _Inline(label, None, links, not outside_link, strong)
    return _Inline(text, label, links, not outside_link, strong)


def _lead_label(lead: str, rest: list[Token]) -> str | None:
    """A bold lead-in is a label when it is short and more text follows it."""
    following = "".join(t.content for t in rest if t.type in ("text", "code_inline")).strip()
    if not following or not lead or len(lead) > 80:
        return None
    if lead.endswith((".", ":")) or following.startswith((".", ":")):
        return lead
    return None


def _front_matter_text(front: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in front.items() if isinstance(value, (str, int, float))
                     or hasattr(value, "isoformat"))
