"""Readers under hostile and unlucky input: one line and exit 2, never a hang, a traceback or a blow-up.

FIFOs and devices (made in tmp_path, never /dev's own), standard input with the size limit enforced
while reading, HTML nested 900 deep, a .docx whose first table row continues a vertical merge, a
.docx zip bomb, a PDF that trips pypdf's decompression limit, text shapes that made a regex
exponential or a loop quadratic, and a left-to-right mark that crashed the Markdown diff.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS
from .hostile import NEW, OLD

SMALL = CORPUS / "tallyhq-terms" / "v3.1.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "", (code, out, err)
    assert err.count("\n") == 1 and err.startswith("policydiff: error: "), err
    return err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "policy.txt"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("argv", [["show", "{f}"], ["lint", "{f}"], ["diff", "{f}", str(SMALL)],
                                  ["diff", str(SMALL), "{f}"], ["check", str(SMALL), "{f}"],
                                  ["notice", str(SMALL), "{f}"], ["hook", "lint", "{f}"],
                                  ["diff", str(SMALL), str(SMALL), "--config", "{f}"],
                                  ["notice", str(OLD), str(NEW), "--force", "--template", "{f}"],
                                  ["check", str(OLD), str(NEW), "--review", "{f}"]])
def test_a_fifo_is_refused_at_once(argv: list[str], fifo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, *(a.format(f=fifo) for a in argv))
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in err or f"{fifo}: no such review file" in err


def test_a_device_is_refused_not_read_until_memory_runs_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zero = tmp_path / "zero"
    try:
        os.mknod(zero, stat.S_IFCHR | 0o444, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("cannot make a device node here (no CAP_MKNOD)")
    err = refused(capsys, "show", str(zero))
    assert "is a character device, not a regular file (to read standard input, give -)" in err


def test_dash_reads_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NEW.read_bytes())))
    code, out, err = run(capsys, "diff", str(OLD), "-")
    assert code == 0, err
    assert "<stdin>" in out and "advertising" in out


def test_dash_twice_is_refused(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NEW.read_bytes())))
    monkeypatch.setattr("policydiff.read._stdin_read", [])
    assert "only one of the files can be -" in refused(capsys, "diff", "-", "-")


def test_standard_input_stops_at_the_size_limit() -> None:
    with open("/dev/zero", "rb") as endless:  # read from, never written to
        result = subprocess.run([sys.executable, "-m", "policydiff", "show", "-", "--max-size", "1"], stdin=endless,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "policydiff: error: <stdin>: input is over the 1.0 MB limit (raise it with --max-size)\n"


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "1e400"])
def test_max_size_that_is_no_number_of_megabytes(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_status:
        main(["show", str(SMALL), "--max-size", value])
    err = capsys.readouterr().err
    assert exit_status.value.code == 2 and "argument --max-size: must be more than 0" in err
    assert "Traceback" not in err


def test_html_nested_900_deep_is_read_in_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body><main><h1>Privacy Policy</h1>" + "<div><ul><li>" * 900
                    + "We do not sell your personal information." + "</li></ul></div>" * 900
                    + "</main></body></html>", encoding="utf-8")
    code, out, err = run(capsys, "show", str(deep))
    assert code == 0, err
    assert "We do not sell" in out and "nested more than" in out
    for argv in (["diff", str(SMALL), str(deep)], ["diff", str(deep), str(deep), "--format", "json"],
                 ["lint", str(deep)], ["check", str(SMALL), str(deep)]):
        code, out, err = run(capsys, *argv)
        assert code in (0, 1) and "error" not in err, (argv, err)


def word_file(document_xml: str | None = None) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Privacy Policy", 0)
    document.add_paragraph("We do not sell your data.")
    table = document.add_table(rows=2, cols=2)
    for row in range(2):
        for column in range(2):
            table.cell(row, column).text = f"cell {row}{column}"
    buffer = io.BytesIO()
    document.save(buffer)
    if document_xml is None:
        return buffer.getvalue()
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = document_xml.replace("{original}", data.decode("utf-8")).encode("utf-8")
            target.writestr(item.filename, data)
    return rebuilt.getvalue()


def test_a_first_table_row_continuing_a_vertical_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = zipfile.ZipFile(io.BytesIO(word_file())).read("word/document.xml").decode("utf-8")
    assert "<w:tc><w:tcPr>" in original
    path = tmp_path / "merged.docx"
    path.write_bytes(word_file(original.replace("<w:tc><w:tcPr>", "<w:tc><w:tcPr><w:vMerge/>", 1)))
    err = refused(capsys, "show", str(path))
    assert f"{path}: not a readable Word file (ValueError" in err


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = zipfile.ZipFile(io.BytesIO(word_file())).read("word/document.xml").decode("utf-8")
    run_of_text = "<w:p><w:r><w:t>We do not sell your data.</w:t></w:r></w:p>" * 1_000_000  # 62 MB of XML
    bomb = word_file(original.replace("<w:body>", "<w:body>" + run_of_text, 1))
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    assert len(bomb) < 1_000_000
    err = refused(capsys, "show", str(path))
    assert "word/document.xml" in err and "a zip bomb?" in err
    err = refused(capsys, "show", str(path), "--max-size", "5")
    assert "would expand to" in err


def test_a_word_file_with_too_many_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_file())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        for index in range(10_001):
            target.writestr(f"word/media/x{index}", b"")
    path = tmp_path / "parts.docx"
    path.write_bytes(buffer.getvalue())
    assert "parts (at most 10,000)" in refused(capsys, "show", str(path))


def pdf(content: bytes, *, startxref_offset: int = 0) -> bytes:
    """A one-page PDF whose content stream is `content`, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref + startxref_offset)
    return bytes(out)


