"""Read what a policy says about itself: effective date, last update, version, what it supersedes.

Policies state these in a handful of ways ("Effective Date: March 1, 2026 | Last Updated: ...",
"Last Updated on May 2, 2026", YAML front matter, "Version 3.1"), and the notice-window check
depends on reading them exactly, so the patterns are explicit and each value keeps its source text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from policydiff.model import DatedValue, Metadata, VersionRef

_MONTHS = {name: index for index, name in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({name[:3]: index for name, index in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"

DATE_PATTERN = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # March 1, 2026
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}"  # 1 March 2026, 1st of March 2026
    r"|\d{4}-\d{2}-\d{2}"  # 2026-03-01
    r"|\d{1,2}/\d{1,2}/\d{4}"  # 03/01/2026
    rf"|{_MONTH},?\s+\d{{4}})"  # February 2026 (a month only: read as its first day)
)
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)

_SEP = r"(?:\s*(?:[:\-–—]|\bon\b|\bas\s+of\b|\bfrom\b|\bis\b|\bdate\b))*\s*"
"""What stands between a cue and its date ("Effective Date: on", "Last updated -"). Each separator takes the
spaces before it, never those after: a space both could take made a failed match exponential ("effective"
and twenty-four " :" took a minute)."""
_EFFECTIVE = re.compile(rf"\b(?:effective(?:\s+date)?|date\s+effective|in\s+effect\s+from){_SEP}(?:\*+\s*)?(?P<date>{DATE_PATTERN})",
                        re.IGNORECASE)
_UPDATED = re.compile(
    rf"\b(?:last\s+(?:updated?|modified|revised|amended|changed|revision|reviewed)|updated?|revised|published"
    rf"|date\s+of\s+last\s+revision|posted|release\s+date){_SEP}(?:\*+\s*)?(?P<date>{DATE_PATTERN})", re.IGNORECASE)
_IN_FORCE = re.compile(
    rf"\b(?:(?:went|go|goes|will\s+go|come|came|comes|will\s+come)\s+into\s+(?:effect|force)"
    rf"|(?:is|are|become|becomes|will\s+become|will\s+be|shall\s+be)\s+effective"
    rf"|with\s+an\s+effective\s+date\s+of|takes?\s+effect|took\s+effect){_SEP}(?P<date>{DATE_PATTERN})(?![^.]*\buntil\b)",
    re.IGNORECASE)
"""A sentence that says when this version is in force: "These Terms went into effect on June 16, 2014"."""
_VERSION = re.compile(r"(?<![\w.])(?:version|ver\.|release)\s*[:#]?\s*(?P<label>v?\d+(?:\.\d+)*[a-z]?)\b", re.IGNORECASE)
_VERSION_V = re.compile(r"(?<![\w.])(?P<label>v\d+(?:\.\d+)*)\b", re.IGNORECASE)
_SUPERSEDES = re.compile(r"\b(?:supersedes|replaces|previous version)\s*:?\s*(?P<rest>.+)$", re.IGNORECASE)
_FIELD_SPLIT = re.compile(r"\s*(?:\||·|•|;|\s{3,})\s*")

METADATA_CUE = re.compile(
    rf"^\W*(?:effective|last\s+(?:updated?|modified|revised|amended|revision|reviewed)|updated?|revised|published|posted"
    rf"|version\b|supersedes|date\s+of\s+last)"
    rf"|^\W*(?:{DATE_PATTERN})\W*$",
    re.IGNORECASE)
"""A line that opens like header metadata ("Effective Date:", "Last Updated on", "Version 2")."""
DATE_CUE = re.compile(r"^\W*(?:effective|last\s+(?:updated?|modified|revised|amended|revision|reviewed)|updated?|revised"
                      r"|published|posted)\b", re.IGNORECASE)
"""A line that opens by dating this version (not by naming a version)."""


def parse_date(text: str) -> date | None:
    """Read one date written the way policies write them; None if the words are not a date. A month
    alone ("February 2026") is read as its first day (see month_only)."""
    text = text.strip().rstrip(".,)")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        month, day = (second, first) if first > 12 else (first, second)  # US order unless impossible
        return _safe_date(year, month, day)
    words = re.findall(r"[a-z]+|\d+", text.lower())
    numbers = [int(w) for w in words if w.isdigit()]
    months = [_MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in _MONTHS]
    if len(months) == 1 and len(numbers) == 1 and numbers[0] > 31:
        return _safe_date(numbers[0], months[0], 1)
    if len(months) != 1 or len(numbers) != 2:
        return None
    found_year = next((n for n in numbers if n > 31), None)
    found_day = next((n for n in numbers if n <= 31), None)
    if found_year is None or found_day is None:
        return None
    return _safe_date(found_year, months[0], found_day)


def month_only(text: str) -> bool:
    """Whether a date as written names a month but no day ("February 2026")."""
    return bool(re.fullmatch(rf"\W*{_MONTH},?\s+\d{{4}}\W*", text.strip(), re.IGNORECASE))


def find_date(text: str) -> date | None:
    """The first date written anywhere in text."""
    match = _DATE_RE.search(text)
    return parse_date(match.group(0)) if match else None


def is_metadata_line(text: str) -> bool:
    """A short line that states a date or version of the document rather than a policy term."""
    if len(text) > 300 or not METADATA_CUE.search(text):
        return False
    return bool(_DATE_RE.search(text) or _VERSION.search(text) or _VERSION_V.search(text))


def extract(lines: list[str], front_matter: dict[str, Any] | None = None, title: str | None = None,
            statements: list[str] | None = None) -> Metadata:
    """Metadata from front matter and header lines; front matter wins where both say something.

    Where neither gives an effective date, the document's own sentences are read for one ("These Terms
    went into effect on June 16, 2014", "Effective as of: March 1, 2026" in a footer or a list item);
    a version history's "effective from X until Y" never counts."""
    effective = updated = version = supersedes = None
    for line in lines:
        for field_text in _FIELD_SPLIT.split(line) if "|" in line or "·" in line else [line]:
            field_text = field_text.strip(" *_")
            if not field_text:
                continue
            sup = _SUPERSEDES.search(field_text)
            if sup and supersedes is None and not DATE_CUE.match(field_text):
                supersedes = _version_ref(sup["rest"], field_text)
                continue
            match = _EFFECTIVE.search(field_text)
            if match and effective is None:
                effective = _dated(match["date"], field_text)
            match = _UPDATED.search(field_text)
            if match and updated is None:
                updated = _dated(match["date"], field_text)
            match = _VERSION.search(field_text)
            if match and version is None:
                version = VersionRef(match["label"], None, field_text)
    if front_matter:
        effective = _front_date(front_matter, ("effective_date", "effective", "effective-date")) or effective
        updated = _front_date(front_matter, ("last_updated", "updated", "last-updated", "date", "modified")) or updated
        raw_version = next((front_matter[k] for k in ("version", "policy_version") if k in front_matter), None)
        if isinstance(raw_version, (str, int, float)) and str(raw_version).strip():
            version = VersionRef(str(raw_version).strip(), None, f"version: {raw_version}")
        raw_title = front_matter.get("title")
        if isinstance(raw_title, str) and raw_title.strip():
            title = raw_title.strip()
    if statements and (effective is None or effective.date is None):
        effective = _stated(statements, _IN_FORCE) or _stated(statements, _EFFECTIVE, short=True) or effective
    if statements and (updated is None or updated.date is None):
        updated = _stated(statements, _UPDATED, short=True) or updated
    return Metadata(title=title, effective=effective, last_updated=updated, version=version, supersedes=supersedes)


