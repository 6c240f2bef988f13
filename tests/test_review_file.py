"""Review decisions: stable keys, the review file (save, resume, corrupt), overrides and exports."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.errors import InputError
from policydiff.model import Diff
from policydiff.review.report import export_review_json, export_review_markdown
from policydiff.review import (Decision, Review, apply_review, change_fingerprint, change_key,
                               default_review_path, load_review, review_slug, save_review)

from .conftest import CORPUS

OLD = CORPUS / "brightdesk-privacy" / "v2.0.md"
NEW = CORPUS / "brightdesk-privacy" / "v2.1.md"
NOON = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def pair() -> Diff:
    return diff(OLD, NEW)


def decided(result: Diff, key: str, **fields: object) -> Review:
    change = next(c for c in result.changes if change_key(c) == key)
    decision = Decision(fingerprint=change_fingerprint(change), **fields)  # type: ignore[arg-type]
    return Review(str(OLD), str(NEW)).with_decision(key, decision, NOON)


def test_keys_name_kind_and_both_sides_and_survive_a_rerun(pair: Diff) -> None:
    keys = [change_key(c) for c in pair.changes]
    assert keys == ["modified:3/p1>3/p1", "modified:7/p2>7/p2", "renumbered:12>11", "modified:12/p2>11/p2",
                    "moved:11>12"]
    again = diff(OLD, NEW)
    assert [change_key(c) for c in again.changes] == keys
    assert [change_fingerprint(c) for c in again.changes] == [change_fingerprint(c) for c in pair.changes]


def test_missing_file_is_an_empty_review(tmp_path: Path) -> None:
    assert load_review(tmp_path / "none.review.json") == Review()


def test_save_then_load_resumes_every_decision(tmp_path: Path, pair: Diff) -> None:
    review = decided(pair, "modified:7/p2>7/p2", reviewed=True, comment="fine \"really\"\nsecond line",
                     override=True, override_reason="retention wording matters to us")
    path = tmp_path / "v2.1.md.review.json"
    save_review(path, review)
    assert load_review(path) == review
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "policydiff.review/1"
    assert data["decisions"]["modified:7/p2>7/p2"]["updated"] == "2026-03-01T12:00:00Z"
    assert not list(tmp_path.glob(".*.tmp")), "atomic write left a temporary file"


def test_an_empty_decision_is_dropped(pair: Diff) -> None:
    review = decided(pair, "moved:11>12", reviewed=True)
    assert review.with_decision("moved:11>12", Decision()).decisions == {}


@pytest.mark.parametrize("content", ["{not json", "[]", '{"schema": "other/1"}',
                                     '{"schema": "policydiff.review/1", "decisions": {"k": {"reviewed": "yes"}}}',
                                     '{"schema": "policydiff.review/1", "decisions": {"k": {"override": false}}}'])
def test_corrupt_file_is_one_line_naming_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.review.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_review(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_override_flows_into_the_diff(pair: Diff) -> None:
    review = decided(pair, "modified:3/p1>3/p1", override=False, override_reason="counsel: partners already listed")
    reviewed = apply_review(pair, review)
    change = reviewed.changes[0]
    assert (change.material, change.severity, change.consent) == (False, "editorial", False)
    assert change.reasons[-1].code == "override" and change.reasons[-1].detail == "counsel: partners already listed"
    assert reviewed.summary()["material"] == pair.summary()["material"] - 1
    assert pair.changes[0].material, "the original diff is untouched"
    assert reviewed.changes[1:] == pair.changes[1:]


def test_a_stale_override_is_not_applied(pair: Diff) -> None:
    review = decided(pair, "modified:3/p1>3/p1", override=False, override_reason="fine")
    stale = replace(review.decisions["modified:3/p1>3/p1"], fingerprint="000000000000")
    review = replace(review, decisions={"modified:3/p1>3/p1": stale})
    assert apply_review(pair, review).changes[0].material


def test_json_export_holds_every_change_and_decision(pair: Diff) -> None:
    review = decided(pair, "modified:7/p2>7/p2", reviewed=True, comment="ok", override=True, override_reason="why")
    review = review.with_decision("gone:1>1", Decision(comment="old note"), NOON)
    data = json.loads(export_review_json(pair, review, notice="not compliant: 35 of 15 days"))
    assert data["schema"] == "policydiff.review-report/1"
    assert [c["key"] for c in data["changes"]] == [change_key(c) for c in pair.changes]
    second = data["changes"][1]
    assert second["material"] is True and second["classified_material"] is False
    assert second["decision"]["comment"] == "ok" and second["decision"]["override_reason"] == "why"
    assert data["summary"]["reviewed"] == 1 and data["summary"]["overridden"] == 1
    assert data["orphaned_decisions"]["gone:1>1"]["comment"] == "old note"
    assert data["notice"] == "not compliant: 35 of 15 days"


def test_markdown_export_escapes_policy_text_and_comments(pair: Diff) -> None:
    review = decided(pair, "moved:11>12", reviewed=True, comment="<script>x</script> **bold** @team | cell")
    text = export_review_markdown(pair, review)
    assert "<script>" not in text and "**bold**" not in text and "@team" not in text
    assert "\\| cell" in text
    assert "| 5 | → moved | 11 → 12 | editorial | ✓ |" in text
    assert text.count("\n## ") == len(pair.changes)


def test_default_path_sits_beside_a_policy_file(tmp_path: Path) -> None:
    policy = tmp_path / "privacy-v2.md"
    policy.write_text("# Privacy\n", encoding="utf-8")
    assert default_review_path(str(policy)) == tmp_path / "privacy-v2.md.review.json"


def test_revision_names_go_under_the_repository_and_cannot_escape(tmp_path: Path) -> None:
    (tmp_path / ".policydiff").mkdir()
    (tmp_path / ".policydiff" / "repository.toml").write_text("format = 1\n", encoding="utf-8")
    inner = tmp_path / "legal"
    inner.mkdir()
    folder = tmp_path / ".policydiff" / "reviews"
    for name in ("privacy@2.1", "HEAD~1:../../../etc/passwd", "main:..", "x@/abs/path", "a@..\\..\\b"):
        path = default_review_path(name, cwd=inner)
        assert path.parent == folder and ".." not in path.name and "/" not in path.name, name
    assert default_review_path("privacy@2.1", cwd=inner).name == "privacy-2.1-" + review_slug("privacy@2.1")[-8:] \
        + ".json"
    assert review_slug("a/b") != review_slug("a-b"), "different names never share a review file"


def test_markdown_export_quotes_a_whole_added_section(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Terms\n\n## 1. Use\n\nYou may use the service.\n", encoding="utf-8")
    new.write_text("# Terms\n\n## 1. Use\n\nYou may use the service.\n\n## 2. AI Training\n\n"
                   "We train models on your content.\n\nYou may opt out in settings.\n", encoding="utf-8")
    text = export_review_markdown(diff(old, new), Review())
    assert "> 2\\. AI Training\n>\n> We train models on your content.\n>\n> You may opt out in settings." in text
