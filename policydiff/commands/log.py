"""`policydiff log DOC`: the recorded versions of a document, with each one's change summary.

Read from the commits' trailers, so it stays fast however long the history.
"""

from __future__ import annotations

import argparse

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import iso as _iso
from policydiff.commands.shell import repository, write
from policydiff.errors import ExitCode
from policydiff.safe import json_text, terminal_safe
from policydiff.store.repo import PolicyRepository, StoreError


def register(subparsers: SubParsers) -> None:
    log = add_parser(subparsers, "log", description="List the recorded versions of DOC, newest first, with dates, "
                                                    "commits and each version's change summary.",
                     examples=["policydiff log privacy", "policydiff log privacy --format json"])
    log.add_argument("doc", metavar="DOC", help="a document recorded with `policydiff add`: privacy, terms…")
    log.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    log.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    log.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write(render_log(repository(args), args.doc, args.format))
    return ExitCode.OK


def render_log(repo: PolicyRepository, doc: str, fmt: str) -> str:
    records = repo.versions(doc)
    if not records:
        raise StoreError(f"{doc}: no versions recorded in {repo.root}")
    if fmt == "json":
        rows = [{"version": r.version, "effective_date": _iso(r.effective), "last_updated": _iso(r.last_updated),
                 "supersedes": r.supersedes, "material_changes": r.material_changes, "changes": r.changes,
                 "commit": r.commit, "tag": f"{doc}/v{r.version}"} for r in records]
        return json_text({"schema": "policydiff.log/1", "document": doc, "versions": rows})
    lines = [f"{doc}: {len(records)} versions", ""]
    for record in reversed(records):
        summary = "first recorded version" if record.supersedes is None else (
            f"{record.material_changes} material · {record.changes}" if record.changes else "")
        lines.append(f"{record.version:<10} effective {_iso(record.effective) or '?':<10}  "
                     f"updated {_iso(record.last_updated) or '?':<10}  {record.commit[:8]}  {terminal_safe(summary)}")
    return "\n".join(lines) + "\n"
