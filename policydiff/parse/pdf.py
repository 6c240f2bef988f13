"""PDF to text: extract each page's text, then read it with the plain-text rules.

Text extraction loses layout, so the plain-text reader's re-wrapping of hard-wrapped lines and its
page-furniture rules ("Page 3 of 10") do the rest. Line numbers refer to the extracted text.
"""

from __future__ import annotations

import io

from policydiff.errors import InputError, MissingExtraError
from policydiff.parse.quiet import quiet


def pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        raise MissingExtraError(name, "PDF files", "pdf") from None
    try:
        with quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise InputError(name, "PDF is encrypted; save an unprotected copy")
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # PdfReadError, pypdf's limits (LimitReachedError), whatever a malformed file provokes
        raise InputError(name, f"not a readable PDF ({type(exc).__name__})") from None
    text = "\n".join(pages).replace("\r\n", "\n")
    if not text.strip():
        raise InputError(name, "PDF has no extractable text (a scanned image?)")
    return text
