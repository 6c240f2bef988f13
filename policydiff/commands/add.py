"""`policydiff add DOC FILE`: record a parsed document as the next version of a document, refusing what
would corrupt the record (a repeated label, dates going backwards, a dirty work tree)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import add_tracked, repository, write
from policydiff.errors import ExitCode
from policydiff.model import DatedValue, Document, VersionRef
from policydiff.read import SourceText, read_bytes
from policydiff.store.names import as_date
from policydiff.store.repo import PolicyRepository, StoreError, VersionRecord, check_doc_name, check_version_label
from policydiff.store.trailers import trailer_line


def register(subparsers: SubParsers) -> None:
    add = add_parser(subparsers, "add",
                     description="Record FILE as the next version of DOC (a name such as privacy or "
                                 "ai-terms): stored as Markdown in policies/DOC.md, one commit with "
                                 "trailers, and a tag DOC/vVERSION. Version and dates default to what "
                                 "the document states.",
                     examples=["policydiff add privacy ~/Downloads/privacy-2025-06.md",
                               "policydiff add terms terms.docx --version 4.0 --effective 2025-12-20"])
    add.add_argument("doc", metavar="DOC", help="the document's name in the repository: privacy, terms, ai-terms…")
    add.add_argument("file", metavar="FILE", help=f"the new version: {POLICY_NAMES}")
    add.add_argument("--version", dest="label", metavar="V", help="version label (default: the document's own)")
    add.add_argument("--effective", metavar="DATE", help="effective date, YYYY-MM-DD (default: the document's)")
    add.add_argument("--last-updated", metavar="DATE", help="last-updated date (default: the document's)")
    add.add_argument("--message", "-m", metavar="M", help="commit subject (default: 'DOC: version V')")
    add.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    add.add_argument("--force", action="store_true", help="record even a repeated label or dates going backwards")
    add_tracked(add)
    add.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.parse import parse_source
    from policydiff.sources import read_source

    repo = repository(args)
    source = read_source(args.file, tracked=args.tracked)
    result = add_version(args.doc, source, parse_source(source), repo=repo, version=args.label,
                         effective=args.effective, last_updated=args.last_updated, message=args.message,
                         force=args.force)
    write(result.message)
    return ExitCode.OK


@dataclass(frozen=True)
class AddResult:
    record: VersionRecord | None
    message: str


def add_version(doc: str, source: SourceText, document: Document, *, repo: PolicyRepository,
                version: str | None, effective: str | None, last_updated: str | None, message: str | None,
                force: bool, commit_date: date | None = None) -> AddResult:
    """Record a parsed document as the next version of `doc`; refuses what would corrupt the record."""
    from policydiff.api import diff_documents
    from policydiff.parse import parse_source
    from policydiff.render.markdown_tree import render_markdown

    check_doc_name(doc)
    meta = document.metadata
    label = version or (meta.version.version if meta.version and meta.version.version else None)
    if label is None:
        raise StoreError(f"{source.name}: the document states no version label; pass --version")
    label = check_version_label(label[1:] if label[:1] in "vV" and label[1:2].isdigit() else label)
    effective_date = _option_date(effective, "--effective") or (meta.effective.date if meta.effective else None)
    updated_date = _option_date(last_updated, "--last-updated") or (meta.last_updated.date if meta.last_updated else None)
    recorded = replace(meta, version=VersionRef(label, None, f"version: {label}"),
                       effective=DatedValue(effective_date, "recorded") if effective_date else meta.effective,
                       last_updated=DatedValue(updated_date, "recorded") if updated_date else meta.last_updated)
    markdown = render_markdown(replace(document, metadata=recorded))
    if message is not None and trailer_line(message):
        raise StoreError(f"-m: the line {trailer_line(message)!r} would read as one of the trailers policydiff "
                         "writes itself (Document, Version, Material-Changes…); leave it out of the message")
    with repo.locked() as repairs:
        repo.check_writable()
        records = repo.versions(doc)
        latest = records[-1] if records else None
        if latest is not None:
            tagged = repo.tag_if_missing(latest)
            repairs += [f"{tagged}: version {latest.version} was committed without its tag"] if tagged else []
        if latest is not None and _body(repo.read(doc, latest).decode("utf-8")) == _body(markdown):
            return AddResult(None, _with(repairs, f"{doc}: identical to version {latest.version}; nothing recorded"))
        if any(r.version == label for r in records) and not force:
            raise StoreError(f"{doc}: version {label} is already recorded (use --force to record it again)")
        if latest is not None and not force:
            for name, new, old in (("effective date", effective_date, latest.effective),
                                   ("last-updated date", updated_date, latest.last_updated)):
                if new is not None and old is not None and new < old:
                    raise StoreError(f"{doc}: {name} {new.isoformat()} is before version {latest.version}'s "
                                     f"{old.isoformat()} (use --force if that is intended)")
        counts = None
        if latest is not None:
            previous = parse_source(read_bytes(repo.read(doc, latest), name=f"{doc}@{latest.version}", suffix=".md"))
            counts = diff_documents(previous, document).summary()
        trailers = {"Document": doc, "Version": label}
        if effective_date:
            trailers["Effective-Date"] = effective_date.isoformat()
        if updated_date:
            trailers["Last-Updated"] = updated_date.isoformat()
        if latest is not None:
            trailers["Supersedes"] = latest.version
        if counts is not None:
            trailers["Material-Changes"] = str(counts["material"])
            trailers["Changes"] = ", ".join(f"{n} {k}" for k, n in counts.items() if n and k != "material") or "none"
        original = (Path(source.name).suffix.lower(), source.data) if source.format in ("docx", "pdf") else None
        subject = message or f"{doc}: version {label}"
        sha = repo.commit_version(doc, markdown, original, subject, trailers, f"{doc}/v{label}", commit_date,
                                  force=force)
        record = repo.versions(doc)[-1]
    changes = f"; {counts['material']} material of {sum(v for k, v in counts.items() if k != 'material')} changes" \
        f" against {latest.version}" if counts is not None and latest is not None else ""
    when = f" (effective {effective_date.isoformat()})" if effective_date else ""
    return AddResult(record, _with(repairs, f"recorded {doc} version {label}{when} as {sha[:8]}, tag {doc}/v{label}"
                                            f"{changes}"))


def _with(repairs: list[str], message: str) -> str:
    """The result line, after a line for each repair made on the way in."""
    return "\n".join([*(f"repaired: {note}" for note in repairs), message])


def _body(markdown: str) -> str:
    """The stored Markdown without its front matter (the label and dates policydiff recorded)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5:]
    return markdown


def _option_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    parsed = as_date(value)
    if parsed is None:
        raise StoreError(f"{option}: not a date: {value!r} (use YYYY-MM-DD)")
    return parsed
