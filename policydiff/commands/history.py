"""`policydiff history DOC CLAUSE`: one clause's life through a document's recorded versions."""

from __future__ import annotations

import argparse
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import iso as _iso
from policydiff.commands.shell import repository, write
from policydiff.errors import ExitCode
from policydiff.model import Document
from policydiff.safe import json_text, terminal_safe
from policydiff.store.repo import DOCUMENTS, PolicyRepository, StoreError, VersionRecord

if TYPE_CHECKING:
    from policydiff.store.cache import Steps


def register(subparsers: SubParsers) -> None:
    history = add_parser(subparsers, "history",
                         description="When CLAUSE (an id such as 7.2 or 3/p2, as in the latest version "
                                     "that has it) appeared, each change, moves and renumbering, and its "
                                     "removal.",
                         examples=["policydiff history privacy 11/p2", "policydiff history terms 6.2 --format json"])
    history.add_argument("doc", metavar="DOC", help="a document recorded with `policydiff add`: privacy, terms…")
    history.add_argument("clause", metavar="CLAUSE", help="a clause id, as `policydiff show` prints it: 7.2, 3/p2…")
    history.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    history.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    history.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write(render_history(repository(args), args.doc, args.clause, args.format))
    return ExitCode.OK


@dataclass(frozen=True)
class Event:
    version: str
    effective: str | None
    kind: str
    clause_id: str
    detail: str
    material: bool


def clause_history(repo: PolicyRepository, doc: str, clause_id: str) -> list[Event]:
    """Every change to one clause, oldest first, traced through the alignment of consecutive versions."""
    records = repo.versions(doc)
    versions = _Versions(repo, doc, records)
    holder = next((i for i in range(len(records) - 1, -1, -1) if clause_id in versions.ids(i)), None)
    if holder is None:
        raise StoreError(f"{doc}: no clause '{clause_id}' in any recorded version")
    events: list[Event] = []
    current = clause_id
    for index in range(holder, 0, -1):  # back to where it appeared
        change = versions.steps(index)[0].get(current)
        if change is None:
            continue
        kind, old_id, material, detail = change
        events.append(_event(records[index], kind, current, detail, material))
        if old_id is None:
            break
        current = old_id
    else:
        events.append(_event(records[0], "appeared", current, "in the first recorded version", False))
    events.reverse()
    current = clause_id
    for index in range(holder + 1, len(records)):  # forward to its removal
        change = versions.steps(index)[1].get(current)
        if change is None:
            continue
        kind, new_id, material, detail = change
        events.append(_event(records[index], kind, new_id or current, detail, material))
        if new_id is None:
            break
        current = new_id
    return events


class _Versions:
    """The recorded versions' clause ids and consecutive steps, from the history cache by blob id, each
    computed (parsed, diffed) only when the cache does not have it, and then kept there."""

    def __init__(self, repo: PolicyRepository, doc: str, records: list[VersionRecord]) -> None:
        from policydiff.store import plumbing
        from policydiff.store.cache import HistoryCache

        self.repo, self.doc, self.records = repo, doc, records
        path = f"{DOCUMENTS}/{doc}.md"
        self.blobs = plumbing.blob_ids(repo.root, [f"{record.commit}:{path}" for record in records])
        self.cache = HistoryCache(plumbing.git_dir(repo.root)) if records else None
        self._documents: dict[int, Document] = {}
        self._ids: dict[int, frozenset[str]] = {}

    def ids(self, index: int) -> frozenset[str]:
        """Every clause id of a version."""
        if index not in self._ids:
            blob = self.blobs[index]
            found = self.cache.ids(blob) if self.cache is not None and blob else None
            self._ids[index] = found if found is not None else frozenset(c.id for c in self.document(index).walk())
        return self._ids[index]

    def document(self, index: int) -> Document:
        if index not in self._documents:
            blob = self.blobs[index]
            cached = self.cache.tree(blob) if self.cache is not None and blob else None
            if isinstance(cached, Document):
                self._documents[index] = cached
            else:
                from policydiff.parse import parse_source
                from policydiff.read import read_bytes

                record = self.records[index]
                document = parse_source(read_bytes(self.repo.read(self.doc, record), name=f"{self.doc}@{record.version}",
                                                   suffix=".md"))
                if self.cache is not None and blob:
                    self.cache.put_tree(blob, document)
                self._documents[index] = document
        return self._documents[index]

    def steps(self, index: int) -> Steps:
        """How each clause changed from version index - 1 to version index, by its new and its old id."""
        old_blob, new_blob = self.blobs[index - 1], self.blobs[index]
        cached = self.cache.steps(old_blob, new_blob) if self.cache is not None and old_blob and new_blob else None
        if cached is not None:
            return cached
        from policydiff.api import diff_documents
        from policydiff.store.cache import steps_of

        steps = steps_of(diff_documents(self.document(index - 1), self.document(index)))
        if self.cache is not None and old_blob and new_blob:
            self.cache.put_steps(old_blob, new_blob, steps)
        return steps


def _event(record: VersionRecord, kind: str, clause_id: str, detail: str, material: bool) -> Event:
    return Event(record.version, _iso(record.effective), kind, clause_id, detail, material)


def render_history(repo: PolicyRepository, doc: str, clause_id: str, fmt: str) -> str:
    events = clause_history(repo, doc, clause_id)
    if fmt == "json":
        return json_text({"schema": "policydiff.history/1", "document": doc, "clause": clause_id,
                          "events": [asdict(e) for e in events]})
    lines = [f"{doc} {clause_id}: {len(events)} events", ""]
    for event in events:
        flag = "material" if event.material else ""
        lines.append(f"{event.version:<10} {event.effective or '':<10}  {event.kind:<10} {event.clause_id:<14} "
                     f"{flag:<8} {terminal_safe(event.detail)}")
    return "\n".join(lines) + "\n"


