"""Which way a material change cuts: does the company get more room (expands) or less (restricts)?

Read from the legal effect of the words, not from which words appeared:
- a protection added (a negation, "only", "solely", a limit), a right given to users, a duty the company
  takes on, a condition put in front of something the company may do: restricts;
- a protection removed or loosened, a duty put on users, a new use, recipient or kind of data, a wider
  licence or reach: expands;
- a removed clause cuts the other way from the same clause added.

Rules whose own arithmetic settles the direction (a period lengthened or shortened, the kind of notice
or of consent) keep theirs; every other material change is judged here. Where nothing restricts, a
change to terms the company writes gives it more room: expands.
"""

from __future__ import annotations


from rapidfuzz.distance import Indel

from policydiff.classify.edits import SENTENCE_BREAK
from policydiff.classify.findings import Direction
from policydiff.classify.rules import Rules
from policydiff.model import Reason

SETTLED = frozenset({"duration-changed", "notice-changed", "consent-basis-changed", "right-added", "right-removed",
                     "right-narrowed", "protection-removed", "protection-added", "obligation-added", "obligation-removed"})
"""Reasons that settle the direction themselves: a period's arithmetic, the kind of notice or consent, a
user's right or duty given or taken away, a protection removed or added."""
NEW_ROOM = frozenset({"purpose-added", "recipient-added", "data-added"})
"""Reasons that give the company new room: they expand whatever way to refuse comes with them."""


def direction_of(kind: str, old_text: str, new_text: str, reasons: tuple[Reason, ...] | list[Reason],
                 hinted: Direction | None, rules: Rules) -> Direction:
    """The direction of a material change of this kind between these texts (the residual texts of an edit)."""
    settled = [r for r in reasons if r.severity == "material" and r.code in SETTLED]
    if settled and hinted in ("expands", "restricts"):
        return hinted
    if kind == "added":
        weight = balance(new_text, rules)
        if weight == 0 and hinted == "neutral":
            return "neutral"  # it neither limits the company nor gives it room ("We wrote this in plain language")
        return "restricts" if weight > 0 else "expands"
    if kind == "removed":
        return "expands" if balance(old_text, rules) >= 0 else "restricts"
    if _grant_added(old_text, new_text, rules):
        return "expands"
    narrower, wider = rules.cue("narrower-quantifier"), rules.cue("wider-quantifier")
    narrowed = len(narrower.findall(new_text)) - len(narrower.findall(old_text))
    widened = len(wider.findall(new_text)) - len(wider.findall(old_text))
    if narrowed > 0 and widened < 0:
        return "restricts"  # "any" → "most": the company may do it with less
    if narrowed < 0 and widened > 0:
        return "expands"  # "certain data" → "any data"
    return "restricts" if balance(new_text, rules) > balance(old_text, rules) else "expands"


LIMITS = ("negation", "protective", "users-choice", "user-right", "company-duty", "condition")
"""What limits the company: a negation, "only", a right or choice of users, a duty it takes on, a condition."""
GRANTS = ("company-permission", "user-duty", "strong-purpose")
"""What gives it room: "we may", a duty put on users, a sale, advertising, profiling or training use."""


def balance(text: str, rules: Rules) -> int:
    """How much a text limits the company, less how much it gives it room (see LIMITS and GRANTS)."""
    return sum(_count(rules, name, text) for name in LIMITS) - sum(_count(rules, name, text) for name in GRANTS)


def _count(rules: Rules, name: str, text: str) -> int:
    pattern = rules.terms[name] if name in rules.terms else rules.cue(name)
    return len(pattern.findall(text))


def _grant_added(old_text: str, new_text: str, rules: Rules) -> bool:
    """A sentence the old text did not have gives the company room ("If you invite others, we will collect
    their email address solely to send the invitation"): the limits it carries qualify the new grant,
    they do not make the clause narrower than it was without it."""
    grant = rules.cue("company-permission")
    before = [sentence.lower().split() for sentence in SENTENCE_BREAK.split(old_text)]

    def new_sentence(sentence: str) -> bool:  # not an old sentence edited ("may use any" → "may use most")
        words = sentence.lower().split()
        return all(Indel.normalized_similarity(words, old) < EDITED for old in before)

    return any(grant.search(sentence) and new_sentence(sentence)
               and not rules.terms["negation"].search(grant.split(sentence, maxsplit=1)[0] + " ")
               for sentence in SENTENCE_BREAK.split(new_text))


EDITED = 0.6
"""How alike a sentence must be to an old one to be that sentence edited, not a new one."""

