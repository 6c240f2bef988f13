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
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?;])|(?<=[.!?;][\"”’]))\s+")
"""Where the rules cut a text into sentences (a plain cut, after a closing quote too: … the subject line
"Privacy Concerns." We will …; classify/sentences.py reads abbreviations too)."""


EXCERPT_CONTEXT = 4
"""Words of context either side of a change quoted in a reason."""
EXCERPT_WORDS = 24
"""A quoted side longer than this many words is cut in its middle."""


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
    clause_kind: str = "paragraph"
    """The kind of clause edited ("paragraph", "list-item", "table-row"…)."""
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)
    """Replaced runs: (deleted words, inserted words) standing in the same place."""
    places: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Where each pair stands: (old start, old end, new start, new end) in the token lists."""
    old_tokens: list[str] = field(default_factory=list)
    new_tokens: list[str] = field(default_factory=list)
    _counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict, repr=False)
    _polarities: dict[str, Counter[bool]] = field(default_factory=dict, repr=False)

    @classmethod
    def between(cls, kind: str, old: str, new: str, categories: tuple[str, ...], rules: Rules,
                context: DiffContext | None = None, clause_kind: str = "paragraph") -> Edit:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        edit = cls(kind, old, new, categories, rules, context, clause_kind, old_tokens=a, new_tokens=b)
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
                start = edit.places[-1]
                edit.places[-1] = (start[0], op.src_end, start[2], op.dest_end)
            else:
                edit.pairs.append((list(deleted), list(inserted)))
                edit.places.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
            last_src, last_dest = op.src_end, op.dest_end
        return edit

    def excerpt(self, context_words: int = EXCERPT_CONTEXT) -> str:
        """The change quoted in its context, as a redline reads: “… for thirteen (13) months …” →
        “… for twenty-five (25) months …” (the largest change; the count of any others after it)."""
        if not self.places:
            return ""
        index = max(range(len(self.places)), key=lambda i: (self.places[i][1] - self.places[i][0])
                    + (self.places[i][3] - self.places[i][2]))
        old_start, old_end, new_start, new_end = self.places[index]
        before = _join(self.old_tokens[max(0, old_start - context_words):old_end + context_words],
                       old_start > context_words, old_end + context_words < len(self.old_tokens))
        after = _join(self.new_tokens[max(0, new_start - context_words):new_end + context_words],
                      new_start > context_words, new_end + context_words < len(self.new_tokens))
        more = len(self.places) - 1
        return f"{before} → {after}" + (f" (and {more} more change{'s' * (more > 1)})" if more else "")

    def new_to_document(self, word: str) -> bool:
        """Whether an inserted word stood nowhere in the old version (true when there is no context)."""
        return self.context is None or word.lower() not in self.context.old_words

    def gone_from_document(self, word: str) -> bool:
        """Whether a deleted word stands nowhere in the new version any more."""
        return self.context is None or word.lower() not in self.context.new_words

    def covered_by_catch_all(self, index: int) -> bool:
        """Whether replaced run `index` only adds items to a list whose catch-all already covered them
        ("photographs, documents, or other files" + "code, text"; "Perplexity Pro, other applications" +
        "or Perplexity Max"): nothing deleted but a conjunction, the old sentence around it holding an
        "other …" (cue "list-catch-all"), and nothing sensitive among the new items."""
        deleted, inserted = self.pairs[index]
        old_start = self.places[index][0]
        if any(re.match(r"\w", w) and w.lower() not in ("and", "or") for w in deleted) \
                or not any(re.match(r"\w", w) for w in inserted):
            return False
        if self.rules.cue("sensitive-data").search(" ".join(inserted)):
            return False
        return bool(self.rules.cue("list-catch-all").search(sentence_at(self.old_tokens, old_start)))

    def words(self, which: str) -> list[str]:
        """The deleted or inserted words, punctuation left out."""
        tokens = self.deleted if which == "deleted" else self.inserted
        return [t for t in tokens if re.match(r"\w", t)]

    def has(self, category: str) -> bool:
        return category in self.categories

    def term_counts(self, text: str, term: str) -> Counter[str]:
        """How often each word of a term class occurs in text (counted once: several rules ask). A modal
        verb that states a purpose ("so they can charge your card", cue "purpose-modal") is no modal."""
        key = (text, term)
        if key not in self._counts:
            counts = Counter(m.group(0).lower() for m in self.rules.terms[term].finditer(text))
            if term == "modal":
                counts -= Counter(m.group(0).split()[-1].lower() for m in self.rules.cue("purpose-modal").finditer(text))
                counts -= Counter("may" for _ in self.rules.cue("month-may").finditer(text))
            elif term == "negation":  # "for no more than 30 days" is a limit, not a refusal
                counts -= Counter(m.group(0).split()[0].lower() for m in self.rules.cue("limit-negation").finditer(text))
            self._counts[key] = counts
        return self._counts[key]

    def polarities(self, text: str) -> Counter[bool]:
        """Per sentence, whether it is negated an odd number of times ("will not ... without" is not);
        counted once per text (several rules ask)."""
        found = self._polarities.get(text)
        if found is None:
            found = self._polarities[text] = Counter(
                self.negated(sentence) for sentence in SENTENCE_BREAK.split(text) if sentence.strip())
        return found

    def negated(self, sentence: str) -> bool:
        """Whether a sentence is negated an odd number of times ("for no more than 30 days" is a limit,
        not a negation)."""
        return (len(self.rules.terms["negation"].findall(sentence))
                - len(self.rules.cue("limit-negation").findall(sentence))) % 2 == 1


def sentence_at(tokens: list[str], index: int) -> str:
    """The sentence of a token list around a position, as text (for "is this word in a negated sentence")."""
    start = index
    while start > 0 and tokens[start - 1] not in (".", "!", "?", ";"):
        start -= 1
    end = index
    while end < len(tokens) and tokens[end] not in (".", "!", "?", ";"):
        end += 1
    return " ".join(tokens[start:end])


def _join(tokens: list[str], cut_before: bool, cut_after: bool) -> str:
    """Tokens back into readable text, quoted, with "…" where the context was cut."""
    words: list[str] = []
    for token in tokens:
        if words and (re.fullmatch(r"[.,;:!?)\]”’%]", token) or words[-1] in ("(", "[", "“", "‘", "$")):
            words[-1] += token
        else:
            words.append(token)
    if len(words) > EXCERPT_WORDS:
        words = [*words[:EXCERPT_WORDS // 2], "…", *words[-EXCERPT_WORDS // 2:]]
    text = " ".join(words)
    return "“" + ("… " if cut_before else "") + text + (" …" if cut_after else "") + "”"


def proper_names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: names of companies, places, products."""
    return set(re.findall(r"(?<=[\w,;)]\s)[A-Z][\w'’-]*", text))
