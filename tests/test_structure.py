"""Real pages parse into the structure a reader sees: each pattern of issue 12 on a small fixture of our own.

The fixtures are written for a fictional company (Lumenfield); each reproduces one way published pages
go wrong: a bold line above the first heading, a heading added mid-way, wordless clauses, the terms
repeated on one page, headings inside list items, a table of contents, banners and change logs, numbered
sub-clauses in one paragraph, and the many ways a page states its dates.
"""

from __future__ import annotations

import json

from policydiff.api import diff_documents
from policydiff.model import Diff, Document
from policydiff.parse import parse_text
from policydiff.render.diff_json import diff_dict
from policydiff.render.diff_text import render_text_diff


def md(text: str) -> Document:
    return parse_text(text, "markdown")


def listed(result: Diff) -> list[tuple[str, str | None, str | None]]:
    """Every entry a diff lists, wherever it lists it (terms, structure, non-operative text)."""
    return [(c.kind, c.old.id if c.old else None, c.new.id if c.new else None)
            for c in (*result.changes, *result.structure, *result.non_operative)]


AGREEMENT = """# Lumenfield Services Agreement

Thank you for choosing Lumenfield. This agreement governs your use of the service.

## 1. Accounts

You must keep your password secret and tell us of any unauthorised use at once.

## 2. Fees

You pay the fees shown on your order form within thirty (30) days of each invoice.

### 2.1 Taxes

Fees exclude taxes, which you pay in addition to the fees.

## 3. Termination

Either party may end this agreement with sixty (60) days' written notice.
"""


# --- 1. document-level structure: one added line never re-parents the rest ------------------------------

def test_bold_line_above_the_first_heading_is_not_a_container() -> None:
    old = md(AGREEMENT)
    new = md(AGREEMENT.replace("Thank you", "**Introduction to the Lumenfield Services Agreement**\n\nThank you"))
    assert [c.id for c in new.clauses if c.kind == "section"][-3:] == ["1", "2", "3"]
    result = diff_documents(old, new)
    assert not result.changes, [(c.kind, c.new.id if c.new else None) for c in result.changes]
    assert [c.kind for c in result.structure] == ["added"]  # a heading over clauses that stay


def test_bold_heading_added_mid_way_ends_where_the_next_numbered_line_begins() -> None:
    old_text = ("Lumenfield Community Terms\n\n1\\. Our Services\n\nWe host the community forum.\n\n"
                "4\\. Refraining from Certain Activities\n\nYou agree not to misuse the forum.\n\n"
                "**Harassing Others**\n\n- Engaging in harassment or threats.\n\n"
                "5\\. Password Security\n\nYou are responsible for safeguarding your password.\n\n"
                "6\\. Trademarks\n\nOur marks remain ours.\n")
    new_text = old_text.replace("5\\. Password", "**Paid Contributions**\n\nYou must disclose any payment "
                                                  "you receive for a contribution.\n\n5\\. Password")
    new = md(new_text)
    five = new.find("5")
    assert five is not None and five.heading == "Password Security" and five in new.clauses
    result = diff_documents(md(old_text), new)
    assert [(c.kind, c.new.heading if c.new else None) for c in result.changes] == [("added", "Paid Contributions")]
    assert "You must disclose" in result.changes[0].match.contents[0].text


def test_numbered_headings_of_one_series_share_a_level_however_written() -> None:
    doc = md("## 1. Scope\n\nThese terms apply.\n\n**2. Fees**\n\nYou pay fees.\n\n3\\. Termination\n\nEither may end it.\n")
    assert [c.id for c in doc.clauses] == ["1", "2", "3"]


# --- 2. clauses with no words are not clauses for the diff -------------------------------------------

WORDLESS = """# Lumenfield Privacy Notice

![](https://lumenfield.example/logo.png)

We collect your name and email address to run your account.

[](mailto:privacy@lumenfield.example)

|     |     |
| --- | --- |
|     |     |

**First Name:**

**Email:**

We keep account data for two (2) years after you close your account.
"""


