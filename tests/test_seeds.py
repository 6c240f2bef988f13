"""The three seed policies parse into the outline a careful reader sees (skipped without ../shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from policydiff.model import Clause, Document
from policydiff.parse import parse_file

from .conftest import SEEDS, require_shared


def seed(prefix: str) -> Document:
    require_shared(SEEDS)
    (path,) = sorted(Path(SEEDS).glob(f"{prefix}_*.txt"))
    return parse_file(path)


def top_sections(doc: Document) -> list[Clause]:
    return [c for c in doc.clauses if c.role == "body" and c.kind == "section"]


def test_ai_cloud_partners_outline() -> None:
    doc = seed("000")
    sections = top_sections(doc)
    assert [c.id for c in sections] == [str(n) for n in range(1, 13)]
    assert sections[0].heading == "Information We Collect"
    assert [c.id for c in sections[0].children] == ["1.1", "1.2", "1.3", "1.4"]
    assert doc.find("1.1/item-1").label == "Account Information."
    assert doc.find("1.1/item-1").text.startswith("Name, email address")
    rows = [c for c in doc.find("3").children if c.kind == "table-row"]
    data_rows = [r for r in rows if not r.header]
    assert len(data_rows) == 6
    assert [r.cells[0] for r in data_rows] == ["Microsoft Azure", "Microsoft Partner Center APIs", "Microsoft Entra ID",
                                              "Azure Communication Services", "Stripe", "AI Processing"]
    assert rows[0].header and rows[0].cells == ("Recipient", "Data Shared", "Purpose")
    assert doc.find("12").heading == "Changes to This Policy"
    assert "thirty (30) days" in doc.find("12/p1").text


def test_ai_cloud_partners_metadata() -> None:
    meta = seed("000").metadata
    assert meta.title == "Privacy Policy"
    assert meta.effective.date == date(2026, 3, 1)
    assert meta.last_updated.date == date(2026, 2, 23)
    assert meta.supersedes.version == "v1.0"
    assert meta.supersedes.date == date(2026, 1, 27)
    assert meta.effective.source == "Effective Date: March 1, 2026"


def test_cloud_licenses_sub_blocks() -> None:
    doc = seed("001")
    sections = top_sections(doc)
    assert len(sections) == 7
    assert sections[0].heading == "DATA COLLECTION"
    sub = [c for c in sections[0].children if c.kind == "section"]
    assert [c.heading for c in sub] == ["Information Provided by You", "Information Collected Automatically"]
    assert [c.label for c in sub[0].children] == ["Account & Identity Data:", "Transaction & Billing Data:",
                                                  "Tenant Information:"]
    assert doc.metadata.effective.date == date(2026, 3, 10)
    assert doc.metadata.last_updated is None
    contact = doc.find("7")
    assert [c.label for c in contact.children][-2:] == ["Email:", "Address:"]


def test_partneros_ai_terms() -> None:
    doc = seed("002")
    sections = top_sections(doc)
    assert [c.id for c in sections] == [str(n) for n in range(1, 13)]
    for number, count in (("5", 5), ("8", 6)):
        items = [c for c in doc.find(number).children if c.kind == "list-item"]
        assert len(items) == count, number
    assert doc.metadata.title == "PartnerOS AI Terms"
    assert doc.metadata.effective.date == date(2026, 5, 2)
    assert doc.metadata.last_updated.date == date(2026, 5, 2)
    assert "next renewal" in doc.find("12/p1").text
    furniture = [c.text for c in doc.clauses if c.role == "furniture"]
    assert furniture[-1] == "Get Started"


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_seed_lines_each_in_exactly_one_clause(prefix: str) -> None:
    doc = seed(prefix)
    text = Path(doc.source).read_text(encoding="utf-8")
    covered: dict[int, str] = {}
    for clause in doc.walk():
        for line in range(clause.lines[0], clause.lines[1] + 1):
            assert line not in covered, (line, clause.id, covered.get(line))
            covered[line] = clause.id
    non_blank = {n for n, line in enumerate(text.split("\n"), 1) if line.strip()}
    assert non_blank == set(covered)
