"""Which kind of notice the words of a change clause state: a fixed period, the next renewal, on
posting, or only what the law requires.

Both the classifier (has the change clause's rule changed between two versions?) and the notice
check (what did the old version promise?) read clauses this way, so it lives below both.
"""

from __future__ import annotations

import math
import re

from policydiff.classify.durations import Duration, durations

BEFORE_EFFECT = re.compile(r"\b(?:before|prior to|in advance|advance notice|after we (?:post|publish|notify)|prior "
                           r"(?:written )?(?:notice|notification)|(?:days?|weeks?|months?)['’]? (?:advance |prior )?"
                           r"(?:written )?notice)\b", re.I)
RENEWAL = re.compile(r"\bnext renewal\b|\brenewal of your subscription\b|\bstart of your (?:next|then-current) term\b",
                     re.I)
ON_POSTING = re.compile(r"\b(?:effective|take effect|become effective)\s+(?:immediately\s+)?(?:upon|when|on|as soon as)"
                        r"\s+(?:we\s+)?(?:post|publish)\w*|\beffective immediately\b", re.I)
LAW = re.compile(r"\b(?:required|requires?)\s+(?:by\s+)?(?:applicable\s+)?law\b|\b(?:the\s+)?law requires\b", re.I)


def rule_of_text(text: str) -> str:
    """The notice rule the words of one change clause state ("none" when they state none): for
    comparing two wordings of it."""
    rule, _ = stated_rule(text)
    if rule == "none" and LAW.search(text):
        return "as-required-by-law"
    return rule


def stated_rule(text: str) -> tuple[str, Duration | None]:
    """The rule the words state ("fixed-period", "next-renewal", "on-posting" or "none"), with the
    period for a fixed one."""
    fixed = [d for d in durations(text) if not math.isinf(d.days)] if BEFORE_EFFECT.search(text) else []
    if fixed:
        # the longest: a shorter period is an exception ("three (3) days for changes the law requires")
        return "fixed-period", max(fixed, key=lambda d: d.days)
    if RENEWAL.search(text):
        return "next-renewal", None
    if ON_POSTING.search(text):
        return "on-posting", None
    return "none", None
