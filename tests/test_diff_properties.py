"""Properties every diff must have, on generated Markdown policies.

- diff(a, a) lists nothing;
- every clause of either side is accounted for exactly once;
- swapping the sides swaps added and removed;
- shuffling whole sections yields moves only;
- re-wrapping any paragraph (or changing quote and space styles) yields no change.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.api import diff_documents
from policydiff.model import Diff, Document
from policydiff.parse import parse_text

WORDS = ("data account service information provider request email notice period record payment content "
         "partner model user team access cookie region transfer purpose law right retain share sell "
         "delete export consent").split()
HEADINGS = ("Data We Collect|How We Use Data|Sharing|Retention|Your Rights|Security|Children|Transfers|"
            "Cookies|Changes|Contact Us|AI Features|Payments|Disputes|Termination").split("|")

sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=20).map(lambda w: " ".join(w).capitalize() + ".")


@st.composite
def sections(draw: st.DrawFn) -> list[tuple[str, list[str]]]:
    names = draw(st.lists(st.sampled_from(HEADINGS), min_size=2, max_size=7, unique=True))
    result = []
    for name in names:
        blocks = []
        for _ in range(draw(st.integers(1, 4))):
            if draw(st.booleans()):
                blocks.append(draw(sentences))
            else:
                blocks.append("\n".join(f"- {draw(sentences)}" for _ in range(draw(st.integers(1, 3)))))
        result.append((name, blocks))
    return result


def markdown(sections_: list[tuple[str, list[str]]], wrap: int | None = None) -> str:
    parts = ["# Example Policy", ""]
    for name, blocks in sections_:
        parts += [f"## {name}", ""]
        for block in blocks:
            parts += [_wrap(block, wrap) if wrap and not block.startswith("- ") else block, ""]
    return "\n".join(parts)


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def parse(text: str) -> Document:
    return parse_text(text, "markdown")


def kinds(result: Diff) -> Counter[str]:
    return Counter(change.kind for change in result.changes)


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sections())
def test_diff_with_itself_is_empty(doc: list[tuple[str, list[str]]]) -> None:
    document = parse(markdown(doc))
    assert diff_documents(document, document).changes == ()


@SETTINGS
@given(sections(), sections())
def test_every_clause_accounted_for_once(a: list[tuple[str, list[str]]], b: list[tuple[str, list[str]]]) -> None:
    old, new = parse(markdown(a)), parse(markdown(b))
    result = diff_documents(old, new)
    old_seen = Counter(id(c) for m in result.matches for c in ((m.old,) if m.old else ()) + m.old_extra)
    new_seen = Counter(id(c) for m in result.matches for c in ((m.new,) if m.new else ()) + m.new_extra)
    assert old_seen == Counter(id(c) for c in old.body())
    assert new_seen == Counter(id(c) for c in new.body())


@SETTINGS
@given(sections(), sections())
def test_swapping_sides_swaps_added_and_removed(a: list[tuple[str, list[str]]], b: list[tuple[str, list[str]]]) -> None:
    old, new = parse(markdown(a)), parse(markdown(b))
    forward, backward = kinds(diff_documents(old, new)), kinds(diff_documents(new, old))
    assert forward["added"] == backward["removed"]
    assert forward["removed"] == backward["added"]
    assert forward["split"] == backward["merged"]


@SETTINGS
@given(sections(), st.randoms(use_true_random=False))
def test_shuffled_sections_are_moves_only(doc: list[tuple[str, list[str]]], rng: random.Random) -> None:
    shuffled = list(doc)
    rng.shuffle(shuffled)
    result = diff_documents(parse(markdown(doc)), parse(markdown(shuffled)))
    assert set(kinds(result)) <= {"moved"}
    assert kinds(result)["moved"] <= len(doc) - 1


@SETTINGS
@given(sections(), st.integers(20, 70))
def test_rewrapping_and_typography_are_not_changes(doc: list[tuple[str, list[str]]], width: int) -> None:
    old = parse(markdown(doc))
    rewrapped = markdown(doc, wrap=width).replace(" data ", " data\u00a0").replace("Data", "Data")
    new = parse(rewrapped)
    assert diff_documents(old, new).changes == ()
