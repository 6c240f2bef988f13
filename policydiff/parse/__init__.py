"""Text to clause tree: pick the format reader, mark title/metadata/furniture, nest, give ids.

    read (bytes -> SourceText) -> format reader (-> blocks) -> roles -> tree (-> Document)
"""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from policydiff.model import Clause, Document, SourceFormat
from policydiff.parse import metadata as metadata_rules
from policydiff.parse.blocks import Block
from policydiff.parse.contents import drop_empty, mark_contents
from policydiff.parse.language import ENGLISH, detect, language_name
from policydiff.parse.tree import build_tree
from policydiff.parse.visible import made_visible, visible
from policydiff.read import DEFAULT_MAX_BYTES, SourceText, read_path

__all__ = ["parse_file", "parse_source", "parse_text"]


def parse_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
               tracked: Literal["accepted", "rejected"] = "accepted") -> Document:
    """Read and parse a policy file; raises InputError with a one-line message on bad input. A Word
    draft with tracked changes is read with every change `tracked` (accepted, by default)."""
    return parse_source(replace(read_path(path, max_bytes=max_bytes), tracked=tracked))


def parse_text(text: str, format: SourceFormat = "text", source: str = "<text>") -> Document:
    """Parse policy text already in memory (text, markdown or html)."""
    return parse_source(SourceText(name=source, format=format, text=text))


def parse_source(source: SourceText) -> Document:
    """Parse a SourceText into a Document."""
    front = None
    page_title = None
    notes: list[str] = []
    if source.format == "markdown":
        from policydiff.parse.markdown import markdown_blocks

        blocks, front = markdown_blocks(source.text)
        blocks = _marked_up(made_visible(blocks))
    elif source.format == "html":
        from policydiff.parse.html import html_blocks

        blocks, page_title, notes = html_blocks(source.text)
        blocks = _marked_up(made_visible(blocks))
        page_title = visible(page_title) if page_title else page_title
    elif source.format == "docx":
        from policydiff.parse.docx import docx_blocks

        blocks, notes = docx_blocks(source.data, source.name, source.tracked)
        blocks = _marked_up(made_visible(blocks))
    else:
        from policydiff.parse.text import text_blocks

        text = source.text
        if source.format == "pdf":
            from policydiff.parse.pdf import pdf_text

            text = pdf_text(source.data, source.name)
        blocks = _apart(mark_contents(drop_empty(made_visible(text_blocks(text)))))
    structured = any(b.kind in ("heading", "item", "row") for b in blocks)
    if not structured:
        notes.append("no structure detected: read as one section of paragraphs")
    header_lines = [b.text for b in blocks if b.kind == "metadata"]
    titles = [b.text for b in blocks if b.kind == "title"]
    title = max(titles, key=len) if titles else page_title
    statements = [b.text if not b.label else f"{b.label} {b.text}" for b in blocks
                  if b.kind in ("paragraph", "item", "heading", "furniture")]
    meta = metadata_rules.extract(header_lines, front, title, statements)
    clauses = build_tree(blocks)
    language = detect(clause.full_text for clause in _body(clauses))
    if language != ENGLISH:
        notes.append(f"written in {language_name(language)}: policydiff's rules read English, so its clauses are "
                     "compared by their numbers, dates and structure only")
    return Document(metadata=meta, clauses=clauses, source=source.name, format=source.format,
                    structured=structured, notes=tuple(notes), language=language)


def _body(clauses: tuple[Clause, ...]) -> Iterator[Clause]:
    for clause in clauses:
        if clause.role == "body":
            yield clause
        yield from _body(clause.children)


def _marked_up(blocks: list[Block]) -> list[Block]:
    """The document-level steps for formats with markup (Markdown, HTML, DOCX), in order."""
    from policydiff.parse.roles import mark_metadata, mark_title
    from policydiff.parse.structure import infer_structure
    from policydiff.parse.text import mark_furniture

    blocks = mark_contents(mark_metadata(drop_empty(blocks)))
    return mark_furniture(_apart(mark_title(infer_structure(blocks))))


def _apart(blocks: list[Block]) -> list[Block]:
    from policydiff.parse.nonoperative import mark_non_operative

    return mark_non_operative(blocks)
