"""Cross-references ("see Section 8") that no longer point at the clause they meant.

Two signals, reported as defects of a version:
- `dangling-xref`: the diff shows the referenced section was renumbered (or removed) while the
  reference kept its old number, or the named section does not exist;
- `suspect-xref`: within one document, the sentence holding the reference has little in common with
  the text of the section it names while another section's text is clearly about it (a reference
  left behind by an earlier renumbering). A heuristic, so it asks for a check rather than asserting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from policydiff.model import Clause, Defect, Document, Match
from policydiff.parse.blocks import normalise_number
from policydiff.model import clause_text

REFERENCE = re.compile(r"\b(?:Sections?|Clauses?|§)\s*(\d{1,3}(?:\.\d{1,3})*)(?![\d.]*\d)", re.IGNORECASE)
_EXTERNAL = re.compile(r"\s*(?:\([a-z0-9]+\)\s*)*(?:of|under|in)\s+(?:the|our|their|its|any|this|that|GDPR|CCPA|[A-Z])",
                       re.IGNORECASE)
_STOP = frozenset("this that these those with from your their there which about under other where when what "
                  "will shall must have been into than then them they also such more most only each".split())


def references(document: Document) -> Iterator[tuple[Clause, str, str, str]]:
    """(clause, referenced number, the words "Section 8", the sentence around it) for every reference."""
    for clause in document.body():
        text = clause.full_text
        for match in REFERENCE.finditer(text):
            if _EXTERNAL.match(text, match.end()):
                continue  # "Section 4 of our Terms of Service", "Section 1798.100 of the Civil Code"
            start = max(text.rfind(".", 0, match.start()) + 1, 0)
            end = text.find(".", match.end())
            sentence = text[start:end if end != -1 else len(text)]
            yield clause, match.group(1), match.group(0), sentence


def sections_by_number(document: Document) -> dict[str, Clause]:
    return {normalise_number(c.number): c for c in document.body() if c.kind == "section" and c.number}


def renumbering_defects(old: Document, new: Document, matches: tuple[Match, ...]) -> list[Defect]:
    """References the diff shows were left behind: their section moved to another number or went away."""
    old_sections = sections_by_number(old)
    new_sections = sections_by_number(new)
    partner = {id(m.old): m.new for m in matches if m.old is not None and m.old.kind == "section"}
    old_refs = {(id(m.new), ref) for m in matches if m.old is not None and m.new is not None
                for ref in REFERENCE.findall(m.old.full_text)}
    defects = []
    for clause, number, words, _ in references(new):
        if (id(clause), number) not in old_refs or number not in old_sections:
            continue
        meant = old_sections[number]
        now = partner.get(id(meant))
        if now is None:
            defects.append(Defect("dangling-xref", clause.id, words,
                                  f"{words} meant “{clause_text(meant)}”, which this version removed"))
        elif now.number and normalise_number(now.number) != number:
            target = new_sections.get(number)
            pointing = f"; {words} is now “{clause_text(target)}”" if target else ""
            defects.append(Defect("dangling-xref", clause.id, words,
                                  f"{words} meant “{clause_text(meant)}”, now Section {normalise_number(now.number)}"
                                  f"{pointing}"))
    return defects


def topical_defects(document: Document) -> list[Defect]:
    """References to a missing section, or to a section whose text has little to do with the
    sentence while another section's text is clearly about it."""
    sections = sections_by_number(document)
    if not sections:
        return []
    topics = _Topics(sections)
    defects = []
    for clause, number, words, sentence in references(document):
        target = sections.get(number)
        if target is None:
            if "." not in number or number.split(".")[0] not in sections:  # sub-numbers may live inside paragraphs
                defects.append(Defect("dangling-xref", clause.id, words, f"{words} does not exist in this version"))
            continue
        if words.lower().startswith(("sections", "clauses")):
            continue  # a list of sections: no single target to check
        best = topics.better_section(_words(sentence) - _words(words), number, topics.own.get(id(clause), 0))
        if best is not None:
            defects.append(Defect("suspect-xref", clause.id, words,
                                  f"{words} is “{target.heading}”, but the sentence reads like what Section {best} "
                                  f"“{sections[best].heading}” covers: check the reference"))
    return defects


SUSPECT_RATIO = 1.5
"""How many times better than the named section another section must match the sentence."""
SUSPECT_FLOOR = 0.5
"""The named section's score is taken as at least this, so a sentence matching nothing names nothing."""