def test_wordless_clauses_never_appear_in_a_diff() -> None:
    doc = md(WORDLESS)
    assert all(any(ch.isalnum() for ch in c.full_text) for c in doc.walk() if c.kind != "section")
    assert listed(diff_documents(md(WORDLESS), md(WORDLESS))) == []
    without = WORDLESS.replace("![](https://lumenfield.example/logo.png)\n\n", "").replace(
        "[](mailto:privacy@lumenfield.example)\n\n", "")
    assert listed(diff_documents(md(WORDLESS), md(without))) == []


# --- 3. a document repeated within one page aligns copy to copy ----------------------------------------

TERMS = """## Your Data

We do not sell your personal information.

## Support

Contact support through the help centre.

## Retention

We keep support tickets for thirteen (13) months.
"""


def test_repeated_copy_of_the_terms_aligns_with_its_own_counterpart() -> None:
    page = f"# Lumenfield Privacy\n\n{TERMS}\n# Printable version\n\n{TERMS}"
    edited = f"# Lumenfield Privacy\n\n{TERMS}\n# Printable version\n\n" + TERMS.replace("thirteen (13)", "six (6)")
    assert listed(diff_documents(md(page), md(page))) == []
    result = diff_documents(md(page), md(edited))
    assert len(result.changes) == 1 and not result.structure
    change = result.changes[0]
    assert change.kind == "modified" and change.old.id == change.new.id
    second_copy = [c for c in md(edited).walk() if "support tickets" in c.text][1]
    assert change.new.id == second_copy.id


# --- 4. headings inside list items open sections -------------------------------------------------------

def test_headings_inside_list_items_open_sections() -> None:
    markdown = md("1. ### Cookies\n\n   We use cookies to keep you signed in.\n\n2. ### Sharing\n\n"
                  "   We share data with our payment processor.\n   - Card details only\n")
    html = parse_text("<ol><li><h3>Cookies</h3><p>We use cookies to keep you signed in.</p></li>"
                      "<li><h3>Sharing</h3><p>We share data with our payment processor.</p></li></ol>", "html")
    for doc in (markdown, html):
        assert [(c.id, c.heading) for c in doc.clauses] == [("1", "Cookies"), ("2", "Sharing")]
        assert doc.find("1/p1").text == "We use cookies to keep you signed in."
        assert doc.find("2/p1").text.startswith("We share data")
    assert markdown.find("2/item-1").text == "Card details only"


# --- 5. tables of contents are furniture ----------------------------------------------------------------

BODY = """## Information We Collect

We collect your name and your email address.

## How We Use Information

We use information to provide the service.

## Your Choices

You may close your account at any time.
"""
LINKS = ("- [Information We Collect](#information-we-collect)\n- [How We Use Information](#how-we-use-information)\n"
         "- [Your Choices](#your-choices)\n")
NAMES = "Contents\n\n1. Information We Collect\n2. How We Use Information\n3. Your Choices\n"


def test_table_of_contents_moved_or_edited_lists_nothing() -> None:
    top = md(f"# Lumenfield Privacy\n\nOn this page\n\n{LINKS}\n{BODY}")
    bottom = md(f"# Lumenfield Privacy\n\n{BODY}\nOn this page\n\n{LINKS}")
    by_name = md(f"# Lumenfield Privacy\n\n{NAMES}\n{BODY}")
    for doc in (top, bottom, by_name):
        assert all(c.role == "furniture" for c in doc.walk() if "How We Use Information" == c.full_text
                   or c.full_text.startswith(("On this page", "Contents")))
    assert listed(diff_documents(bottom, top)) == []
    assert listed(diff_documents(top, by_name)) == []


def test_a_list_that_names_headings_out_of_order_is_not_a_table_of_contents() -> None:
    doc = md("# Policy\n\nWe collect:\n\n- Your Choices\n- Information We Collect\n- How We Use Information\n\n" + BODY)
    assert [c.role for c in doc.walk() if c.kind == "list-item"] == ["body"] * 3


# --- 6. non-operative text is kept apart ----------------------------------------------------------------

def _policy(banner: str, summary: str, history: str, retention: str) -> str:
    return (f"# Lumenfield Privacy Policy\n\n{banner}\n\n## Summary of Changes\n\n{summary}\n\n"
            f"## 1. Retention\n\nWe keep account data for {retention} after you close your account.\n\n"
            f"## 2. Contact\n\nWrite to privacy@lumenfield.example.\n\nPrevious versions of this policy:\n\n{history}\n")


