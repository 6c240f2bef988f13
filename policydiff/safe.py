"""Escaping for each place untrusted policy text goes. Policy text is data, never markup or commands.

The one sanitiser for what reaches a terminal lives here: policy text, file names and error messages
can carry ESC sequences (an OSC 52 clipboard write, an OSC 0 title change), C1 controls and bidi
overrides, and a terminal obeys them. `terminal_safe` drops them from policy text or, with
`visible=True`, shows them as `\\x1b` escapes (file names, error messages: the user must see what is
there); `output_safe` is the last net for everything a command writes (stdout or `-o FILE`), keeping
only the colour codes policydiff itself added; `data_safe` and `json_text` clean what goes into
e-mail parts and JSON, where newlines and tabs are data.
"""

from __future__ import annotations

import re

from policydiff.jsontext import dumps, dumps_line

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True
if TYPE_CHECKING:
    from typing import Any

_C0_C1 = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 controls but tab and newline, DEL, C1 controls (ESC is \\x1b; CSI is also \\x9b)."""
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Bidi marks, embeddings, overrides and isolates: they reorder what a reader sees."""
_TERMINAL_UNSAFE = re.compile(f"[{_C0_C1}{_BIDI}]")
_DATA_UNSAFE = re.compile(f"[{_C0_C1}]")
_JSON_ESCAPED = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_CRLF = "\r\n"


def terminal_safe(text: str, *, visible: bool = False) -> str:
    """Text that cannot drive the terminal: controls and bidi overrides dropped, or with `visible`
    shown as Python-style escapes (`\\x1b]0;x\\x07`), for file names and messages."""
    if visible:
        return _TERMINAL_UNSAFE.sub(_escape, text)
    return _TERMINAL_UNSAFE.sub("", text)


def output_safe(text: str, *, styled: bool = False) -> str:
    """What a command writes (to stdout or a file): no control or bidi character except newline, tab
    and CRLF line ends (an .eml message), and with `styled` the SGR colour codes policydiff added."""
    if styled:
        return "\x1b".join(output_safe(piece) for piece in _split_sgr(text))
    return _CRLF.join(terminal_safe(part) for part in text.split(_CRLF))


def data_safe(text: str) -> str:
    """Text for data (an e-mail part, a JSON string): C0 and C1 controls dropped, newline and tab kept."""
    return _DATA_UNSAFE.sub("", text)


def json_text(value: Any) -> str:
    """JSON for any output: every string (and key) cleaned by data_safe, and what a terminal could
    misread (C1, bidi, line separators) written as \\u escapes, so the document loses nothing else."""
    dumped = dumps(_clean_json(value))
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped) + "\n"


def json_line(value: Any) -> str:
    """One JSON Lines record (a dataset's, where strings are data to keep): every control character
    written as a JSON escape rather than dropped, C1, bidi and line separators as \\u escapes too, so
    the line holds no byte a terminal obeys, is always exactly one line, and loses nothing; a lone
    surrogate (an undecodable file name) becomes "?"."""
    dumped = _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumps_line(value)) + "\n"
    try:
        dumped.encode("utf-8")
    except UnicodeEncodeError:
        dumped = dumped.encode("utf-8", "replace").decode("utf-8")
    return dumped


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return data_safe(value)
    if isinstance(value, dict):
        return {(data_safe(k) if isinstance(k, str) else k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_json(item) for item in value]
    return value


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _split_sgr(text: str) -> list[str]:
    """Pieces between colour codes, each code kept at the start of its piece without its ESC."""
    pieces, start = [], 0
    for match in _SGR.finditer(text):
        pieces.append(text[start:match.start()])
        start = match.start() + 1
    pieces.append(text[start:])
    return pieces


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
    import html  # html.entities is ~2 ms of every start-up, `--help` included

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


# --- Markdown documents that are read, not posted ---------------------------------------------------

_DRAFT_PING = re.compile(r"(?<![\w.+-])([@#][\w-]+)")
"""A word-initial @name or #123: where GitHub or a ticket system would ping or link."""
_DRAFT_LINK = re.compile(r"(?i)\b(https?|ftp)(\\?:)|\b(www)(\\?\.)")


def markdown_draft_safe(text: str) -> str:
    """Text for a Markdown document a person reads or pastes (the notice email's Markdown draft): like
    markdown_safe, no HTML, emphasis, links, code, tables, headings or lists, but without a single
    invisible character, so an address or a sentence copied from it is exactly what it shows. A bare
    link's scheme is escaped so no autolink forms, and a would-be @mention or #reference is set as code."""
    text = _NEWLINES.sub(" ", terminal_safe(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    pings: list[str] = []

    def hold(match: re.Match[str]) -> str:
        pings.append(match.group(1))
        return f"\x00{len(pings) - 1}\x00"

    text = _DRAFT_PING.sub(hold, text)
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    text = _DRAFT_LINK.sub(lambda m: f"{m.group(1)}\\:" if m.group(1) else f"{m.group(3)}\\.", text)
    return re.sub("\x00(\\d+)\x00", lambda m: f"`{pings[int(m.group(1))].replace('`', '')}`", text)
