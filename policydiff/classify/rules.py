"""The rules a diff is classified by, as one immutable value: the package's rules.toml plus a team's additions.

    rules = Rules.from_config(find_config())        # policydiff.toml or [tool.policydiff]
    result = diff(old, new, rules=rules)

Nothing here is global: two Rules values classify two diffs side by side in one process, and a
Rules never changes once built. Its patterns are compiled when a rule first reads them, not when it
is built: a process compiles only the cues its run needs (compiling all ~130 of rules.toml's costs
more than a small diff), and a cue list is compiled once per process however many Rules hold it.
`default_rules()` is the package's own rules, built once because they never change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast

from policydiff.config import Config
from policydiff.model import Severity
from policydiff.patterncache import loads_toml

SEVERITIES: tuple[Severity, ...] = ("material", "minor", "editorial")


@dataclass(frozen=True, slots=True)
class Category:
    """A clause category (OPP-115 based): taken from the heading chain or from the clause's own text."""

    code: str
    label: str
    heading_cues: tuple[str, ...]
    """The cue words its heading chain is matched against (rules.toml plus a team's)."""
    text_cues: tuple[str, ...]

    @property
    def heading(self) -> re.Pattern[str]:
        return word_cues(self.heading_cues)

    @property
    def text(self) -> re.Pattern[str]:
        return word_cues(self.text_cues)


Source = TypeVar("Source")


class Patterns(Mapping[str, re.Pattern[str]], Generic[Source]):
    """Named patterns, each compiled from its source the first time it is read: a read-only mapping
    that compiles only what a run looks up. Pickled as its sources (a worker compiles its own)."""

    __slots__ = ("_sources", "_compile", "_compiled")

    def __init__(self, sources: Mapping[str, Source], compile: Callable[[Source], re.Pattern[str]]) -> None:
        self._sources = dict(sources)
        self._compile = compile
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, name: str) -> re.Pattern[str]:
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = self._compile(self._sources[name])
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Patterns):
            return bool(self._sources == other._sources and self._compile == other._compile)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (Patterns, (self._sources, self._compile))


@dataclass(frozen=True, slots=True)
class ReasonCode:
    """One reason code of the registry: how severe a change it marks, and when it is given."""

    code: str
    severity: Severity
    when: str
    """The plain-English condition, as README's materiality table states it."""


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything classification reads, compiled: categories, term classes, cues, word lists, reason codes."""

    categories: tuple[Category, ...]
    terms: Mapping[str, re.Pattern[str]]
    """Term classes (negation, modal, limiter, purpose, party, data, right, consent, transfer, dispute)."""
    cues: Mapping[str, re.Pattern[str]]
    """Named patterns from rules.toml [cues]: "contact-detail", "strong-purpose", ..."""
    words: Mapping[str, tuple[str, ...]]
    """Named word lists from rules.toml [words]."""
    notice_ranks: Mapping[str, tuple[int, str]]
    """Each change-notice rule's rank (0 loosest) and its words in a reason."""
    reasons: Mapping[str, ReasonCode]
    """The registry of reason codes, in README's order."""
    material_categories: tuple[str, ...] = ()
    """The team's categories in which any change is material."""
    ignore_patterns: tuple[re.Pattern[str], ...] = ()
    """The team's patterns for text that is never compared."""
    synonyms: tuple[Synonym, ...] = ()
    """Equivalent terms (rules.toml [synonyms]): each pattern, on lower-case text, and the canonical
    form both versions are compared under ("personal information" reads as "personal data")."""

    @classmethod
    def from_config(cls, config: Config) -> Rules:
        """The package's rules with a team's extra cue words, material categories and ignore patterns."""
        data = package_table()
        extra = config.category_cues
        categories = tuple(
            Category(code, spec.get("label", code),
                     (*spec.get("heading", []), *extra.get(code, {}).get("heading", ())),
                     (*spec.get("text", []), *extra.get(code, {}).get("text", ())))
            for code, spec in data["categories"].items())
        terms = Patterns({name: (*cues, *config.cues.get(name, ())) for name, cues in data["terms"].items()}, word_cues)
        base = _package_parts()
        return cls(categories, terms, base.cues, base.words, base.notice_ranks, base.reasons,
                   config.material_categories, config.ignore_patterns, base.synonyms)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """A Rules travels to worker processes (`policydiff scan --jobs`, a Dask cluster) as a value:
        pickled with its read-only mappings as plain dicts, rebuilt read-only on arrival."""
        return (_rebuild_rules, tuple(dict(value) if isinstance(value, MappingProxyType) else value
                                      for value in (getattr(self, field.name) for field in fields(self))))

    def severity(self, code: str) -> Severity:
        """The registered severity of a reason code; an unregistered code is a bug (KeyError)."""
        return self.reasons[code].severity

    def cue(self, name: str) -> re.Pattern[str]:
        return self.cues[name]


