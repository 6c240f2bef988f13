"""The trailers of a version commit: written by policydiff alone, read from the trailer block alone.

`log`, `history`, `DOC@VERSION` names and `fsck` trust a commit's trailers (Document, Version,
Material-Changes...). They are the message's last paragraph, written by `policydiff add`; a line
anywhere else that looks like one ("Material-Changes: 0" in an `-m` text) is not a trailer, and `add`
refuses an `-m` text carrying such a line rather than commit something that reads like a forgery.
"""

from __future__ import annotations

import re

KEYS = ("Document", "Version", "Effective-Date", "Last-Updated", "Supersedes", "Material-Changes", "Changes")
_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z-]*): (?P<value>.*)$")
_LOOKS_LIKE = re.compile(r"^[ \t]*(?:" + "|".join(KEYS) + r")[ \t]*:", re.IGNORECASE | re.MULTILINE)


def message_with_trailers(subject: str, trailers: dict[str, str]) -> str:
    """The commit message: the user's (or policydiff's) text, a blank line, the trailer block."""
    return f"{subject.rstrip()}\n\n" + "\n".join(f"{key}: {value}" for key, value in trailers.items()) + "\n"


def read_trailers(message: str) -> dict[str, str]:
    """The trailers of the message's last paragraph (git's own rule), and only policydiff's keys."""
    paragraphs = [part for part in re.split(r"\n\s*\n", message.strip()) if part.strip()]
    if len(paragraphs) < 2:
        return {}
    found: dict[str, str] = {}
    for line in paragraphs[-1].splitlines():
        match = _LINE.match(line.strip())
        if not match:
            return {}  # not a trailer block: a paragraph of text
        if match["key"] in KEYS:
            found.setdefault(match["key"], match["value"].strip())
    return found


def trailer_line(text: str) -> str | None:
    """The first line of a user's message that would read as one of policydiff's trailers, if any."""
    match = _LOOKS_LIKE.search(text)
    if match is None:
        return None
    end = text.find("\n", match.start())
    return text[match.start():end if end != -1 else len(text)].strip()
