"""What an edit changes once everything that changes no term is set aside.

Before any rule reads an edit, the two texts are reduced to what really differs:
- the document's renames are applied to the old text ("Professional Services" → "Expert Services");
- a sentence that left this clause but still stands elsewhere in the new version, or that came into
  it from elsewhere in the old version, moved: it is not a removal or an addition;
- a sentence that only points the reader elsewhere ("For more information, see …", "Learn more
  here.") is navigation, and its changes are not changes of terms;
- an added sentence that says, in other words, what a sentence of the old version said (most words,
  numbers and polarity shared, no tracked term or new name added) restates it;
- an added sentence that defines a term the old version already used ("“Laws” means …") names what
  was there;
- a sentence that says when a version took effect ("The updated Terms went into effect on May 25,
  2012.") is a date line;
- what is left is compared in the form sentences are compared in (equivalent terms made one, case,
  emphasis and spacing left out).

The rules then read the residual texts; the reasons say what was set aside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from policydiff.classify.context import DiffContext
from policydiff.classify.sentences import sentences
from policydiff.classify.renames import Rename



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
    dated: tuple[str, ...] = ()
    """Sentences saying when a version took effect that changed, as written."""
    defined: tuple[str, ...] = ()
    """Added sentences that define a term the old version already used, as written."""
    restated: tuple[str, ...] = ()
    """Added sentences that say again, in other words, what the old version said, as written."""


def residual(old_text: str, new_text: str, context: DiffContext) -> Residual:
    """The residual of one edit (old and new clause texts) in this diff's context."""
    renamed = context.renamed(old_text)
    used = tuple(r for r in context.renames if r.old in old_text)
    old_sentences, new_sentences = sentences(renamed), sentences(new_text)
    old_keys = [context.key(s) for s in old_sentences]
    new_keys = [context.key(s) for s in new_sentences]
    moved: list[str] = []
    navigation: list[str] = []
    dated: list[str] = []
    defined: list[str] = []
    restated: list[str] = []

    pointers = _pointers(old_sentences, old_keys, new_sentences, new_keys, context.only_points)

    def kept(own: list[str], keys: list[str], other: set[str], elsewhere: bool) -> list[str]:
        result = []
        other_text = " ".join(other)
        own_keys = set(keys)
        counterparts = [k for k in other if k not in own_keys]
        for sentence, sentence_key in zip(own, keys):
            if sentence_key in other or sentence_key in other_text:
                result.append(sentence)
            elif sentence_key in pointers:
                navigation.append(sentence)
            elif context.version_date.search(sentence):
                dated.append(sentence)  # "The updated Terms went into effect on May 25, 2012."
            elif (context.stands_in_new(sentence_key) if elsewhere else context.stood_in_old(sentence_key)) \
                    and not _edited_here(sentence_key, counterparts):
                moved.append(sentence)
            elif not elsewhere and context.defines_a_used_term(sentence):
                defined.append(sentence)  # "“Laws” means …", for the Laws the old version already spoke of
            elif elsewhere and not _edited_here(sentence_key, counterparts, REWORDED_HERE) \
                    and context.reworded_in_new(sentence_key):
                moved.append(sentence)  # it left for another clause, reworded: judged where it stands now
            elif not elsewhere and not _edited_here(sentence_key, counterparts, REWORDED_HERE) \
                    and context.said_otherwise(sentence_key, 1, sentence):
                restated.append(sentence)  # the old version said it, in other words: it adds no term
            else:
                result.append(sentence)
        return result

    old_kept = kept(old_sentences, old_keys, set(new_keys), True)
    new_kept = kept(new_sentences, new_keys, set(old_keys), False)
    old_rest, new_rest = " ".join(old_kept), " ".join(new_kept)
    same = _compact(context.key(old_rest), context.pointer) == _compact(context.key(new_rest), context.pointer)
    return Residual(old_rest, new_rest, same, used, tuple(moved), tuple(navigation), tuple(dated), tuple(defined),
                    tuple(restated))


EDITED_IN_PLACE = 0.85
"""How alike a sentence must be to a changed sentence of the same clause on the other side to be that
sentence edited in place, though the same words also stand elsewhere ("A and B." → "A, B." where
another clause says "A and B.")."""


def _edited_here(sentence_key: str, counterparts: list[str], alike: float = EDITED_IN_PLACE) -> bool:
    words = _WORDS.findall(sentence_key)
    return any(Indel.normalized_similarity(words, _WORDS.findall(other)) >= alike for other in counterparts)


REWORDED_HERE = 0.5
"""How alike a sentence must be to a changed sentence of its own clause to have been reworded there."""


_WORDS = re.compile(r"\w+")


POINTER_SIMILARITY = 0.5
"""How alike a changed sentence must be to a changed pointer on the other side to be its rewording."""


def _pointers(old: list[str], old_keys: list[str], new: list[str], new_keys: list[str],
              only_points: Callable[[str], bool]) -> set[str]:
    """The keys of changed sentences that point elsewhere, and of their rewordings on the other side
    ("… listed in the "AUTOTITLE" section" → "… listed in the "How we use your information" section")."""
    old_changed = [(s, k) for s, k in zip(old, old_keys) if k not in set(new_keys)]
    new_changed = [(s, k) for s, k in zip(new, new_keys) if k not in set(old_keys)]
    found = {k for s, k in old_changed + new_changed if only_points(s)}
    for _, old_key in old_changed:
        for _, new_key in new_changed:
            if (old_key in found) != (new_key in found) and Indel.normalized_similarity(
                    old_key.split(), new_key.split()) >= POINTER_SIMILARITY:
                found.update((old_key, new_key))
    return found


_LINK_SYNTAX = re.compile(r"\]\([^)\s]*\)|[\[\]]")


def _compact(text: str, pointer: re.Pattern[str]) -> str:
    """Letters and digits only: spacing, punctuation, joined words ("Serviceor"), Markdown link syntax and
    pointers within a sentence ("as described here") do not count."""
    return re.sub(r"[\W_]+", "", pointer.sub(" ", _LINK_SYNTAX.sub(" ", text)))
