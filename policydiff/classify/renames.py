"""Renames applied across a document: a product, brand or defined term called something else throughout.

"Professional Services" → "Expert Services" in eleven clauses is one editorial change, not eleven
material ones, and "User Account" → "Personal Account" changes no right. A substitution is a rename
when it is applied consistently: the old phrase no longer stands anywhere in the new version, and the
new phrase stood nowhere in the old one. A substitution whose words alone fail that test ("User" still
appears elsewhere) is tried again with a word of context on either side ("User Account").

A new legal entity is not a rename: a phrase that names a company ("Acme Ltd" → "Acme Holdings Inc.")
changes who the contract is with, and stays for the rules to judge.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from policydiff.align.inline import inline_diff

MIN_CLAUSES = 2
"""A substitution made in fewer clauses than this is an edit for the rules to judge, not a rename."""
MAX_PHRASE_WORDS = 5
"""A substitution longer than this is a rewrite, not a rename."""

_WORD = re.compile(r"[\w’'-]+")

@dataclass(frozen=True, slots=True)
class Rename:
    """One substitution applied across the document."""

    old: str
    """The phrase as the old version writes it: "Professional Services"."""
    new: str
    """The phrase that replaces it: "Expert Services"."""
    clauses: int
    """In how many changed clauses the substitution was made."""


def find_renames(edits: Iterable[tuple[str, str]], old_document: str, new_document: str,
                 blocked: re.Pattern[str] | None = None, entity: re.Pattern[str] | None = None,
                 stop: frozenset[str] = frozenset()) -> tuple[Rename, ...]:
    """The consistent substitutions among the edits of one diff (old clause text, new clause text), given
    the whole text of both versions.

    A rename is made in at least two clauses (one clause's "European Union" → "United States" is an edit,
    not a rename), holds no digits, and no phrase may hold a `blocked` word (a negation, a modal verb, a
    purpose, a place: "sell" → "share" is never a rename)."""
    old_words = _Words(_words(old_document))
    new_words = _Words(_words(new_document))
    found: Counter[tuple[str, str]] = Counter()
    edits = list(edits)
    for old, new in edits:
        seen: set[tuple[str, str]] = set()
        for old_phrase, new_phrase in _substitutions(old, new, old_words, new_words, entity, stop):
            if (old_phrase, new_phrase) not in seen:
                seen.add((old_phrase, new_phrase))
                found[(old_phrase, new_phrase)] += 1
    renames = []
    for (old, new), count in found.most_common():
        if any(ch.isdigit() for ch in old + new) or blocked is not None and (blocked.search(old) or blocked.search(new)):
            continue
        if count < MIN_CLAUSES:
            continue
        # the clauses it was made in, however the word diff cut each one
        old_tokens, new_tokens = _words(old), _words(new)
        made = sum(1 for before, after in edits
                   if old in before and new in after  # a substring test first: most edits hold neither
                   and _Words(_words(before)).contains(old_tokens) and _Words(_words(after)).contains(new_tokens))
        renames.append(Rename(old, new, max(count, made)))
    return tuple(renames)


def apply_renames(text: str, renames: Sequence[Rename]) -> str:
    """The text with every rename applied (longest phrases first)."""
    for rename in sorted(renames, key=lambda r: -len(r.old)):
        text = re.sub(rf"(?<![\w’'-]){re.escape(rename.old)}(?![\w’'-])", rename.new.replace("\\", r"\\"), text)
    return text


def _substitutions(old: str, new: str, old_words: _Words, new_words: _Words, entity: re.Pattern[str] | None,
                   stop: frozenset[str]) -> list[tuple[str, str]]:
    """Each replaced run of the clause that passes the consistency test, widened by context if needed."""
    spans = inline_diff(old, new)
    result = []
    for index, span in enumerate(spans):
        if span.op == "insert" and index and spans[index - 1].op == "equal" and \
                (index + 1 >= len(spans) or spans[index + 1].op == "equal"):
            grown = _grown_name(spans[index - 1].text, span.text, old_words, new_words, entity, stop)
            if grown:
                result.append(grown)
            continue
        if span.op != "delete" or index + 1 >= len(spans) or spans[index + 1].op != "insert":
            continue
        deleted, inserted = span.text.strip(), spans[index + 1].text.strip()
        if not _WORD.search(deleted) or not _WORD.search(inserted):
            continue
        before = _WORD.findall(spans[index - 1].text)[-1:] if index and spans[index - 1].op == "equal" else []
        after_span = spans[index + 2] if index + 2 < len(spans) and spans[index + 2].op == "equal" else None
        after = _WORD.findall(after_span.text)[:1] if after_span is not None else []
        for left, right in (([], []), ([], after), (before, []), (before, after)):
            old_phrase = _phrase(left, deleted, right)
            new_phrase = _phrase(left, inserted, right)
            if _consistent(old_phrase, new_phrase, old_words, new_words, entity, stop):
                result.append((old_phrase, new_phrase))
                break
    return result


def _grown_name(before: str, inserted: str, old_words: _Words, new_words: _Words,
               entity: re.Pattern[str] | None, stop: frozenset[str]) -> tuple[str, str] | None:
    """A name that gained a capitalised word ("Nimbus" + " Cloud"): the name before the insertion and
    the name with it, when that passes the consistency test."""
    added = _WORD.findall(inserted)
    name = _WORD.findall(before)[-1:]
    if not added or not name or not inserted[:1].isspace() or not before[-1:].isalnum():
        return None
    if not all(word[:1].isupper() for word in [*name, *added]):
        return None
    old_phrase, new_phrase = name[0], " ".join([name[0], *added])
    return (old_phrase, new_phrase) if _consistent(old_phrase, new_phrase, old_words, new_words, entity, stop) else None


def _phrase(left: list[str], middle: str, right: list[str]) -> str:
    return " ".join([*left, middle, *right])


def _consistent(old_phrase: str, new_phrase: str, old_words: _Words, new_words: _Words,
                entity: re.Pattern[str] | None, stop: frozenset[str]) -> bool:
    old_tokens, new_tokens = _WORD.findall(old_phrase), _WORD.findall(new_phrase)
    if not old_tokens or not new_tokens or max(len(old_tokens), len(new_tokens)) > MAX_PHRASE_WORDS:
        return False
    if entity is not None and (entity.search(old_phrase) or entity.search(new_phrase)):
        return False  # a legal entity changing is who the contract is with
    if all(t.lower() in stop for t in old_tokens) or all(t.lower() in stop for t in new_tokens):
        return False
    if {t.lower() for t in old_tokens} <= {t.lower() for t in new_tokens}:
        # words added around the old ones: a qualification ("data" → "personal data"), unless a name
        # grows ("Nimbus" → "Nimbus Cloud") and the old name now stands only inside the new one
        if not all(t[:1].isupper() for t in new_tokens) or old_words.contains(new_tokens):
            return False
        return new_words.count(old_tokens) == new_words.count(new_tokens) * _Words(new_tokens).count(old_tokens)
    return not new_words.contains(old_tokens) and not old_words.contains(new_tokens)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


class _Words:
    """A text's words (case as written) with where each stands, so that finding a phrase costs the
    occurrences of its first word, not the length of the document."""

    __slots__ = ("words", "at")

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.at: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            self.at.setdefault(word, []).append(index)

    def count(self, phrase: list[str]) -> int:
        """How many times the phrase stands in the words (the rest of a word not counted)."""
        return sum(1 for _ in self._places(phrase))

    def contains(self, phrase: list[str]) -> bool:
        """Whether the phrase stands in the words at least once."""
        return any(True for _ in self._places(phrase))

    def _places(self, phrase: list[str]) -> Iterator[int]:
        if not phrase:
            return
        size = len(phrase)
        words = self.words
        # anchor on the phrase's rarest word: "the User Account" is looked for where "Account" stands
        anchor = min(range(size), key=lambda j: len(self.at.get(phrase[j], ())))
        for i in self.at.get(phrase[anchor], ()):
            if i >= anchor and words[i - anchor:i - anchor + size] == phrase:
                yield i - anchor
