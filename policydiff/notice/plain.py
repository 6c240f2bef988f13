"""Material changes told the way a reader needs them: by topic, in a sentence each, with the new words.

A notice email is not a redline. Each material change becomes one sentence from the phrase book
(`phrases.toml`, chosen by the change's leading reason) plus the clause's new wording (or, for a
removal, the old wording), grouped under reader-facing topic headings such as "Who we share
information with". The sentences are templates, so they never claim more than the classifier
found; the quoted wording lets the reader check them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from policydiff.model import Change, Clause, Diff, Reason, clause_text, section_heading
from policydiff.view import DiffView

_QUOTES = "“”\"'"
_SPLIT = " → "
_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class PlainChange:
    """One material change as the email states it."""

    sentence: str
    wording: str | None
    """The clause's new wording (the old one for a removal), clipped to a readable length."""
    removed: bool
    location: str
    """The clause id in the new version (the old one for a removal)."""
    consent: bool


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    heading: str
    changes: tuple[PlainChange, ...]


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase book shipped with policydiff."""
    return tomllib.loads(files("policydiff.notice").joinpath("phrases.toml").read_text(encoding="utf-8"))


def topics(diff: Diff, changes: tuple[Change, ...], *, wording_limit: int = 320) -> tuple[Topic, ...]:
    """The changes as plain sentences, grouped by topic in the phrase book's order."""
    book = phrases()
    shown = DiffView(diff)
    grouped: dict[str, list[PlainChange]] = {}
    for change in changes:
        reason = _leading_reason(change, book["priority"])
        code = reason.code if reason else ""
        clause = change.new or change.old
        if code in ("clause-added", "clause-removed") and clause is not None and clause.kind == "section":
            code = code.replace("clause", "section")
        entry = book["reasons"].get(code, {})
        section = section_heading(shown.of(change).holder) or "these terms"
        whole = change.kind in ("added", "removed")
        sentence = (_sentence(entry, reason, section, whole) if reason else f"The terms in “{section}” change.")
        text = _wording(clause, whole)
        grouped.setdefault(_topic(change, entry, list(book["groups"])), []).append(PlainChange(
            sentence, _clip(text or "", wording_limit) or None, change.new is None,
            clause.id if clause else "", change.consent))
    order = list(book["groups"])
    return tuple(Topic(key, book["groups"].get(key, book["groups"]["other"]), tuple(items))
                 for key, items in sorted(grouped.items(), key=lambda kv: _rank(order, kv[0])))


def _leading_reason(change: Change, priority: list[str]) -> Reason | None:
    material = [reason for reason in change.reasons if reason.severity == "material"]
    ranked = sorted(material, key=lambda reason: _rank(priority, reason.code))
    return ranked[0] if ranked else None


def _sentence(entry: dict[str, Any], reason: Reason, section: str, whole: bool) -> str:
    """The entry's sentence; for a whole clause added or removed, the version that quotes nothing."""
    values = {"section": section} if whole else {"section": section, **_values(reason.detail)}
    for template in (entry.get("text"), entry.get("fallback"), "The terms in “{section}” change."):
        if template and all(name in values for name in _FIELD.findall(template)):
            return _FIELD.sub(lambda m: values[m.group(1)], template)
    return f"The terms in “{section}” change."  # pragma: no cover - the last template always fills


def _values(detail: str) -> dict[str, str]:
    """{what}, {before} and {after} from a reason's one-line detail ("new recipient: “partners”")."""
    _, _, rest = detail.partition(": ")
    rest = rest or detail
    values = {"what": rest.strip()}
    if _SPLIT in rest and rest.count(_SPLIT) == 1:
        before, after = (part.strip().strip(_QUOTES) for part in rest.split(_SPLIT))
        if before and after and before.lower() != "none":
            values.update(before=before, after=after)
    return values


def _wording(clause: Clause | None, whole: bool) -> str:
    """What the clause says: for a whole section added or removed, its heading and everything in it."""
    if clause is None:
        return ""
    if not whole:
        return clause_text(clause) or ""
    return " ".join(text for part in clause.walk() if (text := clause_text(part)))


def _topic(change: Change, entry: dict[str, Any], order: list[str]) -> str:
    """The reason's own topic if the change carries it, else the change's topic the book lists first."""
    for key in entry.get("group", []):
        if key in change.categories:
            return str(key)
    return min(change.categories, key=lambda key: _rank(order, key), default="other")


def _rank(order: list[str], key: str) -> int:
    return order.index(key) if key in order else len(order)


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind(". "), cut.rfind("; "))
    return (cut[: stop + 1] if stop > limit // 2 else cut.rsplit(" ", 1)[0]) + " …"
