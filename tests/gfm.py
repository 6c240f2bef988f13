"""Markdown rendered the way GitHub renders a comment, near enough: markdown-it-py's GFM-like preset
(tables, strike-through, autolinks, raw HTML) with mdit-py-plugins' task lists and footnotes."""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin


def github_html(markdown: str) -> str:
    md = MarkdownIt("gfm-like", {"html": True}).use(tasklists_plugin).use(footnote_plugin)
    md.linkify.set({"fuzzy_link": False})  # GitHub links www. and scheme:// only, never a bare "privacy.md"
    return md.render(markdown)
