"""Counsel's redlines: the whole document in HTML (read in a browser, printed) and in Word (tracked changes).

The Word redline is read back as Word would apply Accept All and Reject All (tests/redline_tools.py
does it on the XML by hand, not with policydiff's reader): every pair of the corpus, and every
labelled real pair in ../shared, must give exactly the new version's clauses when accepted and the
old version's when rejected, which proves every insertion and deletion is a tracked change. The
comments must carry the reasons of the material changes. LibreOffice opens the file, and headless
Chromium prints the HTML redline with no page but the last less than half full.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, timezone
from functools import cache
from pathlib import Path

import pytest

from policydiff.api import diff, diff_documents
from policydiff.cli import main
from policydiff.model import Diff
from policydiff.notice.window import check_notice
from policydiff.parse import parse_text
from policydiff.render.diff_docx import render_docx_diff
from policydiff.render.diff_html import render_html_diff
from policydiff.view import DiffView, printed

from .conftest import CORPUS, REALWORLD, require_shared
from .redline_tools import W, chromium_pdf, clause_texts, page_fill, soffice_pdf, word_version

COMPARED = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
PAIRS = [(folder.name, old, new) for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir())
         for old, new in zip(*(lambda v: (v, v[1:]))(sorted(p for p in folder.iterdir()
                                                             if p.suffix in (".md", ".txt", ".html"))))]
PAIR_IDS = [f"{family}-{old.stem}-{new.stem}" for family, old, new in PAIRS]


@cache
def corpus(family: str, old: str, new: str) -> Diff:
    return diff(CORPUS / family / old, CORPUS / family / new)


def docx_of(result: Diff, tmp_path: Path, name: str = "redline.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(render_docx_diff(result, compared=COMPARED))
    return path


def visible_text(page: str, *, accepted: bool = False) -> str:
    """What a browser shows of an HTML page, whitespace collapsed; `accepted`: without deleted words."""
    body = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    if accepted:
        body = re.sub(r"<del[^>]*>.*?</del>", "", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())


# --- Word ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("family", "old", "new"), PAIRS, ids=PAIR_IDS)
def test_word_redline_accepts_into_new_and_rejects_into_old(family: str, old: Path, new: Path,
                                                            tmp_path: Path) -> None:
    result = corpus(family, old.name, new.name)
    path = docx_of(result, tmp_path)
    assert word_version(path, accept=True) == clause_texts(result.new)
    assert word_version(path, accept=False) == clause_texts(result.old)


REAL_SAMPLE = ("gh-privacy-statement-2023-02-22-3", "gh-terms-of-service-2018-04-19", "gh-subprocessors-2024-04-17",
               "ota-linkedin-privacy-policy-2025-11-04", "ota-tiktok-privacy-policy-2025-12-14",
               "ota-zoom-terms-of-service-2023-02-01")
"""Labelled real pairs of every shape (Markdown with tables, HTML pages with banners, a removed banner);
bench/bench_redline.py runs all of them."""


def test_word_redline_of_real_pairs_reads_back_as_either_version(tmp_path: Path) -> None:
    labels = [require_shared(REALWORLD / "labels") / f"{name}.json" for name in REAL_SAMPLE]
    checked = 0
    for label in labels:
        pair = json.loads(label.read_text(encoding="utf-8"))
        result = diff(REALWORLD / pair["old"], REALWORLD / pair["new"])
        path = docx_of(result, tmp_path)
        assert word_version(path, accept=True) == clause_texts(result.new), pair["pair"]
        assert word_version(path, accept=False) == clause_texts(result.old), pair["pair"]
        checked += 1
    assert checked == len(REAL_SAMPLE)


def test_word_redline_marks_changes_as_policydiffs_revisions(tmp_path: Path) -> None:
    import docx

    result = corpus("brightdesk-privacy", "v2.0.md", "v2.1.md")
    document = docx.Document(str(docx_of(result, tmp_path)))
    body = document.element.body
    revisions = [e for e in body.iter() if e.tag in {f"{W}{k}" for k in ("ins", "del", "moveFrom", "moveTo")}]
    assert revisions and {e.get(f"{W}author") for e in revisions} == {"policydiff"}
    assert {e.get(f"{W}date") for e in revisions} == {"2026-03-01T09:30:00Z"}
    deleted = "".join(t.text or "" for e in body.iter(f"{W}del") for t in e.iter(f"{W}delText"))
    inserted = "".join(t.text or "" for e in body.iter(f"{W}ins") for t in e.iter(f"{W}t"))
    assert "thirty (30" in deleted and "fifteen (15" in inserted
    assert ", except to our advertising partners as described in Section 6" in inserted
    # the moved section: its old place as moveFrom, its new one as moveTo, paired by name
    names = {kind: {e.get(f"{W}name") for e in body.iter(f"{W}{kind}RangeStart")} for kind in ("moveFrom", "moveTo")}
    assert names["moveFrom"] and names["moveFrom"] == names["moveTo"]
    moved_to = "".join(t.text or "" for e in body.iter(f"{W}moveTo") for t in e.iter(f"{W}t"))
    assert "Children's Privacy and Minimum Age" in moved_to
    # headings keep Word's heading styles and their printed numbers
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1. Information We Collect") in headings and ("Heading 2", "1.1 Information you give us") in headings
    assert document.paragraphs[0].style.name == "Title"


def test_word_comments_carry_the_reasons_of_every_material_change(tmp_path: Path) -> None:
    import docx

    result = corpus("tallyhq-terms", "v3.2.txt", "v4.0.txt")
    document = docx.Document(str(docx_of(result, tmp_path)))
    comments = [comment.text for comment in document.comments]
    assert {comment.author for comment in document.comments} == {"policydiff"}
    material = [change for change in result.changes if change.material]
    assert material
    for change in material:
        holder = [text for text in comments if DiffView(result).of(change).ids in text]
        assert holder, f"no comment for {change.kind} {change.new and change.new.id}"
        assert all(reason.detail in holder[0] for reason in change.reasons)
        assert holder[0].startswith("Material")
    assert any("Defect of the new version: suspect-xref" in text for text in comments)
    cover = next(text for text in comments if text.startswith("Redline by policydiff"))
    assert "Notice:" in cover and "2026-03-01" in cover and "3.2 → 4.0" in cover


def test_word_redline_of_hostile_text_opens_and_keeps_the_text_as_text(tmp_path: Path) -> None:
    import docx

    old = parse_text("Terms\n\n1. Data\n\nWe keep <w:p>data</w:p> & logs \x01\x1f for 30 days.\n")
    new = parse_text("Terms\n\n1. Data\n\nWe keep <w:p>data</w:p> & logs \x01\x1f for 90 days \x0b]]>.\n")
    path = docx_of(diff_documents(old, new), tmp_path)
    accepted = [" ".join(text.split()) for text in word_version(path, accept=True)]
    assert "We keep <w:p>data</w:p> & logs for 90 days ]]>." in accepted
    assert docx.Document(str(path)).paragraphs


def test_libreoffice_opens_the_word_redline(tmp_path: Path) -> None:
    from pypdf import PdfReader

    result = corpus("tallyhq-terms", "v3.2.txt", "v4.0.txt")
    pdf = soffice_pdf(docx_of(result, tmp_path, "terms-redline.docx"), tmp_path)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages)
    assert "TallyHQ Terms of Service" in text and "CHANGES TO THESE TERMS" in text
    assert "fourteen (14)" in text and "thirty (30)" in text  # the tracked change is shown, both sides


def test_cli_writes_the_word_redline_atomically_and_refuses_stdout(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    old, new = (str(CORPUS / "tallyhq-terms" / name) for name in ("v3.2.txt", "v4.0.txt"))
    target = tmp_path / "redline.docx"
    assert main(["diff", old, new, "--format", "docx", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"PK") and not list(tmp_path.glob(".redline.docx.*"))
    assert main(["diff", old, new, "--format", "docx"]) == 2
    assert main(["diff", old, new, "--format", "docx", "--changes-only", "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("policydiff: error: --format docx") for line in err)


# --- HTML -----------------------------------------------------------------------------------------------

def test_html_redline_is_the_whole_new_document_with_cover_and_legend() -> None:
    result = corpus("tallyhq-terms", "v3.2.txt", "v4.0.txt")
    page = render_html_diff(result, compared=COMPARED, notice=check_notice(result, notice_date=date(2025, 11, 20)))
    shown = visible_text(page)
    accepted = visible_text(page.split('<main class="document">')[1], accepted=True)
    for text in clause_texts(result.new):
        if " | " in text:  # a table row: its cells, in order, in cells of their own
            assert all(" ".join(cell.split()) in accepted for cell in text.split(" | ")), text
            continue
        assert " ".join(text.split()) in accepted, text
    assert "Legend:" in shown and "inserted words" in shown and "moved text" in shown
    assert "compared 2026-03-01 09:30 UTC" in shown and "policydiff 0.1.0" in shown
    assert "✗ not compliant: 11 of 30 days" in shown and "earliest compliant effective date: 2025-12-20" in shown
    assert "✓ compliant: 30 of 30 days" in visible_text(render_html_diff(result, compared=COMPARED))
    assert "Defects of the new version" in shown and "suspect-xref" in shown
    assert "needs fresh consent" in shown or "expands" in shown
    assert 'href="#old-2"' in page and 'id="old-2"' in page and 'href="#new-7"' in page  # moved from / to
    assert "not shown" not in shown


def test_html_redline_shows_tables_as_tables_and_added_sections_with_their_headings() -> None:
    result = corpus("brightdesk-privacy", "v1.1.md", "v2.0.md")
    page = render_html_diff(result, compared=COMPARED)
    assert '<table class="policy">' in page and "<th>Recipient</th>" in page
    assert "<td>Cloud hosting provider</td><td>All data stored in the Services</td>" in page
    assert '<tr id="new-3/row-6" class="added"><td class="mark">+</td><td><ins>AI model provider</ins></td>' in page
    added = [c for c in result.changes if c.kind == "added" and c.new is not None and c.new.kind == "section"]
    for change in added:
        assert change.new is not None
        assert re.search(rf'<h\d id="new-{re.escape(change.new.id)}" class="added"><span class="mark">\+</span> <ins>',
                         page)


def test_html_changes_only_is_the_compact_view() -> None:
    result = corpus("brightdesk-privacy", "v2.0.md", "v2.1.md")
    page = render_html_diff(result, changes_only=True, compared=COMPARED)
    assert "unchanged clauses not shown" in page
    assert "<del>thirty (30</del><ins>fifteen (15</ins>" in page
    assert "Cloud hosting provider" not in page  # an unchanged table row
    assert page.count("⚑ MATERIAL") == result.summary()["material"] + 0


def test_html_redline_of_a_page_without_title_is_named_after_its_file() -> None:
    old = parse_text("We keep data for 30 days.\n\nWe do not sell data.\n", source="legal/privacy-2025.txt")
    new = parse_text("We keep data for 60 days.\n\nWe do not sell data.\n", source="legal/privacy-2026.txt")
    page = render_html_diff(diff_documents(old, new), compared=COMPARED)
    assert "<title>Redline: privacy-2026.txt</title>" in page and "Untitled" not in page


def test_html_redline_prints_pages_that_are_filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = []
    for family, old, new in (("brightdesk-privacy", "v1.1.md", "v2.0.md"), ("tallyhq-terms", "v3.2.txt", "v4.0.txt")):
        page = tmp_path / f"{family}.html"
        page.write_text(render_html_diff(corpus(family, old, new), compared=COMPARED), encoding="utf-8")
        fills = page_fill(chromium_pdf(page, tmp_path / f"{family}.pdf"))
        figures.append(f"{family} {old}→{new}: {len(fills)} pages, fill " + " ".join(f"{f:.0%}" for f in fills))
        assert len(fills) > 2 and min(fills[:-1]) >= 0.5, fills
    with capsys.disabled():
        print("\nHTML redline printed by Chromium: " + "; ".join(figures))


def test_every_clause_of_the_new_version_is_a_row_once(tmp_path: Path) -> None:
    for family, old, new in PAIRS:
        result = corpus(family, old.name, new.name)
        rows = DiffView(result).rows()
        news = [row.new for row in rows if row.new is not None]
        shown = [c for c in result.new.walk() if c.role != "furniture" and c.id != "front-matter"]
        extra = [c for row in rows for c in row.new_extra]
        assert sorted(map(id, news + extra)) == sorted(map(id, shown)), family
        assert all(printed(row.clause) or row.table_row for row in rows)