def test_banners_change_summaries_and_change_logs_are_apart_and_never_material() -> None:
    old = md(_policy("We're updating our privacy policy on March 3, 2026.", "- We clarified cookie wording.",
                     "- Version of January 2025", "two (2) years"))
    new = md(_policy("We have updated our privacy policy. See what changed.", "- We shortened retention.",
                     "- Version of March 2026\n- Version of January 2025", "one (1) year"))
    notes = {c.note for c in new.walk() if c.role == "non-operative"}
    assert notes == {"update banner", "summary of changes", "change log"}
    result = diff_documents(old, new)
    assert [(c.kind, c.new.id) for c in result.changes] == [("modified", "1/p1")]
    assert result.changes[0].material
    apart = result.non_operative
    assert {(c.new or c.old).note for c in apart} == notes and not any(c.material or c.consent for c in apart)
    assert {r.code for c in apart for r in c.reasons} == {"non-operative"}
    assert result.summary()["material"] == 1 and result.summary()["non_operative"] == len(apart)
    data = json.loads(json.dumps(diff_dict(result)))
    assert len(data["non_operative"]) == len(apart) and len(data["changes"]) == 1
    text = render_text_diff(result)
    assert "non-operative text" in text and "update banner" in text
    assert text.index("non-operative text") > text.index("1/p1")


def _summarised(declaration: str, notice: str) -> str:
    return (f"# Harbourline Terms\n\n{declaration}\n\n| Section | What you will find |\n| --- | --- |\n"
            "| A. Accounts | You need an account to use the service. |\n"
            "| B. Payment | You pay in advance for each month. |\n"
            f"| C. Changes to these Terms | {notice} |\n\n"
            "## A. Accounts\n\nYou must be at least 16 years old to open an account.\n\n"
            "## B. Payment\n\nFees are billed monthly in advance and are not refundable.\n\n"
            "## C. Changes to these Terms\n\nWe will give you 30 days' notice of material changes.\n")


def test_a_summary_table_the_terms_call_non_binding_is_apart_and_never_material() -> None:
    declaration = "These section summaries are not legally binding; the full terms below govern."
    old = md(_summarised(declaration, "We may change these terms and will tell you first."))
    new = md(_summarised(declaration, "We may change these terms at any time, with 30 days' notice."))
    rows = [c for c in new.walk() if c.kind == "table-row"]
    assert rows and all(c.role == "non-operative" and c.note == "summary the terms call non-binding" for c in rows)
    result = diff_documents(old, new)
    assert not any(c.material for c in result.changes)
    assert [c.kind for c in result.non_operative] == ["modified"] and not result.non_operative[0].material


def test_a_summary_table_is_a_term_where_the_document_does_not_call_it_non_binding() -> None:
    new = md(_summarised("Please read these terms carefully.", "We may change these terms at any time."))
    assert all(c.role == "body" for c in new.walk() if c.kind == "table-row")


def test_a_clause_about_changes_to_the_policy_is_operative() -> None:
    doc = md("# Policy\n\n## Changes\n\nWe may update this policy from time to time and will notify you by email.\n")
    assert all(c.role == "body" for c in doc.walk() if c.role != "title")


# --- 7. clause ids: short, and no heading words in them ---------------------------------------------------

PLAIN = """# Lumenfield Privacy Statement

## What Information Lumenfield Collects About Its Customers and Visitors

### Information that users provide directly to Lumenfield when registering

- Your name and your email address.
- Your billing address.

## How We Share the Information We Collect

We share information with our payment processor.
"""


def test_ids_are_short_and_survive_reworded_and_dated_headings() -> None:
    doc = md(PLAIN)
    assert max(len(c.id) for c in doc.walk()) <= 40
    assert doc.find("s1.1/item-2").text == "Your billing address."
    reworded = md(PLAIN.replace("How We Share the Information We Collect", "Sharing")
                  .replace("# Lumenfield Privacy Statement", "# Lumenfield Privacy Statement — updated May 2026"))
    assert [c.id for c in reworded.walk()] == [c.id for c in doc.walk()]


