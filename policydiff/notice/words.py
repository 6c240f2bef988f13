"""Small steps on policy words for sentences a customer reads: sentences, numbers, headings, cells.

The notice email restates each change in the policy's own words, so these helpers only cut and
tidy what the policy says: split a clause into sentences (not at "Inc." or "e.g."), write "thirty
(30) days" as "30 days", turn a shouted heading ("HOW LONG WE KEEP COOKIE DATA") into the way a
person writes it, and lower the first word of a sentence that follows "From March 1, 2026,". None
of them invents a fact.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "llc", "plc", "e.g", "i.e", "etc", "no", "st", "mr", "mrs", "ms",
                            "dr", "u.s", "u.k", "vs", "approx", "incl", "jr", "sr", "s.a", "b.v", "n.v", "pty"})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                r"hundred|thousand)")
_SPELLED = re.compile(rf"\b{_NUMBER_WORD}(?:[- ](?:and[- ])?{_NUMBER_WORD})* \((\d+(?:\.\d+)?)\)", re.I)
"""A number spelled out and given in figures: "thirty (30)", "twenty-five (25)"."""
_LOWER_FIRST = frozenset({"we", "you", "our", "your", "the", "these", "this", "that", "it", "its", "they", "their",
                          "if", "when", "where", "after", "before", "unless", "upon", "all", "any", "each", "some",
                          "for", "in", "on", "to", "as", "except", "subject", "separately", "only", "there", "a",
                          "an", "by", "once", "while", "from", "at", "with", "within", "both", "either",
                          "keep", "tell", "let", "read", "contact", "make", "please", "note", "remember", "ensure"})
"""Words that open a sentence only because they come first (and verbs that open an instruction):
lowered after "From March 1, 2026,"."""
_NAMES_FIRST = frozenset({"i", "january", "february", "march", "april", "june", "july", "august", "september",
                          "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                          "saturday", "sunday"})
"""Words that keep their capital wherever they stand."""
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "nor", "of", "to", "in", "on", "for", "by", "with", "at", "as",
                          "from", "per", "via"})
_ACRONYMS = frozenset({"AI", "EU", "UK", "US", "USA", "EEA", "GDPR", "CCPA", "CPRA", "SMS", "API", "IP", "ID", "B2B",
                       "FAQ", "PIE", "URL", "DNT"})
_THE_PLACES = re.compile(r"^(?:United|European|Netherlands|Philippines|Czech|Republic|Bahamas|Gambia)\b")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a clause starts and ends (a list item's label is a sentence of its own)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start:match.start()].rstrip("\"”’')]")
        word = re.search(r"([\w.]+)\.$", before)
        if word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def sentences(text: str) -> list[str]:
    """The sentences of a clause, in order."""
    return [text[start:end].strip() for start, end in sentence_bounds(text)]


def figures(text: str) -> str:
    """Numbers as a reader scans them: "thirty (30) days" → "30 days"."""
    return _SPELLED.sub(lambda m: m.group(1), text)


def lower_first(sentence: str, context: str = "") -> str:
    """The sentence with its first word lowered when that word is capitalised only for coming first: a
    word the `context` (the clause) also capitalises mid-sentence ("Customer Data", "QuillMind") is a
    name and keeps its capital; without context, only the common openers in _LOWER_FIRST are lowered."""
    match = re.match(r"[A-Za-z]+", sentence)
    word = match.group(0) if match else ""
    if not word or not (len(word) == 1 or word[1:].islower()):
        return sentence  # "GitHub", "AI", "QuillMind": a name or an acronym
    if word.lower() in _LOWER_FIRST or (context and not re.search(rf"[\w,;:)’'] {word}\b", context)
                                        and word.lower() not in _NAMES_FIRST):
        return sentence[0].lower() + sentence[1:]
    return sentence


def noun_phrase(text: str, *, label: bool = False) -> str:
    """A label or a list item written to follow other words: "Voice data." → "voice data", "Improving
    accuracy" → "improving accuracy"; a name ("Microsoft Azure") keeps its capitals, and so does a
    Title Case phrase unless it is a `label` of plain words ("Network Information." → "network information")."""
    text = text.strip().rstrip(".:;,").strip()
    words = text.split()
    if not words:
        return text
    plain = [word for word in words if word[:1].isupper() and word[1:].islower() and word not in _ACRONYMS]
    if label and len(words) <= 4 and len(plain) == len([w for w in words if w.lower() not in _SMALL_WORDS]):
        return " ".join(word.lower() if word in plain else word for word in words)
    first = words[0]
    if first[:1].isupper() and first[1:].islower() and (
            first.lower().endswith("ing") or first.lower() in _LOWER_FIRST or
            (len(words) >= 2 and words[1][:1].islower())):
        return text[0].lower() + text[1:]
    return text


def heading(text: str) -> str:
    """A heading as a person writes it: a shouted one ("HOW LONG WE KEEP COOKIE DATA") in title case."""
    letters = [char for char in text if char.isalpha()]
    if not letters or not all(char.isupper() for char in letters):
        return text
    out = []
    for index, word in enumerate(text.split()):
        bare = word.strip("()[]“”\"',.:;")
        if bare in _ACRONYMS:
            out.append(word)
        elif index and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def place(text: str) -> str:
    """A country or region after "in": "the United States (Ohio)", "Ireland"."""
    return f"the {text}" if _THE_PLACES.match(text) else text


def clip(text: str, limit: int) -> str:
    """Text cut at a sentence or word end to at most `limit` characters, marked with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind(". "), cut.rfind("; "))
    return (cut[: stop + 1] if stop > limit // 2 else cut.rsplit(" ", 1)[0].rstrip(",;:")) + " …"


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
