"""`policydiff lint`: commitments and problems of one version, on the seeds and the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydiff.cli import main
from policydiff.lint import lint
from policydiff.notice.promise import read_promise
from policydiff.parse import parse_file, parse_text

from .conftest import CORPUS, SEEDS, require_shared


def seed(prefix: str) -> Path:
    require_shared(SEEDS)
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def problems(path: Path) -> dict[str, str]:
    return {p.code: p.detail for p in lint(parse_file(path)).problems}


def test_first_seed_promises_thirty_days_but_gives_six() -> None:
    report = lint(parse_file(seed("000")))
    assert report.notice.rule == "fixed-period" and report.notice.days == 30
    assert report.notice.clause_id == "12/p1" and "email" in report.notice.means
    (problem,) = report.problems
    assert problem.code == "notice-gap"
    assert "6 days after last updated 2026-02-23" in problem.detail and "thirty (30) days" in problem.detail


def test_second_seed_has_no_change_clause() -> None:
    assert set(problems(seed("001"))) == {"no-change-clause"}


def test_third_seed_changes_take_effect_at_next_renewal() -> None:
    report = lint(parse_file(seed("002")))
    assert report.notice.rule == "next-renewal" and report.notice.law_exception
    notice = next(c for c in report.commitments if c.kind == "change-notice")
    assert "next renewal" in notice.value and notice.clause_id == "12/p1"
    assert set(problems(seed("002"))) == {"page-furniture"}


@pytest.mark.parametrize("path,rule,days", [
    (CORPUS / "brightdesk-privacy" / "v2.1.md", "fixed-period", 15),
    (CORPUS / "tallyhq-terms" / "v4.0.txt", "fixed-period", 14),
    (CORPUS / "quillmind-ai-terms" / "v1.html", "next-renewal", None),
    (CORPUS / "quillmind-ai-terms" / "v4.html", "fixed-period", 30),
])
def test_notice_promise_in_corpus(path: Path, rule: str, days: int | None) -> None:
    promise = read_promise(parse_file(path))
    assert promise.rule == rule and promise.days == days


def test_commitments_table() -> None:
    report = lint(parse_file(CORPUS / "brightdesk-privacy" / "v1.0.md"))
    kinds = {c.kind for c in report.commitments}
    assert {"change-notice", "retention", "no-sale"} <= kinds
    retention = " ".join(c.value for c in report.commitments if c.kind == "retention")
    assert "90 days" in retention


def test_age_is_not_a_retention_period() -> None:
    doc = parse_text("Policy\n1. Children\nThe service is not for anyone under 16 years of age.\n"
                     "2. Changes\nWe may update this policy and will email you 30 days before changes take effect.\n")
    report = lint(doc)
    assert not [c for c in report.commitments if c.kind == "retention"]
    assert report.notice.days == 30


def test_cli_lint_exit_codes_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Policy\nEffective Date: May 1, 2026 | Last Updated: March 1, 2026\n1. Changes\n"
                     "We may change this policy. We will email you at least thirty (30) days before changes take "
                     "effect.\n", encoding="utf-8")
    assert main(["lint", str(clean)]) == 0
    assert "problems: none found" in capsys.readouterr().out
    gap = tmp_path / "gap.txt"
    gap.write_text(clean.read_text(encoding="utf-8").replace("March 1", "April 25"), encoding="utf-8")
    assert main(["lint", str(gap), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "policydiff.lint/1" and data["notice"]["days"] == 30
    assert [p["code"] for p in data["problems"]] == ["notice-gap"]
    assert main(["lint", str(tmp_path / "missing.txt")]) == 2
