"""A Word draft's tracked changes, resolved one way: the text with every change accepted, or rejected.

A draft circulated with tracked changes holds two versions at once: the text before the edits and
the text after them. Word marks inserted runs `w:ins`, deleted ones `w:del` (their words in
`w:delText`), moved ones `w:moveFrom` / `w:moveTo`, an inserted or deleted paragraph by a revision on
its paragraph mark (`w:pPr/w:rPr/w:ins`), a table row by one on its row properties (`w:trPr/w:ins`),
and a restyled paragraph by `w:pPrChange` holding the properties it had. This module rewrites the body
of the parsed document in memory into one of the two versions, so the reader after it sees plain
paragraphs, and counts what it resolved for the note the reader leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Tracked = Literal["accepted", "rejected"]
"""Which version of a draft with tracked changes to read."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARK_PARENTS = (f"{W}rPr", f"{W}trPr")
_RANGES = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")


@dataclass(frozen=True, slots=True)
class Revisions:
    """What a Word body's tracked changes and comments came to."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    """Paragraph and run properties changed (a paragraph restyled as a heading)."""
    comments: int = 0

    @property
    def tracked(self) -> int:
        return self.insertions + self.deletions + self.moves + self.formatting


def count(body: Any) -> Revisions:
    """The tracked changes and comments of a body, without changing it."""
    def runs(tag: str) -> int:
        return sum(1 for element in body.iter(f"{W}{tag}") if element.getparent().tag not in _MARK_PARENTS)

    def marks(tag: str) -> int:
        return sum(1 for element in body.iter(f"{W}{tag}") if element.getparent().tag in _MARK_PARENTS)

    moves = sum(1 for _ in body.iter(f"{W}moveFromRangeStart")) or runs("moveFrom")
    return Revisions(insertions=runs("ins") + marks("ins"), deletions=runs("del") + marks("del"), moves=moves,
                     formatting=sum(1 for _ in body.iter(f"{W}pPrChange", f"{W}rPrChange")),
                     comments=sum(1 for _ in body.iter(f"{W}commentRangeStart"))
                     or sum(1 for _ in body.iter(f"{W}commentReference")))


def resolve(body: Any, tracked: Tracked) -> Revisions:
    """Rewrite the body in place into the accepted (or rejected) version; returns what was resolved."""
    found = count(body)
    keep, drop = (("ins", "moveTo"), ("del", "moveFrom")) if tracked == "accepted" else \
        (("del", "moveFrom"), ("ins", "moveTo"))
    for row in [e.getparent().getparent() for tag in drop for e in body.iter(f"{W}{tag}")
                if e.getparent().tag == f"{W}trPr"]:
        if row.getparent() is not None:
            row.getparent().remove(row)  # a table row that exists only in the other version
    for paragraph in [e.getparent().getparent().getparent() for tag in drop for e in body.iter(f"{W}{tag}")
                      if e.getparent().tag == f"{W}rPr" and e.getparent().getparent().tag == f"{W}pPr"]:
        _join_next(paragraph)
    for element in [e for tag in drop for e in body.iter(f"{W}{tag}") if e.getparent().tag not in _MARK_PARENTS]:
        element.getparent().remove(element)
    for element in [e for tag in keep for e in body.iter(f"{W}{tag}")]:
        if element.getparent().tag in _MARK_PARENTS:
            element.getparent().remove(element)
        else:
            _unwrap(element)
    if tracked == "rejected":
        for text in list(body.iter(f"{W}delText")):
            text.tag = f"{W}t"
        for change in list(body.iter(f"{W}pPrChange")):
            _restore(change)
    for element in [e for e in body.iter(f"{W}pPrChange", f"{W}rPrChange", *(f"{W}{r}" for r in _RANGES))]:
        element.getparent().remove(element)
    return found


def _unwrap(element: Any) -> None:
    """Put an element's children where it stands, and drop the element."""
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _join_next(paragraph: Any) -> None:
    """A paragraph mark that is not in this version: the paragraph's content runs on into the next
    paragraph, which keeps its own properties (Word's rule: formatting lives in the mark that stays)."""
    following = paragraph.getnext()
    while following is not None and following.tag != f"{W}p":
        following = following.getnext() if following.tag not in (f"{W}tbl", f"{W}sectPr") else None
    parent = paragraph.getparent()
    if following is None or parent is None:
        return
    content = [child for child in paragraph if child.tag != f"{W}pPr"]
    properties = following.find(f"{W}pPr")
    index = following.index(properties) + 1 if properties is not None else 0
    for offset, child in enumerate(content):
        following.insert(index + offset, child)
    parent.remove(paragraph)


def _restore(change: Any) -> None:
    """A rejected paragraph-properties change: the paragraph's style and numbering as they were."""
    properties = change.getparent()
    old = change.find(f"{W}pPr")
    for tag in ("pStyle", "numPr"):
        current = properties.find(f"{W}{tag}")
        if current is not None:
            properties.remove(current)
    if old is not None:
        for offset, tag in enumerate(("pStyle", "numPr")):
            before = old.find(f"{W}{tag}")
            if before is not None:
                properties.insert(offset, before)
