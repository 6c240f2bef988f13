"""The rules table (rules.toml) compiled into regular expressions, loaded once per process."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from policydiff.config import Config


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
    """One case-insensitive whole-word pattern for a cue list; "advertis*" matches any ending, and a
    star may end any word of a phrase ("train* on")."""
    parts = []
    for cue in sorted(cues, key=len, reverse=True):
        escaped = re.escape(cue).replace(r"\*", r"[\w'-]*").replace(r"\ ", r"[\s-]+")
        parts.append(escaped)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w@])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


_active: Config = Config()


def use_config(config: Config) -> None:
    """Apply a team's extra cues from now on (policydiff.toml / [tool.policydiff])."""
    global _active
    _active = config
    rules.cache_clear()
    from policydiff.classify import categories, reasons

    reasons.term_counts.cache_clear()
    categories._heading_categories.cache_clear()


def active_config() -> Config:
    return _active


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The package's rules.toml with the active configuration's extra cues added."""
    data = tomllib.loads(files("policydiff.classify").joinpath("rules.toml").read_text(encoding="utf-8"))
    extra = _active.category_cues
    categories = tuple(
        Category(code, spec.get("label", code),
                 cue_pattern([*spec.get("heading", []), *extra.get(code, {}).get("heading", ())]),
                 cue_pattern([*spec.get("text", []), *extra.get(code, {}).get("text", ())]))
        for code, spec in data["categories"].items()
    )
    terms = {name: cue_pattern([*cues, *_active.cues.get(name, ())]) for name, cues in data["terms"].items()}
    return Rules(categories, terms)