class _Topics:
    """Each section's words, weighted by how few sections use them, computed once per document, with
    every word's sections as a bit set, so that scoring a reference visits only the sections that could
    outscore the one it names, not every section.

    A section's score for a sentence is the summed weight of the sentence's words found in its text,
    plus again for those in its heading. The reference is suspect when the best-scoring section (other
    than those holding the sentence) is not the named one, the named one ranks third or lower, the best
    scores at least SUSPECT_RATIO times the named one's (at least SUSPECT_FLOOR), and shares two words."""

    def __init__(self, sections: dict[str, Clause]) -> None:
        self.numbers = list(sections)
        self.order = {number: position for position, number in enumerate(self.numbers)}
        self.vocabulary = {number: _words(" ".join(clause_text(part) or "" for part in section.walk()))
                           for number, section in sections.items()}
        self.headings = {number: _words(section.heading or "") for number, section in sections.items()}
        frequency: dict[str, int] = {}
        for section_words in self.vocabulary.values():
            for word in section_words:
                frequency[word] = frequency.get(word, 0) + 1
        self.weight = {word: math.log((1 + len(self.vocabulary)) / count) for word, count in frequency.items()}
        self.in_text = _bits(self.vocabulary, self.order)
        self.in_heading = _bits(self.headings, self.order)
        self.everything = (1 << len(self.numbers)) - 1
        own: dict[int, int] = {}
        for number, section in sections.items():
            for part in section.walk():
                own[id(part)] = own.get(id(part), 0) | 1 << self.order[number]
        self.own = own
        """For each clause (by identity), the sections that hold it, as bits."""

    def score(self, topic: set[str], number: str) -> float:
        weight = self.weight
        return (sum(weight.get(w, 0.0) for w in topic & self.vocabulary[number])
                + sum(weight.get(w, 0.0) for w in topic & self.headings[number]))  # headings count twice

    def better_section(self, topic: set[str], number: str, own: int) -> str | None:
        """The section the sentence reads like when that is clearly not the named one, else None."""
        if own >> self.order[number] & 1:
            return None
        named = self.score(topic, number)
        bar = SUSPECT_RATIO * max(named, SUSPECT_FLOOR)
        allowed = self.everything & ~own
        # The best-scoring section, if it reaches the bar: the search's bar rises to each best found.
        best, top = None, bar
        rising = [bar]
        scores: dict[str, float] = {}
        for position in self._reaching(topic, rising, allowed):
            section = self.numbers[position]
            score = scores[section] = self.score(topic, section)
            if score > top or (score == top and (best is None or position < self.order[best])):
                best, top = section, score
                rising[0] = score
        if best is None or best == number or len(topic & self.vocabulary[best]) < 2:
            return None
        # The best outscores the named section; the named one must rank third or lower, so one more
        # section must rank before it too (a higher score, or the same and earlier in the document).
        for position in self._reaching(topic, [named], allowed):
            other = self.numbers[position]
            if other in (best, number):
                continue
            score = scores[other] if other in scores else self.score(topic, other)
            if score > named or (score == named and position < self.order[number]):
                return best
        return None

    def _reaching(self, topic: set[str], bar: list[float], allowed: int) -> Iterator[int]:
        """The sections (by position) that may score `bar[0]` or more, the likeliest best first, found by
        splitting the allowed sections word by word, weightiest first, and dropping every group that can
        no longer reach the bar (which the caller may raise as it goes). Scores here are summed in
        another order than `score` sums them, so the bar is lowered by a hair: every section that
        reaches it is yielded, and a few that miss it may be."""
        words = sorted((w for w in topic if self.weight.get(w, 0.0) > 0.0), key=lambda w: -self.weight[w])
        weights = [self.weight[w] for w in words]
        remaining = [0.0] * (len(words) + 1)
        for index in range(len(words) - 1, -1, -1):
            remaining[index] = remaining[index + 1] + 2 * weights[index]
        stack: list[tuple[int, int, float]] = [(0, allowed, 0.0)]
        while stack:
            index, group, reached = stack.pop()
            if reached + remaining[index] < bar[0] - 1e-9 * max(bar[0], 1.0):
                continue
            if index == len(words):
                while group:
                    lowest = group & -group
                    yield lowest.bit_length() - 1
                    group ^= lowest
                continue
            text, heading = self.in_text.get(words[index], 0), self.in_heading.get(words[index], 0)
            weight = weights[index]
            # pushed lowest first, so the group that scores most is split first
            for part, gained in ((group & ~(text | heading), 0.0), (group & heading & ~text, weight),
                                 (group & text & ~heading, weight), (group & text & heading, 2 * weight)):
                if part:
                    stack.append((index + 1, part, reached + gained))


def _bits(table: dict[str, set[str]], order: dict[str, int]) -> dict[str, int]:
    """For each word, the set of sections (as bits, by position) whose words include it."""
    bits: dict[str, int] = {}
    for number, words in table.items():
        bit = 1 << order[number]
        for word in words:
            bits[word] = bits.get(word, 0) | bit
    return bits


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}
