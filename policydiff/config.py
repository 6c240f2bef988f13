"""Team settings: `policydiff.toml`, or `[tool.policydiff]` in pyproject.toml.

Lawyers tune the rules without touching code:

    [tool.policydiff]
    material_categories = ["ai", "children"]   # any change in these categories is material
    ignore_patterns = ["Last reviewed on [A-Z][a-z]+ \\\\d+, \\\\d{4}"]   # text never compared
    max_size_mb = 20
    policy_paths = ["policies/**", "legal/*.md"]   # which files `policydiff pr` treats as policies

    [tool.policydiff.cues]                      # extra words for a term class
    purpose = ["resell", "syndicate"]

    [tool.policydiff.categories.ai]             # extra cues for a category
    text = ["copilot"]

    [tool.policydiff.notice]                    # notice windows and email drafts
    default_days = 30     # the window to check when the old version promises no fixed period
    minimum_days = 30     # never accept less, whatever the policy promises
    company = "Example Ltd"
    url = "https://example.com/privacy"
    contact = "privacy@example.com"

The nearest policydiff.toml (or pyproject.toml with a [tool.policydiff] table) in the current
directory or its parents is used. Anything misspelt or of the wrong type is refused with an error
naming the key, never silently ignored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policydiff.errors import InputError, PolicydiffError
from policydiff.files import read_regular

TERM_CLASSES = ("negation", "modal", "limiter", "purpose", "party", "data", "right", "consent", "transfer", "dispute")
CATEGORIES = ("collection", "use", "sharing", "choice", "access", "retention", "security", "policy-change",
              "do-not-track", "transfer", "children", "contact", "ai", "payment", "dispute", "termination")


MAX_SIZE_MB = 4096
"""The largest size limit that can be set: a bigger policy is not a policy, and the limit is kept in memory."""


class ConfigError(PolicydiffError):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class NoticeSettings:
    """A team's own notice standard and the details every notice draft carries."""

    default_days: int | None = None
    """The window to check when the old version promises no fixed period (none, by law, on posting)."""
    minimum_days: int | None = None
    """A floor: a window shorter than this fails even when the policy promises less."""
    company: str | None = None
    url: str | None = None
    """Where the full policy is published."""
    redline_url: str | None = None
    """Where the comparison of the two versions is published."""
    contact: str | None = None
    """An address or URL readers can write to."""
    sender: str | None = None
    """The From address of the draft email."""


_NOTICE_KEYS = {"default_days", "minimum_days", "company", "url", "redline_url", "contact", "from"}


@dataclass(frozen=True)
class Config:
    source: str | None = None
    material_categories: tuple[str, ...] = ()
    ignore_patterns: tuple[re.Pattern[str], ...] = ()
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    category_cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    max_size_mb: float | None = None
    notice: NoticeSettings = field(default_factory=NoticeSettings)
    policy_paths: tuple[str, ...] = ()
    """Globs (`**` for any folders) of the files `policydiff pr` treats as policies; empty for the default."""