STATEMENT_MAX_CHARS = 160
"""A date line elsewhere than the header ("Effective as of: March 1, 2026" in a footer) is at most this long."""


def _stated(statements: list[str], pattern: re.Pattern[str], short: bool = False) -> DatedValue | None:
    """The first date the document states with this pattern in its own text, with the sentence."""
    for text in statements:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])|\s+[|·]\s+", text):
            if short and (len(sentence) > STATEMENT_MAX_CHARS or not METADATA_CUE.search(sentence)):
                continue
            match = pattern.search(sentence)
            if match and not re.search(r"\buntil\b|\bprevious\b|\bprior\b|\bformer\b", sentence, re.IGNORECASE):
                value = _dated(match["date"], sentence.strip())
                if value.date is not None:
                    return value
    return None


def _dated(written: str, source: str) -> DatedValue:
    return DatedValue(parse_date(written), source, "month" if month_only(written) else "day")


def _version_ref(rest: str, source: str) -> VersionRef:
    label_match = _VERSION_V.search(rest) or _VERSION.search(rest)
    date_match = _DATE_RE.search(rest)
    return VersionRef(
        label_match["label"] if label_match else None,
        parse_date(date_match.group(0)) if date_match else None,
        source,
    )


def _front_date(front_matter: dict[str, Any], keys: tuple[str, ...]) -> DatedValue | None:
    for key in keys:
        value = front_matter.get(key)
        if isinstance(value, datetime):
            return DatedValue(value.date(), f"{key}: {value.date().isoformat()}")
        if isinstance(value, date):
            return DatedValue(value, f"{key}: {value.isoformat()}")
        if isinstance(value, str) and value.strip():
            found = _DATE_RE.search(value)
            return _dated(found.group(0) if found else value, f"{key}: {value.strip()}")
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
