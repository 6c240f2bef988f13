"""One change view for every renderer: the same location, section and context wherever a change is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.model import clause_text
from policydiff.render.diff_html import render_html_diff
from policydiff.render.diff_markdown import render_markdown_diff
from policydiff.render.diff_text import render_text_diff
from policydiff.safe import html_safe, markdown_safe, terminal_safe
from policydiff.view import DiffView, printed

from .conftest import CORPUS

PAIRS = [(folder.name, old, new) for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir())
         for old, new in zip(*(lambda v: (v, v[1:]))(sorted(p for p in folder.iterdir()
                                                             if p.suffix in (".md", ".txt", ".html"))))]


@pytest.mark.parametrize(("family", "old", "new"), PAIRS, ids=[f"{f}-{o.stem}-{n.stem}" for f, o, n in PAIRS])
def test_context_is_the_same_clauses_in_text_markdown_and_html(family: str, old: Path, new: Path) -> None:
    result = diff(old, new)
    view = DiffView(result, context=1)
    text = render_text_diff(result, context=1)
    markdown = render_markdown_diff(result, context=1)
    html = render_html_diff(result, context=1, changes_only=True)
    expected = 0
    for change in view.changes():
        if change.kind == "renumbered":
            continue
        for match in change.before + change.after:
            clause = match.new if change.on_new else match.old
            assert clause is not None and match.kind == "unchanged"
            words = clause_text(clause) or ""
            assert f"  {clause.id}  {terminal_safe(words)}" in text
            assert f"> *{markdown_safe(clause.id)}* · " in markdown
            redlined = match.new or match.old  # the redline shows the new document, the old where removed
            assert redlined is not None
            side = "new" if match.new is not None else "old"
            assert f'id="{html_safe(side)}-{html_safe(redlined.id)}"' in html
            assert html_safe(printed(redlined)) in html or redlined.kind == "table-row"
            expected += 1
    assert len(re.findall(r"(?m)^> \*[^*\n]+\* · ", markdown)) == expected


def test_one_clause_of_context_on_the_side_the_change_stands() -> None:
    result = diff(CORPUS / "brightdesk-privacy" / "v1.1.md", CORPUS / "brightdesk-privacy" / "v2.0.md")
    removed = next(v for v in DiffView(result, context=1).changes() if v.kind == "removed" and v.location == "8/item-5")
    assert not removed.on_new
    assert [m.old.id for m in removed.before] == ["8/item-4"] and [m.old.id for m in removed.after] == ["8/item-6"]
    assert DiffView(result).of(removed.change).before == ()  # no context unless asked


def test_location_ids_sections_and_verdict_facts() -> None:
    result = diff(CORPUS / "tallyhq-terms" / "v3.2.txt", CORPUS / "tallyhq-terms" / "v4.0.txt")
    views = {v.location: v for v in DiffView(result).changes()}
    split = DiffView(result).of(next(c for c in result.structure if c.kind == "split"))  # listed apart
    assert split.kind == "split" and split.ids == "9/p2 → 9/p2 + 9/p3" and split.section.heading == "DISCLAIMERS"
    moved = views["2 → 7"]
    assert moved.mark == "→" and moved.section is moved.change.new and moved.group is None  # a top-level section
    notice = views["14/p2"]
    assert notice.material and notice.direction == "expands" and not notice.consent
    assert [r.code for r in notice.leading_reasons] == ["duration-changed", "notice-changed"]
    ordered = DiffView(result).ordered()
    assert all(v.material for v in ordered[:2]) and not any(v.material for v in ordered[2:])


def test_text_rules_reach_the_width_asked_for() -> None:
    result = diff(CORPUS / "tallyhq-terms" / "v3.2.txt", CORPUS / "tallyhq-terms" / "v4.0.txt")
    rules = [line for line in render_text_diff(result, width=100).splitlines() if line.startswith("── ")]
    assert rules and all(len(line) == 100 for line in rules)
    assert all(len(line) == 72 for line in render_text_diff(result).splitlines() if line.startswith("── "))
