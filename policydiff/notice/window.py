"""Is a material change given the notice the policy promised before it takes effect?

The promise is read from the OLD version: it is the promise in force when the change is made. The
notice date is the day users are actually told; when no one says which day that is, the new
version's last-updated date stands in for it and the verdict says so, because the day a text was
edited is not the day an email went out. Changes a regulator would expect fresh consent for are
listed apart: no notice window makes them compliant by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from policydiff.config import NoticeSettings
from policydiff.model import Change, Diff
from policydiff.notice.dates import add_period
from policydiff.notice.promise import NoticePromise, read_promise

Verdict = Literal["compliant", "not-compliant", "no-material-change", "consent-required", "unverifiable"]
"""compliant and no-material-change pass (exit 0); the others need a person (exit 1)."""

DateSource = Literal["option", "last-updated", "document", "today", "missing"]

PASSING: frozenset[str] = frozenset({"compliant", "no-material-change"})


@dataclass(frozen=True, slots=True)
class NoticeCheck:
    """The verdict on one change of policy, with every figure it was reached from."""

    verdict: Verdict
    promise: NoticePromise
    """The notice rule of the old version, with the clause it was read from."""
    material: tuple[Change, ...]
    """Every material change, consent-needing ones included."""
    consent: tuple[Change, ...]
    """The material changes a regulator would expect fresh opt-in consent for."""
    notice_date: date | None
    notice_source: DateSource
    """option (--notice-date), last-updated (a stand-in), or today."""
    effective: date | None
    effective_source: DateSource
    """option (--effective), document (the new version's own), or missing."""
    days_given: int | None
    """Calendar days from notice to effect."""
    days_required: int | None
    """Calendar days the window needs, counted from the notice date (a month is a calendar month)."""
    required_text: str
    """The window in words: "at least thirty (30) days", "14 days (team minimum)"."""
    earliest: date | None
    """The earliest effective date the window allows, from the notice date."""
    notes: tuple[str, ...]
    """What the reader must know to trust the verdict: stand-in dates, exceptions, missing rules."""

    @property
    def passed(self) -> bool:
        return self.verdict in PASSING

    def headline(self) -> str:
        """One line: "not compliant: 6 of 30 days"."""
        if self.verdict == "no-material-change":
            return "no material change"
        if self.verdict == "unverifiable":
            return "unverifiable"  # the figures, where there are any, rest on a missing date or rule
        given = self.days_given
        figures = self.days_text() if self.days_required is not None or (given is not None and given < 0) else None
        if self.verdict == "consent-required":
            count = len(self.consent)
            return f"consent required: {count} change{'s need' if count > 1 else ' needs'} fresh opt-in consent" + (
                f" (window {figures})" if figures else "")
        return self.verdict.replace("-", " ") + (f": {figures}" if figures else "")

    def days_text(self) -> str | None:
        """The days in words, never a negative count: "6 of 30 days", "20 days given, none required",
        "takes effect 9 days before users are told (30 required)"; None without the figures."""
        given, required = self.days_given, self.days_required
        if given is None:
            return None
        if given < 0:
            early = -given
            needed = f" ({required} required)" if required else ""
            return f"takes effect {early} day{'s' if early != 1 else ''} before users are told{needed}"
        if required == 0:
            return f"{given} days given, none required"
        return f"{given} of {required} days" if required is not None else f"{given} days given"


def check_notice(diff: Diff, *, notice_date: date | None = None, effective: date | None = None,
                 settings: NoticeSettings | None = None, today: date | None = None) -> NoticeCheck:
    """The notice verdict for going from diff.old to diff.new."""
    settings = settings or NoticeSettings()
    promise = read_promise(diff.old)
    material = tuple(change for change in diff.changes if change.material)
    consent = tuple(change for change in material if change.consent)
    notes: list[str] = []

    meta = diff.new.metadata
    notice_source: DateSource
    if notice_date is not None:
        notice_source = "option"
    elif meta.last_updated is not None and meta.last_updated.date is not None:
        notice_date, notice_source = meta.last_updated.date, "last-updated"
        notes.append(f"notice date: the new version's last-updated date ({notice_date.isoformat()}) stands in "
                     "for the day users are told; pass --notice-date with the day the notice is sent")
    else:
        notice_date, notice_source = today or date.today(), "today"
        notes.append(f"notice date: today ({notice_date.isoformat()}), since the new version states no "
                     "last-updated date; pass --notice-date with the day the notice is sent")
    effective_source: DateSource
    if effective is not None:
        effective_source = "option"
    elif meta.effective is not None and meta.effective.date is not None:
        effective, effective_source = meta.effective.date, "document"
        if meta.effective.precision == "month":
            notes.append(f"the new version names a month, not a day, for its effective date "
                         f"(“{meta.effective.source}”): read as {effective.isoformat()}, the month's first day")
    else:
        effective_source = "missing"
    if notice_source == "last-updated" and meta.last_updated is not None and meta.last_updated.precision == "month":
        notes.append(f"the new version names a month, not a day, for its last update (“{meta.last_updated.source}”): "
                     f"read as {notice_date.isoformat()}, the month's first day")

    window = _window(promise, settings, notes)
    earliest = add_period(notice_date, *window[:2]) if window else None
    required_days = (earliest - notice_date).days if earliest else None
    required_text = window[2] if window else _unwindowed(promise)
    given = (effective - notice_date).days if effective else None

    verdict: Verdict
    if not material:
        verdict = "no-material-change"
    elif effective is None:
        verdict = "unverifiable"
        notes.append("the new version states no effective date: pass --effective DATE")
    elif notice_source == "today" and given is not None and given < 0:
        verdict = "unverifiable"  # a version already in force: today says nothing about when users were told
        given = None
        notes[:] = [note for note in notes if not note.startswith("notice date: today")]
        notes.append(f"the new version took effect on {effective.isoformat()}, before today and with no "
                     "last-updated date: pass --notice-date with the day users were told")
    elif given is not None and given < 0:
        verdict = "not-compliant"
        notes.append("the change takes effect before users are told of it")
    elif earliest is not None and effective < earliest:
        verdict = "not-compliant"
    elif consent:
        verdict = "consent-required"
    elif earliest is None:
        verdict = "unverifiable"
    else:
        verdict = "compliant"
    if material and promise.law_exception:
        notes.append(f"the old version lets changes the law requires take effect sooner ({promise.clause_id}); "
                     "that exception covers only changes the law itself requires")
    return NoticeCheck(verdict, promise, material, consent, notice_date, notice_source, effective,
                       effective_source, given, required_days, required_text, earliest, tuple(notes))


def _window(promise: NoticePromise, settings: NoticeSettings, notes: list[str]) -> tuple[float, str, str] | None:
    """(amount, unit, words) of the window to check, or None when no window can be checked."""
    minimum = settings.minimum_days
    if promise.rule == "fixed-period" and promise.amount is not None and promise.unit:
        if minimum is not None and minimum > (promise.days or 0):
            notes.append(f"the team minimum of {minimum} days is longer than the {promise.period_text} the policy "
                         "promises, and is the window checked")
            return float(minimum), "day", f"{minimum} days (team minimum)"
        return promise.amount, promise.unit, f"at least {promise.period_text}"
    if promise.rule == "next-renewal":
        notes.append("the old version promises changes take effect at each subscriber's next renewal: existing "
                     "subscribers must keep the old terms until then, whatever the effective date")
        return (float(minimum), "day", f"{minimum} days (team minimum)") if minimum is not None else None
    fallback = settings.default_days if settings.default_days is not None else minimum
    if fallback is not None:
        source = "team default" if settings.default_days is not None else "team minimum"
        return float(fallback), "day", f"{fallback} days ({source})"
    if promise.rule == "on-posting":
        return 0.0, "day", "none: changes take effect when posted"
    notes.append(f"the old version promises no notice period ({_unwindowed(promise)}); set default_days under "
                 "[tool.policydiff.notice] to check against your own standard")
    return None


def _unwindowed(promise: NoticePromise) -> str:
    return {"next-renewal": "at the next renewal", "on-posting": "on posting",
            "as-required-by-law": "as required by law", "none": "no change-notice clause",
            "unspecified": "notice promised, no period stated",
            "fixed-period": f"at least {promise.period_text}"}[promise.rule]
