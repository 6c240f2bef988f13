"""Plain-text structure rules, one behaviour per test."""

from __future__ import annotations

from policydiff.parse import parse_text
from policydiff.parse.blocks import split_label
from policydiff.parse.metadata import extract, parse_date


def ids(text: str) -> list[str]:
    return [c.id for c in parse_text(text).body()]


def test_numbered_and_dotted_headings_nest() -> None:
    doc = parse_text("Terms\n1. Scope\nThese terms apply.\n1.1 Who\nEveryone here.\n2. Fees\nFees apply.\n")
    assert ids("Terms\n1. Scope\nThese terms apply.\n1.1 Who\nEveryone here.\n2. Fees\nFees apply.\n") == [
        "1", "1/p1", "1.1", "1.1/p1", "2", "2/p1"]
    assert doc.find("1.1").heading == "Who"


def test_ordered_list_inside_a_section_is_not_a_heading() -> None:
    text = "Terms\n3. Your Duties\nYou agree to the following:\n1. Keep your password secret.\n2. Pay on time.\n4. Fees\nx y z.\n"
    doc = parse_text(text)
    assert [c.id for c in doc.body()] == ["3", "3/p1", "3/item-1", "3/item-2", "4", "4/p1"]
    assert doc.find("3/item-1").number == "1."


def test_section_keyword_and_letters() -> None:
    doc = parse_text("Terms\nSection 1 - Definitions\nWords mean things.\nA. General Terms\nThey apply.\n")
    assert doc.find("1").heading == "Definitions"


def test_all_caps_heading_without_number() -> None:
    doc = parse_text("Policy\nSome preamble text here.\nDATA WE COLLECT\nWe collect your name.\n")
    assert [c.id for c in doc.body()] == ["p1", "s1", "s1/p1"]
    assert doc.find("s1").heading == "DATA WE COLLECT"


def test_title_case_line_opens_sub_block_but_company_line_does_not() -> None:
    text = ("Policy\n1. Contact\nWrite to our officer:\nAcme Widgets, LLC\nEmail: a@b.example\n"
            "2. Collection\nWe collect data:\nInformation You Give Us\nName: your name.\n")
    doc = parse_text(text)
    assert doc.find("1/p2").text == "Acme Widgets, LLC"
    assert doc.find("2/s1").kind == "section"
    assert doc.find("2/s1").heading == "Information You Give Us"
    assert doc.find("2/s1/p1").label == "Name:"


def test_bullets_and_nested_bullets() -> None:
    doc = parse_text("Policy\n1. Uses\n• first use of data here\n  ◦ a nested detail\n• second use of data\n")
    assert [c.id for c in doc.body()] == ["1", "1/item-1", "1/item-1/item-1", "1/item-2"]


def test_lettered_and_roman_items() -> None:
    doc = parse_text("Policy\n1. Exceptions\nWe may disclose data:\n(a) to comply with law;\n(b) to protect rights;\n"
                     "i. in an emergency.\n")
    items = [c for c in doc.find("1").children if c.kind == "list-item"]
    assert [c.number for c in items] == ["(a)", "(b)", "i."]
    assert items[0].text == "to comply with law;"


def test_labels() -> None:
    assert split_label("Account Information. Name and email.") == ("Account Information.", "Name and email.")
    assert split_label("Encryption: All data is encrypted.") == ("Encryption:", "All data is encrypted.")
    assert split_label("We may also disclose information: (a) when required.")[0] is None
    assert split_label("We use the information we collect for the following purposes:")[0] is None
    assert split_label("Right to Know & Access: You may ask.")[0] == "Right to Know & Access:"


def test_pipe_table_without_separator_has_header_row() -> None:
    doc = parse_text("Policy\n1. Recipients\n| Recipient | Purpose |\n| Host | Storage |\n| Mailer | Email |\n")
    rows = doc.find("1").children
    assert [r.id for r in rows] == ["1/row-0", "1/row-1", "1/row-2"]
    assert rows[0].header and rows[1].cells == ("Host", "Storage")


def test_header_metadata_line_fields() -> None:
    meta = extract(["Effective Date: March 1, 2026 | Last Updated: February 23, 2026 | Version 2.1 | "
                    "Supersedes: Privacy Policy v1.0 (January 27, 2026)"])
    assert meta.effective.date.isoformat() == "2026-03-01"
    assert meta.last_updated.date.isoformat() == "2026-02-23"
    assert meta.version.version == "2.1"
    assert meta.supersedes.version == "v1.0" and meta.supersedes.date.isoformat() == "2026-01-27"


def test_date_forms() -> None:
    for text in ("March 1, 2026", "1 March 2026", "1st of March, 2026", "2026-03-01", "03/01/2026", "Mar. 1, 2026"):
        assert parse_date(text).isoformat() == "2026-03-01", text
    assert parse_date("February 30, 2026") is None
    assert parse_date("the next renewal") is None


def test_trailing_furniture_is_marked_but_kept() -> None:
    doc = parse_text("Policy\n1. Contact\nEmail us at help@x.example.\nGrow Faster With Partners\nGet Started\n")
    roles = [(c.text, c.role) for c in doc.clauses if c.role == "furniture"]
    assert roles == [("Grow Faster With Partners", "furniture"), ("Get Started", "furniture")]
    assert doc.find("1/p1").role == "body"


def test_policy_ending_in_an_address_keeps_it() -> None:
    doc = parse_text("Policy\n1. Contact\nWrite to us:\nAcme, LLC\nAddress: 1 Main Street, Springfield\n")
    assert all(c.role == "body" for c in doc.find("1").children)


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    text = ("Terms\n\n1. Scope\n\nThese terms apply to every workspace that you create on the service,\n"
            "including workspaces created by members of your organisation on your\n"
            "behalf, and to all content stored in them.\n\n2. Fees\n\nFees are charged monthly in advance and are\n"
            "not refundable except where the law requires a refund or where we\nend the service without cause.\n")
    doc = parse_text(text)
    assert [c.id for c in doc.body()] == ["1", "1/p1", "2", "2/p1"]
    assert doc.find("1/p1").lines == (5, 7)


def test_no_structure_is_paragraphs() -> None:
    doc = parse_text("we collect data.\nwe share data.\n")
    assert not doc.structured and [c.id for c in doc.body()] == ["p1", "p2"]
