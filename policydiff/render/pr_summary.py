"""The pull-request comment's words: its first sentence, and each file's notice verdict said plainly.

A reviewer reads the first line and knows what to do: "2 policies changed: privacy.md needs 30
days' notice but gives 6 (earliest compliant date 2026-03-25); brightdesk-privacy.md adds a sale to
our advertising partners that needs fresh consent." The files that need a person come first; what
a change does is the notice email's own gist of it (notice/sentences.py), so the comment and the
email never disagree about what a change is.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from policydiff.notice.plain import said_of
from policydiff.pullrequest import FileReport, PrReport

DETAILED = 3
"""Files named one by one in the first sentence; past this, the passing ones are counted."""
_ORDER = {"error": 0, "not-compliant": 1, "consent-required": 2, "unverifiable": 3, "added": 4, "removed": 5,
          "compliant": 6, "no-material-change": 7, "unchanged": 8}


def first_sentence(report: PrReport) -> str:
    """One plain sentence about every policy file the pull request changes (Markdown-escaped by the caller)."""
    files = report.files
    if not files:
        return "No policy files changed."
    count = f"{len(files)} polic{'ies' if len(files) != 1 else 'y'} changed"
    names = short_names(report)
    ranked = sorted(files, key=lambda f: (_ORDER.get(state(f), 9), f.file.path))
    shown = ranked
    tail: list[str] = []
    if len(ranked) > DETAILED:
        needs = [f for f in ranked if _ORDER.get(state(f), 9) <= _ORDER["unverifiable"]]
        shown = needs[:DETAILED] or ranked[:1]
        rest = len(ranked) - len(shown)
        more = len(needs) > len(shown)
        verb = ("need a look below" if rest != 1 else "needs a look below") if more else (
            "raise nothing" if rest != 1 else "raises nothing")
        tail = [f"{rest} other{'s' if rest != 1 else ''} {verb}"]
    said = [f"{names[f.file.path]} {what_happened(f)}" for f in shown] + tail
    return f"{count}: {'; '.join(said)}."


def state(file: FileReport) -> str:
    """error, added, removed, or the notice verdict (unchanged for a file whose words did not change)."""
    if file.error:
        return "error"
    if file.diff is None:
        return "added" if file.file.status == "added" else "removed"
    if file.check is None:
        return "unchanged"
    return file.check.verdict


def what_happened(file: FileReport) -> str:
    """"needs 30 days' notice but gives 6 (earliest compliant date 2026-03-25)", "is a new policy"…"""
    verdict = state(file)
    if verdict == "error":
        return "could not be read"
    if verdict == "added":
        return "is a new policy"
    if verdict == "removed":
        return "is removed"
    check = file.check
    if check is None or file.diff is None or verdict == "unchanged":
        return "has no change"
    consent = _consent(file)
    if verdict == "not-compliant":
        earliest = f" (earliest compliant date {check.earliest.isoformat()})" if check.earliest else ""
        given = check.days_given
        if given is not None and given < 0:
            window = f"takes effect {-given} day{'s' if given != -1 else ''} before users are told{earliest}"
        else:
            window = f"needs {check.days_required} days' notice but gives {given}{earliest}"
        return window + (f" and {consent}" if consent else "")
    if verdict == "consent-required":
        return consent
    if verdict == "unverifiable":
        material = len(check.material)
        return f"has {material} material change{'s' if material != 1 else ''} whose notice cannot be checked " \
               f"({why_unverifiable(file)})"
    if verdict == "no-material-change":
        return "changes no term"
    return f"gives enough notice ({check.days_given} of {check.days_required} days)" \
        if check.days_required else "gives the notice it promises"


def _consent(file: FileReport) -> str:
    """"adds a sale to our advertising partners that needs fresh consent" (and how many more)."""
    check = file.check
    if check is None or file.diff is None or not check.consent:
        return ""
    gist = said_of(file.diff, check.consent[0], effective=check.effective).gist or "makes a change"
    more = len(check.consent) - 1
    if more:
        return f"{gist} and {more} more change{'s' if more != 1 else ''} that need fresh consent"
    return f"{gist} that needs fresh consent"


def why_unverifiable(file: FileReport) -> str:
    check = file.check
    if check is None or check.effective is None:
        return "no effective date"
    if check.notice_source == "today" and check.days_given is None:
        return "already in force, and no notice date"
    if check.promise.rule == "next-renewal":
        return "notice is due at each renewal"
    return "the base version promises no notice period"


def notice_cell(file: FileReport) -> str:
    """The table's notice column in a few words, marked ✅, ❌ or ⚠️ (never by colour alone)."""
    verdict = state(file)
    check = file.check
    if check is None or verdict in ("error", "added", "removed", "unchanged"):
        return "—"
    if verdict == "not-compliant":
        return f"❌ {check.days_text()}" if check.days_text() else "❌ not compliant"
    if verdict == "consent-required":
        count = len(check.consent)
        return f"❌ {count} change{'s need' if count != 1 else ' needs'} fresh consent"
    if verdict == "unverifiable":
        return f"⚠️ cannot be checked: {why_unverifiable(file)}"
    if verdict == "no-material-change":
        return "✅ no material change"
    return f"✅ {check.days_text()}" if check.days_text() else "✅ compliant"


def short_names(report: PrReport) -> dict[str, str]:
    """Each file by its name ("privacy.md"), or by its path where two files share a name."""
    names = [PurePosixPath(f.file.path).name for f in report.files]
    return {f.file.path: (name if names.count(name) == 1 else f.file.path) for f, name in zip(report.files, names)}
