"""Tables of contents and clauses with no words: page furniture that must never reach a diff.

A table of contents repeats the document's own headings; moving it from the bottom of a page to the
top, or adding one, changes no term. It is recognised by what it is, not by its title: a run of at
least three entries that are links to the page's own anchors (`[Retention](#retention)`), or that
name, in document order, headings (or heading-like lines) found elsewhere in the same document. A
"Contents" / "On this page" line just before such a run belongs to it.

Clauses with no words (an image, an empty link, an empty table row) carry nothing to compare and are
dropped, so that diff(a, a) is empty for any file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from policydiff.parse.blocks import Block

MIN_ENTRIES = 3
"""Fewer entries than this is a short list, not a table of contents."""
MAX_ENTRY_WORDS = 14
"""An entry longer than this is a sentence, not a heading named in a table of contents."""
IN_ORDER_SHARE = 0.8
"""At least this share of the headings an entry-list names must follow in document order."""

_CONTENTS_TITLE = re.compile(
    r"^\W*(?:table of contents|contents|on this page|in this (?:article|page|policy|document|section)|"
    r"jump to(?: section)?|quick links|sections|navigation|page contents|skip to)\W*$", re.IGNORECASE)
_CONTROL = re.compile(
    r"^\W*(?:close|open|expand(?: all)?|collapse(?: all)?|show (?:more|less|all)|see (?:more|less|all)|read more"
    r"|learn more|back to top|top|print|share|copy link|menu|dismiss|hide|toggle|true|false|null|undefined|nan)\W*$",
    re.IGNORECASE)
_ENUMERATION = re.compile(r"^(?:(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,6})[.)]?\s+)+", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def has_words(block: Block) -> bool:
    """Whether a block holds any letter or digit (in its label, text or cells)."""
    return any(ch.isalnum() for ch in (block.label or "") + block.text + "".join(block.cells))


def drop_empty(blocks: list[Block]) -> list[Block]:
    """Blocks with no words (an image, an empty link, a row of empty cells) are not clauses; a block that
    is only the label of a page control ("close", "Show more", "Back to top") or a script's stray value
    ("false", "undefined") is page furniture."""
    kept = [block for block in blocks if block.kind == "heading" and block.text.strip() or has_words(block)]
    return [replace(block, kind="furniture", note="page control") if block.kind in ("paragraph", "item")
            and _CONTROL.match(_plain(block)) else
            replace(block, kind="furniture", note="language menu") if block.kind == "paragraph" and _language_menu(block.text)
            else block for block in kept]


def _language_menu(text: str) -> bool:
    """A run of language names between bullets ("العربية • asturianu • български • català • …"): the
    page's language picker, perhaps after a lead-in ("In other languages"). At least eight short
    entries, written in at least three scripts."""
    if text.count("•") + text.count("·") + text.count("|") < 7:
        return False  # fewer than eight entries: no search needed
    entries = [entry.strip() for entry in _MENU_SEPARATOR.split(text) if entry.strip()]
    if len(entries) < 8 or len(entries[0].split()) > 5 or any(len(entry.split()) > 3 for entry in entries[1:]):
        return False
    scripts = {unicodedata.name(next((ch for ch in entry if ch.isalpha()), "a"), "LATIN").split()[0] for entry in entries}
    return len(scripts) >= 3


_MENU_SEPARATOR = re.compile(r"\s*[•·|]\s*")


def entry_key(text: str) -> str:
    """A heading or entry as a table of contents compares it: no enumeration, case or punctuation."""
    return _NON_WORD.sub(" ", _ENUMERATION.sub("", text.strip())).strip().casefold()


def mark_contents(blocks: list[Block]) -> list[Block]:
    """Runs of entries that name the document's own headings become furniture ("table of contents")."""
    targets: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if _heading_like(block):
            key = entry_key(_plain(block))
            if key:
                targets.setdefault(key, []).append(index)
    result = list(blocks)
    index = 0
    while index < len(blocks):
        end = _run_end(blocks, index, targets)
        if end - index >= MIN_ENTRIES:
            start = index - 1 if index and _is_contents_title(blocks[index - 1]) else index
            for position in range(start, end):
                result[position] = _furniture(blocks[position])
            index = end
        else:
            index += 1
    return result


def _run_end(blocks: list[Block], start: int, targets: dict[str, list[int]]) -> int:
    """The end of the run of table-of-contents entries that starts at `start` (start when none does)."""
    end = start
    named: list[int] = []
    anchors = 0
    while end < len(blocks):
        block = blocks[end]
        if block.kind not in ("paragraph", "item") or len(block.text.split(maxsplit=MAX_ENTRY_WORDS)) > MAX_ENTRY_WORDS \
                or _is_contents_title(block):
            break
        if _anchor_entry(block):
            anchors += 1
            end += 1
            continue
        elsewhere = [i for i in targets.get(entry_key(_plain(block)), []) if i != end]
        if not elsewhere:
            break
        named.append(min(elsewhere, key=lambda i: (i < end, i)))
        end += 1
    if end - start < MIN_ENTRIES:
        return start
    if named and anchors < end - start:
        in_order = sum(1 for a, b in zip(named, named[1:]) if b > a)
        if len(named) > 1 and in_order < IN_ORDER_SHARE * (len(named) - 1):
            return start
    return end


def _heading_like(block: Block) -> bool:
    """What an entry may name: a heading, or a short line that reads as one ("Overview")."""
    if block.kind == "heading":
        return True
    text = _plain(block)
    return block.kind == "paragraph" and 0 < len(text.split()) <= 10 and not text.endswith((".", ",", ";", ":"))


def _anchor_entry(block: Block) -> bool:
    """An entry that is only links to anchors on the same page: `[4. Retention](#retention)`."""
    return block.link_only and bool(block.links) and all(link.startswith("#") for link in block.links)


def _is_contents_title(block: Block) -> bool:
    return block.kind in ("paragraph", "heading") and bool(_CONTENTS_TITLE.match(_plain(block)))


def _furniture(block: Block) -> Block:
    return replace(block, kind="furniture", text=_plain(block), label=None, note="table of contents")


def _plain(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text