def _rebuild_rules(*values: Any) -> Rules:
    restored: list[Any] = [MappingProxyType(value) if isinstance(value, dict) else value for value in values]
    return Rules(*restored)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The package's rules without any team configuration."""
    return Rules.from_config(Config())


def cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for a cue list; "advertis*" matches any ending, and a
    star may end any word of a phrase ("train* on"). A cue written in capitals is an acronym and matches
    only as written: "US" is the country, "us" the pronoun."""
    parts = []
    for cue in sorted(cues, key=len, reverse=True):
        escaped = re.escape(cue).replace(r"\*", r"[\w'-]*").replace(r"\ ", r"[\s-]+")
        parts.append(f"(?-i:{escaped})" if len(cue) > 1 and cue.isupper() else escaped)
    if not parts:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w@])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=256)
def word_cues(cues: tuple[str, ...]) -> re.Pattern[str]:
    """`cue_pattern` of a cue list, compiled once per process (every Rules of a process shares it)."""
    return cue_pattern(list(cues))


@lru_cache(maxsize=1)
def package_table() -> dict[str, Any]:
    """rules.toml as shipped (package data: read once, never changed)."""
    return loads_toml(files("policydiff.classify").joinpath("rules.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Synonym:
    """One variant of an equivalent term and the form it is compared as."""

    pattern: re.Pattern[str]
    """The variant as a whole phrase, on lower-case text."""
    canonical: str
    """What it is read as ("personal information" → "personal data")."""
    needle: str
    """Text every match contains: a text without it needs no substitution (a substring test is far
    cheaper than a pattern search)."""


@dataclass(frozen=True, slots=True)
class _Parts:
    cues: Mapping[str, re.Pattern[str]]
    words: Mapping[str, tuple[str, ...]]
    notice_ranks: Mapping[str, tuple[int, str]]
    reasons: Mapping[str, ReasonCode]
    synonyms: tuple[Synonym, ...]


@lru_cache(maxsize=1)
def _package_parts() -> _Parts:
    """The parts of rules.toml a team cannot extend, compiled once and shared by every Rules."""
    data = package_table()
    reasons: dict[str, ReasonCode] = {}
    for row in data["reasons"]:
        severity = row["severity"]
        if severity not in SEVERITIES:
            raise ValueError(f"rules.toml: reason severity {severity!r} is not one of {SEVERITIES}")
        for code in row["codes"]:
            reasons[code] = ReasonCode(code, cast(Severity, severity), row["when"])
    return _Parts(Patterns(data["cues"], re.compile),
                  MappingProxyType({name: tuple(words) for name, words in data["words"].items()}),
                  MappingProxyType({name: (spec["rank"], spec["words"]) for name, spec in data["notice-rules"].items()}),
                  MappingProxyType(reasons), _synonyms(data.get("synonyms", {}).get("groups", [])))


def _synonyms(groups: list[list[str]]) -> tuple[Synonym, ...]:
    """Each variant of a group as a whole-phrase pattern on lower-case text, longest first, to its
    group's first (canonical) member."""
    pairs = [(variant.casefold(), group[0].casefold()) for group in groups for variant in group[1:]]
    return tuple(Synonym(re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])"), canonical, variant)
                 for variant, canonical in sorted(pairs, key=lambda p: -len(p[0])))


def package_cue(name: str) -> re.Pattern[str]:
    """A cue of the shipped rules.toml, for readers outside classification that take no Rules (the
    notice check reads the kind of notice a clause promises with the same cues)."""
    return _package_parts().cues[name]
