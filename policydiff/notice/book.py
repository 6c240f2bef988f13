"""The phrase book: every sentence, heading and word list of the notice email, read from phrases.toml.

Sentences are data so that a team can read and change them without touching code, and so that
each one is tested with its exact wording (tests/test_notice_sentences.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

from policydiff.patterncache import loads_toml

_FIELD = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase book shipped with policydiff."""
    return loads_toml(files("policydiff.notice").joinpath("phrases.toml").read_text(encoding="utf-8"))


def fill(templates: str | list[str], values: dict[str, str]) -> str | None:
    """The first template whose every {field} has a value, filled; None when none can be."""
    for template in [templates] if isinstance(templates, str) else templates:
        if all(values.get(name) for name in _FIELD.findall(template)):
            return _FIELD.sub(lambda m: values[m.group(1)], template)
    return None


def say(key: str, **values: str) -> str:
    """A fixed sentence of the email ([email] in the book), filled; "" when its values are missing."""
    entry = phrases()["email"][key]
    return fill(entry, values) or ""
