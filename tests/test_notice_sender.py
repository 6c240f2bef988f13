"""Who a notice is from and where readers write back, read from the policy (notice/sender.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policydiff.model import Document
from policydiff.notice.sender import contact_address, policy_title, sender
from policydiff.parse import parse_file
from tests.conftest import CORPUS


def policy(tmp_path: Path, text: str, name: str = "p.txt") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize(("path", "legal", "short"), [
    ("brightdesk-privacy/v2.1.md", "BrightDesk Software, Inc.", "BrightDesk"),
    ("harborline-cookies/v2.0.txt", "Harborline Crossings Ltd.", "Harborline"),
    ("quillmind-ai-terms/v4.html", "QuillMind Labs, Inc.", "QuillMind"),
    ("tallyhq-terms/v4.0.txt", "TallyHQ Ltd.", "TallyHQ"),
])
def test_the_company_is_named_from_the_opening_paragraph(path: str, legal: str, short: str) -> None:
    found = sender(parse_file(CORPUS / path))
    assert (found.legal, found.short) == (legal, short)


def test_a_legal_name_without_an_alias_goes_by_itself_without_its_suffix(tmp_path: Path) -> None:
    doc = policy(tmp_path, "Privacy Policy\n\nNorth Star Widgets LLC (“Company,” “we,” “us”) makes widgets. We "
                           "explain here how we use data.\n\n1. Data\n\nWe keep data.\n")
    assert sender(doc) == type(sender(doc))("North Star Widgets LLC", "North Star Widgets")
    # the capitalised words before a comma are not part of the name ("In the United Kingdom, Acme Ltd.")
    doc = policy(tmp_path, "Privacy Policy\n\nIn the United Kingdom, Acme Ltd. runs the service.\n\n1. Data\n\nX.\n")
    assert sender(doc).legal == "Acme Ltd."


def test_the_general_privacy_contact_wins_over_regional_ones(tmp_path: Path) -> None:
    doc = policy(tmp_path, "Example Privacy Policy\n\n1. Your Rights\n\nCalifornia residents may write to "
                           "ca-privacy@example.com.\n\n2. Contact Us\n\nOur EU representative is reachable at "
                           "eu-rep@example.com. For anything else, write to privacy@example.com or "
                           "support@example.com.\n")
    assert contact_address(doc) == "privacy@example.com"


def test_only_regional_addresses_give_no_contact_rather_than_a_wrong_one(tmp_path: Path) -> None:
    doc = policy(tmp_path, "Example Privacy Policy\n\n1. Contact Us\n\n| Region | Contact |\n| South Korea | "
                           "skrprivacy@example.com |\n\nResidents of Brazil may write to brasil@example.com.\n")
    assert contact_address(doc) is None


def test_a_policy_without_a_title_is_named_by_its_first_heading_or_its_opening_words(tmp_path: Path) -> None:
    doc = policy(tmp_path, "Thanks for using Example. This privacy notice explains what we do.\n\n## 1. Data\n\n"
                           "We keep it.\n", "p.md")
    assert doc.title is None and policy_title(doc) == "Privacy Notice"
    doc = policy(tmp_path, "## Example Privacy Statement\n\n### Overview\n\nWe keep data.\n", "q.md")
    assert policy_title(doc) == "Example Privacy Statement"
