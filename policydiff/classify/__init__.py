"""Classify each change: material or not, in which categories, why, and in which direction.

    match -> categories (heading chain + text) -> reasons (rules.toml + rule functions) -> verdict

Reasons come from small rule functions (reasons.py for edits, presence.py for added and removed
clauses); the verdict is material when any reason is, with the direction (does the change expand
or restrict what the company may do) and whether a regulator would expect fresh consent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policydiff.align.inline import inline_diff
from policydiff.align.normalize import normalise
from policydiff.classify.categories import categorize, heading_chain
from policydiff.classify.lexicon import active_config
from policydiff.classify.presence import explain_presence
from policydiff.classify.reasons import Edit, Finding, term_counts, explain_edit
from policydiff.model import Change, Clause, Document, Match, Reason, parent_map
from policydiff.model import clause_text

_SEVERITY_ORDER = {"material": 0, "minor": 1, "editorial": 2}


def classify(matches: Iterable[Match], old: Document | None = None, new: Document | None = None) -> list[Change]:
    """One Change per match that is not unchanged, with its inline diff, categories and verdict."""
    term_counts.cache_clear()  # the cache serves the rules of one diff, not the process
    parents = parent_map(old, new)
    kept = [normalise(c.full_text) for c in new.body()] if new is not None else []
    return [_change(match, parents, kept) for match in matches if match.kind != "unchanged"]


def _change(match: Match, parents: dict[int, Clause], kept: list[str]) -> Change:
    old_text = _joined(match.old, match.old_extra)
    new_text = _joined(match.new, match.new_extra)
    clause = match.new or match.old
    assert clause is not None
    categories = categorize(heading_chain(clause, parents), _full(clause) if match.kind in ("added", "removed")
                            else f"{old_text} {new_text}")
    words_changed = match.old is not None and match.new is not None and match.similarity < 1.0
    spans = inline_diff(old_text, new_text) if words_changed else ()
    if match.kind == "renumbered":
        return Change(match, (), False, "editorial", categories,
                      (Reason("renumbered", _renumber_detail(match), "editorial"),), "neutral")
    if match.kind == "removed" and _said_elsewhere(clause, kept):
        finding = Finding([Reason("redundant-removed", "removed, but the same words remain elsewhere in the new "
                                                       "version", "editorial")], "neutral")
    elif match.kind in ("added", "removed"):
        finding = explain_presence(match.kind, clause, _full(clause), categories)
    elif _ignored(old_text, new_text):
        finding = Finding([Reason("ignored", "differs only in text the team's ignore_patterns exclude", "editorial")],
                          "neutral")
    elif not words_changed:
        detail = {"moved": "moved without changing its words", "split": "split without changing its words",
                  "merged": "merged without changing its words"}.get(match.kind, "no change in words")
        finding = Finding([Reason(match.kind, detail, "editorial")], "neutral")
    else:
        finding = explain_edit(Edit.between(match.kind, old_text, new_text, categories))
    always = sorted(set(categories) & set(active_config().material_categories))
    if always and match.kind not in ("moved", "split", "merged", "renumbered") and not any(
            r.code == "ignored" for r in finding.reasons) and not any(r.severity == "material" for r in finding.reasons):
        finding.add("category-material", f"the team treats every change in {', '.join(always)} as material")
    severity = min((r.severity for r in finding.reasons), key=_SEVERITY_ORDER.__getitem__, default="editorial")
    material = severity == "material"
    return Change(match, spans, material, severity, categories, tuple(finding.reasons),
                  finding.direction if material else "neutral", finding.consent and material)


def _said_elsewhere(clause: Clause, kept: list[str]) -> bool:
    """A removed leaf whose words (at least eight of them) still stand inside another clause."""
    if clause.kind == "section" or len(clause.full_text.split()) < 8:
        return False
    text = normalise(clause.full_text)
    return any(text in other for other in kept)


def _ignored(old_text: str, new_text: str) -> bool:
    patterns = active_config().ignore_patterns
    if not patterns or not old_text or not new_text:
        return False
    return _strip(old_text, patterns) == _strip(new_text, patterns)


def _strip(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        text = pattern.sub("", text)
    return " ".join(text.split())


def _joined(clause: Clause | None, extra: tuple[Clause, ...]) -> str:
    return " ".join(filter(None, [clause_text(clause), *(clause_text(c) or "" for c in extra)]))


def _full(clause: Clause) -> str:
    return " ".join(clause_text(part) or "" for part in clause.walk())


def _renumber_detail(match: Match) -> str:
    old = (match.old.number or "").rstrip(".") if match.old else ""
    new = (match.new.number or "").rstrip(".") if match.new else ""
    return f"renumbered from {old} to {new}"
