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
            if "." not in number or number.split(".")[0] not in sections:  # sub-numbers may live inside paragraphs
                defects.append(Defect("dangling-xref", clause.id, words, f"{words} does not exist in this version"))
            continue
        if words.lower().startswith(("sections", "clauses")):
            continue  # a list of sections: no single target to check
        topic = _words(sentence) - _words(words)
        own = {n for n, section in sections.items() if any(part is clause for part in section.walk())}
        scores = {n: sum(weight.get(w, 0.0) for w in topic & vocabulary[n])
                  + sum(weight.get(w, 0.0) for w in topic & _words(sections[n].heading or ""))  # headings count twice
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


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}
