"""The block stream every format reader produces, and the rules shared by all of them.

Each source format (plain text, Markdown, HTML, DOCX, PDF) is turned into a flat list of Blocks:
headings with a level, paragraphs, list items with a depth, table rows. One tree builder
(policydiff.parse.tree) then nests them into clauses and gives them ids, so that the same policy
saved in different formats yields the same tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "row", "title", "metadata", "furniture"]


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit read from a source, before nesting."""

    kind: BlockKind
    text: str
    """The text without its number, bullet or label; for headings, the heading words."""
    first_line: int
    last_line: int
    level: int = 0
    """Heading level (1 = top) or list depth (0 = top-level item)."""
    number: str | None = None
    label: str | None = None
    cells: tuple[str, ...] = ()
    header: bool = False
    """A table's header row."""
    explicit_level: bool = False
    """True when the format states the heading level (Markdown #, HTML h2): keep it as given."""
    strong: bool = False
    """The whole block is bold: in HTML-converted Markdown that is how headings are often written."""
    links: tuple[str, ...] = ()
    """The targets of the links in the block, in order (Markdown and HTML)."""
    link_only: bool = False
    """Every word of the block is link text: an entry of a table of contents or a menu."""
    quoted: bool = False
    """The block stands in a block quote (a callout, a banner)."""
    inferred: bool = False
    """A heading read from the document's own signals (a bold line, a numbered line), not its markup."""
    operative: bool = True
    """False for text that is not terms: an update banner, a summary of changes, a change log."""
    note: str | None = None
    """What a non-operative or furniture block was recognised as ("table of contents", "change log")."""
    written: str | None = None
    """The block's text as written, when it held invisible, control or look-alike characters that
    `text`, `label` and `cells` leave out or fold (parse/visible.py); None when they are the same."""

    def with_lines(self, first: int, last: int) -> Block:
        return replace(self, first_line=first, last_line=last)


FRONT_MATTER_LABEL = "front matter:"
"""The label of the metadata clause that holds a Markdown file's YAML front matter."""

_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def collapse(text: str) -> str:
    """Collapse runs of ordinary whitespace to one space; no-break and other special spaces are kept
    as written (the diff engine treats them as spaces when matching)."""
    if "  " not in text and "\t" not in text and "\n" not in text and "\r" not in text:
        return text.strip()
    return _SPACE.sub(" ", text).strip()


# --- numbers --------------------------------------------------------------------------------------

