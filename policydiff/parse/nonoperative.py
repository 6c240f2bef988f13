"""Text that is about the terms rather than part of them: update banners, summaries of changes, change logs.

A page that publishes a policy often carries, beside the terms, a banner ("We're updating our terms on
March 3"), a "Summary of changes" list, or a version history at the end. Their wording changes with
every release, but no right or duty does. They are kept in the tree (nothing is lost), marked not
operative with what they were recognised as, and the diff lists their changes apart from the terms.

Recognised by shape and wording, never by a document's own phrasing:
- a section whose heading names a summary of changes or a history of versions, with all it contains;
- a lead-in line that does ("Previous versions of these terms:", "Summary of changes:") and the list
  right after it;
- a banner: a short block in the lead of the document (before its first section) or in a block quote
  that announces an update in the past or present tense ("we have updated", "we're updating", "this
  policy was revised"), never the modal "we may update" of a clause about changes;
- a summary table (rows whose first cells name the document's own sections, "Q. Changes to these Terms |
  We may modify …") in a document that itself says its summaries are not binding ("These section
  titles and brief summaries are not legally binding", "a short non-binding summary"): the full terms
  carry what it summarises;
- in such a document, a section's short summary: a paragraph that opens with a summary label ("Short
  version:", "Summary:", "In short:", "TL;DR:", "The gist:") and is followed, in its section, by the
  text it summarises.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policydiff.parse.blocks import Block
from policydiff.parse.contents import MIN_ENTRIES, entry_key

SUMMARY_NOTE = "summary of changes"
HISTORY_NOTE = "change log"
BANNER_NOTE = "update banner"
NON_BINDING_NOTE = "summary the terms call non-binding"
SHORT_SUMMARY_NOTE = "short summary the terms call non-binding"

_VERB = r"(?:updat|chang|revis|amend|modif|refresh)(?:ed|ing)"
_SUMMARY = re.compile(
    r"^\W*(?:(?:a\s+)?(?:summary|overview|highlights?)\s+of\s+(?:the\s+|our\s+|key\s+|recent\s+)*(?:changes|updates|revisions)"
    r"|(?:key|main|recent|latest|important|notable)\s+(?:changes|updates)\b"
    r"|what(?:'|’|\s+ha)s\s+(?:changed|new|different)"
    r"|what\s+(?:we(?:'|’)ve|we\s+have)\s+changed"
    r"|(?:changes|updates)\s+(?:in|to)\s+(?:this|the\s+(?:latest|new|current))\s+(?:version|update|release)"
    r"|(?:the\s+)?changes\s+we(?:'|’)ve\s+made)",
    re.IGNORECASE)
_HISTORY = re.compile(
    r"^\W*(?:(?:version|revision|change|update|amendment|document|policy|terms)\s+(?:history|log)"
    r"|change-?log"
    r"|(?:previous|prior|earlier|archived|past|older)\s+(?:versions?|editions?|iterations?)\b"
    r"|(?:history|archive)\s+of\s+(?:changes|versions|(?:this|these|our)\s+\w+))",
    re.IGNORECASE)
_BANNER = re.compile(
    rf"\bwe(?:'|’)?(?:ve|re|\s+have|\s+are|\s+will\s+be|\s+recently|\s+just)?\s+(?:recently\s+|just\s+|been\s+)?{_VERB}\b"
    rf"|\b(?:this|our|these)\s+[\w\s-]{{0,40}}?\b(?:policy|terms|statement|notice|agreement)\s+"
    rf"(?:has|have|was|were|is|are)\s+(?:been\s+|being\s+|recently\s+)*{_VERB}\b"
    r"|^\W*(?:update|updated|important update|heads up|notice of (?:changes|update))\b[^.:]{0,40}:",
    re.IGNORECASE)
_MODAL = re.compile(r"\b(?:may|might|can|could|reserve the right to)\s+(?:\w+\s+){0,2}(?:update|change|revise|amend|modify)",
                    re.IGNORECASE)
_NON_BINDING = re.compile(
    r"\bsummar(?:y|ies)\b[^.;]{0,80}?\b(?:is|are)\s+(?:not\s+(?:legally\s+)?binding|non-?binding|for\s+convenience\s+only)"
    r"|\bnon-?binding\s+(?:\w+\s+){0,2}summar(?:y|ies)\b", re.IGNORECASE)
_SUMMARY_LABEL = re.compile(r"^\W*(?:short\s+version|summary|in\s+short|in\s+brief|tl;\s?dr|the\s+gist|at\s+a\s+glance)\s*:",
                            re.IGNORECASE)
BANNER_MAX_WORDS = 60
"""A block longer than this is a clause, however it opens."""
LEAD_BLOCKS = 8
"""Where a banner can stand: among the first blocks of the body, before its first section."""


def mark_non_operative(blocks: list[Block]) -> list[Block]:
    """Mark summaries of changes, change logs and update banners as not operative, with what they are."""
    result = _sections(blocks)
    result = _lead_ins(result)
    return _non_binding_summaries(_banners(result))


def _sections(blocks: list[Block]) -> list[Block]:
    """A heading that names a summary of changes or a version history takes its whole section along."""
    result = list(blocks)
    index = 0
    while index < len(result):
        block = result[index]
        note = _heading_note(block) if block.kind == "heading" else None
        if note is None:
            index += 1
            continue
        end = index + 1
        while end < len(result) and not (result[end].kind == "heading" and result[end].level <= block.level):
            end += 1
        for position in range(index, end):
            result[position] = _mark(result[position], note)
        index = end
    return result


def _heading_note(block: Block) -> str | None:
    text = block.text
    if _SUMMARY.search(text):
        return SUMMARY_NOTE
    if _HISTORY.search(text):
        return HISTORY_NOTE
    return None


def _lead_ins(blocks: list[Block]) -> list[Block]:
    """"Previous versions of these terms:" or "Summary of changes:" and the list right after it."""
    result = list(blocks)
    for index, block in enumerate(blocks):
        if block.kind != "paragraph" or not block.operative or len(_plain(block).split()) > 16:
            continue
        text = _plain(block)
        sentences = re.split(r"(?<=[.!?])\s+", text)
        lead = sentences[-1] if sentences else text
        note = SUMMARY_NOTE if _SUMMARY.search(lead) else HISTORY_NOTE if _HISTORY.search(lead) else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if note is None or not text.rstrip().endswith(":") or following is None or following.kind != "item":
            continue
        result[index] = _mark(block, note)
        position = index + 1
        while position < len(blocks) and blocks[position].kind == "item":
            result[position] = _mark(blocks[position], note)
            position += 1
    return result


def _banners(blocks: list[Block]) -> list[Block]:
    """A short update announcement in the lead of the document or in a block quote.

    The lead ends at the first section heading; a heading before any body text (the document's own
    name as a heading) does not end it."""
    result = list(blocks)
    body = 0
    in_lead = True
    for index, block in enumerate(blocks):
        if block.kind == "heading" and not block.quoted and body:
            in_lead = False
        if block.kind not in ("paragraph", "heading", "item") or not block.operative:
            continue
        if block.kind != "heading":
            body += 1
        if (in_lead and body <= LEAD_BLOCKS or block.quoted) and _is_banner(_plain(block)):
            result[index] = _mark(block, BANNER_NOTE)
    return result


def _is_banner(text: str) -> bool:
    words = len(text.split())
    return 0 < words <= BANNER_MAX_WORDS and bool(_BANNER.search(text)) and not _MODAL.search(text)


def _non_binding_summaries(blocks: list[Block]) -> list[Block]:
    """The rows of a summary table (at least MIN_ENTRIES rows whose first cell names a heading of the
    document) where the document says its summaries are not binding."""
    if not any(block.operative and block.kind in ("paragraph", "item") and _NON_BINDING.search(block.text)
               for block in blocks):
        return blocks
    return _short_summaries(_summary_rows(blocks))


def _summary_rows(blocks: list[Block]) -> list[Block]:
    headings = {entry_key(block.text) for block in blocks if block.kind == "heading"} - {""}
    result = list(blocks)
    index = 0
    while index < len(blocks):
        if blocks[index].kind != "row":
            index += 1
            continue
        end = index
        while end < len(blocks) and blocks[end].kind == "row":
            end += 1
        rows = blocks[index:end]
        naming = sum(1 for row in rows if row.cells and entry_key(row.cells[0]) in headings)
        if naming >= MIN_ENTRIES and naming >= (len(rows) - 1) * 0.8:
            for position in range(index, end):
                if result[position].operative:
                    result[position] = _mark(result[position], NON_BINDING_NOTE)
        index = end
    return result


def _short_summaries(blocks: list[Block]) -> list[Block]:
    """Paragraphs that open with a summary label ("Short version: …") and have operative text after them
    in their section: what the section says, said again in brief."""
    result = list(blocks)
    level = 0  # the level of the heading of the section being read (0 before any)
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            level = block.level
        if block.kind != "paragraph" or not block.operative or not _SUMMARY_LABEL.match(_plain(block)):
            continue
        following = next((other for other in blocks[index + 1:] if other.kind == "heading" and other.level <= level
                          or other.operative and other.kind in ("paragraph", "item", "row")), None)
        if following is not None and following.kind != "heading":
            result[index] = _mark(block, SHORT_SUMMARY_NOTE)
    return result


def _mark(block: Block, note: str) -> Block:
    return replace(block, operative=False, note=note)


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
