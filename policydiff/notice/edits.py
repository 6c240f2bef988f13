"""A modified clause's edits, placed in its new wording, and the one sentence that says what changed.

The classifier gives each change its word-level diff (spans). Here the spans become edits with
their place in the new text ("thirty (30" → "fifteen (15", grown to "thirty (30)" → "fifteen
(15)"), and the sentence of the new version that holds the first edit is chosen. When every edit in
it replaces a short phrase with another ("England and Wales" → "Ireland", "thirty (30) days" →
"fifteen (15) days"), the sentence is told with the old phrase beside the new one: "… for 15 days
(instead of 30) …". When the edit adds words, or turns a "does not" into a "may", the new sentence
is told as it now reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.model import Span
from policydiff.notice.book import phrases
from policydiff.notice.words import figures, sentence_bounds, words

FUNCTION_WORDS = frozenset({"not", "no", "may", "might", "will", "would", "must", "shall", "should", "can", "cannot", "could",
                       "does", "do", "did", "is", "are", "be", "only", "if", "unless", "never", "always", "also",
                       "except", "and", "or", "in", "to", "out", "of", "opt", "opted", "before", "after", "any",
                       "all", "some", "at", "least", "most", "up", "we", "you", "it", "a", "an", "the"})
"""Words whose swap flips a commitment rather than a fact: "does not" → "may" is told as the new sentence."""
_UNIT = re.compile(r"^\s*(?:business |calendar |working )?(?:days?|weeks?|months?|years?|hours?)\b")
_SHORT = 10
"""Most words a replaced phrase may have to be shown as "new (instead of old)" inside its sentence."""
_SHORT_EACH = 6
"""The same where a sentence has more than one replaced phrase (more is a rewritten sentence)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of changed words, placed in the new text."""

    start: int
    end: int
    """Where the new words stand in the new text (start == end for words only deleted)."""
    old: str
    new: str

    @property
    def replaces(self) -> bool:
        return bool(self.old.strip()) and bool(self.new.strip())

    @property
    def flips(self) -> bool:
        """Only words like "not", "may", "unless" changed: a commitment turned, not a fact replaced."""
        changed = re.findall(r"\w+", f"{self.old} {self.new}".lower())
        return bool(changed) and all(word in FUNCTION_WORDS for word in changed)


def new_text(spans: tuple[Span, ...]) -> str:
    """The new version's text the spans spell out."""
    return "".join(span.text for span in spans if span.op != "delete")


def edits(spans: tuple[Span, ...]) -> list[Edit]:
    """The spans' changed runs, each with its place in the new text, brackets balanced."""
    text = new_text(spans)
    found: list[Edit] = []
    old = new = ""
    start = position = 0
    for span in (*spans, Span("equal", "")):
        if span.op == "equal":
            if old or new:
                found.append(_balanced(Edit(start, position, old, new), text))
            old = new = ""
            position += len(span.text)
            start = position
        elif span.op == "delete":
            old += span.text
        else:
            new += span.text
            position += len(span.text)
    return found


def _balanced(edit: Edit, text: str) -> Edit:
    """An edit that opened a bracket the unchanged text closes ("thirty (30" + ")") takes the bracket."""
    if edit.new.count("(") > edit.new.count(")") and text[edit.end:edit.end + 1] == ")" \
            and edit.old.count("(") > edit.old.count(")"):
        return Edit(edit.start, edit.end + 1, edit.old + ")", edit.new + ")")
    return edit


@dataclass(frozen=True, slots=True)
class Told:
    """The sentence chosen to tell a modified clause's change."""

    kind: str
    """"replaced" (told with "(instead of …)"), "added-words" (the new sentence as it reads), or
    "removed-words" (only words taken out)."""
    sentence: str
    before: str = ""
    after: str = ""
    """For "replaced": the first phrase replaced, old and new."""


def tell(spans: tuple[Span, ...]) -> Told | None:
    """The sentence that tells a modified clause's change, or None when no word changed."""
    found = edits(spans)
    if not found:
        return None
    text = new_text(spans)
    added = [edit for edit in found if edit.new.strip()]
    if not added:
        removed = " ".join(" ".join(edit.old.split()) for edit in found)
        return Told("removed-words", removed.strip(" ,;:.").removeprefix("and ").removeprefix("or ").strip())
    first = added[0]
    start, end = next(((s, e) for s, e in sentence_bounds(text) if s <= first.start < e or first.start == e),
                      (0, len(text)))
    inside = [edit for edit in found if start <= edit.start <= end]
    sentence = text[start:end]
    limit = _SHORT if len(inside) == 1 else _SHORT_EACH
    if all(edit.replaces and not edit.flips and words(edit.old) <= limit and words(edit.new) <= limit
           and text[start:edit.start].strip() for edit in inside) \
            and sum(words(e.new) for e in inside) * 10 <= words(sentence) * 6:
        marked = _marked(text, start, end, inside)
        return Told("replaced", _finished(marked), _phrase(inside[0].old), _phrase(inside[0].new))
    return Told("added-words", _finished(figures(sentence)))


def _marked(text: str, start: int, end: int, inside: list[Edit]) -> str:
    """The sentence with each replaced phrase shown as "new (instead of old)"."""
    template = phrases()["marks"]["instead"]
    out, cursor = [], start
    for edit in inside:
        unit = _UNIT.match(text[edit.end:end])
        stop = edit.end + (unit.end() if unit else 0)
        after = figures(text[edit.start:stop])
        before = figures(edit.old)  # "30 days (instead of 90)": a unit both share is said once
        lead, trail = after[:len(after) - len(after.lstrip())], after[len(after.rstrip()):]
        out.append(figures(text[cursor:edit.start]))
        out.append(lead + template.replace("{after}", after.strip()).replace("{before}", before.strip()) + trail)
        cursor = stop
    out.append(figures(text[cursor:end]))
    return "".join(out)


def _phrase(text: str) -> str:
    return " ".join(figures(text).split()).strip(" ,;:")


def _finished(sentence: str) -> str:
    """A sentence as it ends a line of the email: capitalised, closed by a full stop."""
    sentence = " ".join(sentence.split()).rstrip(" ,;:")
    if not sentence:
        return sentence
    sentence = sentence[0].upper() + sentence[1:]
    return sentence if sentence[-1] in ".!?" or sentence.endswith((".”", ".\"", ".)")) else sentence + "."
