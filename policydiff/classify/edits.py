"""One edit seen as words: what the old text said, what the new says, which words went and came.

The edit rules (wording.py, terms.py) all read an Edit; it carries the Rules it is judged by, and
counts term-class words once per text however many rules ask.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from policydiff.classify.context import DiffContext
from policydiff.classify.rules import Rules

_TOKEN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|\w+(?:['’-]\w+)*|[^\w\s]")
"""Words, e-mail addresses, links and single punctuation marks."""
_SENTENCES = re.compile(r"(?<=[.!?;])\s+")


@dataclass
class Edit:
    """A clause present on both sides with different words."""

    kind: str
    old_text: str
    new_text: str
    categories: tuple[str, ...]
    rules: Rules
    context: DiffContext | None = None
    """Both whole versions: what the old document already said, for "is this term new"."""
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    """Replaced runs: (deleted words, inserted words) standing in the same place."""
    _counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def between(cls, kind: str, old: str, new: str, categories: tuple[str, ...], rules: Rules,
                context: DiffContext | None = None) -> Edit:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        edit = cls(kind, old, new, categories, rules, context)
        last_src = last_dest = -1
        for op in Indel.opcodes([t.lower() for t in a], [t.lower() for t in b]):
            if op.tag == "equal":
                continue
            deleted, inserted = a[op.src_start:op.src_end], b[op.dest_start:op.dest_end]
            edit.deleted += deleted
            edit.inserted += inserted
            if edit.pairs and op.src_start == last_src and op.dest_start == last_dest:
                edit.pairs[-1][0].extend(deleted)
                edit.pairs[-1][1].extend(inserted)
            else:
                edit.pairs.append((list(deleted), list(inserted)))
            last_src, last_dest = op.src_end, op.dest_end
        return edit

    def new_to_document(self, word: str) -> bool:
        """Whether an inserted word stood nowhere in the old version (true when there is no context)."""
        return self.context is None or word.lower() not in self.context.old_words

    def gone_from_document(self, word: str) -> bool:
        """Whether a deleted word stands nowhere in the new version any more."""
        return self.context is None or word.lower() not in self.context.new_words

    def words(self, which: str) -> list[str]:
        """The deleted or inserted words, punctuation left out."""
        tokens = self.deleted if which == "deleted" else self.inserted
        return [t for t in tokens if re.match(r"\w", t)]

    def has(self, category: str) -> bool:
        return category in self.categories

    def term_counts(self, text: str, term: str) -> Counter[str]:
        """How often each word of a term class occurs in text (counted once: several rules ask)."""
        key = (text, term)
        if key not in self._counts:
            self._counts[key] = Counter(m.group(0).lower() for m in self.rules.terms[term].finditer(text))
        return self._counts[key]

    def polarities(self, text: str) -> Counter[bool]:
        """Per sentence, whether it is negated an odd number of times ("will not ... without" is not)."""
        negation = self.rules.terms["negation"]
        return Counter(len(negation.findall(sentence)) % 2 == 1
                       for sentence in _SENTENCES.split(text) if sentence.strip())


def proper_names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: names of companies, places, products."""
    return set(re.findall(r"(?<=[\w,;)]\s)[A-Z][\w'’-]*", text))
