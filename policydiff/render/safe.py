"""Escaping for each place untrusted policy text goes. Policy text is data, never markup or commands."""

from __future__ import annotations

import re

_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Drop control characters (ANSI escapes, bidi overrides) so policy text cannot drive the terminal."""
    return _TERMINAL_UNSAFE.sub("", text)
