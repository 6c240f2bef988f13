"""`policydiff check` output: the notice verdict with every figure behind it, as text or JSON.

The text leads with the verdict and the one number a reviewer acts on (the earliest compliant
date), then shows where each figure came from, so the verdict can be checked by hand.
"""

from __future__ import annotations

from typing import Any

from policydiff.model import Change, Diff, Document
from policydiff.notice.window import NoticeCheck
from policydiff.render.diff_json import document_info
from policydiff.safe import json_text, terminal_safe
from policydiff.view import DiffView, language_note

CHECK_SCHEMA = "policydiff.check/1"

_SOURCES = {"option": "given on the command line", "last-updated": "the new version's last-updated date, as a "
            "stand-in for the day users are told", "document": "stated in the new version",
            "today": "today, as a stand-in", "missing": "not stated"}


def check_dict(check: NoticeCheck, diff: Diff) -> dict[str, Any]:
    promise = check.promise
    return {
        "schema": CHECK_SCHEMA,
        "old": document_info(diff.old),
        "new": document_info(diff.new),
        "verdict": check.verdict,
        "passed": check.passed,
        "headline": check.headline(),
        "promise": {"rule": promise.rule, "period": promise.period_text, "days": promise.days,
                    "means": list(promise.means), "law_exception": promise.law_exception,
                    "clause_id": promise.clause_id, "text": promise.text, "unit": promise.unit,
                    "alternatives": [{"clause_id": clause_id, "text": text} for clause_id, text in promise.alternatives]},
        "required": check.required_text,
        "notice_date": _iso(check.notice_date),
        "notice_date_source": check.notice_source,
        "effective": _iso(check.effective),
        "effective_source": check.effective_source,
        "days_given": check.days_given,
        "days_required": check.days_required,
        "earliest_compliant": _iso(check.earliest),
        "material_changes": [_change(change) for change in check.material if not change.consent],
        "consent_changes": [_change(change) for change in check.consent],
        "notes": list(check.notes),
    }


def render_check_json(check: NoticeCheck, diff: Diff) -> str:
    return json_text(check_dict(check, diff))


def render_check_text(check: NoticeCheck, diff: Diff) -> str:
    safe = terminal_safe
    old, new = diff.old, diff.new
    lines = [safe(f"{new.title or old.title or 'policy'}: {_label(old)} → {_label(new)}"),
             f"verdict: {'✓' if check.passed else '✗'} {check.headline()}"]
    if note := language_note(diff):
        lines.append(f"language: {note}")
    if check.material:
        if check.earliest is not None and check.verdict == "not-compliant":
            lines.append(f"earliest compliant effective date: {check.earliest.isoformat()}")
        promise = check.promise
        where = f" [{promise.clause_id} of the old version]" if promise.clause_id else ""
        lines += ["", f"required notice: {safe(check.required_text)}{where}"]
        if promise.text:
            lines.append(f"  “{safe(_clip(promise.text, 300))}”")
        for clause_id, text in promise.alternatives:
            lines.append(f"  also reads as a change clause, promising otherwise [{safe(clause_id)}]: "
                         f"“{safe(_clip(text, 160))}”")
        lines.append(f"notice date:     {_iso(check.notice_date) or '—'} ({_SOURCES[check.notice_source]})")
        lines.append(f"effective date:  {_iso(check.effective) or '—'} ({_SOURCES[check.effective_source]})")
        if check.days_given is not None and check.days_given < 0:
            lines.append(f"days given:      none: it {check.days_text()}")
        elif check.days_given is not None:
            required = f" of {check.days_required} required" if check.days_required is not None else ""
            lines.append(f"days given:      {check.days_given}{required}")
    view = DiffView(diff)
    plain = [change for change in check.material if not change.consent]
    if plain:
        lines += ["", f"material changes ({len(plain)}):"]
        lines += [_change_line(view, change) for change in plain]
    if check.consent:
        lines += ["", f"needing fresh opt-in consent ({len(check.consent)}) — no notice window makes these "
                      "compliant by itself:"]
        lines += [_change_line(view, change) for change in check.consent]
    if check.notes:
        lines += ["", "notes:"] + [f"  - {safe(note)}" for note in check.notes]
    return "\n".join(lines) + "\n"


def _change(change: Change) -> dict[str, Any]:
    return {"kind": change.kind, "old_id": change.old.id if change.old else None,
            "new_id": change.new.id if change.new else None, "categories": list(change.categories),
            "direction": change.direction, "consent": change.consent,
            "reasons": [{"code": r.code, "detail": r.detail, "severity": r.severity}
                        for r in change.reasons if r.severity == "material"]}


def _change_line(diff: DiffView, change: Change) -> str:
    view = diff.of(change)
    why = "; ".join(f"{r.code}: {r.detail}" for r in view.leading_reasons[:3])
    categories = f" ({', '.join(change.categories)})" if change.categories else ""
    return terminal_safe(f"  {view.mark} {view.location}{categories} — {_clip(why, 220)}")


def _label(document: Document) -> str:
    meta = document.metadata
    if meta.version and meta.version.version:
        return meta.version.version
    return document.source


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
