"""JSON text as policydiff prints it: indented two spaces, UTF-8 kept as is, keys in the order given.

Every JSON contract (diff, tree, lint, check, pr, history, the review file and export) is printed in
this form, as README shows it. The standard library writes an indented document with its pure-Python
encoder (its C encoder only writes compact JSON): 11 ms for a 10,000-word pair's diff, where building
the data takes 0.3 ms. orjson, where installed, writes the same bytes in compiled code (0.1 ms). A test holds the two to the same
text; anything orjson refuses (a lone surrogate, an integer past 64 bits, a key that is not a
string) is written by the standard library instead, as before.

Both encoders load on the first call, not on import: safe.py imports this module for every command,
`--help` included, and importing orjson costs ~5 ms (it loads dataclasses, uuid and platform).
"""

from __future__ import annotations

from functools import cache
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True
if TYPE_CHECKING:
    from typing import Any
    from types import ModuleType


@cache
def _orjson() -> ModuleType | None:
    """orjson, or None where its wheel is missing."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - where the wheel is missing
        return None
    return orjson


def dumps(data: Any) -> str:
    """`data` as indented JSON text (without a final newline), as `json.dumps(data, ensure_ascii=False,
    indent=2)` writes it."""
    orjson = _orjson()
    if orjson is not None:
        try:
            encoded: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2)
            return encoded.decode("utf-8")
        except TypeError:
            pass
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def dumps_line(data: Any) -> str:
    """`data` as compact JSON on one line (a JSON Lines record), as `json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))` writes it."""
    orjson = _orjson()
    if orjson is not None:
        try:
            encoded: bytes = orjson.dumps(data)
            return encoded.decode("utf-8")
        except TypeError:
            pass
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Parse JSON text (orjson where installed); a ValueError when it is not JSON."""
    orjson = _orjson()
    if orjson is not None:
        return orjson.loads(text)
    import json

    return json.loads(text)
