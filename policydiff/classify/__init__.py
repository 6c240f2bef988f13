"""Classify each change: material or not, categories, reasons.

Until the materiality rules land (issue 4), every change that is not pure noise is reported as
material with reason `unclassified`: conservative, never silent. Renumbering and pure moves (the same
words in another place) are editorial.
"""

from __future__ import annotations

from collections.abc import Iterable

from policydiff.align.inline import inline_diff
from policydiff.model import Change, Match, Reason
from policydiff.render.common import clause_text


def classify(matches: Iterable[Match]) -> list[Change]:
    """One Change per match that is not unchanged, with its inline diff and verdict."""
    return [_change(match) for match in matches if match.kind != "unchanged"]


def _change(match: Match) -> Change:
    old_text = " ".join(filter(None, [clause_text(match.old), *(clause_text(c) or "" for c in match.old_extra)]))
    new_text = " ".join(filter(None, [clause_text(match.new), *(clause_text(c) or "" for c in match.new_extra)]))
    words_changed = match.old is not None and match.new is not None and match.similarity < 1.0
    spans = inline_diff(old_text, new_text) if words_changed else ()
    if match.kind == "renumbered":
        return Change(match, (), False, "editorial", (), (Reason("renumbered", _renumber_detail(match), "editorial"),))
    if match.kind in ("moved", "split", "merged") and match.similarity >= 1.0:
        detail = {"moved": "moved without changing its words", "split": "split without changing its words",
                  "merged": "merged without changing its words"}[match.kind]
        return Change(match, spans, False, "editorial", (), (Reason(match.kind, detail, "editorial"),))
    return Change(match, spans, True, "material", (),
                  (Reason("unclassified", "no materiality rule has classified this change yet; review it",
                          "material"),))


def _renumber_detail(match: Match) -> str:
    old = (match.old.number or "").rstrip(".") if match.old else ""
    new = (match.new.number or "").rstrip(".") if match.new else ""
    return f"renumbered from {old} to {new}"
