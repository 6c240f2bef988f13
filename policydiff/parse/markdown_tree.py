"""The Markdown reader over markdown-it-pyrs's syntax tree (markdown-it.rs, compiled).

One walk of the tree, in document order: headings, paragraphs (a tight list item's text is the run
of inline nodes directly inside it), list items, table rows, quotes, HTML and code blocks become
the pending units of markdown_units.py. Source positions come as byte offsets; they are turned
into line numbers with one table of line starts per body.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from markdown_it_pyrs import MarkdownIt, Node

from policydiff.parse.blocks import collapse
from policydiff.parse.markdown_units import Inline, Pending, Piece, ReadState, html_text, read_inline

_parser: MarkdownIt | None = None

_INLINE = frozenset({"text", "text_special", "strong", "em", "link", "autolink", "code_inline", "softbreak",
                     "hardbreak", "html_inline", "image"})
"""The inline node names of CommonMark: a run of them directly in a list item is the item's text."""


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark").enable("table")
    return _parser


class _Source:
    """A body as bytes, to read raw spans and turn byte offsets into line numbers (1-based)."""

    __slots__ = ("data", "starts", "offset")

    def __init__(self, body: str, line_offset: int) -> None:
        self.data = body.encode("utf-8")
        starts = [0]
        find = self.data.find
        position = find(b"\n")
        while position != -1:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        self.starts = starts
        self.offset = line_offset

    def line(self, byte: int) -> int:
        return self.offset + bisect_right(self.starts, byte)

    def lines(self, node: Node) -> tuple[int, int]:
        span = node.srcmap
        if span is None:
            return 0, 0
        first = self.line(span[0])
        return first, max(first, self.line(span[1] - 1))

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8")


def read_tree(body: str, line_offset: int, depth: int) -> list[Pending]:
    """Pending blocks of a Markdown body whose first line is line_offset + 1 of the source."""
    source = _Source(body, line_offset)
    state = ReadState(depth)
    _blocks(_markdown().tree(body).children, source, state)
    return state.pending


def _blocks(nodes: Sequence[Node], source: _Source, state: ReadState) -> None:
    """The block nodes of one container, in order."""
    seen_block = False  # a block other than a link reference definition stands before this one
    run: list[Node] = []  # inline nodes directly in a tight list item: the item's paragraph
    for node in nodes:
        name = node.name
        if name in _INLINE:
            run.append(node)
            continue
        if run:
            _paragraph(run, _run_lines(run, source), source, state, not seen_block)
            run = []
            seen_block = True
        if name == "definition":
            continue
        _block(node, name, source, state, not seen_block)
        seen_block = True
    if run:
        _paragraph(run, _run_lines(run, source), source, state, not seen_block)


def _block(node: Node, name: str, source: _Source, state: ReadState, first_in_container: bool) -> None:
    if name == "paragraph":
        _paragraph(node.children, source.lines(node), source, state, first_in_container)
    elif name in ("heading", "lheading"):
        first, last = source.lines(node)
        state.heading(first, last, int(node.meta["level"]), _inline(node.children, source))
    elif name == "blockquote":
        state.quote_depth += 1
        _blocks(node.children, source, state)
        state.quote_depth -= 1
    elif name in ("bullet_list", "ordered_list"):
        meta = node.meta
        ordered = name == "ordered_list"
        state.open_list(ordered, int(meta.get("start", 1)) if ordered else 1, str(meta.get("marker", "")))
        for item in node.children:
            state.open_item(source.lines(item)[0])
            _blocks(item.children, source, state)
            state.items.pop()
        state.lists.pop()
    elif name == "table":
        for part in node.children:
            state.in_thead = part.name == "thead"
            for row in part.children:
                state.open_row(*source.lines(row))
                for cell in row.children:
                    state.cell(_inline(cell.children, source))
            state.in_thead = False
    elif name == "code_block" and state.rereads_indented() and node.srcmap is not None:
        # Text indented four spaces in a policy is prose an editor or a converter indented, not code:
        # read it as Markdown, so its paragraphs and bullets are clauses like any others.
        first, _ = source.lines(node)
        state.pending.extend(read_tree(str(node.meta["content"]), first - 1, state.indent_depth + 1))
    elif name in ("html_block", "code_block", "fence"):
        content = str(node.meta["content"])
        first, last = source.lines(node)
        state.literal(first, last, html_text(content) if name == "html_block" else collapse(content))
    elif name not in ("hr",):
        _blocks(node.children, source, state)


def _paragraph(children: Sequence[Node], lines: tuple[int, int], source: _Source, state: ReadState,
               first_in_container: bool) -> None:
    state.paragraph(lines[0], lines[1], _inline(children, source), first_in_container)


def _run_lines(run: list[Node], source: _Source) -> tuple[int, int]:
    first = next((node.srcmap for node in run if node.srcmap is not None), None)
    last = next((node.srcmap for node in reversed(run) if node.srcmap is not None), None)
    if first is None or last is None:
        return 0, 0
    start = source.line(first[0])
    return start, max(start, source.line(last[1] - 1))


def _inline(children: Sequence[Node], source: _Source) -> Inline:
    pieces: list[Piece] = []
    _pieces(children, pieces, source)
    return read_inline(pieces)


def _pieces(nodes: Sequence[Node], out: list[Piece], source: _Source) -> None:
    """Inline nodes as markdown-it-py's flat inline tokens, adjacent text joined as its text_join does."""
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            content = str(node.meta["content"])
            if out and out[-1].type == "text":
                out[-1] = Piece("text", out[-1].content + content)
            else:
                out.append(Piece("text", content))
        elif name in ("strong", "em"):
            out.append(Piece(f"{name}_open"))
            _pieces(node.children, out, source)
            out.append(Piece(f"{name}_close"))
        elif name == "link":
            out.append(Piece("link_open", href=str(node.meta["url"])))
            _pieces(node.children, out, source)
            out.append(Piece("link_close"))
        elif name == "autolink":
            url = str(node.meta["url"])
            out.append(Piece("link_open", href=url))
            out.append(Piece("text", _link_text("".join(str(child.meta["content"]) for child in node.children))))
            out.append(Piece("link_close"))
        elif name == "code_inline":
            out.append(Piece("code_inline", "".join(str(child.meta["content"]) for child in node.children)))
        elif name in ("softbreak", "hardbreak"):
            out.append(Piece(name))
        elif name == "html_inline":
            out.append(Piece("html_inline", str(node.meta["content"])))
        elif name == "image":
            out.append(Piece("image", _raw_label(node, source)))
        else:
            _pieces(node.children, out, source)


def _raw_label(image: Node, source: _Source) -> str:
    """An image's alt text as written (markdown-it-py keeps the label's source, markup and all)."""
    spans = [child.srcmap for child in image.children if child.srcmap is not None]
    if not spans:
        return ""
    return source.text(spans[0][0], spans[-1][1])


def _link_text(text: str) -> str:
    """An autolink's text as markdown-it-py shows it: percent-escapes and punycode host names decoded."""
    if "%" not in text and "xn--" not in text.lower():
        return text
    from markdown_it.common.normalize_url import normalizeLinkText

    return normalizeLinkText(text)