def test_a_pdf_that_trips_pypdfs_limits_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    filters = pytest.importorskip("pypdf.filters")
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf(b"BT /F1 12 Tf 72 712 Td (" + b"A" * (filters.ZLIB_MAX_OUTPUT_LENGTH + 10) + b") Tj ET"))
    assert f"{path}: not a readable PDF (LimitReachedError)" in refused(capsys, "show", str(path))


def test_pypdf_says_nothing_of_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "skewed.pdf"
    path.write_bytes(pdf(b"BT /F1 12 Tf 72 712 Td (We do not sell your data.) Tj ET", startxref_offset=7))
    code, out, err = run(capsys, "show", str(path))
    assert code == 0 and "We do not sell your data." in out
    assert err == "", "pypdf's warnings about the file must not reach stderr"


SHAPES = {
    "separators": "Privacy Policy\n\nThis policy is effective" + " :" * 60 + " from time to time.\n",
    "blank-lines": "Privacy Policy\n\nWe do not sell your data." + "\n" * 300_000 + "Contact us.\n",
    "no-periods": "Privacy Policy\n\n" + "we may share and store your information with partners " * 12_000 + "\n",
}
"""Each took from seconds to forever: a cue and sixty separators (exponential), blank lines (each one
looked ahead to the next text), 650 KB without a period (lint's patterns began with an unanchored [^.]*)."""


@pytest.mark.parametrize("name", SHAPES)
def test_shapes_that_were_exponential_or_quadratic(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(SHAPES[name], encoding="utf-8")
    code, out, err = run(capsys, "lint", str(path))
    assert code in (0, 1) and err == "", err
    assert "no-change-clause" in out


def test_a_left_to_right_mark_in_a_clause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marked = tmp_path / "v2.1.md"
    marked.write_text(NEW.read_text(encoding="utf-8").replace("We do not sell", "We do not\u200e sell", 1),
                      encoding="utf-8")
    code, out, err = run(capsys, "diff", str(OLD), str(marked), "--format", "markdown")
    assert code == 0, err
    assert "\u200e" not in out and "advertising" in out
