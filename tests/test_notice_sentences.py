"""Every sentence type of the notice email (phrases.toml [sentences]), each with its exact wording.

Each case is a small policy and one edit to it; the sentence is the one the email would print for
that change. The sentence is built from what the change is (its clause, its table row, its section)
whatever the classifier decides about materiality, so each case asks for the sentence directly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.model import Change
from policydiff.notice.book import phrases
from policydiff.notice.plain import said_of
from policydiff.notice.sentences import Said

POLICY = """Example Privacy Policy
Effective Date: January 1, 2026 | Last Updated: December 1, 2025

Example Services Ltd. ("Example", "we", "us" or "our") runs the Example app.

1. Information We Collect

- Account data. Your name and email address.
- Device data. Your browser type and operating system.

2. How We Use Your Information

- Providing and securing the service
- Sending newsletters about new features

3. Who We Share Information With

We do not sell your personal information.

We share it only with the service providers listed below.

| Recipient | Data | Purpose |
| Stripe | Billing details | Payment processing, fraud checks and refunds for the payments you make in the app |
| Mailfast | Email address | Sending service emails |

4. Your Rights

- Access. You can ask us for a copy of your information.
- Correction. You can ask us to correct your information.

5. Cookies

| Name | Provider | Purpose | Duration |
| ex_session | Example | Keeps you signed in | 1 day |
| ex_lang | Example | Remembers your language | 1 year |

6. Retention

We keep support tickets for thirteen (13) months.

Backups of your information are kept in encrypted storage for a short time after deletion.

| Record | Period |
| Invoices | 7 years |

If we close your account, we will refund any fees you have prepaid.

7. Changes to This Policy

We will tell you at least thirty (30) days before changes take effect.

8. Security

We protect your information with encryption.

9. Contact Us

Questions: privacy@example.com
"""

FROM = date(2026, 3, 1)


def edited(*edits: tuple[str, str]) -> str:
    text = POLICY.replace("Effective Date: January 1, 2026 | Last Updated: December 1, 2025",
                          "Effective Date: March 1, 2026 | Last Updated: January 2, 2026")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def said(tmp_path: Path, new_text: str, clause: str, old_text: str = POLICY) -> Said:
    """The sentence for the change of `clause` (its id in the new version, or the old one if removed)."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    result = diff(old, new)

    def here(change: Change) -> tuple[bool, bool]:
        return change.new is not None and change.new.id == clause, change.new is None and change.old is not None \
            and change.old.id == clause

    (change,) = [c for c in result.changes if here(c)[0]] or [c for c in result.changes if here(c)[1]]
    return said_of(result, change, effective=FROM, company=("Example", "Example Services Ltd."))


CASES = {
    "sale-added": (
        [("We do not sell your personal information.",
          "We do not sell your personal information, except to our advertising partners.")], "3/p1",
        "From March 1, 2026, we may sell your personal information to our advertising partners."),
    "sale-promise-removed": (
        [("We do not sell your personal information.\n\n", "")], "3/p1",
        "We are removing our promise not to sell your personal information."),
    "recipient-added": (
        [("| Mailfast | Email address | Sending service emails |\n",
          "| Mailfast | Email address | Sending service emails |\n| Acme Analytics | Usage data | Product analytics |\n")],
        "3/row-3", "We will start sharing usage data with Acme Analytics for product analytics."),
    "recipient-removed": (
        [("| Mailfast | Email address | Sending service emails |\n", "")], "3/row-2",
        "We will stop sharing email address with Mailfast."),
    "row-changed": (
        [("| Mailfast | Email address | Sending service emails |", "| Mailfast | Email address | Sending service and "
          "marketing emails |")],
        "3/row-2", "For Mailfast, the purpose changes from sending service emails to sending service and marketing emails."),
    "row-edited": (
        [("fraud checks and refunds for the payments", "fraud checks and chargebacks for the payments")],
        "3/row-1", "We are updating the entry for Stripe in “Who We Share Information With”."),
    "listed-added": (
        [("| Invoices | 7 years |\n", "| Invoices | 7 years |\n| Contracts | 10 years |\n")], "6/row-2",
        "We are adding to “Retention”: Record: Contracts; Period: 10 years."),
    "listed-removed": (
        [("| Invoices | 7 years |\n", "")], "6/row-1", "We are removing from “Retention”: Record: Invoices; Period: 7 years."),
    "cookie-added": (
        [("| ex_lang | Example | Remembers your language | 1 year |\n",
          "| ex_lang | Example | Remembers your language | 1 year |\n| ex_theme | Example | Stores your colour theme | 6 months |\n")],
        "5/row-3", "We will use a new cookie, “ex_theme”, that stores your colour theme; it lasts 6 months."),
    "partner-cookie-added": (
        [("| ex_lang | Example | Remembers your language | 1 year |\n",
          "| ex_lang | Example | Remembers your language | 1 year |\n| ad_id | AdCo | Shows you our adverts on other sites | 90 days |\n")],
        "5/row-3", "We will let AdCo set a cookie, “ad_id”, that shows you our adverts on other sites; it lasts 90 days."),
    "cookie-removed": (
        [("| ex_lang | Example | Remembers your language | 1 year |\n", "")], "5/row-2",
        "We will stop using the cookie “ex_lang”."),
    "data-added": (
        [("- Device data. Your browser type and operating system.\n",
          "- Device data. Your browser type and operating system.\n- Location data. Your approximate location, from your "
          "IP address.\n")], "1/item-3",
        "We will also collect location data: your approximate location, from your IP address."),
    "data-removed": (
        [("- Device data. Your browser type and operating system.\n", "")], "1/item-2",
        "We will no longer collect device data: your browser type and operating system."),
    "purpose-added": (
        [("- Sending newsletters about new features\n", "- Sending newsletters about new features\n- Improving our "
          "recommendations\n")], "2/item-3", "We will also use your information for improving our recommendations."),
    "purpose-removed": (
        [("- Sending newsletters about new features\n", "")], "2/item-2",
        "We will no longer use your information for sending newsletters about new features."),
    "right-added": (
        [("- Correction. You can ask us to correct your information.\n", "- Correction. You can ask us to correct your "
          "information.\n- Portability. You can ask us to send your information to another service.\n")], "4/item-3",
        "You will also be able to ask us to send your information to another service."),
    "right-removed": (
        [("- Correction. You can ask us to correct your information.\n", "")], "4/item-2",
        "You will no longer be able to ask us to correct your information."),
    "promise-removed": (
        [("\n\nIf we close your account, we will refund any fees you have prepaid.", "")], "6/p3",
        "If we close your account, we will no longer refund any fees you have prepaid."),
    "notice-removed": (
        [("7. Changes to This Policy\n\nWe will tell you at least thirty (30) days before changes take effect.\n\n", "")],
        "7", "We are removing the section “Changes to This Policy”, which said how we would tell you about future changes."),
    "section-added": (
        [("9. Contact Us", "9. Children\n\nThe Example app is not meant for children under 13.\n\n10. Contact Us")], "9",
        "We are adding a section, “Children”."),
    "section-removed": (
        [("8. Security\n\nWe protect your information with encryption.\n\n", "")], "8",
        "We are removing the section “Security”."),
    "replaced": (
        [("for thirteen (13) months", "for twenty-five (25) months")], "6/p1",
        "We keep support tickets for 25 months (instead of 13)."),
    "added-words": (
        [("for thirteen (13) months.", "for thirteen (13) months and may use them to train our models.")], "6/p1",
        "From March 1, 2026, we keep support tickets for 13 months and may use them to train our models."),
    "removed-words": (
        [("We share it only with the service providers listed below.", "We share it.")], "3/p2",
        "We are removing the words “only with the service providers listed below” from “Who We Share Information With”."),
    "clause-removed": (
        [("Backups of your information are kept in encrypted storage for a short time after deletion.\n\n", "")], "6/p2",
        "We are removing “Backups of your information are kept in encrypted storage for a short time after deletion.” "
        "from “Retention”."),
    "moved": (
        [("Backups of your information are kept in encrypted storage for a short time after deletion.\n\n", ""),
         ("We protect your information with encryption.", "We protect your information with encryption.\n\nBackups "
          "of your information are kept in encrypted storage for a short time after deletion.")], "8/p2",
        "We are moving “Backups of your information are kept in encrypted storage for a short time after deletion.” to "
        "“Security”."),
    "reworded": (
        [("We share it only with the service providers listed below.",
          "We share it with the service providers listed below.")], "3/p2",
        "We are rewording “Who We Share Information With”."),
}


