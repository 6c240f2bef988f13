"""The Markdown reader over markdown-it-py's token stream: the fallback where markdown-it-pyrs has no wheel.

markdown-it-pyrs (markdown_tree.py) is the reader wherever it installs; this one reads the same
CommonMark + tables parse from markdown-it-py's flat tokens (pure Python, several times slower), and
tests/test_markdown_readers.py holds the two to the same blocks on every Markdown file at hand.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policydiff.parse.blocks import collapse
from policydiff.parse.markdown_units import Inline, Pending, Piece, ReadState, html_text, read_inline

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    return _parser


def read_tokens(body: str, line_offset: int, depth: int) -> list[Pending]:
    """Pending blocks of a Markdown body whose first line is line_offset + 1 of the source."""
    tokens = _markdown().parse(body)
    state = ReadState(depth)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        first, last = _lines(token, line_offset)
        kind = token.type
        if kind == "heading_open":
            state.heading(first, last, int(token.tag[1]), _inline(tokens[index + 1]))
            index += 2
        elif kind == "blockquote_open":
            state.quote_depth += 1
        elif kind == "blockquote_close":
            state.quote_depth -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            state.open_list(kind == "ordered_list_open", int(start) if start is not None else 1, token.markup)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            state.lists.pop()
        elif kind == "list_item_open":
            state.open_item(first)
        elif kind == "list_item_close":
            state.items.pop()
        elif kind == "paragraph_open":
            # A paragraph opens its container when the token before it is the container's opening.
            follows = token.level == tokens[index - 1].level or tokens[index - 1].type == "paragraph_close"
            state.paragraph(first, last, _inline(tokens[index + 1]), first_in_container=not follows)
            index += 2
        elif kind == "thead_open":
            state.in_thead = True
        elif kind == "thead_close":
            state.in_thead = False
        elif kind == "tr_open":
            state.open_row(first, last)
        elif kind in ("th_open", "td_open"):
            state.cell(_inline(tokens[index + 1]) if tokens[index + 1].type == "inline" else None)
        elif kind == "code_block" and state.rereads_indented() and token.map:
            # Text indented four spaces in a policy is prose an editor or a converter indented, not code:
            # read it as Markdown, so its paragraphs and bullets are clauses like any others.
            state.pending.extend(read_tokens(token.content, line_offset + token.map[0], state.indent_depth + 1))
        elif kind in ("html_block", "code_block", "fence"):
            state.literal(first, last, html_text(token.content) if kind == "html_block" else collapse(token.content))
        index += 1
    return state.pending


def _lines(token: Token, offset: int = 0) -> tuple[int, int]:
    if token.map:
        return offset + token.map[0] + 1, offset + max(token.map[0] + 1, token.map[1])
    return 0, 0


def _inline(token: Token) -> Inline:
    pieces = []
    for child in token.children or []:
        href = child.attrGet("href") if child.type == "link_open" else None
        pieces.append(Piece(child.type, child.content, href if isinstance(href, str) else None))
    return read_inline(pieces)
