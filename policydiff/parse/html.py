"""HTML to blocks: the policy in a saved web page, without the page around it.

A saved policy page carries navigation, cookie banners, scripts and footers. The policy is taken
from <main>, [role=main] or <article> when the page has one, and everything that is chrome (nav,
header, footer, aside, forms, banners named cookie/consent/menu) is dropped before headings,
paragraphs, list items and table rows are read. The standard library's parser is used: it is
forgiving of broken markup and records source line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from policydiff.parse.blocks import Block, collapse, split_heading_number, split_item_number, split_label

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_DROP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
         "button", "select", "textarea", "iframe", "object", "canvas", "dialog", "head"}
_CHROME = re.compile(r"(?:^|[\s_-])(cookie|consent|gdpr-banner|banner|navbar|nav|menu|breadcrumbs?|sidebar|"
                     r"site-header|site-footer|footer|skip-link|toolbar|share|social|newsletter|modal|popup)(?:$|[\s_-])",
                     re.I)
MAX_DEPTH = 120
"""Elements nested deeper than this are flattened into their ancestor at this depth (their text kept), so the
tree every reader walks recursively stays far within Python's recursion limit: real pages nest about 30
deep, and a page nested 900 deep was a RecursionError in every command."""
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "pre", "dd", "dt", "figcaption",
           "address", "center", "body", "html", "td", "th", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3",
           "h4", "h5", "h6", "dl", "details", "summary", "caption", "thead", "tbody", "tfoot"}


@dataclass(slots=True)
class _Element:
    tag: str
    attrs: dict[str, str]
    line: int
    parent: _Element | None = None
    children: list[_Element | tuple[str, int]] = field(default_factory=list)
    end_line: int = 0


class _TreeBuilder(HTMLParser):
    """A forgiving DOM builder: enough structure to find the main content and walk it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, 1)
        self.current = self.root
        self.title = ""
        self._in_title = False
        self._depth = 0
        self._flattened: dict[str, int] = {}
        """Elements opened beyond MAX_DEPTH: their text is kept, in the deepest element kept."""
        self.flattened = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "title":
            self._in_title = True
        if tag in ("p", "li", "tr", "td", "th", "dt", "dd", "option") and self._open(tag):
            self._close_to(tag)
        if tag not in _VOID and self._depth >= MAX_DEPTH:
            self._flattened[tag] = self._flattened.get(tag, 0) + 1
            self.flattened = True
            return
        element = _Element(tag, {k: v or "" for k, v in attrs}, line, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element
            self._depth += 1
        elif tag == "br":
            element.end_line = line

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._flattened.get(tag):
            self._flattened[tag] -= 1
            return
        if self._open(tag):
            self._close_to(tag)
            self.current.end_line = self.getpos()[0]
            self._up()

    def _up(self) -> None:
        if self.current.parent is not None:
            self.current = self.current.parent
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.current.children.append((data, self.getpos()[0]))

    def _open(self, tag: str) -> bool:
        node: _Element | None = self.current
        while node is not None and node.tag != "#root":
            if node.tag == tag:
                return True
            if node.tag in ("ul", "ol", "table") and tag in ("li", "tr", "td", "th"):
                return False
            node = node.parent
        return False

    def _close_to(self, tag: str) -> None:
        while self.current.tag != tag and self.current.parent is not None:
            self.current.end_line = self.getpos()[0]
            self._up()


def html_blocks(text: str) -> tuple[list[Block], str | None, list[str]]:
    """Blocks of the main content, the page <title>, and notes on what was dropped."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    main = _find_main(builder.root)
    walker = _Walker()
    walker.walk(main, list_depth=-1)
    walker.flush()
    notes = []
    if builder.flattened:
        notes.append(f"elements nested more than {MAX_DEPTH} deep were read as plain text of their ancestor")
    if main is not builder.root:
        notes.append(f"read only the page's <{main.tag}> element; everything outside it was left out")
    if walker.dropped:
        notes.append("dropped page chrome: " + ", ".join(sorted(walker.dropped)))
    return walker.blocks, collapse(builder.title) or None, notes


def _find_main(root: _Element) -> _Element:
    candidates = [e for e in _elements(root) if e.tag == "main" or e.attrs.get("role") == "main"]
    if not candidates:
        candidates = [e for e in _elements(root) if e.tag == "article"]
    if candidates:
        return max(candidates, key=_text_length)
    return root


def _elements(element: _Element) -> Iterator[_Element]:
    for child in element.children:
        if isinstance(child, _Element):
            yield child
            yield from _elements(child)


def _text_length(element: _Element) -> int:
    return sum(len(c[0]) if isinstance(c, tuple) else _text_length(c) for c in element.children)


def _is_chrome(element: _Element) -> bool:
    if element.tag in _DROP:
        return True
    if element.attrs.get("hidden") is not None or element.attrs.get("aria-hidden") == "true":
        return True
    role = element.attrs.get("role", "")
    if role in ("navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"):
        return True
    names = f"{element.attrs.get('id', '')} {element.attrs.get('class', '')}"
    return bool(names.strip()) and bool(_CHROME.search(names)) and element.tag not in ("main", "article", "body")


class _Walker:
    """Turns the main element into blocks: one per heading, paragraph, list item and table row."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.dropped: set[str] = set()
        self._parts: list[str] = []
        self._first = 0
        self._last = 0
        self._kind = "paragraph"
        self._level = 0
        self._number: str | None = None
        self._pending_strong: str | None = None
        self._links: list[str] = []
        self._link_depth = 0
        self._outside_link = False
        self._quote_depth = 0

    def walk(self, element: _Element, list_depth: int) -> None:
        for child in element.children:
            if isinstance(child, tuple):
                self._text(child[0], child[1])
                continue
            if _is_chrome(child):
                self.dropped.add(child.tag if not child.attrs.get("id") else f"{child.tag}#{child.attrs['id']}")
                continue
            self._element(child, list_depth)

    def _element(self, element: _Element, list_depth: int) -> None:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            in_item = self._kind == "item" and not collapse("".join(self._parts))
            item_number = self._number if in_item else None
            self.flush()
            text = collapse(_inner_text(element))
            if text:
                number, heading = split_heading_number(text)
                if number is None and item_number is not None:
                    number = item_number  # <li><h3>: the list's number is the section's
                self.blocks.append(Block("heading", heading, element.line, max(element.line, element.end_line),
                                         level=int(tag[1]), number=number, explicit_level=True,
                                         quoted=self._quote_depth > 0))
            if in_item:  # what follows the heading inside the item belongs to its section
                self._kind, self._level, self._number = "paragraph", 0, None
        elif tag in ("ul", "ol"):
            self.flush()
            counter = int(element.attrs.get("start", "1") or 1) if tag == "ol" else None
            for child in element.children:
                if isinstance(child, _Element) and child.tag == "li":
                    number = None
                    if counter is not None:
                        number = f"{counter}."
                        counter += 1
                    self._open("item", child.line, list_depth + 1)
                    self._number = number
                    self.walk(child, list_depth + 1)
                    self.flush()
                elif isinstance(child, _Element):
                    self.walk(child, list_depth)
        elif tag == "tr":
            self.flush()
            cells = tuple(collapse(_inner_text(c)) for c in element.children
                          if isinstance(c, _Element) and c.tag in ("td", "th"))
            if any(cells):
                header = _in_thead(element) or all(isinstance(c, _Element) and c.tag == "th" for c in element.children
                                                   if isinstance(c, _Element))
                self.blocks.append(Block("row", " | ".join(cells), element.line, max(element.line, element.end_line),
                                         cells=cells, header=header))
        elif tag == "br":
            self._parts.append(" ")
        elif tag in ("strong", "b") and not collapse("".join(self._parts)):
            lead = collapse(_inner_text(element))
            if lead and len(lead) <= 80:
                self._pending_strong = lead
            self.walk(element, list_depth)
        elif tag == "a":
            href = element.attrs.get("href", "")
            if href:
                self._links.append(href)
            self._link_depth += 1
            self.walk(element, list_depth)
            self._link_depth -= 1
        elif tag == "blockquote":
            self.flush()
            self._quote_depth += 1
            self.walk(element, list_depth)
            self.flush()
            self._quote_depth -= 1
        elif tag in _BLOCKS:
            if self._kind != "item" or tag not in ("p", "div"):
                self.flush()
            elif collapse("".join(self._parts)):
                self._parts.append(" ")
            self.walk(element, list_depth)
            if tag not in ("li",) and self._kind != "item":
                self.flush()
        else:
            self.walk(element, list_depth)

    def _open(self, kind: str, line: int, level: int) -> None:
        self.flush()
        self._kind, self._level, self._first, self._last = kind, level, line, line

    def _text(self, data: str, line: int) -> None:
        if not self._parts or not "".join(self._parts).strip():
            self._first = line if self._kind != "item" or not self._first else self._first
        if data.strip():
            self._last = max(self._last, line + data.rstrip().count("\n"))
            if not self._link_depth and re.search(r"\w", data):
                self._outside_link = True
        self._parts.append(data)

    def flush(self) -> None:
        text = collapse("".join(self._parts))
        kind = self._kind
        number = self._number
        if text:
            label = None
            lead = self._pending_strong
            if lead and text.startswith(lead) and len(text) > len(lead):
                rest = text[len(lead):]
                if lead.endswith((".", ":")) or rest[:1] in ".:":
                    label = lead + (rest[0] if rest[:1] in ".:" else "")
                    text = rest[1:].lstrip() if rest[:1] in ".:" else rest.lstrip()
            if kind == "item" and number is None and label is None:
                number, text = split_item_number(text)
            if label is None:
                label, text = split_label(text)
            self.blocks.append(Block("item" if kind == "item" else "paragraph", text, self._first or 0,
                                     max(self._first, self._last), level=max(self._level, 0),
                                     number=number if kind == "item" else None, label=label,
                                     strong=bool(lead) and lead == text and label is None,
                                     links=tuple(self._links), link_only=bool(self._links) and not self._outside_link,
                                     quoted=self._quote_depth > 0))
        self._parts = []
        self._pending_strong = None
        self._links = []
        self._outside_link = False
        if kind == "item" and text:
            self._kind, self._level, self._number = "paragraph", 0, None
        self._first = self._last = 0


def _in_thead(element: _Element) -> bool:
    node = element.parent
    while node is not None:
        if node.tag == "thead":
            return True
        if node.tag == "table":
            return False
        node = node.parent
    return False


def _inner_text(element: _Element) -> str:
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, tuple):
            parts.append(child[0])
        elif child.tag == "br":
            parts.append(" ")
        elif child.tag not in _DROP:
            parts.append(_inner_text(child))
            if child.tag in _BLOCKS:
                parts.append(" ")
    return "".join(parts)
