"""Word-level inline diff inside a modified clause, readable as a lawyer's redline.

Tokens are words, punctuation and the whitespace between them, compared on their normalised form
(so a curly quote against a straight one is not a change) and shown as written. A clean-up pass
absorbs tiny unchanged islands between two edits, so "thirty (30) days" -> "sixty (60) days" reads
as one replacement rather than character pepper.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from rapidfuzz.distance import Indel

from policydiff.align.normalize import normalise
from policydiff.model import Span

_PIECES = re.compile(r"\s+|\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)
_ISLAND_MAX_WORDS = 1


@functools.lru_cache(maxsize=1024)
def inline_diff(old: str, new: str) -> tuple[Span, ...]:
    """Spans that turn `old` into `new`: equal runs, deletions and insertions, as written. The spans of a
    pair are kept for the pair's next asking (the rename search and the change itself both diff each
    edited clause; the spans are immutable)."""
    if old == new:
        return (Span("equal", old),) if old else ()
    a, b = _PIECES.findall(old), _PIECES.findall(new)
    vocabulary: dict[str, int] = {}
    a_ids = [vocabulary.setdefault(_key(piece), len(vocabulary)) for piece in a]
    b_ids = [vocabulary.setdefault(_key(piece), len(vocabulary)) for piece in b]
    runs: list[tuple[str, str, str]] = []  # (tag, old text, new text)
    for op in Indel.opcodes(a_ids, b_ids):
        old_text = "".join(a[op.src_start:op.src_end])
        new_text = "".join(b[op.dest_start:op.dest_end])
        runs.append((op.tag, old_text, new_text))
    return _to_spans(_absorb_islands(runs))


def _key(piece: str) -> str:
    if piece.isspace():
        return " "
    return piece if piece.isascii() else normalise(piece)


def _absorb_islands(runs: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Merge edit, small equal run, edit into one edit (both sides keep the island's text)."""
    merged: list[tuple[str, str, str]] = []
    for run in runs:
        if merged and run[0] != "equal" and merged[-1][0] != "equal":
            previous = merged.pop()
            run = ("replace", previous[1] + run[1], previous[2] + run[2])
        merged.append(run)
        while len(merged) >= 3:
            first, island, last = merged[-3:]
            if first[0] != "equal" and last[0] != "equal" and island[0] == "equal" and _small(island[1]):
                merged[-3:] = [("replace", first[1] + island[1] + last[1], first[2] + island[2] + last[2])]
            else:
                break
    return merged


def _small(text: str) -> bool:
    words = re.findall(r"\w+", text)
    return len(words) <= _ISLAND_MAX_WORDS and len(text) <= 12


def _to_spans(runs: list[tuple[str, str, str]]) -> tuple[Span, ...]:
    spans: list[Span] = []
    for tag, old_text, new_text in runs:
        if tag == "equal":
            _push(spans, "equal", new_text)
            continue
        _push(spans, "delete", old_text)
        _push(spans, "insert", new_text)
    return tuple(spans)


def _push(spans: list[Span], op: Literal["equal", "insert", "delete"], text: str) -> None:
    if not text:
        return
    if spans and spans[-1].op == op:
        spans[-1] = Span(op, spans[-1].text + text)
    else:
        spans.append(Span(op, text))


def exact_spans(old: str, new: str) -> tuple[Span, ...]:
    """inline_diff's spans, made exact for a document that must read back as either version: every
    equal run that differs in how it is written (a curly quote for a straight one, another space) is
    split into a deletion and an insertion of the pieces that differ. Joining the equal and deleted
    runs gives `old` exactly; joining the equal and inserted runs gives `new` exactly."""
    pieces = iter(_PIECES.findall(old))
    exact: list[Span] = []
    try:
        for span in inline_diff(old, new):
            if span.op == "insert":
                _push(exact, "insert", span.text)
                continue
            for piece in _PIECES.findall(span.text):
                written = next(pieces)
                if span.op == "delete" or written == piece:
                    _push(exact, span.op, written)
                else:
                    _push(exact, "delete", written)
                    _push(exact, "insert", piece)
    except StopIteration:
        exact = []
    if "".join(s.text for s in exact if s.op != "insert") != old or \
            "".join(s.text for s in exact if s.op != "delete") != new:
        return tuple(s for s in (Span("delete", old), Span("insert", new)) if s.text)  # never wrong, only coarse
    return tuple(exact)
