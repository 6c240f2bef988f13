"""Reading Word files as counsel send them: drafts with tracked changes, comments, automatic numbering.

Two fixtures carry tracked changes: one written by policydiff's own Word redline, one written here
by hand with python-docx's XML (w:ins, w:del, an inserted paragraph, a deleted table row, a restyled
heading, a comment), as Word writes them. `diff draft.docx` must list the tracked edits as changes;
`--tracked` must choose either version for any command; comments must be ignored with a note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydiff.api import diff, diff_documents
from policydiff.cli import main
from policydiff.parse import parse_file
from policydiff.render.diff_docx import render_docx_diff

from .conftest import CORPUS

docx = pytest.importorskip("docx")
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

STAMP = {qn("w:author"): "Outside Counsel", qn("w:date"): "2026-01-05T10:00:00Z"}


def revision(tag: str, number: int) -> object:
    return OxmlElement(tag, attrs={qn("w:id"): str(number), **STAMP})


def tracked(paragraph, tag: str, text: str, number: int) -> None:  # type: ignore[no-untyped-def]
    """Append `text` to a paragraph as an inserted (w:ins) or deleted (w:del) run."""
    run = paragraph.add_run(text)._r
    wrapper = revision(tag, number)
    run.addprevious(wrapper)
    wrapper.append(run)  # type: ignore[attr-defined]
    if tag == "w:del":
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")


def hand_written_draft(path: Path) -> Path:
    """A privacy policy edited with Word's Track Changes on, written element by element."""
    document = docx.Document()
    document.add_paragraph("Acme Notes Privacy Policy", style="Title")
    document.add_heading("1. Information We Collect", level=1)
    paragraph = document.add_paragraph("We collect your name and email address")
    tracked(paragraph, "w:ins", " and your phone number", 1)
    paragraph.add_run(".")
    document.add_heading("2. Retention", level=1)
    paragraph = document.add_paragraph("We keep account data for ")
    tracked(paragraph, "w:del", "thirty (30)", 2)
    tracked(paragraph, "w:ins", "ninety (90)", 3)
    paragraph.add_run(" days after you close your account.")
    added = document.add_paragraph()
    tracked(added, "w:ins", "We may use your notes to train our AI models.", 4)
    marks = OxmlElement("w:rPr")
    marks.append(revision("w:ins", 5))
    added._p.get_or_add_pPr().append(marks)  # the paragraph itself is new
    gone = document.add_paragraph()
    tracked(gone, "w:del", "We never sell your personal information.", 6)
    marks = OxmlElement("w:rPr")
    marks.append(revision("w:del", 7))
    gone._p.get_or_add_pPr().append(marks)
    document.add_heading("3. Who We Share With", level=1)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Recipient", "Purpose"), ("Cloud host", "Storage"), ("Ad network", "Ads")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    table.rows[2]._tr.get_or_add_trPr().append(revision("w:del", 8))  # the row was deleted
    for cell in table.rows[2].cells:
        for run in cell.paragraphs[0].runs:
            holder = revision("w:del", 9)
            run._r.addprevious(holder)
            holder.append(run._r)  # type: ignore[attr-defined]
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")
    heading = document.add_paragraph("How to reach us about your privacy", style="Heading 1")  # restyled from Normal
    change = OxmlElement("w:pPrChange", attrs={qn("w:id"): "10", **STAMP})
    change.append(OxmlElement("w:pPr"))
    heading._p.get_or_add_pPr().append(change)
    contact = document.add_paragraph("Write to privacy@acme.example.")
    document.add_comment(contact.runs, text="Should this be the DPO's address?", author="Reviewer")
    document.save(str(path))
    return path


def test_a_hand_written_draft_reads_as_accepted_with_a_note(tmp_path: Path) -> None:
    document = parse_file(hand_written_draft(tmp_path / "draft.docx"))
    texts = [clause.full_text for clause in document.body()]
    assert "We collect your name and email address and your phone number." in texts
    assert "We keep account data for ninety (90) days after you close your account." in texts
    assert "We may use your notes to train our AI models." in texts
    assert "We never sell your personal information." not in " ".join(texts)
    assert not any("Ad network" in clause.cells for clause in document.walk())
    assert "How to reach us about your privacy" in [c.heading for c in document.body() if c.kind == "section"]
    assert any(note.startswith("tracked changes (") and "accepted" in note for note in document.notes)
    assert any(note.startswith("Word comments (1)") for note in document.notes)
    assert "DPO" not in " ".join(c.full_text for c in document.walk())


def test_a_hand_written_draft_reads_as_rejected_on_request(tmp_path: Path) -> None:
    document = parse_file(hand_written_draft(tmp_path / "draft.docx"), tracked="rejected")
    texts = [clause.full_text for clause in document.body()]
    assert "We collect your name and email address." in texts
    assert "We keep account data for thirty (30) days after you close your account." in texts
    assert "We never sell your personal information." in texts
    assert "train our AI models" not in " ".join(texts)
    assert any(clause.cells == ("Ad network", "Ads") for clause in document.walk())
    assert "How to reach us about your privacy" not in [c.heading for c in document.body()]  # a paragraph before
    assert "How to reach us about your privacy" in texts