def test_review_decisions_follow_the_alignment_when_ids_change() -> None:
    from policydiff.review import Decision, Review, apply_review, change_fingerprint, change_key

    old = md(PLAIN)
    new = md(PLAIN.replace("## How We Share", "## Cookies\n\nWe use cookies.\n\n## How We Share")
             .replace("payment processor", "payment processor and our auditors"))
    result = diff_documents(old, new)
    change = next(c for c in result.changes if c.kind == "modified")
    decision = Decision(reviewed=True, override=False, override_reason="auditors are processors",
                        fingerprint=change_fingerprint(change))
    stale_key = change_key(change).replace(change.new.id, "s9/p1")  # as an earlier draft named it
    reviewed = apply_review(result, Review(decisions={stale_key: decision}))
    assert next(c for c in reviewed.changes if c.kind == "modified").material is False


# --- 8. numbered sub-clauses become clauses -----------------------------------------------------------------

def test_numbered_sub_clauses_on_their_own_lines_or_run_in_are_clauses() -> None:
    doc = md("## 6. Paid Products\n\n**6.1**\tLumenfield is the merchant of record.\n\n"
             "**6.2** Registration. You give us your contact details.\n"
             "**6.3** Pricing. You set prices in US dollars. 6.4 Refunds. You handle refunds.\n\n"
             "You must:\n(a) keep records;\n(b) answer customers within two (2) days.\n")
    assert [(c.id, c.label) for c in doc.walk() if c.number and "." in c.number.strip(".")] == [
        ("6.1", None), ("6.2", "Registration."), ("6.3", "Pricing."), ("6.4", "Refunds.")]
    assert [c.number for c in doc.walk() if c.kind == "list-item"] == ["(a)", "(b)"]


# --- 9. dates as real pages state them ---------------------------------------------------------------------

def _dates(text: str) -> tuple[str | None, str | None]:
    meta = md(text).metadata
    return (meta.effective.date.isoformat() if meta.effective and meta.effective.date else None,
            meta.last_updated.date.isoformat() if meta.last_updated and meta.last_updated.date else None)


BODY_TEXT = "## 1. Data\n\nWe collect your name.\n\n## 2. Sharing\n\nWe share nothing.\n"


def test_dates_in_the_forms_real_pages_use() -> None:
    assert _dates(f"# Terms\n\n#### Effective: May 1, 2026\n\n{BODY_TEXT}")[0] == "2026-05-01"
    assert _dates(f"# Terms\n\n> Last Update: Feb 10, 2026\n\n{BODY_TEXT}")[1] == "2026-02-10"
    assert _dates(f"# Terms\n\nEffective as of: March 3, 2026\n\n{BODY_TEXT}")[0] == "2026-03-03"
    assert _dates(f"# Terms\n\nEffective August 1, 2026 ([previous version](https://x.example/v1))\n\n{BODY_TEXT}")[0] \
        == "2026-08-01"
    assert _dates(f"# Terms\n\n- **Effective:** June 2, 2026\n\n{BODY_TEXT}")[0] == "2026-06-02"
    assert _dates(f"# Terms\n\nPublished: 4 June 2026\n\n{BODY_TEXT}")[1] == "2026-06-04"
    assert _dates(f"# Terms\n\n{BODY_TEXT}\nThese terms went into effect on June 16, 2026. Earlier versions are "
                  "archived.\n")[0] == "2026-06-16"
    assert _dates(f"# Terms\n\n{BODY_TEXT}\nEffective date: July 7, 2026\n")[0] == "2026-07-07"


def test_a_month_alone_is_its_first_day_and_check_says_so() -> None:
    from policydiff.notice.window import check_notice

    old = md(f"# Terms\n\nEffective: January 2026\n\n{BODY_TEXT}\n## 3. Changes\n\nWe give thirty (30) days' notice.\n")
    new_text = old_text = f"# Terms\n\nEffective: February 2026\n\n{BODY_TEXT}\n## 3. Changes\n\nWe give thirty (30) days' notice.\n"
    new = md(new_text.replace("We share nothing.", "We share your name with advertisers."))
    assert new.metadata.effective.date.isoformat() == "2026-02-01" and new.metadata.effective.precision == "month"
    assert md(old_text).metadata.effective.precision == "month"
    check = check_notice(diff_documents(old, new))
    assert any("month" in note and "2026-02-01" in note for note in check.notes)


# --- 10. added and removed sections carry their clauses -------------------------------------------------------

