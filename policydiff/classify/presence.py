"""Why an added or removed clause matters, from what it is about and what it says.

A removed clause that granted a right or limited a use is material; so is any new recipient,
purpose, data category or dispute term. Anything else added or removed is material too unless it
is contact details: a clause appearing or disappearing is never noise.
"""

from __future__ import annotations

import re

from policydiff.classify.lexicon import rules
from policydiff.classify.reasons import STRONG_PURPOSES, Finding, quote
from policydiff.model import Clause


def explain_presence(kind: str, clause: Clause, text: str, categories: tuple[str, ...]) -> Finding:
    """Reasons for a clause (with its children's text) that was added or removed."""
    finding = Finding()
    added = kind == "added"
    what = _summary(text)
    protective = bool(rules().terms["negation"].search(text)
                      or re.search(r"\b(?:only|solely|never|nothing)\b", text, re.I))
    if "contact" in categories and len(categories) == 1 and not protective:
        finding.add("contact-changed", f"contact details {kind}: {what}", "minor", "neutral")
        return finding
    strong = STRONG_PURPOSES.search(text) if "ai" in categories else _AD_PURPOSES.search(text)
    if strong and added and not protective:  # "train" means models only where the clause is about AI
        finding.add("purpose-added", f"new use of data: {what}", direction="expands", consent=True)
    if "sharing" in categories and (clause.kind in ("table-row", "list-item") or rules().terms["party"].search(text)):
        if added:
            finding.add("recipient-added", f"new recipient: {what}", direction="expands", consent=True)
        else:
            finding.add("recipient-removed", f"recipient no longer listed: {what}", direction="restricts")
    if "collection" in categories and not finding.reasons:
        finding.add("data-added" if added else "data-removed",
                    f"{'new' if added else 'no longer'} collected: {what}",
                    direction="expands" if added else "restricts")
    promise = re.search(r"\b(?:we will|we shall|you may|you can|you have the right|you are entitled)\b", text, re.I)
    if "access" in categories and rules().terms["right"].search(text) or promise and not finding.reasons:
        finding.add("right-added" if added else "right-removed", f"user right {kind}: {what}",
                    direction="restricts" if added else "expands")
    if "dispute" in categories:
        finding.add("dispute-changed", f"dispute or liability clause {kind}: {what}", direction="neutral")
    if "policy-change" in categories:
        finding.add("notice-changed", f"change-notice clause {kind}: {what}", direction="neutral")
    if not added and protective and not finding.reasons:
        finding.add("protection-removed", f"a clause that limited what may be done was removed: {what}",
                    direction="expands")
    if not finding.reasons:
        finding.add(f"clause-{kind}", f"clause {kind}: {what}", direction="expands" if added else "neutral")
    return finding


_AD_PURPOSES = re.compile(r"\b(?:advertis\w*|adverts?|ads|profil\w*|sell|sale of|sold|monetiz\w*)\b", re.I)


def _summary(text: str, words: int = 12) -> str:
    return quote(text.split(), words)
