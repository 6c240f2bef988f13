"""Edit rules about what the words commit to: periods, notice, modal verbs, consent, the company, users'
rights, purposes, recipients, transfers and disputes.

Each reads one Edit and adds the reasons it finds; none of them ends the evaluation, because one
edit can shorten a period and add a recipient at once.
"""

from __future__ import annotations

import math
import re

from policydiff.classify.durations import Duration, durations
from policydiff.classify.edits import Edit, proper_names
from policydiff.classify.findings import Direction, Finding, quote
from policydiff.classify.notice_rule import rule_of_text


def duration_changed(edit: Edit, finding: Finding) -> None:
    """A period changed ("thirty (30) days" → "fifteen (15) days"); in the change clause, the notice period."""
    old, new = durations(edit.old_text), durations(edit.new_text)
    if sorted(d.days for d in old) == sorted(d.days for d in new):
        return
    removed = [d for d in old if d.days not in [n.days for n in new]]
    added = [d for d in new if d.days not in [o.days for o in old]]
    before = ", ".join(d.text for d in removed) or "none"
    after = ", ".join(d.text for d in added) or "none"
    longer = _total(added) > _total(removed)
    obligation = edit.rules.cue("obligation").search(edit.old_text + " " + edit.new_text)
    expands = (not longer) if obligation else longer
    finding.add("duration-changed", f"{'lengthened' if longer else 'shortened'}: {before} → {after}",
                direction="expands" if expands else "restricts")
    if edit.has("policy-change") or edit.rules.cue("takes-effect").search(edit.new_text):
        finding.add("notice-changed", f"change-notice period {'lengthened' if longer else 'shortened'}: "
                                      f"{before} → {after}", direction="expands" if not longer else "restricts")


def _total(items: list[Duration]) -> float:
    return sum(d.days for d in items) if items else 0.0 if not any(math.isinf(d.days) for d in items) else math.inf


def notice_rule_changed(edit: Edit, finding: Finding) -> None:
    """The change clause now promises a different kind of notice ("when posted" → "where the law requires")."""
    if any(reason.code == "notice-changed" for reason in finding.reasons):
        return
    if not edit.has("policy-change"):
        return
    before, after = rule_of_text(edit.old_text), rule_of_text(edit.new_text)
    if before == after:
        return
    ranks = edit.rules.notice_ranks
    looser = ranks[after][0] < ranks[before][0]
    finding.add("notice-changed", f"change-notice rule changed: {ranks[before][1]} → {ranks[after][1]}",
                direction="expands" if looser else "restricts")


def modality_flip(edit: Edit, finding: Finding) -> None:
    """A negation, modal verb or limiter appeared or disappeared: "do not sell" -> "may sell"."""
    changes = []
    expands = restricts = False
    binding_removed, binding_added = edit.rules.words["binding-removed"], edit.rules.words["binding-added"]
    expanding = edit.rules.cue("expanding-word")
    polarity_changed = edit.polarities(edit.old_text) != edit.polarities(edit.new_text)
    for term in ("negation", "modal", "limiter"):
        if term == "negation" and not polarity_changed:
            continue
        old, new = edit.term_counts(edit.old_text, term), edit.term_counts(edit.new_text, term)
        gone, came = old - new, new - old
        for word in gone:
            changes.append(f"“{word}” removed")
            if term == "negation" or word in binding_removed:
                expands = True
            else:
                restricts = True
        for word in came:
            changes.append(f"“{word}” added")
            if term == "negation" or word in binding_added:
                restricts = True
            elif expanding.match(word):
                expands = True
    if changes:
        direction: Direction = "expands" if expands else "restricts" if restricts else "neutral"
        finding.add("modality-flip", "; ".join(changes[:6]), direction=direction,
                    consent=expands and edit.has("sharing")
                    and bool(edit.rules.cue("strong-purpose").search(edit.new_text)))


