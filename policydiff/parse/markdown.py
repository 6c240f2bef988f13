"""Markdown to blocks: front matter, comments and template tags blanked out, then one reader.

Policies kept in git are Markdown with the mess real repositories carry: YAML front matter, HTML
comments, Liquid/Jinja template tags, inline HTML, link references. Those are blanked out before
parsing (line numbers kept), then headings, paragraphs, nested list items and table rows are read
with their source lines by one of two readers of the same CommonMark + tables parse:
markdown-it-pyrs's tree (markdown_tree.py, compiled, the one used wherever its wheel installs) or
markdown-it-py's tokens (markdown_tokens.py, pure Python, the fallback). Both end in
markdown_units.py, and a test holds them to the same blocks on every Markdown file at hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from policydiff.parse.blocks import FRONT_MATTER_LABEL, Block
from policydiff.parse.markdown_units import MAX_INDENT_DEPTH, Pending, to_blocks

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TEMPLATE_TAG = re.compile(r"\{%-?\s*(?!data\b)[^%]*?-?%\}|\{#.*?#\}", re.S)

__all__ = ["MAX_INDENT_DEPTH", "blank_out", "markdown_blocks", "split_front_matter"]


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int]:
    """(front matter as a dict or None, text with the front matter blanked, lines it spanned)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 0
    raw = match.group(1) or ""
    data = _own_front_matter(raw)
    if data is None:
        try:
            import yaml

            loaded = yaml.safe_load(raw)
            data = loaded if isinstance(loaded, dict) else {}
        except Exception:  # malformed front matter is kept as text lines, not fatal
            data = _loose_front_matter(raw)
    span = match.group(0).count("\n") + (0 if match.group(0).endswith("\n") else 1)
    return data, "\n" * match.group(0).count("\n") + text[match.end():], span


_OWN_ENTRY = re.compile(r'([a-z][a-z_]*): ("(?:[^"\\\n]|\\[^u\n])*")')
_YAML_WORDS = frozenset("y n yes no on off true false null".split())
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""What a YAML stream may not hold (PyYAML refuses it, and the front matter is then read loosely): the
complement of YAML's printable set (tab, LF, CR, x20-x7E, x85, xA0-xD7FF, xE000-xFFFD, x10000 up),
written as the ranges it leaves out, which compile in a twentieth of the time the negated set takes."""
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks to YAML, which a JSON string keeps as they are: YAML folds them."""


def _own_front_matter(raw: str) -> dict[str, Any] | None:
    """The front matter policydiff writes (`key: "JSON string"` lines, as `policydiff add` stores every
    version), read without loading YAML (~20 ms a process): a JSON string without \\u escapes is a YAML
    double-quoted scalar with the same value. None for anything else, which YAML reads."""
    if not raw.endswith("\n") or _NOT_PRINTABLE.search(raw) or _YAML_BREAKS.search(raw):
        return None
    data: dict[str, Any] = {}
    for line in raw[:-1].split("\n"):
        entry = _OWN_ENTRY.fullmatch(line)
        if entry is None or entry[1] in _YAML_WORDS:
            return None
        try:
            data[entry[1]] = json.loads(entry[2])
        except ValueError:
            return None
    return data


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


def markdown_blocks(text: str, reader: Reader | None = None) -> tuple[list[Block], dict[str, Any] | None]:
    """Blocks of a Markdown policy, plus its front matter (None when it has none). `reader` is the
    tree reader (markdown-it-pyrs) or the token reader (markdown-it-py); by default the first installed."""
    front, body, span = split_front_matter(text)
    body = blank_out(_TEMPLATE_TAG, blank_out(_COMMENT, body))
    pending: list[Pending] = []
    if front is not None and span:
        pending.append(Pending("metadata", 1, span, parts=[_front_matter_text(front)], label=FRONT_MATTER_LABEL))
    pending.extend((reader or default_reader())(body, 0, 0))
    blocks: list[Block] = []
    for p in pending:
        if p.kind != "item" or p.parts or p.cells:
            blocks.extend(to_blocks(p))
    return blocks, front


Reader = Callable[[str, int, int], list[Pending]]
"""A Markdown reader: (body, line offset, indent depth) -> the pending units of the body."""


def tree_reader() -> Reader | None:
    """The reader over markdown-it-pyrs's tree, or None where that wheel is not installed."""
    try:
        from policydiff.parse.markdown_tree import read_tree
    except ImportError:
        return None
    return read_tree


def token_reader() -> Reader:
    """The reader over markdown-it-py's tokens (pure Python: the fallback)."""
    from policydiff.parse.markdown_tokens import read_tokens

    return read_tokens


@lru_cache(maxsize=1)
def default_reader() -> Reader:
    return tree_reader() or token_reader()


def _front_matter_text(front: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {value}" for key, value in front.items() if isinstance(value, (str, int, float))
                     or hasattr(value, "isoformat"))
