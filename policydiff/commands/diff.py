"""`policydiff diff`: load both versions (files or git revisions), diff, render in the chosen format."""

from __future__ import annotations

from policydiff.model import Diff


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
