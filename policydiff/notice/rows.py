"""A table row read by its header: who receives what and why, or which cookie does what for how long.

A row added to a table of recipients is a new recipient even when the classifier only says "clause
added", and "AI Processing | SOW content, document text | AI-powered analysis" is no sentence for a
customer. The header row names the columns ("Recipient | Data Shared | Purpose"); the phrase book
says which header words mean who, what data, what purpose, where, which cookie and how long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policydiff.model import Clause
from policydiff.notice.book import phrases
from policydiff.notice.words import noun_phrase, place

_ROLE_ORDER = ("name", "who", "duration", "region", "data", "purpose")
_NOUN_ENDING_IN_S = frozenset({"analytics", "statistics", "preferences", "ads", "sessions", "settings", "payments",
                               "communications", "operations", "services", "metrics", "purposes", "essentials"})


@dataclass(frozen=True, slots=True)
class Row:
    """A table row with its header: the cells by role."""

    header: tuple[str, ...]
    cells: tuple[str, ...]
    roles: dict[str, int]
    """Role ("who", "data", "purpose", "region", "duration", "name") → column index."""
    cookies: bool
    """A table of cookies (a name and a duration column, or a table in a section about cookies)."""

    def cell(self, role: str) -> str:
        index = self.roles.get(role)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def described(self) -> str:
        """The row in words for the email's quote: "Recipient: Stripe; Data Shared: billing data"."""
        if not self.header:
            return "; ".join(cell for cell in self.cells if cell.strip())
        return "; ".join(f"{name}: {cell}" for name, cell in zip(self.header, self.cells) if cell.strip())

    def values(self) -> dict[str, str]:
        """The sentence fields this row gives: {who}, {data}, {purpose}, {region}, {name}, {provider}…"""
        who = self.cell("who") or (self.cells[0].strip() if self.cells and not self.cookies else "")
        values = {"who": with_article(who), "data": listed(noun_phrase(self.cell("data"))),
                  "region": place(self.cell("region")), "duration": self.cell("duration"),
                  "name": self.cell("name") or (self.cells[0].strip() if self.cells else ""),
                  "provider": self.cell("who")}
        purpose = self.cell("purpose")
        first = purpose.split(" ", 1)[0]
        if re.fullmatch(r"[A-Z][a-z]+s", first) and first.lower() not in _NOUN_ENDING_IN_S:
            values["does"] = first.lower() + purpose[len(first):].rstrip(".")
        values["purpose"] = noun_phrase(purpose)
        return {key: value for key, value in values.items() if value}


def read_row(clause: Clause, parent: Clause | None, headings: str) -> Row:
    """The row with the header row of its table (the nearest header row above it)."""
    header: tuple[str, ...] = ()
    if parent is not None:
        for sibling in parent.children:
            if sibling is clause:
                break
            if sibling.kind == "table-row" and sibling.header:
                header = sibling.cells
    roles = _roles(header)
    cookies = ("name" in roles and "duration" in roles) or bool(re.search(phrases()["sections"]["cookies"],
                                                                          headings, re.I))
    return Row(header, clause.cells, roles, cookies)


def _roles(header: tuple[str, ...]) -> dict[str, int]:
    patterns = _patterns()
    roles: dict[str, int] = {}
    for role in _ROLE_ORDER:
        for index, name in enumerate(header):
            if index not in roles.values() and patterns[role].search(name):
                roles[role] = index
                break
    return roles


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {role: re.compile(pattern, re.I) for role, pattern in phrases()["columns"].items()}


def with_article(name: str) -> str:
    """A recipient as a sentence names it: a kind of recipient gets "a"/"an" ("an AI model provider"); a
    name ("Stripe", "Sentinel Harbor Labs, Inc.") or a plural ("advertising partners") does not."""
    words = name.split()
    if len(words) < 2 or not any(word[:1].islower() for word in words[1:]) or words[-1].endswith("s"):
        return name
    if words[0].lower() in ("a", "an", "the", "our", "your"):
        return name
    return f"{'an' if name[:1].lower() in 'aeio' else 'a'} {name}"


def listed(text: str) -> str:
    """"SOW content, document text" → "SOW content and document text": a list of data as a sentence says it."""
    if ", " in text and " and " not in text and " or " not in text:
        head, _, last = text.rpartition(", ")
        return f"{head} and {last}"
    return text


def changed_cell(old: Row, new: Row) -> tuple[str, str, str] | None:
    """(column, before, after) of the first cell that differs between two versions of a row."""
    for index, (before, after) in enumerate(zip(old.cells, new.cells)):
        if " ".join(before.split()) != " ".join(after.split()):
            column = new.header[index] if index < len(new.header) else ""
            return column, before.strip(), after.strip()
    return None
