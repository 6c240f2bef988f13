"""Escaping for each place untrusted policy text goes. Policy text is data, never markup or commands."""

from __future__ import annotations

import html
import re

_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Drop control characters (ANSI escapes, bidi overrides) so policy text cannot drive the terminal."""
    return _TERMINAL_UNSAFE.sub("", text)


# --- GitHub-flavoured Markdown and HTML ---------------------------------------------------------------

_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()~|$!])")
"""Characters GitHub Markdown could read as emphasis, strike-through, links, code, tables or maths."""
_MD_LINE_START = re.compile(r"^([+=-]|\d{1,9}(?=\.))")
"""What would start a heading, quote, list or setext underline when the text opens a line."""
_PING = re.compile(r"([@#])")
"""@mentions and #123 references: GitHub links them in rendered text, escaped or not."""
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|www)(?=:|\.)")
"""Where GitHub would turn bare text into a link: a policy's URLs are shown, not made clickable."""
_NEWLINES = re.compile(r"\s*\n\s*")
_LONG_RUN = re.compile(r"\S{80,}")
_BREAK_EVERY = 40
ZWSP = "\u200b"


def break_long_runs(text: str, every: int = _BREAK_EVERY) -> str:
    """Put a zero-width space into every run of 80+ non-space characters so it can wrap."""
    return _LONG_RUN.sub(lambda m: ZWSP.join(m.group(0)[i:i + every] for i in range(0, len(m.group(0)), every)),
                         text)


def html_safe(text: str) -> str:
    """Policy text for an HTML document: control characters dropped, every markup character escaped."""
    return html.escape(terminal_safe(text), quote=True)


def markdown_html_safe(text: str) -> str:
    """Text for raw HTML inside a GitHub comment (a `<summary>`): escaped, and unable to ping or link."""
    return html_safe(_AUTOLINK.sub(r"\1" + ZWSP, _PING.sub(r"\1" + ZWSP, break_long_runs(text))))


def markdown_safe(text: str) -> str:
    """Text for inline GitHub Markdown that renders literally: no HTML, emphasis, links, code spans, table
    cells, maths, headings or lists, no @mentions, #123 or URL links, and long runs able to wrap."""
    text = break_long_runs(_NEWLINES.sub(" ", terminal_safe(text)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    return _AUTOLINK.sub(r"\1&#8203;", _PING.sub(r"\1&#8203;", text))
