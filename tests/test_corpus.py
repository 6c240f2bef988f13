"""The bundled corpus parses as its ground truth expects: every referenced clause exists, quotes match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from policydiff.parse import parse_file

from .conftest import CORPUS

FAMILIES = sorted(p for p in CORPUS.iterdir() if (p / "changes.yaml").exists())


def load(family: Path) -> dict[str, Any]:
    return yaml.safe_load((family / "changes.yaml").read_text(encoding="utf-8"))


def test_corpus_has_three_families_in_three_formats() -> None:
    formats = {load(f)["format"] for f in FAMILIES}
    assert len(FAMILIES) >= 3 and formats >= {"markdown", "text", "html"}
    for family in FAMILIES:
        assert len(load(family)["versions"]) >= 3


@pytest.mark.parametrize("family", FAMILIES, ids=lambda p: p.name)
def test_version_metadata_matches_ground_truth(family: Path) -> None:
    for version in load(family)["versions"]:
        meta = parse_file(family / version["file"]).metadata
        assert meta.effective is not None and meta.effective.date.isoformat() == str(version["effective"])
        assert meta.last_updated is not None and meta.last_updated.date.isoformat() == str(version["last_updated"])


@pytest.mark.parametrize("family", FAMILIES, ids=lambda p: p.name)
def test_ground_truth_locations_exist(family: Path) -> None:
    truth = load(family)
    docs = {v["version"]: parse_file(family / v["file"]) for v in truth["versions"]}
    for diff in truth["diffs"]:
        for side, version in (("old", diff["from"]), ("new", diff["to"])):
            for change in diff["changes"]:
                clause_id, quote = change.get(f"{side}_id"), change.get(f"{side}_quote")
                if clause_id is None:
                    continue
                clause = docs[version].find(str(clause_id))
                assert clause is not None, f"{family.name} {version}: no clause {clause_id}"
                seen = " ".join(filter(None, [clause.number, clause.heading, clause.full_text]))
                assert quote is None or quote in seen, f"{family.name} {version} {clause_id}: {quote!r}"
