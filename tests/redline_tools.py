"""What the redline tests read back: a Word file's two versions (Accept All and Reject All, applied by
hand to the XML, independently of policydiff's own reader), a document's clause texts as printed, the
page fill of a PDF, and the external programs (LibreOffice, Chromium) with the reason when absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from policydiff.model import Document
from policydiff.view import printed

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISIONS = {f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"}
MM = 72 / 25.4


def _paragraph(paragraph, accept: bool) -> str | None:  # type: ignore[no-untyped-def]
    gone = {"del", "moveFrom"} if accept else {"ins", "moveTo"}
    if any(paragraph.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None for kind in gone):
        return None  # the paragraph mark itself is not in this version
    words = []
    for text in paragraph.iter(f"{W}t", f"{W}delText"):
        wrappers = {a.tag[len(W):] for a in text.iterancestors() if a.tag in REVISIONS}
        if not wrappers & gone:
            words.append(text.text or "")
    return "".join(words)


def word_version(path: Path, *, accept: bool) -> list[str]:
    """The non-empty paragraphs (a table row: its cells joined by " | ") of a .docx after Accept All
    (insertions and moves-to kept, deletions and moves-from dropped) or Reject All (the reverse)."""
    import docx

    out: list[str | None] = []
    for element in docx.Document(str(path)).element.body.iterchildren():
        if element.tag == f"{W}p":
            out.append(_paragraph(element, accept))
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                if row.find(f"{W}trPr/{W}{'del' if accept else 'ins'}") is not None:
                    continue
                cells = [" ".join(filter(None, (_paragraph(p, accept) for p in cell.iter(f"{W}p"))))
                         for cell in row.iter(f"{W}tc")]
                while cells and not cells[-1]:
                    cells.pop()
                out.append(" | ".join(cells))
    return [text for text in out if text]


def clause_texts(document: Document) -> list[str]:
    """Every clause of a document as printed, in order, as a redline shows it: page furniture and front
    matter left out, a table row's cells joined by " | "."""
    out = []
    for clause in document.walk():
        if clause.role == "furniture" or clause.id == "front-matter":
            continue
        if clause.kind == "table-row":
            cells = list(clause.cells)
            while cells and not cells[-1]:
                cells.pop()
            out.append(" | ".join(cells))
        else:
            out.append(printed(clause))
    return [text for text in out if text]


def program(*names: str) -> str:
    """The first of these programs on PATH, or skip the test saying which is missing and how CI gets it."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{' or '.join(names)} is not installed (.ci/run installs it from Debian packages)")


def soffice_pdf(docx_path: Path, out_dir: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice, as a real word processor opening the file."""
    soffice = program("soffice", "libreoffice")
    profile = out_dir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = out_dir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return pdf


def chromium_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Print an HTML file to PDF with headless Chromium, as a browser's Print does."""
    chromium = program("chromium", "chromium-browser", "google-chrome")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={pdf_path.parent / 'chrome'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                   check=True, capture_output=True, timeout=180)
    assert pdf_path.is_file(), "Chromium wrote no PDF"
    return pdf_path


def page_fill(pdf: Path, *, top: float = 18 * MM, bottom: float = 18 * MM) -> list[float]:
    """For each page, how far down its text area the text reaches (0 to 1), margins (where the running
    header and the page numbers stand) left out."""
    from pypdf import PdfReader

    fills = []
    for page in PdfReader(str(pdf)).pages:
        height = float(page.mediabox.height)
        heights: list[float] = []

        def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
            if text.strip():
                heights.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

        page.extract_text(visitor_text=visit)
        body = [y for y in heights if bottom < y < height - top]
        lowest = min(body) if body else height - top
        fills.append(round((height - top - lowest) / (height - top - bottom), 3))
    return fills