def test_an_added_section_carries_the_text_of_its_clauses_in_json() -> None:
    old = md(AGREEMENT)
    new = md(AGREEMENT + "\n## 4. Arbitration\n\nDisputes go to binding arbitration in Dublin.\n\n- No class actions.\n")
    added = next(c for c in diff_dict(diff_documents(old, new))["changes"] if c["kind"] == "added")
    assert added["new_id"] == "4"
    assert [entry["text"] for entry in added["new_contents"]] == [
        "Disputes go to binding arbitration in Dublin.", "No class actions."]


LUMENFIELD_CONTACT = """# Lumenfield Privacy Notice

## 7. Security

We protect your account with encryption at rest and in transit.

## 8. {heading}

{body}

## 9. Disputes

Any dispute about this notice is decided by the courts of Lisbon.
"""


def test_a_section_renamed_and_rewritten_in_its_place_is_that_section() -> None:
    """A section between the same neighbours, under a new heading and with its paragraph rewritten (too
    unlike to pass for a move across sections), is the section a reader sees there: the paragraph is
    compared with its old self, so the deadline that went is read as a deadline removed."""
    old = LUMENFIELD_CONTACT.format(
        heading="Resolving complaints",
        body="If you have concerns about how Lumenfield handles your data, please tell us. You may write to us "
             "through the privacy form, or email us with the subject line \"Privacy Concerns.\" We will answer "
             "promptly, within 45 days at the latest.")
    new = LUMENFIELD_CONTACT.format(
        heading="How to reach us",
        body="If you have a privacy question or concerns about how Lumenfield handles your data, please tell us. "
             "You may write to us through the privacy form. We will answer promptly.")
    result = diff_documents(md(old), md(new))
    (change,) = result.changes
    assert (change.kind, change.old and change.old.id, change.new and change.new.id) == ("modified", "8/p1", "8/p1")
    assert change.material and "duration-changed" in [r.code for r in change.reasons]
    assert any(c.kind == "retitled" or "retitled" in [r.code for r in c.reasons] for c in result.structure)


def test_a_section_in_the_same_place_with_other_clauses_stays_added_and_removed() -> None:
    """Standing in the same place is not enough: a section whose clauses share nothing with the old one
    there is another section."""
    old = LUMENFIELD_CONTACT.format(heading="Resolving complaints",
                                    body="If you have concerns about how Lumenfield handles your data, please tell us.")
    new = LUMENFIELD_CONTACT.format(heading="Cookies",
                                    body="Our site sets one cookie that remembers your language choice for a year.")
    kinds = sorted(kind for kind, *_ in listed(diff_documents(md(old), md(new))))
    assert kinds == ["added", "removed"]


def _short_versions(declaration: str, summary: str) -> str:
    return (f"# Harbourline Terms\n\n{declaration}\n\n## A. Accounts\n\n**Short version:** *{summary}*\n\n"
            "### 1. Opening an account\n\nYou must be at least 16 years old to open an account.\n\n"
            "## B. Payment\n\nFees are billed monthly in advance and are not refundable.\n")


def test_a_short_version_the_terms_call_non_binding_is_apart_and_never_material() -> None:
    declaration = "For your convenience, each section opens with a short non-binding summary."
    old = md(_short_versions(declaration, "You need an account."))
    new = md(_short_versions(declaration, "You need an account, and you must be old enough."))
    summaries = [c for c in new.walk() if c.role == "non-operative"]
    assert [c.note for c in summaries] == ["short summary the terms call non-binding"]
    result = diff_documents(old, new)
    assert result.changes == () or not any(c.material for c in result.changes)
    assert [c.kind for c in result.non_operative] == ["modified"] and not result.non_operative[0].material


def test_a_short_version_stays_a_term_where_the_terms_do_not_call_it_non_binding_or_it_stands_alone() -> None:
    plain = md(_short_versions("Please read these terms carefully.", "You need an account."))
    assert all(c.role == "body" for c in plain.walk() if "Short version" in c.text)
    alone = md("# Harbourline Terms\n\nThese section summaries are not legally binding.\n\n## A. Accounts\n\n"
               "Short version: you need an account.\n\n## B. Payment\n\nFees are billed monthly.\n")
    assert all(c.role == "body" for c in alone.walk() if "Short version" in c.text)
