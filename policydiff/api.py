"""The library API under the CLI: diff two policies, from paths or parsed documents.

    from policydiff import diff
    result = diff("privacy-v1.md", "privacy-v2.md")
    for change in result.changes: ...

A team's rules are a value passed in: `diff(old, new, rules=Rules.from_config(find_config()))`;
without one, the package's own rules apply.
"""

from __future__ import annotations

import time
from pathlib import Path

from typing import TYPE_CHECKING

from policydiff.gcpause import paused_gc
from policydiff.model import Defect, Diff, Document, Match
from policydiff.read import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from policydiff.classify.rules import Rules


def diff(old: Document | str | Path, new: Document | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
         rules: Rules | None = None) -> Diff:
    """Align two versions clause by clause and classify every change by `rules` (default: the package's)."""
    timings: dict[str, float] = {}
    with paused_gc():
        old_document = _document(old, max_bytes, timings)
        new_document = _document(new, max_bytes, timings)
        return diff_documents(old_document, new_document, timings, rules=rules)


def diff_documents(old: Document, new: Document, timings: dict[str, float] | None = None, *,
                   rules: Rules | None = None) -> Diff:
    """The diff of two parsed documents; `timings` (ms per stage) is extended and kept on the Diff."""
    from policydiff.align import align
    from policydiff.classify import classify, classify_non_operative, default_rules, structure_only

    timings = dict(timings or {})
    with paused_gc():
        start = time.perf_counter()
        matches = align(old, new)
        apart = align(old, new, role="non-operative")
        timings["align"] = timings.get("align", 0.0) + (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        classified = classify((match for match in matches if not match.implied), old, new, rules or default_rules())
        changes = tuple(c for c in classified if not structure_only(c))
        structure = tuple(c for c in classified if structure_only(c))
        non_operative = tuple(classify_non_operative((m for m in apart if not m.implied), rules or default_rules()))
        defects = find_defects(old, new, matches)
        timings["classify"] = timings.get("classify", 0.0) + (time.perf_counter() - start) * 1000
    return Diff(old=old, new=new, matches=matches, changes=changes, timings=timings, defects=defects,
                structure=structure, non_operative=non_operative, non_operative_matches=apart)


def find_defects(old: Document, new: Document, matches: tuple[Match, ...]) -> tuple[Defect, ...]:
    """Dangling cross-references in the new version, from the renumbering and from each sentence's topic."""
    from policydiff.classify.xrefs import renumbering_defects, topical_defects
    from policydiff.parse.visible import hidden_text_defects

    found: dict[tuple[str, str], Defect] = {}
    for defect in renumbering_defects(old, new, matches) + topical_defects(new) + hidden_text_defects(new):
        found.setdefault((defect.clause_id, defect.quote), defect)
    return tuple(found.values())


def _document(source: Document | str | Path, max_bytes: int, timings: dict[str, float]) -> Document:
    if isinstance(source, Document):
        return source
    from policydiff.parse import parse_source
    from policydiff.read import read_path

    start = time.perf_counter()
    text = read_path(Path(source), max_bytes=max_bytes)
    middle = time.perf_counter()
    document = parse_source(text)
    end = time.perf_counter()
    timings["read"] = timings.get("read", 0.0) + (middle - start) * 1000
    timings["parse"] = timings.get("parse", 0.0) + (end - middle) * 1000
    return document
