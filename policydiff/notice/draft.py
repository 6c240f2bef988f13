"""Draft the email that tells users about a material change: text, Markdown, HTML or a real .eml.

Nothing is sent. The draft is for a person to review, so anything that person must fix before
sending (a window that is too short, changes that need consent rather than notice) is stated at
the top of the draft, never only on stderr. Policy text and option values are untrusted: the HTML
template autoescapes, Markdown is escaped, headers are folded to one line and addresses validated,
so a policy title cannot add a Bcc header and a URL option cannot be `javascript:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policydiff.errors import ExitCode, InputError, PolicydiffError
from policydiff.model import Diff
from policydiff.notice.book import fill, phrases, say
from policydiff.notice.offers import actions as offer_actions
from policydiff.notice.offers import href_of, linked, plain
from policydiff.notice.plain import topics
from policydiff.notice.sender import contact_address, policy_title, sender
from policydiff.notice.sentences import long_date
from policydiff.notice.window import NoticeCheck

FORMATS = ("eml", "markdown", "text", "html")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class NoticeRefused(PolicydiffError):
    """The draft would announce a change its own notice window does not allow (exit 1)."""

    exit_code = ExitCode.CHANGES


@dataclass(frozen=True, slots=True)
class DraftOptions:
    company: str | None = None
    url: str | None = None
    redline_url: str | None = None
    contact: str | None = None
    sender: str | None = None
    templates: tuple[str, ...] = ()
    """Jinja2 files replacing the built-in templates (for eml: .html for the HTML part, else the text part)."""
    force: bool = False


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    text: str
    """The draft in the requested format (an .eml message as text, CRLF line ends)."""
    warnings: tuple[str, ...]


def draft_notice(diff: Diff, check: NoticeCheck, fmt: str, options: DraftOptions) -> Draft:
    """The notice email for diff's material changes, or NoticeRefused when the window forbids it."""
    if fmt not in FORMATS:
        raise InputError(fmt, f"unknown notice format (expected one of: {', '.join(FORMATS)})")
    if options.sender:
        from policydiff.notice.eml import parse_sender

        parse_sender(options.sender)  # refused in every format, not only where a From header is written
    warnings = _warnings(check, options)
    context = _context(diff, check, options, warnings)
    from policydiff.notice.templating import render_template

    if fmt == "eml":
        text_body = render_template("text", _template_for("text", options.templates), context)
        html_body = render_template("html", _template_for("html", options.templates), context)
        subject = text_body.subject or context["default_subject"]
        from policydiff.notice.eml import build_message

        message = build_message(subject, text_body.body, html_body.body, sender=options.sender)
        return Draft(subject, message, tuple(warnings))
    rendered = render_template(fmt, _template_for(fmt, options.templates), context)
    subject = rendered.subject or context["default_subject"]
    body = f"Subject: {subject}\n\n{rendered.body}" if fmt == "text" else rendered.body
    return Draft(subject, body, tuple(warnings))


def _warnings(check: NoticeCheck, options: DraftOptions) -> list[str]:
    warnings: list[str] = []
    if check.verdict == "no-material-change":
        if not options.force:
            raise NoticeRefused("nothing material changed, so no notice is due (use --force to draft one anyway)")
        warnings.append("nothing material changed: this notice is optional")
    if check.verdict == "not-compliant":
        earliest = f"; the earliest compliant effective date is {check.earliest.isoformat()}" if check.earliest else ""
        message = (f"the effective date breaks the notice window ({check.headline()}){earliest}")
        if not options.force:
            raise NoticeRefused(f"{message}: pass --effective with a compliant date, or --force to draft anyway")
        warnings.append(f"NOT COMPLIANT: {message}")
    if check.consent:
        count = len(check.consent)
        warnings.append(f"{count} change{'s need' if count > 1 else ' needs'} fresh opt-in consent, which this email "
                        "alone does not obtain")
    if check.promise.rule == "next-renewal" and check.verdict != "unverifiable":
        warnings.append("the old version promises changes take effect at each subscriber's next renewal: say so in "
                        "the email, and keep existing subscribers on the old terms until then")
    if check.verdict == "unverifiable":
        why = [note for note in check.notes if not note.startswith("notice date:") and "exception" not in note]
        warnings.append("the notice window could not be checked: " + "; ".join(why))
    if check.notice_source != "option":
        warnings.append("no --notice-date given: the window was counted from "
                        f"{'the last-updated date' if check.notice_source == 'last-updated' else 'today'}")
    if not options.url:
        warnings.append("no --url given: the draft has no link to the full policy")
    return warnings


def _context(diff: Diff, check: NoticeCheck, options: DraftOptions, warnings: list[str]) -> dict[str, Any]:
    new = diff.new
    title = _clean(policy_title(new) or policy_title(diff.old) or "policy")
    found = sender(new)
    company = _clean(options.company or found.short or "") or None
    legal = _clean(options.company or found.legal or "") or None
    contact = _clean(options.contact or contact_address(new) or "") or None
    if contact is None:
        warnings.append("no contact found in the policy: pass --contact")
    material = check.material if check.material else tuple(c for c in diff.changes if c.severity != "editorial")
    effective = check.effective
    when = long_date(effective) if effective else ""
    url = _url(options.url, "--url")
    redline_url = _url(options.redline_url, "--redline-url")
    named = company is not None and company.lower() not in title.lower()
    values = {"title": title, "effective": when, "company": company or "", "legal": legal or ""}
    subject = fill(phrases()["email"]["subject_named" if named else "subject"], values) or title
    names = tuple(name for name in (company, legal) if name)
    action_lines = offer_actions(new, contact, title)
    return {
        "title": title,
        "company": company,
        "company_legal": legal,
        "effective": when or None,
        "effective_iso": effective.isoformat() if effective else None,
        "notice_date": long_date(check.notice_date) if check.notice_date else None,
        "url": url,
        "redline_url": redline_url,
        "contact": contact,
        "contact_is_email": bool(contact and _EMAIL.fullmatch(contact)),
        "contact_href": href_of(contact) if contact else None,
        "topics": topics(diff, material, effective=effective, company=names, title=title),
        "consent_count": len(check.consent),
        "actions": tuple(plain(line) for line in action_lines),
        "action_lines": action_lines,
        "warnings": tuple(_clean(w) for w in warnings),
        "default_subject": subject,
        "verdict": check.verdict,
        "greeting": say("greeting"),
        "intro": say("intro", title=title, effective=when),
        "lead": say("lead"),
        "read_more": linked(phrases()["email"]["read_more"], {"title": title, "url": url or ""}, ("url",)),
        "redline": linked(phrases()["email"]["redline"], {"redline_url": redline_url or ""}, ("redline_url",)),
        "actions_heading": say("actions"),
        "questions": linked(phrases()["email"]["questions"], {"contact": contact or ""}, ("contact",)),
        "closing": say("closing"),
        "signature": say("signature", company=company or ""),
        "legal_line": legal if legal and legal != company else None,
        "review_heading": say("review"),
        "review_note": say("review_note"),
    }


def _template_for(fmt: str, templates: tuple[str, ...]) -> Path | None:
    """The user's template for this part, if one was given."""
    for name in templates:
        path = Path(name)
        is_html = ".htm" in path.name.lower()
        if (fmt == "html") == is_html:  # an .html template for HTML, any other for text and Markdown
            return path
    return None


def _url(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", value):
        raise InputError(option, f"not an http(s) link: {value!r}")
    return value


def _clean(text: str) -> str:
    """One line, no control or bidi-override characters: safe in a header, a subject or a sentence."""
    return " ".join(_CONTROL.sub(" ", text).split())