SECTION_NUMBER = re.compile(
    r"^(?:(?:section|article|part|clause|§)\s*)?"
    r"(?P<number>\d{1,3}(?:\.\d{1,3})*\.?|[A-Z]\.|[IVXL]{1,6}\.)"
    r"(?:\s*[-–—:]\s*|\s+)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
"""A heading that opens with a number: "1.", "1.1", "12.", "Section 4 -", "A.", "IV."."""

ITEM_MARKER = re.compile(
    r"^(?P<marker>[-•*‣◦▪▫●○■□–—·]|\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)|(?:[a-z]|[ivx]{1,5}|\d{1,3})[.)])"
    r"\s+(?P<rest>\S.*)$"
)
"""A list item marker: a bullet glyph, "(a)", "(iv)", "(3)", "a.", "iv.", "3)"."""

BULLET_GLYPHS = frozenset("-•*‣◦▪▫●○■□–—·")


SUBCLAUSE_MARKER = re.compile(
    r"^(?P<marker>(?P<dotted>\d{1,3}(?:\.\d{1,3})+)\.?|\((?P<paren>[a-z]|[ivx]{1,5}|\d{1,2})\)|(?P<plain>[a-z]|[ivx]{1,5})[.)]"
    r"|(?P<numeral>\d{1,2})[.)])"
    r"\s+(?=[A-Z(“\"'‘]|[a-z])"
)
"""A sub-clause number at the start of a line: "6.2 ", "(a) ", "(iv) ", "b. ", "2. "."""


def split_subclause_lines(lines: list[str]) -> list[str]:
    """Split the lines of one paragraph where numbered sub-clauses start their own lines.

    "**6.2** Registration. ...⏎**6.3** Pricing. ..." in one Markdown paragraph is two clauses. A line is
    split off only when at least two lines open with a marker of the same style ("6.2"/"6.3",
    "(a)"/"(b)"), so a wrapped line that happens to begin "1.5 million" stays where it is.
    """
    if len(lines) < 2:
        return [" ".join(lines)]
    styles: list[str | None] = []
    for line in lines:
        match = SUBCLAUSE_MARKER.match(line.strip())
        if match is None:
            styles.append(None)
        elif match["dotted"]:
            styles.append("dotted:" + match["dotted"].rsplit(".", 1)[0])
        else:
            styles.append("paren" if match["paren"] else "numeral" if match["numeral"] else "plain")
    counts: dict[str, int] = {}
    for style in styles:
        if style:
            counts[style] = counts.get(style, 0) + 1
    split_styles = {style for style, count in counts.items() if count >= 2}
    if not split_styles:
        return [" ".join(lines)]
    pieces: list[list[str]] = [[]]
    for line, style in zip(lines, styles):
        if style in split_styles and pieces[-1]:
            pieces.append([])
        pieces[-1].append(line)
    return [" ".join(piece) for piece in pieces if " ".join(piece).strip()]


def split_item_number(text: str) -> tuple[str | None, str]:
    """Split a printed item number ("(a)", "iv.", "3)") from the start of an item's text."""
    match = ITEM_MARKER.match(text)
    if match and match["marker"][:1] not in BULLET_GLYPHS:
        return match["marker"], match["rest"]
    return None, text


def split_heading_number(text: str) -> tuple[str | None, str]:
    """Split a leading section number from a heading ("1.1 Who We Are" -> "1.1", "Who We Are")."""
    match = SECTION_NUMBER.match(text)
    if match and (is_title_like(match["rest"], max_words=16) or is_all_caps_heading(match["rest"])
                  or len(match["rest"]) < 100):
        return match["number"], match["rest"]
    return None, text


def normalise_number(number: str) -> str:
    """The id form of a printed number: "1." -> "1", "(a)" -> "a", "Section 4" -> "4"."""
    number = re.sub(r"^(?:section|article|part|clause|§)\s*", "", number.strip(), flags=re.IGNORECASE)
    return number.strip("().: ").rstrip(".")


def number_depth(number: str) -> int:
    """How deep a dotted number sits: "3" -> 1, "3.2" -> 2, "3.2.1" -> 3."""
    return normalise_number(number).count(".") + 1


# --- lead-in labels --------------------------------------------------------------------------------

_SMALL_WORDS = frozenset(
    "a an and as at by for from in of on or the to with & vs via under over per into your our you we "
    "its their de".split()
)
_LABEL_COLON = re.compile(r"^(?P<label>[^\s:.;,!?][^:;!?]{0,60}?:)\s+(?P<rest>\S.*)$")
_LABEL_PERIOD = re.compile(r"^(?P<label>[A-Z][^.:;!?]{0,50}?\.)\s+(?P<rest>[A-Z0-9(“\"'‘].*)$")


def split_label(text: str) -> tuple[str | None, str]:
    """Split a lead-in label ("Account Information." / "Encryption:") from the rest of a clause.

    A label is short and reads like a title: "Account & Identity Data:" and "Do Not Track." are
    labels, "We use the information we collect for the following purposes:" is a sentence.
    """
    match = _LABEL_COLON.match(text)
    if match and _is_label_words(match["label"][:-1], allow_lower=True):
        return match["label"], match["rest"]
    match = _LABEL_PERIOD.match(text)
    if match and _is_label_words(match["label"][:-1], allow_lower=False):
        return match["label"], match["rest"]
    return None, text


def _is_label_words(label: str, *, allow_lower: bool) -> bool:
    words = label.split()
    if not words or len(words) > 7 or len(label) > 60:
        return False
    if re.search(r"https?://|www\.|@", label):
        return False
    if not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    significant = [w for w in words if w.lower().strip("()&,") not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper() or w[:1].isdigit() or w[:1] in "(&")
    if capitalised == len(significant):
        return len(words) <= (7 if allow_lower else 5)
    return allow_lower and len(words) <= 3 and words[0].lower() not in _SENTENCE_OPENERS


_SENTENCE_OPENERS = frozenset("we you our your if when this these it they i note please for to in as the".split())


def is_title_like(line: str, *, max_words: int = 10) -> bool:
    """A short line in Title Case with no sentence punctuation: "Information Provided by You"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or stripped[-1] in ".,;:":
        return False
    words = stripped.split()
    if len(words) > max_words or not stripped[0].isupper():
        return False
    if re.search(r"https?://|www\.|@|\|", stripped):
        return False
    significant = [w for w in words if w.lower().strip("()&,'’-") not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper() or w[:1].isdigit() or w[:1] in "(“\"'")
    return capitalised / len(significant) >= 0.75


def is_all_caps_heading(line: str) -> bool:
    """A heading written in capitals: "SHARING AND DISCLOSURE", "YOUR PRIVACY RIGHTS (GDPR, CCPA)"."""
    stripped = line.strip()
    if len(stripped) > 120 or stripped.endswith((".", ",", ";")):
        return False
    upper = sum(map(str.isupper, stripped))
    lower = sum(map(str.islower, stripped))
    if upper + lower < 4:
        return False
    return upper / (upper + lower) >= 0.85 and len(stripped.split()) <= 16


class NumberSequence:
    """The document's section numbering so far, to tell "4. Fees" (the next section) from "1. Pay on
    time" (an ordered list inside section 3)."""

    def __init__(self) -> None:
        self.open: list[str] = []
        self.last_top: int | None = None

    def fits(self, plain: str, heading_like: bool) -> bool:
        if not plain.replace(".", "").isdigit():
            return heading_like and len(plain) <= 4
        if "." not in plain:
            value = int(plain)
            if self.last_top is None:
                return value <= 2 or heading_like
            return self.last_top < value <= self.last_top + 3 and heading_like
        return plain.rsplit(".", 1)[0] in self.open

    def enter(self, plain: str) -> None:
        """Record a section number as open; letters and roman numerals reset the numeric path."""
        if plain.replace(".", "").isdigit():
            depth = number_depth(plain)
            self.open = self.open[: depth - 1] + [plain]
            if depth == 1:
                self.last_top = int(plain)
        else:
            self.open = []
