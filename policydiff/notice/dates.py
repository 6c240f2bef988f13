"""Calendar arithmetic for notice periods, and dates as users type them.

A notice period is counted in calendar units, not in a fixed number of days: one month after
January 31 is the last day of February, one year after February 29 is February 28, and ten
business days skip the weekends. Dates are calendar dates; a timestamp with a UTC offset keeps the
date it names where it was written, so "2026-02-23T23:30-08:00" is still the 23rd.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta

from policydiff.errors import PolicydiffError

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateError(PolicydiffError):
    """A date option that is not a calendar date."""


def parse_date_option(value: str, option: str) -> date:
    """A YYYY-MM-DD date (or an ISO timestamp, whose own calendar date is kept) from a command-line option."""
    text = value.strip()
    try:
        if _DATE_ONLY.fullmatch(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).date()  # the date as written: no conversion to UTC or local time
    except ValueError:
        raise DateError(f"{option}: not a date: {value!r} (expected YYYY-MM-DD, such as 2026-03-25)") from None


def add_period(start: date, amount: float, unit: str) -> date:
    """The date `amount` `unit`s after `start`, counted on the calendar (months clamp to the month's end)."""
    if unit == "hour":
        return start + timedelta(days=math.ceil(amount / 24))
    if unit == "day":
        return start + timedelta(days=math.ceil(amount))
    if unit == "week":
        return start + timedelta(days=math.ceil(amount * 7))
    if unit == "business day":
        return _add_business_days(start, math.ceil(amount))
    if unit in ("month", "year"):
        months = amount * (12 if unit == "year" else 1)
        whole = int(months)
        result = _add_months(start, whole)
        if months != whole:  # "one and a half months": the fraction in days, rounded up
            result += timedelta(days=math.ceil((months - whole) * 30))
        return result
    raise ValueError(f"unknown period unit {unit!r}")


def _add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _add_business_days(start: date, count: int) -> date:
    current = start
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current
