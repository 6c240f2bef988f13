"""Markdown as real policy repositories write it: front matter, comments, template tags, nesting."""

from __future__ import annotations

from policydiff.parse import parse_text

REPO_STYLE = """---
title: Example Terms of Service
redirect_from:
  - /tos
effective_date: 2024-05-01
---
<!-- markdownlint-disable -->

Thank you for using Example. Please read these terms.

## Summary

| Section | What can you find there? |
| --- | --- |
| [A. Definitions](#a-definitions) | Basic terms. |

## A. Definitions

**Short version:** _We use these terms throughout._

1. An "Account" is your relationship with us.
1. The "Service" is what we provide.

## B. Account Terms

### 1. Account Controls

* Users. You control your account.
  * Nested. Details of control.

{% note %}
Contact {{ site.data.variables.contact.support }} for help.
{% endnote %}

[ref]: https://example.com/ref
"""


def test_repository_markdown() -> None:
    doc = parse_text(REPO_STYLE, "markdown")
    assert doc.metadata.title == "Example Terms of Service"
    assert doc.metadata.effective.date.isoformat() == "2024-05-01"
    ids = [c.id for c in doc.body()]
    assert ids[:4] == ["p1", "s1", "s1/row-0", "s1/row-1"]
    assert doc.find("s1").heading == "Summary"
    assert doc.find("s1/row-1").cells == ("A. Definitions", "Basic terms.")
    assert doc.find("A").heading == "Definitions"
    assert doc.find("A/p1").label == "Short version:"
    assert doc.find("A/p1").text == "We use these terms throughout."
    items = [c for c in doc.find("A").children if c.kind == "list-item"]
    assert [c.number for c in items] == ["1.", "2."]
    assert doc.find("B/1").heading == "Account Controls"
    assert doc.find("B/1/item-1/item-1").text == "Details of control."
    everything = " ".join(c.full_text for c in doc.walk())
    assert "{%" not in everything and "markdownlint" not in everything
    assert "{{ site.data.variables.contact.support }}" in everything


def test_lone_h1_is_title_and_sections_follow() -> None:
    doc = parse_text("# Privacy Policy\n\nLast updated: May 1, 2025\n\n## 1. Data\n\nWe collect data.\n", "markdown")
    assert doc.metadata.title == "Privacy Policy"
    assert doc.metadata.last_updated.date.isoformat() == "2025-05-01"
    assert [c.id for c in doc.body()] == ["1", "1/p1"]


def test_several_h1_are_sections() -> None:
    doc = parse_text("# Introduction\n\nHello there.\n\n# Scope\n\nThis applies.\n", "markdown")
    assert [c.id for c in doc.body()] == ["s1", "s1/p1", "s2", "s2/p1"]
    assert [doc.find(i).heading for i in ("s1", "s2")] == ["Introduction", "Scope"]


def test_soft_wrapped_paragraph_is_one_clause() -> None:
    doc = parse_text("## 1. Data\n\nWe collect your name\nand your email address.\n", "markdown")
    assert doc.find("1/p1").text == "We collect your name and your email address."
    assert doc.find("1/p1").lines == (3, 4)


def test_bold_paragraphs_from_html_conversion_are_sections() -> None:
    text = ("Acme Terms\n==========\n\n**Effective Date: August 11, 2023**\n\n**1\\. ACCOUNT INFORMATION; SHARING**\n\n"
            "**1.1 Registration; Passwords**. You may be asked to register.\n\n"
            "**1.2 Prohibition on Sharing**. You may not share an account.\n\n**2\\. ORDERS**\n\n"
            "**Data We Collect**\n\nWe collect data.\n")
    doc = parse_text(text, "markdown")
    assert doc.metadata.effective.date.isoformat() == "2023-08-11"
    assert [c.id for c in doc.body()] == ["1", "1.1", "1.1/p1", "1.2", "1.2/p1", "2", "2/s1", "2/s1/p1"]
    assert doc.find("2/s1").heading == "Data We Collect"
    assert doc.find("1.1").heading == "Registration; Passwords"
    assert doc.find("1.1/p1").text == "You may be asked to register."
