"""Which kind of notice the words of a change clause state: a fixed period, the next renewal, on
posting, or only what the law requires.

Both the classifier (has the change clause's rule changed between two versions?) and the notice
check (what did the old version promise?) read clauses this way, so it lives below both. The cues
are rules.toml's `notice-*` patterns; a team's configuration does not change them.
"""

from __future__ import annotations

import math

from policydiff.classify.durations import Duration, durations
from policydiff.classify.rules import package_cue


def rule_of_text(text: str) -> str:
    """The notice rule the words of one change clause state ("none" when they state none): for
    comparing two wordings of it."""
    rule, _ = stated_rule(text)
    if rule == "none" and law_required(text):
        return "as-required-by-law"
    return rule


def stated_rule(text: str) -> tuple[str, Duration | None]:
    """The rule the words state ("fixed-period", "next-renewal", "on-posting" or "none"), with the
    period for a fixed one."""
    if package_cue("notice-before-effect").search(text):
        fixed = [d for d in durations(text) if not math.isinf(d.days)]
        if fixed:
            # the longest: a shorter period is an exception ("three (3) days for changes the law requires")
            return "fixed-period", max(fixed, key=lambda d: d.days)
    if package_cue("notice-renewal").search(text):
        return "next-renewal", None
    if package_cue("notice-on-posting").search(text):
        return "on-posting", None
    return "none", None


def law_required(text: str) -> bool:
    """The words speak of what the law requires ("where required by applicable law")."""
    return bool(package_cue("notice-law").search(text))
