"""Hostile inputs shared by the tests of issue 19: escape sequences, controls, invisible characters.

`ESCAPES` is what an attacker puts in a policy or a file name to drive a terminal: an OSC 0 title
change, an OSC 52 clipboard write, a C1 CSI, a bidi override. `assert_inert(text)` fails when any of
them (or any other C0/C1 control but newline and tab) is still in a string bound for a terminal.
"""

from __future__ import annotations

import re

from .conftest import CORPUS

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBldmls\x07"
C1_CSI = "\x9b31m"
BIDI_OVERRIDE = "\u202e"
ESCAPES = f"{OSC_TITLE} {OSC_CLIPBOARD} {C1_CSI}{BIDI_OVERRIDE}"

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

OLD = CORPUS / "brightdesk-privacy" / "v2.0.md"
NEW = CORPUS / "brightdesk-privacy" / "v2.1.md"


def hostile_new_version() -> str:
    """BrightDesk 2.1 with escape sequences in its title, in a material change and in a heading."""
    text = NEW.read_text(encoding="utf-8")
    text = text.replace("We do not sell your personal information", f"We do not sell {ESCAPES} your personal "
                        "information", 1)
    return text.replace("# BrightDesk Privacy Policy", f"# BrightDesk {OSC_TITLE}Privacy Policy", 1)


def unsafe_characters(text: str, *, allow_crlf: bool = False, bidi: bool = True) -> list[str]:
    """The controls (but newline and tab) and, with `bidi`, bidi overrides left in text."""
    if allow_crlf:
        text = text.replace("\r\n", "\n")
    return [repr(m.group(0)) for m in (_UNSAFE if bidi else _CONTROLS).finditer(text)]


def assert_inert(text: str, *, allow_crlf: bool = False, bidi: bool = True) -> None:
    """No terminal-driving character in text; `bidi=False` for data (a JSON string decoded), where
    bidi overrides are kept as the policy wrote them (the JSON text itself escapes them)."""
    found = unsafe_characters(text, allow_crlf=allow_crlf, bidi=bidi)
    assert not found, f"terminal-driving characters reached the output: {found[:5]}"
