"""What an edit changes once everything that changes no term is set aside.

Before any rule reads an edit, the two texts are reduced to what really differs:
- the document's renames are applied to the old text ("Professional Services" → "Expert Services");
- a sentence that left this clause but still stands elsewhere in the new version, or that came into
  it from elsewhere in the old version, moved: it is not a removal or an addition;
- a sentence that only points the reader elsewhere ("For more information, see …", "Learn more
  here.") is navigation, and its changes are not changes of terms;
- what is left is compared in the form sentences are compared in (equivalent terms made one, case,
  emphasis and spacing left out).

The rules then read the residual texts; the reasons say what was set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policydiff.classify.context import DiffContext, sentences
from policydiff.classify.renames import Rename

_NAVIGATION = re.compile(
    r"^\W*(?:for (?:more|further|additional) (?:information|details)|to (?:learn|find out|read) more|learn more"
    r"|(?:please )?(?:see|refer to|read|visit|review|check out|consult) (?:our|the|this|section|also|more|"
    r"[\"“])|read more|you can (?:read|find|learn|view|see)|click here|more (?:information|details) (?:is|are|can)"
    r"|if you (?:are located|live|reside) in [^,]{2,40}, please (?:read|see))|\bautotitle\b",
    re.IGNORECASE)
"""A sentence that points the reader elsewhere rather than stating a term."""


@dataclass(frozen=True, slots=True)
class Residual:
    """Both texts of an edit with what changes no term set aside."""

    old: str
    new: str
    same: bool
    """Nothing is left once the set-aside parts are removed: the edit changes no term."""
    renames: tuple[Rename, ...] = ()
    """The document renames the old text had."""
    moved: tuple[str, ...] = field(default=())
    """Sentences that moved in or out of the clause (still standing elsewhere), as written."""
    navigation: tuple[str, ...] = ()
    """Pointers to elsewhere that changed, as written."""


def residual(old_text: str, new_text: str, context: DiffContext) -> Residual:
    """The residual of one edit (old and new clause texts) in this diff's context."""
    renamed = context.renamed(old_text)
    used = tuple(r for r in context.renames if r.old in old_text)
    old_sentences, new_sentences = sentences(renamed), sentences(new_text)
    old_keys = [context.key(s) for s in old_sentences]
    new_keys = [context.key(s) for s in new_sentences]
    moved: list[str] = []
    navigation: list[str] = []

    def kept(own: list[str], keys: list[str], other: set[str], elsewhere: bool) -> list[str]:
        result = []
        for sentence, sentence_key in zip(own, keys):
            if sentence_key in other:
                result.append(sentence)
            elif _NAVIGATION.search(sentence):
                navigation.append(sentence)
            elif context.stands_in_new(sentence_key) if elsewhere else context.stood_in_old(sentence_key):
                moved.append(sentence)
            else:
                result.append(sentence)
        return result

    old_kept = kept(old_sentences, old_keys, set(new_keys), True)
    new_kept = kept(new_sentences, new_keys, set(old_keys), False)
    old_rest, new_rest = " ".join(old_kept), " ".join(new_kept)
    same = _compact(context.key(old_rest)) == _compact(context.key(new_rest))
    return Residual(old_rest, new_rest, same, used, tuple(moved), tuple(navigation))


def _compact(text: str) -> str:
    """Letters and digits only: spacing, punctuation and joined words ("Serviceor") do not count."""
    return re.sub(r"[\W_]+", "", text)
