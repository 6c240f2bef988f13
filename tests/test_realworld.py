"""Every real published policy version in ../shared/realworld parses (skipped where it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policydiff.parse import parse_file

from .conftest import REALWORLD, require_shared


def real_files() -> list[Path]:
    if not REALWORLD.exists():
        return []
    return sorted(p for p in REALWORLD.rglob("*.md") if p.name != "README.md")


EVERY = 1 if os.environ.get("POLICYDIFF_ALL_REAL") else 3
"""The whole-archive diff tests take every third pair or file (a fixed sample, the same on every run),
so the suite stays within CI's budget; POLICYDIFF_ALL_REAL=1 runs every one (about eight minutes)."""


def test_realworld_corpus_present() -> None:
    require_shared(REALWORLD)
    assert len(real_files()) > 400


@pytest.mark.parametrize("collection", ["github-site-policy", "ota"])
def test_every_real_version_parses(collection: str) -> None:
    require_shared(REALWORLD)
    problems = []
    for path in (p for p in real_files() if collection in p.parts):
        doc = parse_file(path)
        ids = [c.id for c in doc.walk()]
        body = list(doc.body())
        if len(ids) != len(set(ids)):
            problems.append(f"{path}: duplicate ids")
        if not body:
            problems.append(f"{path}: no body clauses")
        german = path.parts[-3:] == ("tiktok", "privacy-policy", "2022-07-11.md")  # a capture of the German page
        if doc.language != ("de" if german else "en"):
            problems.append(f"{path}: read as language {doc.language}")
    assert not problems, "\n".join(problems[:20])


def test_github_terms_structure() -> None:
    require_shared(REALWORLD)
    path = next((REALWORLD / "github-site-policy" / "terms-of-service").glob("2026-*.md"))
    doc = parse_file(path)
    assert doc.metadata.title == "GitHub Terms of Service"
    ids = {c.id for c in doc.walk()}
    assert {"a-definitions", "b-account-terms", "summary"} & ids or {"A", "B"} <= ids
    assert doc.metadata.effective is not None and doc.metadata.effective.date.isoformat() == "2020-11-16"


def test_every_consecutive_real_pair_diffs() -> None:
    from policydiff.api import diff_documents

    require_shared(REALWORLD)
    folders: dict[Path, list[Path]] = {}
    for path in real_files():
        folders.setdefault(path.parent, []).append(path)
    pairs = 0
    for files in folders.values():
        files = sorted(files)
        for index, (old_path, new_path) in enumerate(zip(files, files[1:])):
            if index % EVERY:
                continue
            old, new = parse_file(old_path), parse_file(new_path)
            result = diff_documents(old, new)
            accounted = sum(1 for m in result.matches for _ in filter(None, (m.new,))) + sum(
                len(m.new_extra) for m in result.matches)
            assert accounted == len(list(new.body())), new.source
            pairs += 1
    assert pairs > 300 // EVERY


def test_a_real_version_diffed_with_itself_lists_nothing_and_ids_are_short() -> None:
    """Whatever a real page holds (images, empty links, repeated copies, tables of contents), diff(a, a)
    lists nothing in any part of its output, and `show` ids are short enough to type and cite."""
    from policydiff.api import diff_documents

    require_shared(REALWORLD)
    listed = []
    ids = long = 0
    for path in real_files()[::EVERY]:
        document = parse_file(path)
        result = diff_documents(document, document)
        if result.changes or result.structure or result.non_operative:
            listed.append(f"{path}: {len(result.changes) + len(result.structure) + len(result.non_operative)}")
        for clause in document.walk():
            ids += 1
            long += len(clause.id) > 40
    assert not listed, "\n".join(listed[:20])
    assert long <= 0.05 * ids, f"{long} of {ids} ids are longer than 40 characters"
