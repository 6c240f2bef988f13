"""Properties of the parser that must hold for any policy, checked on generated documents.

- every non-blank input line lands in exactly one clause;
- ids are unique, and the same text always yields the same ids;
- parsing the Markdown rendering of a tree gives the same tree.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.model import Document
from policydiff.parse import parse_text
from policydiff.render.markdown_tree import render_markdown

WORDS = ("data account service information provider request email notice period record payment "
         "content partner model user team access cookie region transfer purpose law right").split()
TITLE_WORDS = ("Account Billing Cookies Data Rights Security Retention Sharing Transfers Children Changes "
               "Contact Partners Models Providers Notices").split()
MONTHS = "January February March April May June July August September October November December".split()

sentences = st.lists(st.sampled_from(WORDS), min_size=5, max_size=18).map(
    lambda words: " ".join(words).capitalize() + ".")
headings = st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=4, unique=True).map(" ".join)
labels = st.sampled_from(TITLE_WORDS).map(lambda w: f"{w} Data.")
cells = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda w: " ".join(w).capitalize())


@st.composite
def items(draw: st.DrawFn) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        label = draw(st.one_of(st.none(), labels))
        lines.append(f"- {label + ' ' if label else ''}{draw(sentences)}")
        for _ in range(draw(st.integers(0, 2))):
            lines.append(f"  - {draw(sentences)}")
    return lines


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    width = draw(st.integers(2, 3))
    header = "| " + " | ".join(draw(st.sampled_from(TITLE_WORDS)) for _ in range(width)) + " |"
    separator = draw(st.booleans())
    rows = ["| " + " | ".join(draw(cells) for _ in range(width)) + " |" for _ in range(draw(st.integers(1, 4)))]
    return [header, *(["| --- " * width + "|"] if separator else []), *rows]


@st.composite
def section_body(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    kinds = draw(st.lists(st.sampled_from(["paragraph", "items", "table"]), min_size=1, max_size=4))
    last = None
    for kind in kinds:
        if kind == last and kind != "paragraph":
            lines.append(draw(sentences))
        if kind == "paragraph":
            lines.append(draw(sentences))
        elif kind == "items":
            lines.extend(draw(items()))
        else:
            lines.extend(draw(table()))
        last = kind
    return lines


@st.composite
def policies(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(headings) + " Policy")
    if draw(st.booleans()):
        lines.append(f"Effective Date: {draw(st.sampled_from(MONTHS))} {draw(st.integers(1, 28))}, "
                     f"{draw(st.integers(2015, 2030))}")
    lines.extend(draw(st.lists(sentences, max_size=2)))
    for number in range(1, draw(st.integers(1, 6)) + 1):
        lines.append(f"{number}. {draw(headings)}")
        lines.extend(draw(section_body()))
        for sub in range(1, draw(st.integers(0, 3)) + 1):
            lines.append(f"{number}.{sub} {draw(headings)}")
            lines.extend(draw(section_body()))
    blank_lines = draw(st.booleans())
    return ("\n\n" if blank_lines else "\n").join(lines) + "\n"


def signature(doc: Document) -> list[tuple[object, ...]]:
    return [(c.id, c.kind, c.role, c.number, c.heading, c.label, c.text, c.cells, c.header)
            for c in doc.walk() if not (c.role == "metadata" and c.label)]


SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(policies())
def test_every_non_blank_line_in_exactly_one_clause(text: str) -> None:
    doc = parse_text(text)
    owner: dict[int, str] = {}
    for clause in doc.walk():
        first, last = clause.lines
        for line in range(first, last + 1):
            assert line not in owner, f"line {line} in {owner.get(line)} and {clause.id}"
            owner[line] = clause.id
    non_blank = {n for n, line in enumerate(text.split("\n"), 1) if line.strip()}
    assert non_blank <= set(owner), f"lines in no clause: {sorted(non_blank - set(owner))}"
    assert not set(owner) - set(range(1, len(text.split("\n")) + 1))


@SETTINGS
@given(policies())
def test_ids_unique_and_stable(text: str) -> None:
    first = [c.id for c in parse_text(text).walk()]
    assert len(first) == len(set(first))
    assert [c.id for c in parse_text(text).walk()] == first


@SETTINGS
@given(policies())
def test_markdown_rendering_parses_to_the_same_tree(text: str) -> None:
    doc = parse_text(text)
    again = parse_text(render_markdown(doc), "markdown")
    assert signature(again) == signature(doc)
    assert again.metadata.effective == doc.metadata.effective or (
        again.metadata.effective and doc.metadata.effective
        and again.metadata.effective.date == doc.metadata.effective.date)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_parses_without_error(text: str) -> None:
    if text.strip():
        doc = parse_text(text)
        assert len({c.id for c in doc.walk()}) == len(list(doc.walk()))
