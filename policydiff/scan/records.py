"""The dataset `policydiff scan` writes: the policydiff.scan/1 schema, one record per change and one per pair.

The records are frozen dataclasses, and their fields are the schema: JSON Lines writes each record's
own fields in this order, Parquet writes the union of both kinds (a field of the other kind is null),
and README's table documents every field. Fields may be added; none changes meaning within
policydiff.scan/1. The verdict fields are the ones `policydiff diff --format json` and
`policydiff check` give for the same two versions.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

SCHEMA = "policydiff.scan/1"

Key = tuple[str, str, str, str, str]
"""What makes a pair done: (document, old_blob, new_blob, policydiff_version, rules)."""

TIMING_FIELDS = frozenset({"seconds"})
"""Fields that differ from run to run on the same input: leave them out when comparing runs."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason a change was classified as it was: a stable code and the words that changed."""

    code: str
    detail: str
    severity: str


@dataclass(frozen=True, slots=True)
class Record:
    """What every record carries: which pair of which document it belongs to."""

    schema: str
    """Always "policydiff.scan/1"."""
    record: Literal["change", "pair"]
    document: str
    """The document: its path in the repository without the suffix ("Wikipedia/Terms of Service"), or
    its folder's path under the archive folder."""
    old_path: str
    """The file of the old version: its path in the repository, or under the archive folder."""
    new_path: str
    old_commit: str | None
    """The commit that recorded the old version (null for a folder of files)."""
    new_commit: str | None
    old_date: str
    """The day the old version was recorded, YYYY-MM-DD: the commit's author date, or the file's name."""
    new_date: str
    old_blob: str
    """The git blob id of the old version's bytes (computed the same way for a folder's files)."""
    new_blob: str
    policydiff_version: str
    rules: str
    """A fingerprint of the team's rules and notice settings the pair was classified with ("default": none)."""

    def key(self) -> Key:
        return (self.document, self.old_blob, self.new_blob, self.policydiff_version, self.rules)

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON Lines writes it: its fields in schema order, reasons as objects."""
        out: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, tuple):
                value = [item_dict(item) for item in value]
            out[field.name] = value
        return out


def item_dict(item: Any) -> Any:
    if isinstance(item, Reason):
        return {"code": item.code, "detail": item.detail, "severity": item.severity}
    return item


@dataclass(frozen=True, slots=True)
class ChangeRecord(Record):
    """One change between the two versions, as `diff --format json` lists it under "changes"."""

    index: int
    """Its place in the pair's list of changes, from 0, in the order `diff` prints them."""
    kind: str
    """added, removed, modified, moved, renumbered, split or merged."""
    old_id: str | None
    new_id: str | None
    old_heading: str | None
    """The heading of the section the clause stood under in the old version."""
    new_heading: str | None
    clause_kind: str
    """heading, paragraph, list-item, table-row..."""
    similarity: float
    material: bool
    severity: str
    """material, minor or editorial."""
    categories: tuple[str, ...]
    direction: str
    """expands, restricts or neutral: what a material change does to what the company may do."""
    consent: bool
    """A regulator would expect fresh opt-in consent."""
    reason_codes: tuple[str, ...]
    reasons: tuple[Reason, ...]
    old_text: str | None
    new_text: str | None


@dataclass(frozen=True, slots=True)
class PairRecord(Record):
    """One pair of consecutive versions: what was found, the notice verdict, or why it failed."""

    status: Literal["ok", "failed"]
    error: str | None
    """Why the pair could not be diffed, in one line (null when status is ok)."""
    changes: int
    """How many changes `diff` lists (the change records of this pair)."""
    material_changes: int
    consent_changes: int
    """How many material changes need fresh consent."""
    added: int
    removed: int
    modified: int
    moved: int
    renumbered: int
    split: int
    merged: int
    structure: int
    """Changes of structure alone (a section split in two, headings only), listed apart by `diff`."""
    non_operative: int
    """Changes to text that binds no one (a table of contents, a summary box), listed apart by `diff`."""
    defects: int
    """Problems of the new version itself, such as cross-references left pointing at the wrong section."""
    noise_only: bool
    """The two versions differ in bytes but not in any clause (whitespace, links, formatting)."""
    notice_verdict: str | None
    """`policydiff check`'s verdict, as it would have been on the day the new version was recorded."""
    notice_passed: bool | None
    notice_days_given: int | None
    notice_days_required: int | None
    old_title: str | None
    new_title: str | None
    old_version: str | None
    """The version the document states for itself, if any."""
    new_version: str | None
    old_effective: str | None
    """The effective date the document states for itself, if any."""
    new_effective: str | None
    old_language: str | None
    """The language each version is written in ("en", "de"): policydiff's rules read English."""
    new_language: str | None
    seconds: float
    """How long the pair took to read, diff and check (a timing field)."""


def field_names(kind: type[Record]) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def union_fields() -> tuple[str, ...]:
    """Every field of either kind, once, in the order Parquet's columns have them."""
    names = list(field_names(ChangeRecord))
    names += [name for name in field_names(PairRecord) if name not in names]
    return tuple(names)


def key_of(data: dict[str, Any]) -> Key:
    """The key of a record read back from OUT (a dict of its fields)."""
    return (str(data["document"]), str(data["old_blob"]), str(data["new_blob"]), str(data["policydiff_version"]),
            str(data["rules"]))
