"""The words of a change as the detail pane shows them: one inline redline, or the old and new sides.

The inline redline merges old and new word by word, as `policydiff diff` prints it: deleted words
struck through, inserted words underlined, a space kept between a deleted run and the run that
replaces it. Long unchanged runs are collapsed to a few words either side of each edit ("…"), so
the changed words of a long clause are on screen at once; `whole=True` shows every word.

Policy text is untrusted: it is appended to rich Text as plain strings (never parsed as markup)
after terminal_safe has dropped control characters. In plain mode (NO_COLOR) deleted and inserted
words are also bracketed as [-…-] and {+…+}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text

from policydiff.model import Change, Clause, Match, Span, clause_text
from policydiff.safe import terminal_safe

KEEP = 8
"""Unchanged words kept on each side of an edit when a run is collapsed."""

LONGEST = 24
"""An unchanged run of more words than this is collapsed (an edit's context reads in 8 words)."""

SKIP = "skip"
"""The op of a collapsed run: it is shown as "…"."""

_TOKENS = re.compile(r"\s*\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Styles:
    """The styles the words are drawn in (from the screen's Palette)."""

    delete: str
    insert: str
    moved: str
    dim: str
    plain: bool
    search: str = "reverse"


def collapse(spans: tuple[Span, ...], *, whole: bool = False) -> list[tuple[str, str]]:
    """(op, text) for each span, long unchanged runs cut to KEEP words beside each edit."""
    pieces: list[tuple[str, str]] = []
    last = len(spans) - 1
    for index, span in enumerate(spans):
        tokens = _TOKENS.findall(span.text)
        if whole or span.op != "equal" or len(tokens) <= LONGEST:
            pieces.append((span.op, span.text))
            continue
        head = "".join(tokens[:KEEP]) if index > 0 else ""
        tail = "".join(tokens[-KEEP:]) if index < last else ""
        if head:
            pieces.append(("equal", head))
        pieces.append((SKIP, "… " if tail else " …"))
        if tail:
            pieces.append(("equal", tail))
    return pieces


def first_change(spans: tuple[Span, ...], *, whole: bool = False) -> int:
    """How many characters of the inline redline come before its first changed word."""
    offset = 0
    for op, text in collapse(spans, whole=whole):
        if op in ("delete", "insert"):
            return offset
        offset += len(terminal_safe(text))
    return 0


def inline(change: Change | None, match: Match, styles: Styles, *, whole: bool = False) -> Text:
    """Old and new merged word by word; a whole added, removed or moved clause in its style."""
    if change is not None and change.spans and not (match.old_extra or match.new_extra):
        text = Text()
        previous, before = "equal", ""
        for op, words in collapse(change.spans, whole=whole):
            if op in ("delete", "insert") and previous in ("delete", "insert") and previous != op \
                    and not before[-1:].isspace() and not words[:1].isspace():
                text.append(" ")  # a deleted run and the run replacing it never touch
            _append(text, op, words, styles)
            previous, before = op, words
        return text
    if change is not None and change.kind == "removed":
        return clauses_text(match.old, match.old_extra, styles.delete)
    if change is not None and change.kind == "moved":
        return clauses_text(match.new, match.new_extra, styles.moved)
    if change is not None and (match.old_extra or match.new_extra):  # split or merged: old struck, then new
        text = clauses_text(match.old, match.old_extra, styles.delete)
        text.append("\n")
        text.append_text(clauses_text(match.new, match.new_extra, styles.insert))
        return text
    return clauses_text(match.new or match.old, match.new_extra,
                        styles.insert if change is not None and change.kind == "added" else "")


def side(change: Change | None, match: Match, which: str, styles: Styles, *, whole: bool = False) -> Text:
    """The old or the new words of a clause, its deleted (old) or inserted (new) words highlighted."""
    clause = match.old if which == "old" else match.new
    extras = match.old_extra if which == "old" else match.new_extra
    if clause is None:
        return Text("(not in this version)", style=styles.dim)
    if change is not None and change.spans and not extras:
        text = Text()
        for op, words in collapse(change.spans, whole=whole):
            if op in ("equal", SKIP) or (op == "delete") == (which == "old"):
                _append(text, op, words, styles)
        return text
    style = {"added": styles.insert, "removed": styles.delete, "moved": styles.moved}.get(
        change.kind if change is not None else "", "")
    return clauses_text(clause, extras, style)


def clauses_text(clause: Clause | None, extras: tuple[Clause, ...], style: str) -> Text:
    """A clause and its children (and the other clauses of a split or merge), one per line."""
    text = Text()
    if clause is None:
        return text
    for part in [part for top in (clause, *extras) for part in top.walk()]:
        if text:
            text.append("\n")
        text.append(terminal_safe(clause_text(part) or ""), style=style)
    return text


def highlight(text: Text, words: str | None, style: str = "reverse") -> Text:
    """Every occurrence of the searched words marked (case-insensitive)."""
    if words:
        text.highlight_words([words], style, case_sensitive=False)
    return text


def _append(text: Text, op: str, words: str, styles: Styles) -> None:
    body = terminal_safe(words)
    if op == "equal":
        text.append(body)
    elif op == SKIP:
        text.append(body, style=styles.dim)
    else:
        style, marks = (styles.delete, ("[-", "-]")) if op == "delete" else (styles.insert, ("{+", "+}"))
        text.append(f"{marks[0]}{body}{marks[1]}" if styles.plain else body, style=style)
