"""The near-linear stages decide exactly what their plain quadratic forms decided.

Each stage that was rewritten to scale (the cross-reference check, the redundancy check, the reading
order, split and merge windows) is compared here with the plain form it replaced, kept below as the
specification, on every policy of the corpus, the real histories of ../shared where present, and
synthetic documents with many references, repeated texts and long runs of siblings.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

from policydiff.classify.xrefs import _STOP, _words, references, sections_by_number, topical_defects
from policydiff.model import Clause, Defect, Document, clause_text
from policydiff.parse import parse_file, parse_text

from .conftest import CORPUS, REALWORLD, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import nested_sections, render_sections, revised_sections  # noqa: E402

POLICY_SUFFIXES = (".md", ".txt", ".html")
assert _STOP  # the same stop words as the stage


def plain_topical_defects(document: Document) -> list[Defect]:
    """The cross-reference check as first written: every section scored for every reference."""
    sections = sections_by_number(document)
    if not sections:
        return []
    vocabulary = {number: _words(" ".join(clause_text(part) or "" for part in section.walk()))
                  for number, section in sections.items()}
    frequency: dict[str, int] = {}
    for section_words in vocabulary.values():
        for word in section_words:
            frequency[word] = frequency.get(word, 0) + 1
    weight = {word: math.log((1 + len(vocabulary)) / count) for word, count in frequency.items()}
    defects = []
    for clause, number, words, sentence in references(document):
        target = sections.get(number)
        if target is None:
            if "." not in number or number.split(".")[0] not in sections:
                defects.append(Defect("dangling-xref", clause.id, words, f"{words} does not exist in this version"))
            continue
        if words.lower().startswith(("sections", "clauses")):
            continue
        topic = _words(sentence) - _words(words)
        own = {n for n, section in sections.items() if any(part is clause for part in section.walk())}
        scores = {n: sum(weight.get(w, 0.0) for w in topic & vocabulary[n])
                  + sum(weight.get(w, 0.0) for w in topic & _words(sections[n].heading or ""))
                  for n in sections if n not in own}
        if number not in scores:
            continue
        ranked = sorted(scores, key=lambda n: -scores[n])
        best = ranked[0]
        if best != number and ranked.index(number) >= 2 and scores[best] >= 1.5 * max(scores[number], 0.5) \
                and len(topic & vocabulary[best]) >= 2:
            defects.append(Defect("suspect-xref", clause.id, words,
                                  f"{words} is “{target.heading}”, but the sentence reads like what Section {best} "
                                  f"“{sections[best].heading}” covers: check the reference"))
    return defects


SAMPLE = 6
"""Every corpus policy, and every SAMPLE-th real one (all of them were compared when the stages changed)."""


@pytest.fixture(scope="module")
def policies() -> list[Document]:
    def found(folder: Path) -> list[Path]:
        return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in POLICY_SUFFIXES
                      and "labels" not in p.parts and p.name != "README.md") if folder.is_dir() else []

    return [parse_file(path) for path in [*found(CORPUS), *found(REALWORLD)[::SAMPLE]]]


def _synthetic(seed: int, clauses: int = 600) -> list[Document]:
    sections = nested_sections(clauses, seed=seed)
    documents = [parse_text(render_sections(sections), "markdown"),
                 parse_text(render_sections(revised_sections(sections, seed=seed)), "markdown")]
    # references to every kind of target: a sentence copied from another section, a missing section
    rng = random.Random(seed)
    mixed = [(heading, [(sub, [f"{text} See Section {rng.randint(1, len(sections) + 3)}." for text in body])
                        for sub, body in subsections]) for heading, subsections in sections]
    documents.append(parse_text(render_sections(mixed), "markdown"))
    return documents


def test_cross_references_as_before_on_real_policies(policies: list[Document]) -> None:
    for document in policies:
        assert topical_defects(document) == plain_topical_defects(document), document.source


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cross_references_as_before_on_synthetic_policies(seed: int) -> None:
    found = 0
    for document in _synthetic(seed):
        defects = topical_defects(document)
        assert defects == plain_topical_defects(document)
        found += sum(d.code == "suspect-xref" for d in defects)
    assert found, "the synthetic documents exercise the suspect-reference rule"


def _clause(document: Document, clause_id: str) -> Clause:
    found = document.find(clause_id)
    assert found is not None
    return found
