"""Materiality: each reason code on short, realistic before/after pairs, and the corpus figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from policydiff.api import diff, diff_documents
from policydiff.model import Change, Diff
from policydiff.parse import parse_text

from .conftest import CORPUS


def only_change(heading: str, old: str, new: str) -> Change:
    """The one change between two one-section policies (old/new are the section's body lines)."""
    before = parse_text(f"Example Policy\n1. {heading}\n{old}\n")
    after = parse_text(f"Example Policy\n1. {heading}\n{new}\n")
    changes = diff_documents(before, after).changes
    assert len(changes) == 1, [(c.kind, c.old and c.old.id, c.new and c.new.id) for c in changes]
    return changes[0]


def codes(change: Change) -> list[str]:
    return [reason.code for reason in change.reasons]


def test_duration_in_words_and_digits() -> None:
    change = only_change("Data Retention", "After cancellation you have thirty (30) days to export your data.",
                         "After cancellation you have sixty (60) days to export your data.")
    assert change.material and "duration-changed" in codes(change)
    assert "thirty (30) days → sixty (60) days" in change.reasons[0].detail
    assert change.direction == "restricts"  # a longer export window restricts the company


@pytest.mark.parametrize(("old", "new"), [("13 months", "25 months"), ("30 days", "60 days"), ("2 years", "5 years")])
def test_a_bare_number_that_counts_a_period_is_not_a_date(old: str, new: str) -> None:
    change = only_change("Cookies", f"Analytics cookies last for {old} on your device.",
                         f"Analytics cookies last for {new} on your device.")
    assert change.material and codes(change)[0] == "duration-changed"


@pytest.mark.parametrize(("old", "new", "direction"), [
    ("When we change this notice, we update the date at the top, and changes become effective when we post them.",
     "When we change this notice, we update the date at the top, and we tell you where applicable law requires it.",
     "restricts"),
    ("When we change these terms, we update the date at the top. Updates take effect on the next renewal of your "
     "subscription.",
     "When we change these terms, we update the date at the top. Updates take effect when we post them.",
     "expands"),
])
def test_the_kind_of_notice_promised_changed(old: str, new: str, direction: str) -> None:
    change = only_change("Changes to This Policy", old, new)
    notice = [reason for reason in change.reasons if reason.code == "notice-changed"]
    assert change.material and notice and notice[0].detail.startswith("change-notice rule changed:")
    assert change.direction == direction


def test_retention_lengthened_expands() -> None:
    change = only_change("Data Retention", "We keep ticket data for 90 days after an account closes.",
                         "We keep ticket data for 12 months after an account closes.")
    assert codes(change)[0] == "duration-changed" and change.direction == "expands"
    assert change.categories and "retention" in change.categories


def test_notice_period_shortened() -> None:
    change = only_change("Changes to This Policy",
                         "We will notify you at least thirty (30) days before material changes take effect.",
                         "We will notify you at least fifteen (15) days before material changes take effect.")
    assert {"duration-changed", "notice-changed"} <= set(codes(change))
    assert change.material and change.direction == "expands"


def test_exception_added_to_do_not_sell() -> None:
    change = only_change("Sharing", "We do not sell your personal information.",
                         "We do not sell your personal information, except to our advertising partners.")
    assert change.material
    assert "modality-flip" in codes(change) and "“except” added" in change.reasons[0].detail
    assert change.direction == "expands"
    assert "recipient-added" in codes(change) and change.consent


def test_negation_flip_will_not_to_may() -> None:
    change = only_change("AI Features", "We will not use your content to train our models.",
                         "We may use your content to train our models.")
    assert codes(change)[0] == "modality-flip" and change.direction == "expands" and change.material


def test_double_negative_rewording_is_not_a_flip() -> None:
    change = only_change("Use", "We will not use your data for a new purpose without telling you first.",
                         "Before using your data for a new purpose, we will tell you.")
    assert "modality-flip" not in codes(change)


def test_opt_in_to_opt_out_needs_consent() -> None:
    change = only_change("Feedback", "We use feedback samples only if an administrator has opted in.",
                         "We use feedback samples unless an administrator has opted out.")
    assert "consent-basis-changed" in codes(change) and change.consent and change.direction == "expands"


def test_new_ai_training_purpose() -> None:
    change = only_change("Use of Content", "We use ticket content to provide the service.",
                         "We use ticket content to provide the service and to train our machine learning models.")
    assert "purpose-added" in codes(change) and change.consent


def test_recipient_row_added_to_table() -> None:
    before = parse_text("Policy\n1. Sharing\nWe share data with these providers:\n| Provider | Purpose |\n"
                        "| --- | --- |\n| Hostly | Hosting |\n")
    after = parse_text("Policy\n1. Sharing\nWe share data with these providers:\n| Provider | Purpose |\n"
                       "| --- | --- |\n| Hostly | Hosting |\n| Adnetic | Advertising measurement |\n")
    (change,) = diff_documents(before, after).changes
    assert change.kind == "added" and change.new.kind == "table-row"
    assert "recipient-added" in codes(change) and change.material and change.consent


def test_bullet_removed_from_list_of_rights() -> None:
    before = parse_text("Policy\n1. Your Rights\nYou have these rights:\n- Access. Ask for a copy of your data.\n"
                        "- Restriction. Ask us to limit how we use your data.\n- Deletion. Ask us to delete your data.\n")
    after = parse_text("Policy\n1. Your Rights\nYou have these rights:\n- Access. Ask for a copy of your data.\n"
                       "- Deletion. Ask us to delete your data.\n")
    (change,) = diff_documents(before, after).changes
    assert change.kind == "removed" and "right-removed" in codes(change)
    assert change.material and change.direction == "expands"


def test_hosting_region_changed() -> None:
    change = only_change("Model Providers", "| Northwind | Embeddings | European Union (Dublin) |",
                         "| Northwind | Embeddings | United States (Ohio) |")
    assert "transfer-changed" in codes(change) and change.material


def test_governing_law_changed() -> None:
    change = only_change("Governing Law", "These terms are governed by the laws of England and Wales.",
                         "These terms are governed by the laws of Ireland.")
    assert "dispute-changed" in codes(change) and change.material


@pytest.mark.parametrize("old,new,code", [
    ("We sometimes recieve information about you from others.",
     "We sometimes receive information about you from others.", "typo"),
    ("Questions? Write to privacy@brightdesk.example.", "Questions? Write to dataprotection@brightdesk.example.",
     "contact-changed"),
    ("When a retention period ends, we delete the information so it can no longer be linked to you.",
     "At the end of each retention period, we delete the information so it can no longer be associated with you.",
     "rewording"),
    ("These terms were last reviewed on March 1, 2025.", "These terms were last reviewed on June 16, 2025.", "date"),
])
def test_editorial_and_minor_changes_are_not_material(old: str, new: str, code: str) -> None:
    heading = "Contact Us" if code == "contact-changed" else "General"
    change = only_change(heading, old, new)
    assert codes(change) == [code]
    assert not change.material and change.severity in ("editorial", "minor")


def test_unexplained_substantive_edit_is_material() -> None:
    change = only_change("General", "We review accounts that Acme flags.", "We review accounts that Zenith flags.")
    assert codes(change) == ["substantive-rewording"] and change.material


FAMILIES = sorted(p for p in CORPUS.iterdir() if (p / "changes.yaml").exists())


def corpus_results() -> Iterator[tuple[Path, dict[str, Any], Diff]]:
    """Every consecutive corpus pair: its family, its ground-truth step, and policydiff's diff."""
    for family in FAMILIES:
        truth = yaml.safe_load((family / "changes.yaml").read_text(encoding="utf-8"))
        files = {v["version"]: family / v["file"] for v in truth["versions"]}
        for step in truth["diffs"]:
            yield family, step, diff(files[step["from"]], files[step["to"]])


def test_corpus_materiality_figures(capsys: pytest.CaptureFixture[str]) -> None:
    true_positive = false_positive = false_negative = 0
    editorial_flagged = []
    for family, step, result in corpus_results():
        found = {(c.old.id if c.old else None, c.new.id if c.new else None): c for c in (*result.changes, *result.structure)}
        for entry in step["changes"]:
            key = tuple(None if entry[k] is None else str(entry[k]) for k in ("old_id", "new_id"))
            change = found[key]
            if entry["material"] and change.material:
                true_positive += 1
            elif entry["material"]:
                false_negative += 1
            elif change.material:
                false_positive += 1
            typo = entry.get("reason") == "editorial" and "typo" in entry.get("why", "").lower()
            if (typo or entry["kind"] == "renumbered") and change.material:
                editorial_flagged.append(f"{family.name} {key}")
    recall = true_positive / (true_positive + false_negative)
    precision = true_positive / (true_positive + false_positive)
    with capsys.disabled():
        print(f"\ncorpus materiality: recall {recall:.1%} ({true_positive}/{true_positive + false_negative}), "
              f"precision {precision:.1%} ({true_positive}/{true_positive + false_positive}), "
              f"typos/renumbering flagged material: {len(editorial_flagged)}")
    assert recall == 1.0
    assert precision >= 0.9
    assert not editorial_flagged


def test_cross_references_left_behind_are_defects() -> None:
    for family, step, result in corpus_results():
        expected = {entry["new_id"] for entry in step.get("defects") or []}
        found = {d.clause_id for d in result.defects}
        assert found == expected, (family.name, step["from"], step["to"], [d.detail for d in result.defects])
        for defect in result.defects:
            assert defect.code in ("dangling-xref", "suspect-xref") and "Section" in defect.quote


def test_renumbering_proves_a_dangling_reference() -> None:
    before = parse_text("Policy\n1. Data\nWe use cookies (see Section 2).\n2. Cookies\nWe set cookies.\n")
    after = parse_text("Policy\n1. Data\nWe use cookies (see Section 2).\n2. AI Training\nWe train models.\n"
                       "3. Cookies\nWe set cookies.\n")
    result = diff_documents(before, after)
    (defect,) = result.defects
    assert defect.code == "dangling-xref" and defect.clause_id == "1/p1"
    assert "now Section 3" in defect.detail


def test_reference_to_another_document_is_not_checked() -> None:
    doc = parse_text("Policy\n1. Data\nSee Section 9 of our Terms of Service.\n2. Cookies\nWe set cookies.\n")
    from policydiff.classify.xrefs import topical_defects

    assert topical_defects(doc) == []


def test_new_controller_identity() -> None:
    change = only_change("Who We Are", "This policy is issued by BrightDesk Software, Inc. of Denver.",
                         "This policy is issued by Helpline Holdings Ltd. of Denver.")
    assert "controller-changed" in codes(change) and change.material


def test_removed_sentence_repeated_elsewhere_is_not_material() -> None:
    before = parse_text("Policy\n1. Sharing\nWe never sell personal information to data brokers or advertisers.\n"
                        "We share data with hosting providers only.\n"
                        "2. Summary\nWe never sell personal information to data brokers or advertisers.\n")
    after = parse_text("Policy\n1. Sharing\nWe share data with hosting providers only.\n"
                       "2. Summary\nWe never sell personal information to data brokers or advertisers.\n")
    (change,) = diff_documents(before, after).changes
    assert change.kind == "removed" and codes(change) == ["redundant-removed"] and not change.material


def test_right_narrowed() -> None:
    change = only_change("Your Rights", "You may request deletion of your data at any time.",
                         "You may request deletion of your data only once per year.")
    assert {"modality-flip", "right-narrowed"} <= set(codes(change)) and change.direction == "expands"


def test_how_users_exercise_rights_is_material() -> None:
    change = only_change("Your Rights", "To exercise these rights, email privacy@acme.example.",
                         "To exercise these rights, use the form at https://acme.example/rights.")
    assert codes(change) == ["rights-channel-changed"] and change.material


def test_an_added_clause_for_advertising_is_a_new_purpose_but_a_security_audit_is_not() -> None:
    base = "We use cookies to keep you signed in."
    ads = only_change("Cookies", base, base + "\n\nOur partner builds a profile of the pages you visit to show you "
                                               "adverts on other websites.")
    assert ads.kind == "added" and "purpose-added" in codes(ads) and ads.consent
    staff = only_change("Security", base, base + "\n\nWe audit our systems every year and sell nothing we learn.")
    assert staff.kind == "added" and "purpose-added" not in codes(staff)


@pytest.mark.parametrize(("text", "ai"), [
    ("We may use your content to train our models unless you opt out.", True),
    ("You can turn off training in your settings.", True),
    ("We do not train on business data.", True),
    ("We train our support staff every year on handling personal data.", False),
    ('"Professional Services" means training, consulting or implementation services.', False),
])
def test_training_means_ai_only_when_it_is_about_models(text: str, ai: bool) -> None:
    from policydiff.classify.categories import categorize
    from policydiff.classify.rules import default_rules

    assert ("ai" in categorize([], text, default_rules())) is ai


def test_a_moved_link_in_a_dispute_clause_is_minor() -> None:
    change = only_change("Dispute Resolution",
                         "You may invoke binding arbitration. See https://example.org/s/article/annex-i?tab=2.",
                         "You may invoke binding arbitration. See https://example.org/framework/annex-i.")
    assert codes(change) == ["link-changed"] and not change.material and change.severity == "minor"
    words = only_change("Dispute Resolution",
                        "You may invoke binding arbitration. See https://example.org/annex.",
                        "You may not invoke binding arbitration. See https://example.org/annex-i.")
    assert words.material  # a link changed beside real words: the words decide


def test_sentences_look_for_an_abbreviation_at_the_end_only() -> None:
    """sentences() looks for a closing abbreviation ("U.S.", "Inc.") in a piece's last characters: the
    same sentences as a search of the whole piece, on every paragraph of the corpus and on random text."""
    import importlib
    import random

    module = importlib.import_module("policydiff.classify.sentences")

    def whole_piece(text: str) -> list[str]:
        pieces: list[str] = []
        for piece in module._SENTENCE.split(text):
            if piece and piece.strip():
                if pieces and module._ABBREVIATION.search(pieces[-1]):
                    pieces[-1] = f"{pieces[-1]} {piece.strip()}"
                else:
                    pieces.append(piece.strip())
        return pieces

    paragraphs = [p for path in sorted(CORPUS.rglob("*.md")) for p in path.read_text(encoding="utf-8").split("\n\n")]
    rng = random.Random(1)
    alphabet = ["a", "b", " ", "co", "U.S.", "Inc", "e.g.", "etc", "Approx", "ı", "ſ", "\u212a", "İ", "\n", ";", ".",
                "Ab. ", "taco."]
    paragraphs += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in paragraphs:
        assert module.sentences(text) == whole_piece(text), text
