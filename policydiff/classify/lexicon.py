"""The rules table (rules.toml) compiled into regular expressions, loaded once per process."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    heading: re.Pattern[str]
    text: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    categories: tuple[Category, ...]
    terms: dict[str, re.Pattern[str]]
    """Term classes (negation, modal, limiter, purpose, party, data, right, consent, transfer, dispute)."""


def cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for a cue list; "advertis*" matches any ending."""
    parts = []
    for cue in sorted(cues, key=len, reverse=True):
        escaped = re.escape(cue.rstrip("*")).replace(r"\ ", r"[\s-]+")
        parts.append(escaped + (r"[\w'-]*" if cue.endswith("*") else ""))
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w@])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = tomllib.loads(files("policydiff.classify").joinpath("rules.toml").read_text(encoding="utf-8"))
    categories = tuple(
        Category(code, spec.get("label", code), cue_pattern(spec.get("heading", [])), cue_pattern(spec.get("text", [])))
        for code, spec in data["categories"].items()
    )
    terms = {name: cue_pattern(cues) for name, cues in data["terms"].items()}
    return Rules(categories, terms)
