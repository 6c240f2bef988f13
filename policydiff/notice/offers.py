"""What the reader can do about the change: only the choices the new version actually offers.

"Change your choices or opt out in your account settings" under every notice promises what many
policies never offer. Each line of `[actions]` in the phrase book is listed only when a sentence of
the new version offers it (an opt-out, deletion, export of one's data, closing the account), and
says where when the policy says where ("Opt out in your workspace settings"). Lines that name an
address or a link carry it as a piece a template can turn into a real link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.model import Document
from policydiff.notice.book import fill, phrases
from policydiff.notice.words import sentences

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"https?://[^\s<>\"'`]+")
_WHERE = re.compile(r"\b(?:in|through|from|using|via|select) [\"“]?(?P<where>(?:(?:your|the) )?(?:[\w-]+ ){0,3}(?:settings|"
                    r"preferences|dashboard|privacy center|privacy centre|account page))\b", re.I)
_DENIED = re.compile(r"\b(?:not|cannot|can[’']t|unable to|no longer|never)\s+(?:\w+\s+){0,3}?(?:opt|delet|eras|export|"
                     r"download|clos|cancel|switch|turn|manage)", re.I)
"""A sentence that says the reader may not do it ("you cannot opt out of important communications")."""
_OF = re.compile(r"\bopt(?:[- ])?out of (?P<of>(?:(?!\b(?:at any time|by|in your|through|using)\b)[^.;,(]){3,60}?)"
                 r"(?=\s*(?:[.;,(]|$|\b(?:at any time|by|in your|through|using)\b))", re.I)


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a sentence: text, and the link it stands for (mailto: or http(s)), if any."""

    text: str
    href: str | None = None


def href_of(value: str) -> str | None:
    """The link an address or URL makes: mailto: for an email address, itself for an http(s) link."""
    if _EMAIL.fullmatch(value):
        return f"mailto:{value}"
    if _LINK.fullmatch(value):
        return value
    return None


def linked(template: str | list[str], values: dict[str, str], links: tuple[str, ...]) -> tuple[Piece, ...]:
    """A sentence of the book filled, split into pieces so the values named in `links` become links."""
    marked = {key: (f"\x00{key}\x00" if key in links and href_of(value) else value) for key, value in values.items()}
    text = fill(template, marked)
    if not text:
        return ()
    pieces: list[Piece] = []
    for index, part in enumerate(text.split("\x00")):
        if index % 2:
            value = values[part]
            pieces.append(Piece(value, href_of(value)))
        elif part:
            pieces.append(Piece(part))
    return tuple(pieces)


def actions(document: Document, contact: str | None, title: str) -> tuple[tuple[Piece, ...], ...]:
    """The "what you can do" lines the new version's own sentences support, in the book's order."""
    said = [sentence for clause in document.body() if clause.kind != "table-row"  # a row lists, it offers nothing
            for sentence in sentences(clause.full_text)]
    found = []
    for name, action in phrases()["actions"].items():
        pattern = action.get("when", "")
        if name == "object":
            if contact:
                found.append(linked(action["text"], {"contact": contact}, ("contact",)))
            continue
        offering = [s for s in said if re.search(pattern, s, re.I) and not _DENIED.search(s)] if pattern else []
        if not offering:
            continue
        match = next((s for s in offering if _WHERE.search(s)), offering[0])
        values = {"title": title}
        where = _WHERE.search(match)
        if where:
            place = where.group("where")
            values["where"] = place if place.lower().startswith(("your ", "the ")) else f"the {place}"
        of = _OF.search(match)
        if of and name == "opt-out":
            values["of"] = of.group("of").strip()
        pieces = linked(action["text"], values, ())
        if pieces:
            found.append(pieces)
    return tuple(found)


def plain(pieces: tuple[Piece, ...]) -> str:
    """The sentence as plain text (links shown as their address)."""
    return "".join(piece.text for piece in pieces)
