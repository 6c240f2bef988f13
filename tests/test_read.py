"""Bytes to text: encodings, newlines and format detection."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policydiff.errors import InputError
from policydiff.parse import parse_file
from policydiff.read import read_bytes

TEXT = "Privacy Policy\nEffective Date: March 1, 2026\n1. Données We Collect\n- “Account” data — your name.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
])
def test_unicode_encodings(encoding: str, prefix: bytes) -> None:
    source = read_bytes(prefix + TEXT.encode(encoding), name="p.txt", suffix=".txt")
    assert source.text == TEXT


def test_cp1252_curly_quotes_and_dashes() -> None:
    data = TEXT.replace("Données", "Donnees").encode("cp1252")
    assert b"\x93" in data and b"\x97" in data
    source = read_bytes(data, name="p.txt", suffix=".txt")
    assert source.text == TEXT.replace("Données", "Donnees")
    assert source.encoding == "cp1252"


def test_crlf_and_nbsp(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").replace("your name", "your\u00a0name").encode("utf-8"))
    doc = parse_file(path)
    item = doc.find("1/item-1")
    assert item is not None
    assert item.full_text == "“Account” data — your\u00a0name."  # characters kept as written
    assert doc.find("1").heading == "Données We Collect"
    assert all("\r" not in c.full_text for c in doc.walk())


@pytest.mark.parametrize("text,expected", [
    ("<!doctype html><html><body><main><h1>T</h1><p>x</p></main></body></html>", "html"),
    ("---\ntitle: x\n---\n# Policy\n\n## 1. A\n\ntext\n", "markdown"),
    ("# Policy\n\n- one\n- two\n", "markdown"),
    ("Policy\n1. Scope\nWe do things.\n", "text"),
])
def test_format_from_content_when_extension_says_nothing(text: str, expected: str) -> None:
    assert read_bytes(text.encode(), name="policy", suffix="").format == expected


def test_extension_wins_for_text() -> None:
    assert read_bytes(b"# not markdown\n\n- x\n", name="a.txt", suffix=".txt").format == "text"


def test_pdf_and_docx_are_sniffed_by_magic_bytes() -> None:
    assert read_bytes(b"%PDF-1.4\n...", name="x", suffix="").format == "pdf"
    with pytest.raises(InputError, match="not a valid DOCX"):
        read_bytes(b"plain text", name="x.docx", suffix=".docx")