def consent_basis(edit: Edit, finding: Finding) -> None:
    """Opt-in became opt-out (needs fresh consent), or the reverse."""
    old, new = edit.old_text.lower(), edit.new_text.lower()
    opt_in, opt_out = edit.rules.cue("opt-in"), edit.rules.cue("opt-out")
    if opt_in.search(old) and not opt_in.search(new) and opt_out.search(new):
        finding.add("consent-basis-changed", "opt-in replaced by opt-out", direction="expands", consent=True)
    elif opt_out.search(old) and not opt_out.search(new) and opt_in.search(new):
        finding.add("consent-basis-changed", "opt-out replaced by opt-in", direction="restricts")


def controller(edit: Edit, finding: Finding) -> None:
    """The company named as responsible changed: always communicated (WP260, paragraph 29)."""
    company = edit.rules.cue("company")
    old = {m.group(0).rstrip(".,") for m in company.finditer(edit.old_text)}
    new = {m.group(0).rstrip(".,") for m in company.finditer(edit.new_text)}
    if old and new and old != new and not edit.has("contact"):
        finding.add("controller-changed", f"company named changed: {', '.join(sorted(old - new))} → "
                                          f"{', '.join(sorted(new - old))}", direction="neutral")


def new_purpose(edit: Edit, finding: Finding) -> None:
    """A purpose word appeared (training and advertising need fresh consent) or went."""
    old = edit.term_counts(edit.old_text, "purpose")
    new = edit.term_counts(edit.new_text, "purpose")
    came = [w for w in new if w not in old]
    gone = [w for w in old if w not in new]
    if came:
        strong = bool(edit.rules.cue("strong-purpose").search(" ".join(came)))
        finding.add("purpose-added", f"new purpose: {quote(came)}", direction="expands", consent=strong)
    if gone:
        finding.add("purpose-removed", f"purpose no longer stated: {quote(gone)}", direction="restricts")


def parties(edit: Edit, finding: Finding) -> None:
    """In a sharing or transfer clause, a recipient (a party word or a new name) appeared or went."""
    if not (edit.has("sharing") or edit.has("transfer")):
        return
    old = edit.term_counts(edit.old_text, "party")
    new = edit.term_counts(edit.new_text, "party")
    proper = proper_names(edit.new_text)
    names_in = [w for w in edit.words("inserted") if w in proper and w.lower() not in edit.old_text.lower()]
    came = [w for w in new if w not in old] + names_in
    gone = [w for w in old if w not in new]
    if came:
        finding.add("recipient-added", f"new recipient: {quote(came)}", direction="expands", consent=True)
    if gone:
        finding.add("recipient-removed", f"recipient no longer named: {quote(gone)}", direction="restricts")


def transfer(edit: Edit, finding: Finding) -> None:
    """A hosting region or transfer mechanism changed, in a transfer or sharing clause."""
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    if edit.rules.terms["transfer"].search(changed) and (edit.has("transfer") or edit.has("sharing")):
        finding.add("transfer-changed", f"hosting or transfer changed: {quote(edit.words('deleted'))} → "
                                        f"{quote(edit.words('inserted'))}", direction="neutral")


def dispute(edit: Edit, finding: Finding) -> None:
    """A dispute, law or liability term, number or name changed in a dispute clause."""
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    if edit.has("dispute") and (edit.rules.terms["dispute"].search(changed) or any(c.isdigit() for c in changed)
                                or re.search(r"\b[A-Z][a-z]+\b", changed)):
        finding.add("dispute-changed", f"dispute, law or liability terms changed: {quote(edit.words('deleted'))} → "
                                       f"{quote(edit.words('inserted'))}", direction="neutral")


def right_narrowed(edit: Edit, finding: Finding) -> None:
    """A user right reworded so the company may do more: a right narrowed (material, no consent)."""
    if not edit.has("access") or not any(r.severity == "material" for r in finding.reasons) \
            or not edit.rules.cue("right-words").search(edit.old_text):
        return
    old, new = edit.term_counts(edit.old_text, "limiter"), edit.term_counts(edit.new_text, "limiter")
    limited = any(new[word] > old[word] for word in edit.rules.words["narrowing"])
    if limited or finding.direction == "expands":
        finding.add("right-narrowed", "a user right now gives the user less: "
                                      f"{quote(edit.words('deleted'))} → {quote(edit.words('inserted'))}")
        finding.direction = "expands"  # a narrower right leaves the company more room