def test_every_sentence_type_has_a_case() -> None:
    assert set(CASES) == set(phrases()["sentences"])


@pytest.mark.parametrize("kind", sorted(CASES))
def test_sentence_wording(kind: str, tmp_path: Path) -> None:
    edits, clause, expected = CASES[kind]
    told = said(tmp_path, edited(*edits), clause)
    assert (told.kind, told.sentence) == (kind, expected)
    assert told.gist and "{" not in told.gist


# --- what the reader can do: only what the policy offers ([actions]) ---------------------------------

OFFERS = {
    "object": ("Questions: privacy@example.com", "Write to us at privacy@example.com if you have questions or disagree "
                                                  "with the changes."),
    "opt-out": ("You can opt out of marketing emails in your account settings.",
                "Opt out of marketing emails in your account settings."),
    "cookies": ("You can switch analytics cookies off in the cookie settings.",
                "Turn off the cookies you do not want in the cookie settings."),
    "delete": ("You can ask us to delete your information.", "Ask us to delete your information."),
    "export": ("You can export your data at any time.", "Download a copy of your data before the changes take effect."),
    "close": ("You may close your account at any time.", "Close your account if you do not accept the changes."),
}


def offered(tmp_path: Path, sentence: str, contact: str | None = None) -> list[str]:
    from policydiff.notice.offers import actions, plain
    from policydiff.parse import parse_file

    path = tmp_path / "p.txt"
    path.write_text(f"Example Privacy Policy\n\n1. Your Choices\n\n{sentence}\n", encoding="utf-8")
    return [plain(line) for line in actions(parse_file(path), contact, "Example Privacy Policy")]


def test_every_action_has_a_case() -> None:
    assert set(OFFERS) == set(phrases()["actions"])


@pytest.mark.parametrize("name", sorted(OFFERS))
def test_action_wording(name: str, tmp_path: Path) -> None:
    sentence, expected = OFFERS[name]
    assert offered(tmp_path, sentence, "privacy@example.com" if name == "object" else None) == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("You may opt out at any time in your privacy settings.",
     "Opt out in your privacy settings, as explained in the updated Example Privacy Policy."),
    ("You can opt out of targeted ads.", "Opt out of targeted ads, as explained in the updated Example Privacy Policy."),
    ("Users can opt out by writing to us.", "Opt out as explained in the updated Example Privacy Policy."),
])
def test_an_opt_out_says_of_what_and_where_when_the_policy_does(sentence: str, expected: str, tmp_path: Path) -> None:
    assert offered(tmp_path, sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "You cannot opt out of service emails.", "We keep your settings.", "You may not delete your account history.",
    "Our partners let you download their apps.",
])
def test_nothing_is_offered_that_the_policy_does_not_offer(sentence: str, tmp_path: Path) -> None:
    assert offered(tmp_path, sentence) == []
