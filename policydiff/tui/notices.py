"""The notice-window verdict and the notice-email draft, as the review UI shows them.

Both are computed on the diff *as reviewed* (overrides applied), so overriding a change to not
material can turn "consent required" into "no material change" on screen, as it will in `check`.
The notice modules are imported lazily and defensively: when they are missing or fail, the UI says
"notice check unavailable" and goes on, because the review itself does not depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from policydiff.errors import PolicydiffError
from policydiff.model import Diff

UNAVAILABLE = "notice check unavailable"


@dataclass(frozen=True, slots=True)
class NoticeView:
    """The one-line verdict for the summary bar, and the check itself for the email draft."""

    headline: str
    check: Any = None
    """policydiff.notice.window.NoticeCheck, or None when no check could be made."""


def check_reviewed(diff: Diff, settings: Any = None, *, notice_date: date | None = None,
                   effective: date | None = None) -> NoticeView:
    """The notice verdict for the reviewed diff (with `review --notice-date` / `--effective`), or why
    there is none; an unverifiable verdict says why in a few words."""
    try:
        from policydiff.notice.window import check_notice
    except ImportError:
        return NoticeView(UNAVAILABLE)
    try:
        check = check_notice(diff, settings=settings, notice_date=notice_date, effective=effective)
        headline = check.headline()
        if check.verdict == "unverifiable":
            headline += f" — {why_unverifiable(check)}"
        return NoticeView(headline, check)
    except PolicydiffError as error:
        return NoticeView(f"{UNAVAILABLE}: {' '.join(str(error).split())}")
    except Exception as error:  # a bug in the check must not take the review down with it
        return NoticeView(f"{UNAVAILABLE} ({type(error).__name__})")


def why_unverifiable(check: Any) -> str:
    """Why a notice verdict is unverifiable, and what to pass, in a few words (the check's notes say more)."""
    if check.effective is None:
        return "no effective date: pass --effective"
    if check.notice_source == "today" and check.days_given is None:
        return "already in force: pass --notice-date"
    if check.promise.rule == "next-renewal":
        return "notice is due at each renewal, not by a date"
    if check.earliest is None:
        return "the old version states no notice period: set default_days"
    return "see policydiff check"


def email_draft(diff: Diff, notice: NoticeView, settings: Any = None) -> tuple[str, str]:
    """(title, text) of the plain-text notice email for the reviewed diff (its warnings are on top).

    Drafted with force, as `policydiff notice --force` would: a preview should show what the email
    would say even when the window is not met, and the draft itself states that at its top.
    """
    if notice.check is None:
        return "notice email", f"{notice.headline}: no draft can be made."
    try:
        from policydiff.notice.draft import DraftOptions, draft_notice
    except ImportError:
        return "notice email", "the notice-email drafts are not available in this installation."
    options = DraftOptions(company=getattr(settings, "company", None), url=getattr(settings, "url", None),
                           redline_url=getattr(settings, "redline_url", None),
                           contact=getattr(settings, "contact", None), sender=getattr(settings, "sender", None),
                           force=True)
    try:
        draft = draft_notice(diff, notice.check, "text", options)
    except PolicydiffError as error:
        return "notice email", f"no draft: {' '.join(str(error).split())}"
    return "notice email draft (not sent)", f"notice window: {notice.headline}\n\n{draft.text}"
