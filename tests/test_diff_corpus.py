"""The diff engine against the corpus ground truth: every intended change, right kind and place, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from policydiff.api import diff
from policydiff.model import Diff

from .conftest import CORPUS

FAMILIES = sorted(p for p in CORPUS.iterdir() if (p / "changes.yaml").exists())


def pairs() -> list[tuple[Path, dict[str, Any]]]:
    result = []
    for family in FAMILIES:
        truth = yaml.safe_load((family / "changes.yaml").read_text(encoding="utf-8"))
        for step in truth["diffs"]:
            result.append((family, {**step, "versions": truth["versions"]}))
    return result


def _id(value: object) -> str | None:
    return None if value is None else str(value)


def _found(result: Diff) -> dict[tuple[str | None, str | None], str]:
    """Every entry the diff reports, the changes of terms and those of structure alone (listed apart)."""
    return {(c.old.id if c.old else None, c.new.id if c.new else None): c.kind
            for c in (*result.changes, *result.structure)}


@pytest.mark.parametrize("family,step", pairs(), ids=lambda v: v.name if isinstance(v, Path) else f"{v['from']}-{v['to']}")
def test_ground_truth_changes_found_exactly(family: Path, step: dict[str, Any]) -> None:
    files = {v["version"]: family / v["file"] for v in step["versions"]}
    result = diff(files[step["from"]], files[step["to"]])
    found = _found(result)
    expected = {(_id(c["old_id"]), _id(c["new_id"])): c["kind"] for c in step["changes"]}
    missing = {k: v for k, v in expected.items() if k not in found}
    wrong = {k: (v, found[k]) for k, v in expected.items() if k in found and found[k] != v}
    extra = {k: v for k, v in found.items() if k not in expected}
    assert not missing and not wrong and not extra, f"missing={missing} wrong-kind={wrong} extra={extra}"


def test_corpus_figures(capsys: pytest.CaptureFixture[str]) -> None:
    expected_total = found_total = extra_total = 0
    for family, step in pairs():
        files = {v["version"]: family / v["file"] for v in step["versions"]}
        result = diff(files[step["from"]], files[step["to"]])
        found = _found(result)
        expected = {(_id(c["old_id"]), _id(c["new_id"])): c["kind"] for c in step["changes"]}
        expected_total += len(expected)
        found_total += sum(1 for k, v in expected.items() if found.get(k) == v)
        extra_total += sum(1 for k in found if k not in expected)
    with capsys.disabled():
        print(f"\ncorpus ground truth: {found_total}/{expected_total} changes found with kind and location, "
              f"{extra_total} unexpected")
    assert found_total == expected_total and extra_total == 0