def test_diff_of_one_draft_lists_its_tracked_edits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hand_written_draft(tmp_path / "draft.docx")
    assert main(["diff", str(path), "--format", "json", "--fail-on", "any"]) == 1
    out, err = capsys.readouterr()
    import json

    report = json.loads(out)
    kinds = {(c["kind"], c["old_text"], c["new_text"]) for c in report["changes"]}
    assert ("modified", "We collect your name and email address.",
            "We collect your name and email address and your phone number.") in kinds
    assert any(k == "added" and "train our AI models" in (new or "") for k, _, new in kinds)
    assert any(k == "removed" and "never sell" in (old or "") for k, old, _ in kinds)
    assert any(k == "removed" and "Ad network" in (old or "") for k, old, _ in kinds)
    assert report["summary"]["material"] >= 3
    assert report["old"]["source"].endswith("draft.docx (changes rejected)")
    assert "tracked changes" in err and "Word comments (1)" in err


def test_the_project_s_own_redline_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = CORPUS / "tallyhq-terms" / "v3.2.txt", CORPUS / "tallyhq-terms" / "v4.0.txt"
    expected = diff(old, new)
    redline = tmp_path / "redline.docx"
    redline.write_bytes(render_docx_diff(expected))
    assert not diff_documents(parse_file(old), parse_file(redline, tracked="rejected")).changes
    assert not diff_documents(parse_file(new), parse_file(redline)).changes
    again = diff_documents(parse_file(redline, tracked="rejected"), parse_file(redline))
    assert [(c.kind, c.old and c.old.id, c.new and c.new.id, c.material) for c in again.changes] == \
        [(c.kind, c.old and c.old.id, c.new and c.new.id, c.material) for c in expected.changes]
    assert main(["diff", str(redline), "--fail-on", "material"]) == 1
    assert "fourteen (14)" in capsys.readouterr().out


def test_tracked_chooses_the_version_for_show_and_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = hand_written_draft(tmp_path / "draft.docx")
    assert main(["show", str(path)]) == 0
    assert "phone number" in capsys.readouterr().out
    assert main(["show", str(path), "--tracked", "rejected", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "phone number" not in out and "never sell" in out
    main(["lint", str(path), "--tracked", "rejected"])
    capsys.readouterr()


def test_one_argument_needs_a_word_draft_with_tracked_changes(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("We keep data for 30 days.")
    document.save(str(plain))
    assert main(["diff", str(plain)]) == 2
    assert main(["diff", str(CORPUS / "tallyhq-terms" / "v3.2.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"policydiff: error: {plain}: this Word document has no tracked changes: give OLD and NEW to "
                   "compare", f"policydiff: error: {CORPUS / 'tallyhq-terms' / 'v3.2.txt'}: diff needs OLD and NEW; "
                   "with one file, it must be a Word document with tracked changes"]


def test_list_numbering_gives_numbered_clauses_their_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    definition = OxmlElement("w:abstractNum", attrs={qn("w:abstractNumId"): "90"})
    for level, (fmt, text) in enumerate((("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)"))):
        lvl = OxmlElement("w:lvl", attrs={qn("w:ilvl"): str(level)})
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            lvl.append(OxmlElement(tag, attrs={qn("w:val"): value}))
        definition.append(lvl)
    numbering.insert(0, definition)
    num = OxmlElement("w:num", attrs={qn("w:numId"): "90"})
    num.append(OxmlElement("w:abstractNumId", attrs={qn("w:val"): "90"}))
    numbering.append(num)

    def numbered(text: str, level: int, style: str | None = None) -> None:
        paragraph = document.add_paragraph(text, style=style)
        properties = paragraph._p.get_or_add_pPr()
        numbers = OxmlElement("w:numPr")
        numbers.append(OxmlElement("w:ilvl", attrs={qn("w:val"): str(level)}))
        numbers.append(OxmlElement("w:numId", attrs={qn("w:val"): "90"}))
        properties.append(numbers)

    numbered("Definitions", 0, "Heading 1")
    numbered("Account means your account.", 1)
    numbered("Content means what you upload.", 1)
    numbered("including files;", 2)
    numbered("Your Obligations", 0, "Heading 1")
    numbered("You must keep your password safe.", 1)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    parsed = parse_file(path)
    numbers = [(clause.number, clause.display) for clause in parsed.body()]
    assert numbers == [("1.", "Definitions"), ("(a)", "Account means your account."),
                       ("(b)", "Content means what you upload."), ("i)", "including files;"),
                       ("2.", "Your Obligations"), ("(a)", "You must keep your password safe.")]


def test_tracked_is_taken_by_every_command_that_reads_a_file(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`review`, `hook` and `add` read a Word draft with `--tracked` too: the review's diff, the hook's
    lint and the version recorded are of the text chosen."""
    from policydiff.classify import default_rules
    from policydiff.commands.review import DiffLoading

    path = hand_written_draft(tmp_path / "draft.docx")
    kind, diff = DiffLoading(str(path), str(path), 20 << 20, default_rules(), "rejected").outcome()
    assert kind == "diff" and all("phone number" not in c.text for c in diff.new.body())
    assert main(["hook", "lint", str(path), "--tracked", "rejected"]) in (0, 1)
    capsys.readouterr()
    assert main(["init", str(tmp_path / "repo")]) == 0
    assert main(["add", "privacy", str(path), "--tracked", "rejected", "--repo", str(tmp_path / "repo"),
                 "--version", "1.0"]) == 0
    stored = (tmp_path / "repo" / "policies" / "privacy.md").read_text(encoding="utf-8")
    assert "phone number" not in stored and "never sell" in stored
