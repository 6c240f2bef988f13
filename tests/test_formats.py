"""The same policy saved as text, Markdown, HTML, Word and PDF parses to the same clauses."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from policydiff.model import Document
from policydiff.parse import parse_file, parse_text

TEXT = """Acme Notes Privacy Policy
Effective Date: January 5, 2026 | Last Updated: December 1, 2025

This policy explains how Acme Notes handles your information.

1. Information We Collect
We collect the following information:
- Account Data. Your name and email address.
- Usage Data. Pages you view and features you use.

2. How We Share Information
We do not sell your personal information.
| Recipient | Purpose |
| --- | --- |
| Cloud host | Storage of notes |
| Mail provider | Sending account email |

3. Your Rights
3.1 Access
You may ask for a copy of your data.
3.2 Deletion
You may ask us to delete your data within thirty (30) days.
"""

MARKDOWN = """---
title: Acme Notes Privacy Policy
---
<!-- reviewed by legal -->
# Acme Notes Privacy Policy

**Effective Date:** January 5, 2026 | **Last Updated:** December 1, 2025

This policy explains how Acme Notes handles
your information.

## 1. Information We Collect

We collect the following information:

- **Account Data.** Your name and email address.
- **Usage Data.** Pages you view and features you use.

## 2. How We Share Information

{% if site.show_sale %}We do not sell your personal information.{% endif %}

| Recipient | Purpose |
| --- | --- |
| Cloud host | Storage of notes |
| Mail provider | Sending account email |

## 3. Your Rights

### 3.1 Access

You may ask for a copy of your data.

### 3.2 Deletion

You may ask us to delete your data within thirty (30) days.
"""

HTML = """<!doctype html>
<html><head><title>Privacy | Acme</title><script>track();</script><style>p{}</style></head>
<body>
<header><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies. <button>Accept</button></div>
<main>
<h1>Acme Notes Privacy Policy</h1>
<p class="meta">Effective Date: January 5, 2026 | Last Updated: December 1, 2025</p>
<p>This policy explains how Acme Notes handles
   your information.</p>
<h2>1. Information We Collect</h2>
<p>We collect the following information:</p>
<ul>
  <li><strong>Account Data.</strong> Your name and email address.</li>
  <li><strong>Usage Data.</strong> Pages you view and features you use.</li>
</ul>
<h2>2. How We Share Information</h2>
<p>We do not sell your personal information.</p>
<table><thead><tr><th>Recipient</th><th>Purpose</th></tr></thead>
<tbody><tr><td>Cloud host</td><td>Storage of notes</td></tr>
<tr><td>Mail provider</td><td>Sending account email</td></tr></tbody></table>
<h2>3. Your Rights</h2>
<h3>3.1 Access</h3>
<p>You may ask for a copy of your data.</p>
<h3>3.2 Deletion</h3>
<p>You may ask us to delete your data within thirty (30) days.</p>
</main>
<footer><p>&copy; 2026 Acme Notes, Inc.</p><a href="/terms">Terms</a></footer>
</body></html>
"""


def signature(doc: Document) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(c.id, c.kind, c.number and c.number.rstrip("."), c.heading, c.full_text)
            for c in doc.body()]


EXPECTED_IDS = ["p1", "1", "1/p1", "1/item-1", "1/item-2", "2", "2/p1", "2/row-0", "2/row-1", "2/row-2", "3",
                "3.1", "3.1/p1", "3.2", "3.2/p1"]


def test_text_reference_tree() -> None:
    doc = parse_text(TEXT)
    assert [c.id for c in doc.body()] == EXPECTED_IDS
    assert doc.find("1/item-1").label == "Account Data."
    assert doc.metadata.title == "Acme Notes Privacy Policy"
    assert doc.metadata.effective.date == date(2026, 1, 5)
    assert doc.metadata.last_updated.date == date(2025, 12, 1)


@pytest.mark.parametrize("fmt,source", [("markdown", MARKDOWN), ("html", HTML)])
def test_same_policy_same_clauses(fmt: str, source: str) -> None:
    reference = parse_text(TEXT)
    doc = parse_text(source, fmt)  # type: ignore[arg-type]
    assert signature(doc) == signature(reference)
    assert doc.metadata.effective == reference.metadata.effective or doc.metadata.effective.date == date(2026, 1, 5)
    assert doc.metadata.title == "Acme Notes Privacy Policy"


def test_html_drops_page_chrome() -> None:
    doc = parse_text(HTML, "html")
    everything = " ".join(c.full_text + (c.heading or "") for c in doc.walk())
    assert "Pricing" not in everything and "cookies" not in everything and "track()" not in everything
    assert "2026 Acme Notes" not in everything
    assert any("<main>" in note for note in doc.notes)


def test_html_without_main_drops_chrome_by_tag_and_name() -> None:
    page = HTML.replace("<main>", "<div class='content'>").replace("</main>", "</div>")
    doc = parse_text(page, "html")
    assert signature(doc) == signature(parse_text(TEXT))
    assert any("cookie-banner" in note for note in doc.notes)


def test_docx_same_clauses(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Acme Notes Privacy Policy", style="Title")
    document.add_paragraph("Effective Date: January 5, 2026 | Last Updated: December 1, 2025")
    document.add_paragraph("This policy explains how Acme Notes handles your information.")
    document.add_heading("1. Information We Collect", level=1)
    document.add_paragraph("We collect the following information:")
    document.add_paragraph("Account Data. Your name and email address.", style="List Bullet")
    document.add_paragraph("Usage Data. Pages you view and features you use.", style="List Bullet")
    document.add_heading("2. How We Share Information", level=1)
    document.add_paragraph("We do not sell your personal information.")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Recipient", "Purpose"), ("Cloud host", "Storage of notes"),
                                       ("Mail provider", "Sending account email")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    document.add_heading("3. Your Rights", level=1)
    document.add_heading("3.1 Access", level=2)
    document.add_paragraph("You may ask for a copy of your data.")
    document.add_heading("3.2 Deletion", level=2)
    document.add_paragraph("You may ask us to delete your data within thirty (30) days.")
    path = tmp_path / "policy.docx"
    document.save(path)
    doc = parse_file(path)
    assert doc.format == "docx"
    assert signature(doc) == signature(parse_text(TEXT))
    assert doc.metadata.effective.date == date(2026, 1, 5)


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds these lines (Helvetica, ASCII only)."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 10 Tf 12 TL 40 800 Td " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_pdf_same_clauses(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "policy.pdf"
    path.write_bytes(minimal_pdf([line for line in TEXT.splitlines() if line.strip()]))
    doc = parse_file(path)
    assert doc.format == "pdf"
    assert signature(doc) == signature(parse_text(TEXT))


def test_pdf_rewraps_hard_wrapped_lines(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    wrapped = ["Acme Notes Terms", "1. Scope", "These terms apply to every workspace that you create on the Acme Notes",
               "service, including workspaces created by members of your organisation on",
               "your behalf, and to all content stored in them.",
               "2. Fees", "Fees are charged monthly in advance and are not refundable except where the",
               "law requires a refund or where we end the service without cause.",
               "3. Changes", "We will give you at least thirty (30) days notice by email before any",
               "change to these terms takes effect, unless the law requires a change sooner."]
    path = tmp_path / "terms.pdf"
    path.write_bytes(minimal_pdf(wrapped))
    doc = parse_file(path)
    assert [c.id for c in doc.body()] == ["1", "1/p1", "2", "2/p1", "3", "3/p1"]
    assert doc.find("1/p1").text.endswith("on your behalf, and to all content stored in them.")
