"""What classification knows about the two whole versions, computed once per diff.

A clause is judged against the document it stands in, not alone: a phrase renamed throughout is a
rename, a sentence removed from one clause that still stands in another is not a removal, an added
table row that restates what the old version already said adds nothing. This module gathers, once
per diff, what those judgements read: the renames, the sentences and the vocabulary of each version,
and the equivalent terms (rules.toml [synonyms]) both sides are compared under.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar, cast

from policydiff.align.normalize import normalise
from policydiff.classify.renames import Rename, apply_renames, find_renames
from policydiff.classify.rules import Rules, Synonym
from policydiff.classify.sentences import sentences
from policydiff.model import Document, Match, clause_text

MIN_SENTENCE_WORDS = 5
"""A sentence shorter than this ("Learn more.") is too common to say it moved."""

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

_NAME_WORD = re.compile(r"(?<=[\w,;:)]\s)[A-Z][\w'’-]*")
"""A capitalised word that does not open a sentence: a name."""

_T = TypeVar("_T")

TRACKED = ("negation", "modal", "limiter", "purpose", "party", "data", "right", "consent", "transfer", "dispute")
"""The term classes (rules.toml [terms]) a sentence said in other words must not gain or lose."""



class Corpus:
    """One version's clause texts in compared form, joined (`text`), for "does this fragment stand
    anywhere". The first questions are answered by one search of the joined text (a fragment without a
    line break that stands in it stands inside one clause); past INDEX_AFTER of them, the texts are
    indexed by word, and a fragment is looked for only in the clauses that hold its rarest inner word,
    so that a check per changed sentence does not grow with the square of the document. An index costs
    as much as several hundred searches, and most diffs ask a few dozen."""

    __slots__ = ("texts", "_text", "_at", "_asked")

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = tuple(texts)
        self._text: str | None = None
        self._at: dict[str, list[int]] | None = None
        self._asked = 0

    @property
    def text(self) -> str:
        """The texts joined, one to a line."""
        if self._text is None:
            self._text = "\n".join(self.texts)
        return self._text

    def __contains__(self, fragment: object) -> bool:
        if not isinstance(fragment, str):
            return False
        if "\n" in fragment:
            return fragment in self.text
        if self._at is None:
            self._asked += 1
            if self._asked <= INDEX_AFTER:
                return fragment in self.text
            self._at = _word_index(self.texts)
        inner = _WORD.findall(fragment)[1:-1]  # the first and last word may be the end of a longer one ("art" of "party")
        if not inner:
            return fragment in self.text
        at = self._at
        rarest = min(inner, key=lambda word: len(at.get(word, ())))
        return any(fragment in self.texts[index] for index in at.get(rarest, ()))


INDEX_AFTER = 256
"""How many fragments a Corpus looks for by searching its whole text before it indexes its texts by
word (an index costs about as much as 500 to 1,400 searches of the text; measured on a 10,000-word
policy)."""


def _word_index(texts: tuple[str, ...]) -> dict[str, list[int]]:
    """Each word → the indexes of the texts that hold it."""
    at: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        for word in set(_WORD.findall(text)):
            at.setdefault(word, []).append(index)
    return at


@dataclass(frozen=True, slots=True)
class DiffContext:
    """Both versions as the rules read them."""

    renames: tuple[Rename, ...]
    """Substitutions applied consistently across the document ("Professional" → "Expert")."""
    old_sentences: frozenset[str]
    """Every sentence of the old version's body, compared form (see `key`)."""
    new_sentences: frozenset[str]
    standing: frozenset[str]
    """The sentences both versions have."""
    old_texts: tuple[str, ...]
    """The old version's body, each clause's text as written (`old_text` and `old_words` are read from it)."""
    new_texts: tuple[str, ...]
    synonyms: tuple[Synonym, ...]
    """Equivalent terms: each pattern is compared as its canonical form."""
    navigation: re.Pattern[str]
    """A sentence that only points elsewhere (rules.toml cue "navigation")."""
    pointer: re.Pattern[str]
    """A pointer inside a sentence (cue "pointer-fragment")."""
    negation: re.Pattern[str] = re.compile(r"(?!x)x")
    """The negation term class, for sentence comparisons."""
    languages: tuple[str, str] = ("en", "en")
    """The old and the new version's languages (parse/language.py)."""
    sensitive: re.Pattern[str] = re.compile(r"(?!x)x")
    """Sensitive data (cue "sensitive-data")."""
    version_date: re.Pattern[str] = re.compile(r"(?!x)x")
    """A sentence that says when a version took effect (cue "version-date")."""
    definition: re.Pattern[str] = re.compile(r"(?!x)x")
    """A sentence that defines a term, the term in group 1 (cue "definition")."""
    tracked: tuple[re.Pattern[str], ...] = ()
    """The TRACKED term classes, for "said in other words"."""
    limit: re.Pattern[str] = re.compile(r"(?!x)x")
    """An exception, a duty or a legal entity (cues "exception", "duty", "legal-entity"): what a mere
    definition does not hold ("“Acme” means Acme Inc. and its affiliates" says who a party is)."""
    _indexes: dict[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    """Word stem → sentences, built when first asked (`_sentences_at`): most diffs never ask."""
    _affirmed: dict[int, Corpus] = field(default_factory=dict, repr=False, compare=False)
    """Each version's text without its negated sentences, built when first asked (`affirmed`)."""
    _made: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """What the properties below made when first read (each is read by some rules on some diffs only)."""

    @classmethod
    def between(cls, old: Document | None, new: Document | None, matches: Iterable[Match], rules: Rules) -> DiffContext:
        old_texts = _texts(old)
        new_texts = _texts(new)
        synonyms = rules.synonyms + _named_in_full(old_texts, new_texts, rules.cue("legal-entity"))
        _begin(synonyms)
        edits = [(clause_text(m.old) or "", clause_text(m.new) or "") for m in matches
                 if m.kind in ("modified", "moved") and m.old is not None and m.new is not None
                 and m.old.full_text != m.new.full_text]
        blocked = re.compile("|".join(f"(?:{rules.terms[name].pattern})" for name in ("negation", "modal", "limiter", "purpose", "transfer", "dispute")),
                             re.IGNORECASE)
        renames = find_renames(edits, "\n".join(old_texts), "\n".join(new_texts), blocked, rules.cue("legal-entity"),
                               frozenset(rules.words["stop"]))
        old_sentences, new_sentences = frozenset(_sentences(old_texts, synonyms)), frozenset(_sentences(new_texts, synonyms))
        return cls(renames, old_sentences, new_sentences, old_sentences & new_sentences, tuple(old_texts),
                   tuple(new_texts), synonyms, rules.cue("navigation"), rules.cue("pointer-fragment"),
                   rules.terms["negation"], (old.language if old else "en", new.language if new else "en"),
                   rules.cue("sensitive-data"), rules.cue("version-date"), rules.cue("definition"),
                   tuple(rules.terms[name] for name in TRACKED),
                   _either(rules.cue(name) for name in ("exception", "duty", "legal-entity")))

    @property
    def old_text(self) -> Corpus:
        """The old version's body in compared form, for "does this still stand anywhere" (`fragment in`)."""
        return self._made_once("old_text", lambda: Corpus(key(t, self.synonyms) for t in self.old_texts))

    @property
    def new_text(self) -> Corpus:
        return self._made_once("new_text", lambda: Corpus(key(t, self.synonyms) for t in self.new_texts))

    @property
    def old_words(self) -> frozenset[str]:
        """The old version's words, lower case."""
        return self._made_once("old_words", lambda: _lower_words(self.old_texts))

    @property
    def new_words(self) -> frozenset[str]:
        return self._made_once("new_words", lambda: _lower_words(self.new_texts))

    @property
    def standing_at(self) -> Mapping[str, tuple[str, ...]]:
        """Each word → the standing sentences (both versions have them) that hold it."""
        return self._made_once("standing_at", lambda: _by_word(self.standing))

    def _made_once(self, name: str, make: Callable[[], _T]) -> _T:
        if name not in self._made:
            self._made[name] = make()
        return cast(_T, self._made[name])

    def language_of(self, text: str, side: int) -> str:
        """The language a changed clause is in: read from the clause when it is long enough to tell (an
        English section of a German policy, a German paragraph in an English one), else its
        document's (`side` 0 for the old version, 1 for the new)."""
        from policydiff.parse.language import MIN_WORDS, detect

        if text.count(" ") + 1 >= MIN_WORDS or not text.isascii():
            return detect((text,), default=self.languages[side])
        return self.languages[side]

    def renamed(self, old_text: str) -> str:
        """The old text with the document's renames applied."""
        return apply_renames(old_text, self.renames) if self.renames else old_text

    def key(self, text: str) -> str:
        return key(text, self.synonyms)

    def stands_in_new(self, sentence: str) -> bool:
        """Whether a sentence (compared form) still stands somewhere in the new version: as a sentence,
        or, for a long one, inside a longer text."""
        return _long(sentence) and (sentence in self.new_sentences or _very_long(sentence) and sentence in self.new_text)

    def only_points(self, sentence: str) -> bool:
        """Whether a sentence only points the reader elsewhere (cue "navigation"), and brings no sensitive
        data into view: "If you integrate health apps, please read our Health Data Policy" points to
        new terms about sensitive data, and is read."""
        return bool(self.navigation.search(sentence)) and not self.sensitive.search(sentence)

    def reworded_in_new(self, sentence: str) -> bool:
        """Whether a sentence (compared form) left for another place, reworded: a sentence only the new
        version has says the same with most of its words, its numbers and its polarity ("The Website is
        available only to individuals who are at least 13 years old." → "… is only offered to users 13
        years of age or older")."""
        return next(_counterparts(sentence, self._sentences_at("arrived"), self.negation), None) is not None

    def defines_a_used_term(self, sentence: str) -> bool:
        """Whether a sentence (as written) of the new version only defines a term the old version already
        used and did not define ("“Laws” means all … laws, statutes, rules …", where the old version spoke
        of "applicable Laws"): it names what was there. A definition that excludes, excepts or binds
        ("… does not include", "… except", "… must") is read as a term."""
        found = self.definition.match(sentence)
        if not found or self.negation.search(sentence) or self.limit.search(sentence[found.end():]):
            return False
        term = self.key(found.group(1))
        forms = {term, term[:-1] if term.endswith("s") and not term.endswith("ss") else term}
        if any(f'"{form}"' in self.old_text for form in forms):
            return False  # defined before: a changed definition is read as the term it is
        return any(all(word in self.old_words for word in _WORD.findall(form)) and form in self.old_text
                   for form in forms)

    def said_otherwise(self, sentence: str, side: int, written: str = "") -> bool:
        """Whether a long sentence (compared form) of an added (`side` 1) or removed (0) clause says what
        a sentence of the other version says, in other words: the two share most of the words of each
        (compared by stem: "deleted" is "delete"), its numbers and its polarity, and the words it has
        that the other lacks name no tracked term (no party, data, purpose, right, modal, limiter or
        negation of its own) and no name (a capitalised word of `written`, the sentence as written) the
        other version never used."""
        words = set(_stems(sentence))
        vocabulary = self.old_words if side else self.new_words
        names = {w.lower() for w in _NAME_WORD.findall(written)}
        for other in _counterparts(sentence, self._sentences_at("old" if side else "new"), self.negation):
            other_words = set(_stems(other))
            if len(words & other_words) < REWORDED * len(other_words):
                continue  # a short sentence inside a long one about more is no restatement of it
            extra = [w for w in _WORD.findall(sentence) if _stem(w) not in other_words]
            if any(w in names and w not in vocabulary for w in extra):
                continue  # a name the other version never used ("… and WooCommerce Ireland"): someone new
            if not any(pattern.search(" ".join(extra)) for pattern in self.tracked):
                return True
        return False

    def affirmed(self, side: int) -> Corpus:
        """The old (`side` 0) or the new (1) version in compared form without its negated sentences: what
        it names as done, not as refused. "We do not buy personal data from data brokers" names no source:
        a table row that adds data brokers as a source adds one."""
        if side not in self._affirmed:
            corpus = self.old_text if side == 0 else self.new_text
            self._affirmed[side] = Corpus(" ".join(s for s in _KEY_SENTENCE_BREAK.split(text)
                                                   if len(self.negation.findall(s)) % 2 == 0)
                                          for text in corpus.texts)
        return self._affirmed[side]

    def _sentences_at(self, which: str) -> Mapping[str, tuple[str, ...]]:
        """Each word stem → the sentences of the old version, of the new, or only of the new ("arrived")."""
        if which not in self._indexes:
            chosen = {"old": self.old_sentences, "new": self.new_sentences,
                      "arrived": self.new_sentences - self.old_sentences}[which]
            self._indexes[which] = _index(chosen)
        return self._indexes[which]

    def stood_in_old(self, sentence: str) -> bool:
        """Whether a sentence (compared form) already stood somewhere in the old version."""
        return _long(sentence) and (sentence in self.old_sentences or _very_long(sentence) and sentence in self.old_text)


_KEY_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+")
"""Where a text in compared form (lower case: no capital to open a sentence) is cut into sentences."""


def key(text: str, synonyms: tuple[Synonym, ...] = ()) -> str:
    """Text in the form sentences are compared in: normalised, lower case, equivalent terms made one,
    Markdown emphasis and trailing punctuation left out."""
    memo = _memo(synonyms).keys
    found = memo.get(text)
    if found is None:
        found = memo[text] = _key(text, synonyms)
    return found


def _key(text: str, synonyms: tuple[Synonym, ...]) -> str:
    text = normalise(text).replace("*", "").replace("`", "")
    if "](" in text:  # a link reads as its words: "[Your Content](#your-content)" is "Your Content"
        text = _MARKDOWN_LINK.sub(r"\1", text)
    text = text.casefold()
    for synonym in synonyms:
        if synonym.needle in text:
            text = synonym.pattern.sub(synonym.canonical, text)
    return _SPACES.sub(" ", text).strip(" .;:,")


_SPACES = re.compile(r"\s+")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")


_NAME = r"[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,3}"


def _named_in_full(old_texts: list[str], new_texts: list[str],
                   legal_entity: re.Pattern[str]) -> tuple[Synonym, ...]:
    """Companies named in full ("Reddit, Inc."), each as a synonym of its bare name: a clause that now
    says "Reddit, Inc." where it said "Reddit" names the company the policy already named, not a new
    one. The forms a name may take are those the old version gives it, or, for a name the old version
    only used bare, the new version's. A form the old version did not give a name it named in full
    ("Acme Ltd" → "Acme Inc."), or a longer name ("Acme Holdings Inc."), is another company: it is made
    one with nothing, and stays for the rules to judge."""
    read: dict[str, list[tuple[str, str]]] = {}  # a text both versions have is read once
    old_forms, new_forms = _full_names(old_texts, legal_entity, read), _full_names(new_texts, legal_entity, read)
    old_words = set(re.findall(r"[A-Z][\w&'’-]*", "\n".join(old_texts)))  # no word crosses a line break
    synonyms = []
    for bare in sorted(old_forms.keys() | new_forms.keys()):
        forms = old_forms.get(bare) or (new_forms[bare] if all(w in old_words for w in bare.split()) else set())
        if not forms:
            continue
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        synonyms.append(Synonym(re.compile(rf"\b{re.escape(bare.casefold())},?[ \t]+(?:{alternatives})\.?,?(?=\s|$|['’]s\b)"),
                                bare.casefold(), bare.casefold()))
    return tuple(synonyms)


def _either(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that finds what any of the (case-blind) cues finds."""
    return re.compile("|".join(f"(?:{p.pattern.removeprefix('(?i)')})" for p in patterns), re.IGNORECASE)


def _full_names(texts: list[str], legal_entity: re.Pattern[str],
                read: dict[str, list[tuple[str, str]]]) -> dict[str, set[str]]:
    """Bare name as written → the legal forms it is given (case folded, no final dot). `read` holds
    each text's (name, form) pairs, filled as texts are read."""
    full = re.compile(rf"\b({_NAME}),?[ \t]+((?i:{legal_entity.pattern.removeprefix('(?i)')}))")
    found: dict[str, set[str]] = {}
    for text in texts:
        pairs = read.get(text)
        if pairs is None:
            pairs = read[text] = [(name, match.group(2).casefold().rstrip(".")) for match in full.finditer(text)
                                  if _a_name(name := match.group(1).strip(), legal_entity)]
        for name, form in pairs:
            found.setdefault(name, set()).add(form)
    return found


def _a_name(name: str, legal_entity: re.Pattern[str]) -> bool:
    return not (len(name) < 2 or name.split()[0] in _NOT_A_NAME or any(legal_entity.fullmatch(w) for w in name.split()))


_NOT_A_NAME = frozenset({"The", "This", "Our", "We", "You", "Your", "A", "An", "Any", "Each", "Its"})


def _sentences(texts: list[str], synonyms: tuple[Synonym, ...]) -> list[str]:
    memo = _memo(synonyms).sentences
    found: list[str] = []
    for text in texts:
        held = memo.get(text)
        if held is None:
            held = memo[text] = tuple(k for s in sentences(text) if _long(k := key(s, synonyms)))
        found.extend(held)
    return found


class _Memo:
    """What `key` and `_sentences` made of each text under one synonyms tuple: the two versions of a
    diff share most of their clauses, and each shared text is read once, not once per version."""

    __slots__ = ("synonyms", "keys", "sentences")

    def __init__(self, synonyms: tuple[Synonym, ...]) -> None:
        self.synonyms = synonyms
        self.keys: dict[str, str] = {}
        self.sentences: dict[str, tuple[str, ...]] = {}


_MEMO = _Memo(())
_MEMO_TEXTS = 50_000
"""Texts a memo holds before it starts afresh (a long-lived process diffs many pairs)."""


def _begin(synonyms: tuple[Synonym, ...]) -> None:
    """A diff's memo: each diff starts with an empty one (its texts are its own)."""
    global _MEMO
    _MEMO = _Memo(synonyms)


def _memo(synonyms: tuple[Synonym, ...]) -> _Memo:
    """The memo for these synonyms (the same tuple object: a diff's context passes its own), or a new
    one; the values depend on the text and the synonyms alone."""
    global _MEMO
    memo = _MEMO
    if memo.synonyms is not synonyms or len(memo.keys) + len(memo.sentences) > _MEMO_TEXTS:
        memo = _MEMO = _Memo(synonyms)
    return memo


def _long(sentence: str) -> bool:
    return _has_words(sentence, MIN_SENTENCE_WORDS)


def _very_long(sentence: str) -> bool:
    return _has_words(sentence, 3 * MIN_SENTENCE_WORDS)


def _has_words(text: str, count: int) -> bool:
    """Whether the text has at least `count` words: the search stops at the count-th."""
    return next(itertools.islice(_WORD.finditer(text), count - 1, None), None) is not None


def _lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of the texts, lower case: one search over the texts joined (no word crosses a line
    break), each distinct word lowered once."""
    return frozenset(word.lower() for word in set(_WORD.findall("\n".join(texts))))


def _texts(document: Document | None) -> list[str]:
    if document is None:
        return []
    return [text for clause in document.body() if (text := clause_text(clause))]


REWORDED = 0.6
"""How much of a sentence's content words another sentence must share to be it reworded elsewhere."""


def _counterparts(sentence: str, index: Mapping[str, tuple[str, ...]], negation: re.Pattern[str]) -> Iterator[str]:
    """The sentences of `index` that say `sentence` in other words: most of its words (REWORDED), its
    numbers and its polarity. Only sentences that hold one of its rarest words can share enough of
    them, so only those are compared (an index, not a scan)."""
    if not _very_long(sentence) and len(_WORD.findall(sentence)) < 2 * MIN_SENTENCE_WORDS:
        return
    words = set(_stems(sentence))
    numbers = sorted(re.findall(r"\d+", sentence))
    negated = len(negation.findall(sentence)) % 2
    rarest = sorted(words, key=lambda word: len(index.get(word, ())))[:int((1 - REWORDED) * len(words)) + 1]
    seen: set[str] = set()
    for word in rarest:
        for other in index.get(word, ()):
            if other in seen:
                continue
            seen.add(other)
            if len(words & set(_stems(other))) >= REWORDED * len(words) \
                    and sorted(re.findall(r"\d+", other)) == numbers and len(negation.findall(other)) % 2 == negated:
                yield other


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A word without its inflection, as sentences said otherwise compare words ("deleted", "deletes"
    and "delete" are one; "parties" and "party")."""
    if len(word) > 4:
        for ending, replacement in _ENDINGS:
            if word.endswith(ending):
                return word[:-len(ending)] + replacement
    return word


_ENDINGS = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))


def _stems(text: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(text)]


def _index(sentences: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word's stem → the sentences that hold it."""
    found: dict[str, list[str]] = {}
    for sentence in sentences:
        for word in set(_stems(sentence)):
            found.setdefault(word, []).append(sentence)
    return {word: tuple(found_) for word, found_ in found.items()}


TOKEN = re.compile(r"[\w'’-]+")
"""Words as sentence comparisons split them (hyphens and apostrophes kept)."""


def _by_word(sentences: Iterable[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for sentence in sentences:
        for word in set(TOKEN.findall(sentence)):
            found.setdefault(word, []).append(sentence)
    return {word: tuple(held) for word, held in found.items()}
