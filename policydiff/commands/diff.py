"""`policydiff diff`: load both versions (files or git revisions), diff, render in the chosen format."""

from __future__ import annotations

import time

from policydiff.model import Diff, Document


def load_version(argument: str, max_bytes: int, timings: dict[str, float]) -> Document:
    """Parse a version named by a path or by git REV:PATH, adding to the read and parse timings."""
    from policydiff.parse import parse_source

    start = time.perf_counter()
    from policydiff.store.gitread import looks_like_revision

    from policydiff.commands.store import looks_like_doc_revision

    if looks_like_doc_revision(argument):
        from policydiff.commands.store import resolve

        _, source = resolve(argument)
    elif looks_like_revision(argument):
        from policydiff.store.gitread import read_revision

        source = read_revision(argument, max_bytes=max_bytes)
    else:
        from policydiff.read import read_path

        source = read_path(argument, max_bytes=max_bytes)
    middle = time.perf_counter()
    document = parse_source(source)
    timings["read"] = timings.get("read", 0.0) + (middle - start) * 1000
    timings["parse"] = timings.get("parse", 0.0) + (time.perf_counter() - middle) * 1000
    return document


def render_diff(diff: Diff, fmt: str, *, material_only: bool = False, context: int | None = None,
                color: bool = False) -> str:
    """The diff in one output format."""
    if fmt == "json":
        from policydiff.render.diff_json import render_json_diff

        return render_json_diff(diff, material_only=material_only)
    if fmt == "markdown":
        from policydiff.render.diff_markdown import render_markdown_diff

        return render_markdown_diff(diff, material_only=material_only, context=context or 0)
    if fmt == "html":
        from policydiff.render.diff_html import render_html_diff

        return render_html_diff(diff, material_only=material_only, context=context or 0)
    if fmt == "unified":
        from policydiff.render.diff_unified import render_unified

        return render_unified(diff, context=3 if context is None else context)
    from policydiff.render.diff_text import render_text_diff

    return render_text_diff(diff, color=color, material_only=material_only, context=context or 0)
