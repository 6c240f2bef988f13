"""`policydiff history DOC CLAUSE`: one clause's life through a document's recorded versions."""

from __future__ import annotations

import argparse
from dataclasses import asdict, dataclass

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import iso as _iso
from policydiff.commands.shell import repository, write
from policydiff.errors import ExitCode
from policydiff.model import Diff
from policydiff.safe import json_text, terminal_safe
from policydiff.store.repo import PolicyRepository, StoreError, VersionRecord


def register(subparsers: SubParsers) -> None:
    history = add_parser(subparsers, "history",
                         description="When CLAUSE (an id such as 7.2 or 3/p2, as in the latest version "
                                     "that has it) appeared, each change, moves and renumbering, and its "
                                     "removal.")
    history.add_argument("doc", metavar="DOC")
    history.add_argument("clause", metavar="CLAUSE")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.add_argument("--repo", metavar="DIR")
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
    from policydiff.api import diff_documents
    from policydiff.parse import parse_source
    from policydiff.read import read_bytes

    records = repo.versions(doc)
    documents = [parse_source(read_bytes(repo.read(doc, r), name=f"{doc}@{r.version}", suffix=".md"))
                 for r in records]
    holder = next((i for i in range(len(documents) - 1, -1, -1) if documents[i].find(clause_id)), None)
    if holder is None:
        raise StoreError(f"{doc}: no clause '{clause_id}' in any recorded version")
    events: list[Event] = []
    current = clause_id
    for index in range(holder, 0, -1):  # back to where it appeared
        change = _step(diff_documents(documents[index - 1], documents[index]), new_id=current)
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
    for index in range(holder + 1, len(documents)):  # forward to its removal
        change = _step(diff_documents(documents[index - 1], documents[index]), old_id=current)
        if change is None:
            continue
        kind, new_id, material, detail = change
        events.append(_event(records[index], kind, new_id or current, detail, material))
        if new_id is None:
            break
        current = new_id
    return events


def _step(diff: Diff, *, new_id: str | None = None,
          old_id: str | None = None) -> tuple[str, str | None, bool, str] | None:
    """How the tracked clause changed in one diff: (kind, its id on the other side, material, detail)."""
    for match in diff.matches:
        here = match.new if new_id is not None else match.old
        if here is None or here.id != (new_id or old_id):
            continue
        other = match.old if new_id is not None else match.new
        if match.kind == "unchanged":  # an unchanged clause has both sides
            assert other is not None
            return None if other.id == here.id else ("renumbered", other.id, False, f"id {here.id} ↔ {other.id}")
        change = next((c for c in (*diff.changes, *diff.structure) if c.match is match), None)
        detail = "; ".join(r.detail for r in change.reasons) if change else "with its section"
        return (match.kind, other.id if other else None, bool(change and change.material), detail)
    return None


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


