"""Bytes to text: size limits, format detection and encoding detection.

Policies arrive as files saved from browsers, exported from Word or pasted into editors, so the
bytes are not to be trusted: UTF-8 with or without a BOM, UTF-16, Windows-1252, CRLF line ends.
This module decides what a file is and turns it into text (or, for binary formats, keeps the bytes
for the format's reader), and refuses clearly when it cannot.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from policydiff.errors import InputError
from policydiff.files import read_regular
from policydiff.model import SourceFormat

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Files above this size are refused unless the caller raises the limit."""
STDIN = "-"
"""The file name that means standard input."""
STDIN_NAME = "<stdin>"
_stdin_read: list[bool] = []
"""Standard input can be read once per process: a second `-` is refused rather than read as empty."""

_EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

_UNSUPPORTED = {
    ".doc": "legacy Word .doc (save it as .docx)",
    ".rtf": "RTF (save it as .docx or plain text)",
    ".odt": "OpenDocument text (save it as .docx)",
    ".pages": "Apple Pages (export it as .docx or PDF)",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".ppt": "a presentation",
    ".pptx": "a presentation",
    ".zip": "a zip archive",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
}

SUPPORTED_EXTENSIONS = tuple(_EXTENSIONS)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source read into memory: its text (or raw bytes for binary formats) and what it is."""

    name: str
    """The name used in messages and outputs: a path or "REV:PATH"."""
    format: SourceFormat
    text: str
    """Decoded text, newlines normalised to "\\n"; empty for docx and pdf."""
    data: bytes = b""
    """The raw bytes, kept for binary formats (docx, pdf)."""
    encoding: str = "utf-8"
    tracked: Literal["accepted", "rejected"] = "accepted"
    """For a Word draft with tracked changes: read it with every change accepted, or rejected."""


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a policy file from disk (`-`: standard input), or raise InputError saying what is wrong with it.

    Only a regular file is read (files.read_regular): a FIFO, a device or a socket is refused at once,
    and no more than max_bytes are read whatever the file claims its size is."""
    if str(path) == STDIN:
        return read_stdin(max_bytes=max_bytes)
    path = Path(path)
    data = read_regular(path, max_bytes, hint=" (raise it with --max-size)")
    return read_bytes(data, name=str(path), suffix=path.suffix, max_bytes=max_bytes)


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Standard input as a policy (its format sniffed from the bytes), read up to max_bytes and no further."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_NAME, "standard input is not available")
    if _stdin_read:
        raise InputError(STDIN_NAME, "standard input was already read: only one of the files can be -")
    _stdin_read.append(True)
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(STDIN_NAME, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, f"input is over the {_megabytes(max_bytes)} limit (raise it with --max-size)")
    return read_bytes(data, name=STDIN_NAME, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Decide what these bytes are and decode them; suffix is the file extension, if known."""
    suffix = suffix.lower()
    if len(data) > max_bytes:
        raise InputError(name, f"file is {_megabytes(len(data))}, over the {_megabytes(max_bytes)} limit"
                         " (raise it with --max-size)")
    if suffix in _UNSUPPORTED:
        raise InputError(name, f"unsupported format: {_UNSUPPORTED[suffix]}; policydiff reads "
                         + ", ".join(SUPPORTED_EXTENSIONS))
    if not data.strip():
        raise InputError(name, "file is empty")
    binary_format = _sniff_binary(data)
    if binary_format == "docx":
        check_zip(data, name, max_bytes)
    if binary_format is not None:
        return SourceText(name=name, format=binary_format, text="", data=data, encoding="binary")
    if suffix in (".docx", ".pdf"):
        raise InputError(name, f"not a valid {suffix[1:].upper()} file")
    text, encoding = decode(data, name)
    if not text.strip():
        raise InputError(name, "file is empty")
    fmt = _EXTENSIONS.get(suffix) or sniff_text_format(text)
    return SourceText(name=name, format=fmt, text=text, encoding=encoding)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode policy bytes to text with normalised newlines; returns (text, encoding name)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _normalise_newlines(_strict(data, encoding, name)), encoding
    bomless_utf16 = _bomless_utf16(data)
    if bomless_utf16:
        return _normalise_newlines(_strict(data, bomless_utf16, name)), bomless_utf16
    if _looks_binary(data):
        raise InputError(name, "binary file, not text (control bytes found)")
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _has_valid_utf8_multibyte(data):
        raise InputError(name, f"undecodable bytes: invalid UTF-8 at byte {utf8_error.start} in a file that is "
                         "otherwise UTF-8 (mixed encodings?)")
    legacy = _guess_legacy_encoding(data)
    if legacy is None:
        raise InputError(name, "undecodable bytes: not UTF-8, UTF-16 or Windows-1252, and no encoding fits")
    return _normalise_newlines(_strict(data, legacy, name)), legacy


def sniff_text_format(text: str) -> SourceFormat:
    """Guess whether decoded text is HTML, Markdown or plain text from its content."""
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or re.search(r"<(body|main|article|h1|p)\b", head):
        if len(re.findall(r"</?[a-z][a-z0-9]*\b[^>]*>", text[:20000])) >= 3:
            return "html"
    if text.startswith("---\n") and "\n---" in text[4:4000]:
        return "markdown"
    markdown_signals = len(re.findall(r"^(#{1,6} \S|\s*[-*+] \S|\|\s*-{3,}|.*\*\*\S.*\S\*\*)", text, re.M))
    if re.search(r"^#{1,6} \S", text, re.M) and markdown_signals >= 2:
        return "markdown"
    return "text"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"undecodable bytes: invalid {encoding} at byte {exc.start}") from None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _sniff_binary(data: bytes) -> SourceFormat | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    return None


ZIP_MAX_ENTRIES = 10_000
"""A Word file has tens of parts, a few thousand with many images; more is an archive built to exhaust."""
ZIP_EXPANSION = 5
"""A zip's contents may add up to at most this many times the size limit: a policy's XML is a few MB."""
ZIP_MAX_RATIO = 100
"""One part may expand at most this many times (Word's XML compresses about 10:1); parts under
ZIP_RATIO_FLOOR are exempt, because a tiny part of repeated markup compresses far better."""
ZIP_RATIO_FLOOR = 1024 * 1024


def check_zip(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a zip-based file (docx) whose directory says it would expand past the limits, before any
    library unpacks it: a 345 KB .docx expanded to 300 MB of text, a 3 MB one to 4.3 GB. The sizes are the
    ones zipfile itself enforces when a part is read, so a directory that lies gains nothing."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise InputError(name, f"not a readable Word file (a broken zip archive: {error})") from None
    if len(entries) > ZIP_MAX_ENTRIES:
        raise InputError(name, f"refused: the Word file holds {len(entries):,} parts (at most {ZIP_MAX_ENTRIES:,})")
    total = sum(entry.file_size for entry in entries)
    if total > ZIP_EXPANSION * max_bytes:
        raise InputError(name, f"refused: the Word file would expand to {_megabytes(total)} (at most "
                               f"{_megabytes(ZIP_EXPANSION * max_bytes)}, {ZIP_EXPANSION} times the size limit; "
                               "raise it with --max-size)")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
            raise InputError(name, f"refused: its part {entry.filename!r} would expand {ratio:,.0f} times "
                                   f"(to {_megabytes(entry.file_size)}; at most {ZIP_MAX_RATIO} times): a zip bomb?")


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


_CONTROL = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL if c != 12)
    return controls > max(4, len(sample) // 20)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_valid_utf8_multibyte(data: bytes) -> bool:
    """True when the bytes contain well-formed UTF-8 sequences, a sign the file is broken UTF-8."""
    return len(_UTF8_MULTIBYTE.findall(data[:200000])) >= 2


def _guess_legacy_encoding(data: bytes) -> str | None:
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only needed for unusual encodings

    best = from_bytes(data).best()
    if best is None or best.encoding in (None, "ascii"):
        return None
    return str(best.encoding)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
