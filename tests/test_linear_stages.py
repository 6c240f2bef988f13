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

from policydiff.classify.xrefs import _words, references, sections_by_number, topical_defects
from policydiff.model import Defect, Document, clause_text
from policydiff.parse import parse_file, parse_text

from .conftest import CORPUS, REALWORLD, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import nested_sections, render_sections, revised_sections  # noqa: E402

POLICY_SUFFIXES = (".md", ".txt", ".html")


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


def plain_heaviest(values: list[int], weights: list[int]) -> set[int]:
    """The weighted reading-order search as first written: every earlier item tried for every item."""
    n = len(values)
    best = list(weights)
    previous = [-1] * n
    for i in range(n):
        for j in range(i):
            if values[j] < values[i] and best[j] + weights[i] > best[i]:
                best[i], previous[i] = best[j] + weights[i], j
    end = max(range(n), key=lambda i: best[i])
    keep = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    return keep


@pytest.mark.parametrize("seed", range(40))
def test_reading_order_as_before(seed: int) -> None:
    from policydiff.align.order import WEIGHTED_LIMIT, longest_increasing

    rng = random.Random(seed)
    n = rng.choice([1, 2, 3, 7, 30, 120, WEIGHTED_LIMIT])
    values = list(range(n)) if seed % 4 == 0 else rng.sample(range(3 * n), n)
    if seed % 3 == 0:  # mostly in order, a few moved: what real alignments look like
        values = sorted(values)
        for _ in range(max(1, n // 10)):
            i, j = rng.randrange(n), rng.randrange(n)
            values[i], values[j] = values[j], values[i]
    weights = [rng.choice([1, 1, 1, 2, 5, 40]) for _ in range(n)]
    assert longest_increasing(values, weights) == plain_heaviest(values, weights)


def test_containment_as_before() -> None:
    from policydiff.align.containment import Containment

    rng = random.Random(5)
    words = "we share data with our partners and affiliates for advertising purposes only".split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    texts += ["a\x00b", "", "tail"]
    found = Containment(texts)
    needles = [text[i:j] for text in texts for i, j in [sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))]]
    needles += [f"{a[-5:]}\x00{b[:5]}" for a, b in zip(texts, texts[1:])]  # across two joined texts
    needles += [f"{a[-5:]} {b[:5]}" for a, b in zip(texts, texts[1:])] + ["", "\x00", "a\x00b", "nothing like it"]
    for needle in needles:
        assert found.holds(needle) == any(needle in text for text in texts), repr(needle)
    assert not Containment([]).holds("")


def plain_group(singles: list, parts_side: list, *, split: bool) -> None:  # type: ignore[type-arg]
    """Split and merge detection as first written: every clause tried against every window."""
    from collections import defaultdict

    from policydiff.align import engine

    runs: dict[int, list] = defaultdict(list)  # type: ignore[type-arg]
    for node in parts_side:
        if engine._free(node) and node.parent is not None:
            runs[id(node.parent)].append(node)
        elif engine._free(node):
            runs[0].append(node)
    windows = []
    for siblings in runs.values():
        for start in range(len(siblings)):
            for size in (2, 3):
                window = siblings[start:start + size]
                if len(window) == size and engine._adjacent(window):
                    windows.append(window)
    if not windows:
        return
    for single in singles:
        if not engine._free(single) or len(single.tokens) < 6:
            continue
        best, best_score = None, engine.SPLIT_THRESHOLD
        for window in windows:
            if any(not engine._free(part) for part in window):
                continue
            lengths = [len(part.tokens) for part in window]
            total = sum(lengths)
            if min(lengths) < min(0.2 * total, engine.MIN_PART_TOKENS) or abs(total - len(single.tokens)) > 0.2 * len(single.tokens):
                continue
            joined = [token for part in window for token in part.tokens]
            score = engine.Indel.normalized_similarity(single.tokens, joined)
            if score >= best_score:
                best, best_score = window, score
        if best is not None:
            engine._pair(single, best[0])
            single.extra = list(best[1:])
            for part in best[1:]:
                part.group = single


def _outline(matches: tuple) -> list[tuple[str, str | None, str | None, tuple[str, ...], tuple[str, ...]]]:  # type: ignore[type-arg]
    return [(m.kind, m.old and m.old.id, m.new and m.new.id, tuple(c.id for c in m.old_extra),
             tuple(c.id for c in m.new_extra)) for m in matches]


def _split_and_merged(seed: int) -> tuple[Document, Document]:
    """A synthetic pair where paragraphs are split in two at a sentence and neighbours merged."""
    rng = random.Random(seed)
    sections = nested_sections(400, seed=seed)
    changed = []
    for heading, subsections in sections:
        new_subsections = []
        for sub, body in subsections:
            body = list(body)
            if rng.random() < 0.5 and len(body) > 1:
                i = rng.randrange(len(body) - 1)
                body[i:i + 2] = [f"{body[i]} {body[i + 1]}"]
            elif rng.random() < 0.5:
                words = body[0].split()
                body[0:1] = [" ".join(words[: len(words) // 2]) + ".", " ".join(words[len(words) // 2:])]
            new_subsections.append((sub, body))
        changed.append((heading, new_subsections))
    return parse_text(render_sections(sections), "markdown"), parse_text(render_sections(changed), "markdown")


def test_splits_and_merges_as_before(policies: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    from policydiff.align import align, engine

    pairs = [(a, b) for a, b in zip(policies, policies[1:]) if Path(a.source).parent == Path(b.source).parent]
    pairs += [_split_and_merged(seed) for seed in (1, 2)]
    grouped = 0
    for old, new in pairs:
        fast = align(old, new)
        with monkeypatch.context() as patched:
            patched.setattr(engine, "_group", plain_group)
            plain = align(old, new)
        assert _outline(fast) == _outline(plain), (old.source, new.source)
        grouped += sum(m.kind in ("split", "merged") for m in fast)
    assert grouped > 20, "the pairs exercise split and merge detection"
