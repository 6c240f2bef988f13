"""A review as a report: the reviewed diff with every decision, as Markdown for people and JSON for tools.

Exports show both verdicts where a reviewer overrode the classifier, name who decided, and say
when a decision was made on other words than the change now has (stale: its override is not
applied, and its "reviewed" does not count). Policy text and reviewers'
comments are escaped: a comment is data, never markup.
"""

from __future__ import annotations


from policydiff.model import Change, Diff
from policydiff.model import clause_text
from policydiff.review.decisions import Decision, Review, apply_review, change_key, follow, is_reviewed, is_stale
from policydiff.review.file import decision_dict

REPORT_SCHEMA = "policydiff.review-report/1"


def export_review_json(diff: Diff, review: Review, *, notice: str | None = None) -> str:
    """The reviewed diff for machines: every change (policydiff.diff/1 keys, overrides applied) with
    its key, the classifier's own verdict, its decision and whether that is stale; decisions whose
    change is gone are listed apart. `notice` is the notice-window headline, when one was checked."""
    from policydiff.render.diff_json import change_dict, document_info

    review = follow(review, diff)
    reviewed = apply_review(diff, review)
    keys = {change_key(change) for change in diff.changes}
    changes = []
    for original, change in zip(diff.changes, reviewed.changes):
        key = change_key(original)
        decision = review.decisions.get(key)
        changes.append({**change_dict(change), "key": key, "classified_material": original.material,
                        "classified_severity": original.severity,
                        "decision": decision_dict(decision) if decision else None,
                        "stale": bool(decision and is_stale(decision, original))})
    data = {"schema": REPORT_SCHEMA, "old": document_info(diff.old), "new": document_info(diff.new),
            "review": {"old": review.old, "new": review.new}, "summary": {**reviewed.summary(), **_tally(diff, review)},
            "notice": notice, "changes": changes,
            "orphaned_decisions": {key: decision_dict(d) for key, d in sorted(review.decisions.items())
                                   if key not in keys}}
    from policydiff.safe import json_text

    return json_text(data)


def export_review_markdown(diff: Diff, review: Review, *, notice: str | None = None) -> str:
    """The reviewed diff for people: a table of every change and its decision, then each change's
    reasons, comment, override and text. Policy text and comments are escaped, never markup."""
    from policydiff.safe import markdown_safe as safe
    from policydiff.view import DiffView

    review = follow(review, diff)
    reviewed = apply_review(diff, review)
    shown = DiffView(reviewed)
    tally = _tally(diff, review)
    title = diff.new.title or diff.old.title or "policy"
    stale = f" ({tally['stale']} stale: decided on other words)" if tally["stale"] else ""
    out = [f"# Review: {safe(title)}", "", f"{safe(diff.old.source)} → {safe(diff.new.source)}", "",
           f"**Summary:** {safe(shown.summary_line())} · reviewed {tally['reviewed']} of {len(diff.changes)}{stale}"
           f" · {tally['overridden']} overridden · {tally['commented']} commented", ""]
    if notice:
        out += [f"**Notice window:** {safe(notice)}", ""]
    out += ["| # | Change | Clause | Verdict | Reviewed | Comment |", "|--:|:--|:--|:--|:-:|:--|"]
    for number, (original, change) in enumerate(zip(diff.changes, reviewed.changes), 1):
        decision = review.decision(change_key(original))
        verdict = ("**material**" if change.material else change.severity) + (" (override)" if
                                                                              change is not original else "")
        view = shown.of(change)
        out.append(f"| {number} | {view.mark} {change.kind} | {safe(view.location)} | {verdict} | "
                   f"{_mark(decision, original)} | {safe(decision.comment or '')} |")
    for number, (original, change) in enumerate(zip(diff.changes, reviewed.changes), 1):
        decision = review.decision(change_key(original))
        view = shown.of(change)
        out += ["", f"## {number}. {view.mark} {change.kind} {safe(view.location)}", ""]
        out.append(f"- verdict: {'material' if change.material else change.severity}"
                   + (f" (classifier: {'material' if original.material else original.severity})"
                      if change is not original else "")
                   + (f" · categories: {safe(', '.join(change.categories))}" if change.categories else ""))
        out += [f"- {safe(reason.code)}: {safe(reason.detail)}" for reason in change.reasons]
        if decision.reviewed or decision.override is not None or decision.comment:
            who = f" by {safe(decision.reviewer)}" if decision.reviewer else ""
            when = f" ({safe(decision.updated)})" if decision.updated else ""
            status = "reviewed" if is_reviewed(decision, original) else "not reviewed"
            out.append(f"- {status}{who}{when}")
        if decision.comment:
            lines = decision.comment.splitlines() or [""]
            out.append(f"- comment: {safe(lines[0])}")
            out += [f"  {safe(line)}" for line in lines[1:] if line.strip()]
        if is_stale(decision, original):
            out.append("- ⚠ decision made on other words than the change now has; override not applied")
        for label, clause in (("before", original.old), ("after", original.new)):
            if clause is not None and change.kind != "renumbered":
                parts = clause.walk() if change.kind in ("added", "removed") else iter((clause,))  # a whole section
                out += ["", f"*{label}:*", "", "\n>\n".join(f"> {safe(clause_text(part) or '')}" for part in parts)]
    orphans = sorted(key for key in review.decisions if key not in {change_key(c) for c in diff.changes})
    if orphans:
        out += ["", "## Decisions on changes no longer in the diff", ""]
        out += [f"- {safe(key)}: {safe(review.decisions[key].comment or '')}" for key in orphans]
    return "\n".join(out) + "\n"


def _tally(diff: Diff, review: Review) -> dict[str, int]:
    pairs = [(review.decision(change_key(change)), change) for change in diff.changes]
    return {"reviewed": sum(is_reviewed(d, c) for d, c in pairs), "stale": sum(is_stale(d, c) for d, c in pairs),
            "commented": sum(bool(d.comment) for d, _ in pairs),
            "overridden": sum(d.override is not None and not is_stale(d, c) for d, c in pairs)}


def _mark(decision: Decision, change: Change) -> str:
    """✓ reviewed, "stale" for a mark made on other words, else nothing."""
    if is_stale(decision, change) and decision.reviewed:
        return "stale"
    return "✓" if decision.reviewed else ""