def find_config(start: Path | None = None) -> Config:
    """The configuration that applies in `start` (default: the current directory), or the defaults."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        dedicated = directory / "policydiff.toml"
        if _is_file(dedicated):
            return load_config(dedicated)
        project = directory / "pyproject.toml"
        if _is_file(project):
            data = _read(project)
            if isinstance(data.get("tool"), dict) and "policydiff" in data["tool"]:
                return parse_config(data["tool"]["policydiff"], str(project), "tool.policydiff")
        if _is_file(directory / ".git", exists=True):
            break
    return Config()


def load_config(path: Path) -> Config:
    data = _read(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("policydiff", {})
        return parse_config(table, str(path), "tool.policydiff")
    return parse_config(data, str(path), "")


CONFIG_MAX_BYTES = 1024 * 1024
"""A configuration file is a few lines; anything this big is not one."""


def _read(path: Path) -> dict[str, Any]:
    """The TOML of a configuration file: a regular file (never a FIFO or a device), UTF-8, valid TOML."""
    import tomllib  # only where a configuration file is found: most runs read none

    try:
        data = read_regular(path, CONFIG_MAX_BYTES)
    except InputError as error:
        raise ConfigError(str(error)) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 (invalid byte at {error.start}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


def _is_file(path: Path, *, exists: bool = False) -> bool:
    """Whether a file (with `exists`, anything) is there; a folder that cannot be looked into holds none
    policydiff can use."""
    try:
        return path.exists() if exists else path.is_file()
    except OSError:
        return False


def parse_config(table: Any, source: str, prefix: str) -> Config:
    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    def fail(name: str, problem: str) -> ConfigError:
        return ConfigError(f"{source}: {key(name)}: {problem}")

    if not isinstance(table, dict):
        raise fail("", "must be a table")
    known = {"material_categories", "ignore_patterns", "cues", "categories", "max_size_mb", "notice", "policy_paths"}
    for name in table:
        if name not in known:
            raise fail(name, f"unknown key (expected one of: {', '.join(sorted(known))})")
    material = _strings(table.get("material_categories", []), fail, "material_categories")
    for category in material:
        if category not in CATEGORIES:
            raise fail("material_categories", f"unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    patterns = []
    for index, pattern in enumerate(_strings(table.get("ignore_patterns", []), fail, "ignore_patterns")):
        try:
            patterns.append(re.compile(pattern))
        except re.error as error:
            raise fail(f"ignore_patterns[{index}]", f"not a valid regular expression ({error})") from None
    cues_table = table.get("cues", {})
    if not isinstance(cues_table, dict):
        raise fail("cues", "must be a table of word lists")
    cues = {}
    for name, words in cues_table.items():
        if name not in TERM_CLASSES:
            raise fail(f"cues.{name}", f"unknown term class (known: {', '.join(TERM_CLASSES)})")
        cues[name] = tuple(_strings(words, fail, f"cues.{name}"))
    categories_table = table.get("categories", {})
    if not isinstance(categories_table, dict):
        raise fail("categories", "must be a table")
    category_cues: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, spec in categories_table.items():
        if name not in CATEGORIES:
            raise fail(f"categories.{name}", f"unknown category (known: {', '.join(CATEGORIES)})")
        if not isinstance(spec, dict) or set(spec) - {"heading", "text"}:
            raise fail(f"categories.{name}", "must be a table with 'heading' and/or 'text' word lists")
        category_cues[name] = {part: tuple(_strings(words, fail, f"categories.{name}.{part}"))
                               for part, words in spec.items()}
    size = table.get("max_size_mb")
    if size is not None and (not isinstance(size, (int, float)) or isinstance(size, bool) or not math.isfinite(size)
                             or size <= 0 or size > MAX_SIZE_MB):
        raise fail("max_size_mb", f"must be a positive number of megabytes, at most {MAX_SIZE_MB}")
    return Config(source, tuple(material), tuple(patterns), cues, category_cues,
                  float(size) if size is not None else None, _notice(table.get("notice", {}), fail),
                  tuple(_strings(table.get("policy_paths", []), fail, "policy_paths")))


def _notice(table: Any, fail: Any) -> NoticeSettings:
    if not isinstance(table, dict):
        raise fail("notice", "must be a table")
    for name in table:
        if name not in _NOTICE_KEYS:
            raise fail(f"notice.{name}", f"unknown key (expected one of: {', '.join(sorted(_NOTICE_KEYS))})")
    values: dict[str, Any] = {}
    for name in ("default_days", "minimum_days"):
        days = table.get(name)
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 0):
            raise fail(f"notice.{name}", "must be a whole number of days, 0 or more")
        values[name] = days
    for name in ("company", "url", "redline_url", "contact", "from"):
        text = table.get(name)
        if text is not None and (not isinstance(text, str) or not text.strip()):
            raise fail(f"notice.{name}", "must be a non-empty string")
        values["sender" if name == "from" else name] = text
    return NoticeSettings(**values)


def _strings(value: Any, fail: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise fail(name, "must be a list of non-empty strings")
    return list(value)
