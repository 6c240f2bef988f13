"""Recorded versions by name: `DOC@2.1`, `DOC@latest`, `DOC@2026-03-15`, `DOC@~2`.

`DOC@2.1` is a version label (`v2.1` too), `DOC@latest` the newest, `DOC@2026-03-15` the version in
force on that date (the latest whose effective date is on or before it), `DOC@~2` two versions back.

sources.py imports REVISION from here for every file a command reads, so the repository code (and
what it imports: the lock, the journal, sockets) loads only once a DOC@REV name is resolved.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from policydiff.read import SourceText
    from policydiff.store.repo import PolicyRepository, VersionRecord

REVISION = re.compile(r"^(?P<doc>[a-z0-9][a-z0-9_-]{0,63})@(?P<rev>[^:{}]+)$")
"""`DOC@REV`: a document name (a slug, as `policydiff add` accepts) and a revision of it. A revision
of a document has no ":" or braces: `main@{1.year.ago}:p.txt` is git's REV:PATH, not a document."""


def resolve(argument: str, repo: PolicyRepository | None = None) -> tuple[VersionRecord, SourceText]:
    """The version a DOC@REV name points at, and its stored text."""
    from policydiff.read import read_bytes
    from policydiff.store.repo import PolicyRepository, StoreError

    match = REVISION.match(argument)
    if not match:
        raise StoreError(f"{argument}: not a DOC@REVISION name")
    doc, rev = match["doc"], match["rev"]
    repo = repo or PolicyRepository.open()
    records = repo.versions(doc)
    if not records:
        raise StoreError(f"{argument}: no versions of '{doc}' in {repo.root} (record one with `policydiff add`)")
    record = _pick(argument, records, rev)
    return record, read_bytes(repo.read(doc, record), name=argument, suffix=".md")


def _pick(argument: str, records: list[VersionRecord], rev: str) -> VersionRecord:
    from policydiff.store.repo import StoreError

    if rev == "latest":
        return records[-1]
    back = re.fullmatch(r"~(\d+)", rev)
    if back:
        steps = int(back.group(1))
        if steps >= len(records):
            raise StoreError(f"{argument}: only {len(records)} versions recorded")
        return records[-1 - steps]
    when = as_date(rev)
    if when is not None and not any(r.version == rev for r in records):
        in_force = [r for r in records if r.effective is not None and r.effective <= when]
        if not in_force:
            raise StoreError(f"{argument}: no recorded version was in force on {when.isoformat()}")
        return max(in_force, key=lambda r: (r.effective, records.index(r)))
    label = rev[1:] if rev[:1] in "vV" and rev[1:2].isdigit() else rev
    for record in reversed(records):
        if record.version in (rev, label):
            return record
    known = ", ".join(r.version for r in records[-6:])
    raise StoreError(f"{argument}: no version '{rev}' (recorded: {known})")


def as_date(text: str) -> date | None:
    """A date as a user writes it: YYYY-MM-DD, or as policies do ("March 15, 2026")."""
    from datetime import date

    from policydiff.parse.metadata import parse_date

    try:
        return date.fromisoformat(text)
    except ValueError:
        return parse_date(text)
