"""One plain sentence for each material change, in the words of the change.

The sentence type is chosen from what the change is (a row added to a table of recipients, an item
added under "Information We Collect", a sentence that now lets the company sell) and from the
classifier's reasons where the text alone does not say; its wording comes from the phrase book
(`[sentences.TYPE]` in phrases.toml) filled with the policy's own words. A sentence never claims
more than the clause says: where nothing more specific fits, it is the new sentence as it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policydiff.model import Change, Clause, clause_text
from policydiff.notice.book import fill, phrases
from policydiff.notice.edits import FUNCTION_WORDS as _FUNCTION
from policydiff.notice.edits import tell
from policydiff.notice.rows import Row, changed_cell, read_row
from policydiff.notice.words import clip, figures, heading, lower_first, noun_phrase, place, sentences, words

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_NO_SALE = re.compile(r"\b(?:do(?:es)? not|don['’]t|will not|won['’]t|never)\s+(?:sell|rent)\s+(?P<what>[^,.;]+?)"
                      r"(?:,?\s+(?:except|other than|unless|save)\s+(?:to|with)\s+(?P<who>[^,.;]+?))?"
                      r"(?:\s+(?:as described|as set out|as explained|under|in section)\b[^.;]*)?[.;,]", re.I)
_MAY_SELL = re.compile(r"\bwe\s+(?:may|will|can|might)\s+(?:also\s+)?sell\s+(?P<what>[^,.;]+?)"
                       r"(?:\s+to\s+(?P<who>[^,.;]+?))?(?:\s+(?:as described|for|so that|in order)\b[^.;]*)?[.;,]", re.I)
_YOU_CAN = re.compile(r"\b(?:you|users?)\s+(?:can|may|have the right to|are entitled to|will be able to)\s+"
                      r"(?P<action>[^.;]+)", re.I)
_RIGHT_VERB = re.compile(r"^(?:request|ask|object|access|withdraw|opt|restrict|correct|delete|obtain|receive|lodge|limit|"
                         r"know|download|export|appeal|review|update|port|stop|choose|turn)\b", re.I)
_CELL_WORDS = 12
"""Longest cell told as "changes from … to …"; a longer one is an entry updated, its words quoted below."""
_FRAGMENT_WORDS = 20
"""Longest list item without a label told as "We will also collect …" when it is not a sentence of its own."""
_SENTENCE_CHARS = 300
"""Longest sentence of the policy a notice sentence quotes whole; a longer one is cut at a word with "…"."""
_ABOUT_TOPIC = {"cookies": "cookies", "sharing": "sharing", "collection": "collection", "rights": "access",
                "use": "use"}
"""What a section's heading is about → the email topic a whole section added or removed goes under."""
_WE_WILL = re.compile(r"^(?P<opening>.*?)\bwe will (?P<rest>[^.;]+)", re.I)


@dataclass(frozen=True, slots=True)
class Said:
    """A change told as the email tells it."""

    kind: str
    """The sentence type: a key of [sentences] in phrases.toml."""
    sentence: str
    gist: str
    """The few words the pull-request comment's first line uses."""
    topics: tuple[str, ...]
    always: bool


def long_date(value: date) -> str:
    """"March 1, 2026"."""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


class Teller:
    """Tells the changes of one diff: knows its sections, its dates, the company and its change clause."""

    def __init__(self, parents: dict[int, Clause], effective: date | None, company: tuple[str, ...] = (),
                 notice_clauses: tuple[str, ...] = (), title: str = "these terms") -> None:
        self.parents = parents
        self.title = title
        """What a clause outside any section is said to stand in: the policy's title."""
        marks = phrases()["marks"]
        self.from_date = (marks["from_date"].replace("{date}", long_date(effective)) if effective
                          else marks["from_unknown"])
        self.company = tuple(name.lower() for name in company if name)
        self.notice_clauses = notice_clauses
        """The old and new ids of the change-notice clause: a section removed with it removes the promise."""

    def tell(self, change: Change, section: Clause | None) -> Said:
        """The sentence for one change; `section` is the section holding its clause."""
        kind, values = self._choose(change, section)
        named = heading((section.heading or "").rstrip(". ")) if section else ""
        values = {"section": named or self.title, "from_date": self.from_date, **values}
        if "short" not in values:
            values["short"] = clip(values.get("what") or values.get("words") or values.get("who") or "", 60)
        entry = phrases()["sentences"][kind]
        sentence = fill(entry["text"], values)
        if sentence is None:  # the facts the type needs are missing: the plainest sentence there is
            kind, entry = "reworded", phrases()["sentences"]["reworded"]
            sentence = fill(entry["text"], values) or ""
        topics, always = tuple(entry.get("topic", ())), bool(entry.get("always"))
        clause = change.new or change.old
        if kind in ("section-added", "section-removed") and clause is not None:
            own = [_ABOUT_TOPIC[key] for key in sorted(self._about(clause)) if key in _ABOUT_TOPIC]
            if own:  # a whole section goes where its own heading says it belongs
                topics, always = tuple(own), True
        return Said(kind, sentence, fill(entry["gist"], values) or "", topics, always)

    def _choose(self, change: Change, section: Clause | None) -> tuple[str, dict[str, str]]:
        clause = change.new or change.old
        assert clause is not None
        codes = {reason.code for reason in change.reasons if reason.severity == "material"}
        about = self._about(clause)
        if clause.kind == "table-row":
            row = read_row(clause, self.parents.get(id(clause)), self._headings(clause))
            found = self._row(change, row, about)
            if found:
                return found
        if change.kind == "added" and change.new is not None:
            return self._added(change.new, codes, about)
        if change.kind == "removed" and change.old is not None:
            return self._removed(change.old, codes, about)
        return self._modified(change)

    # --- what kind of change ----------------------------------------------------------------------

    def _row(self, change: Change, row: Row, about: set[str]) -> tuple[str, dict[str, str]] | None:
        values = row.values()
        values["what"] = row.described()
        recipients = "who" in row.roles or (not row.header and ("sharing" in about or bool(
            {"recipient-added", "recipient-removed"} & {r.code for r in change.reasons})))
        if change.kind == "added":
            if row.cookies:
                provider = values.get("provider", "")
                ours = not provider or any(name in provider.lower() or provider.lower() in name
                                           for name in self.company) or provider.lower() in ("first party", "us", "we")
                return ("cookie-added" if ours else "partner-cookie-added"), values
            return ("recipient-added" if recipients else "listed-added"), values
        if change.kind == "removed":
            if row.cookies:
                return "cookie-removed", values
            return ("recipient-removed" if recipients else "listed-removed"), values
        if change.old is not None and change.new is not None and row.header:
            old = read_row(change.old, self.parents.get(id(change.old)), "")
            cell = changed_cell(old, row)
            if cell and cell[0] and max(words(cell[1]), words(cell[2])) <= _CELL_WORDS:
                column, before, after = cell
                if row.roles.get("region") == row.header.index(column):
                    before, after = place(before), place(after)
                else:
                    before, after = noun_phrase(before), noun_phrase(after)
                return "row-changed", {**values, "who": row.cells[0].strip() if row.cells else "",
                                       "column": noun_phrase(column).lower(), "before": figures(before),
                                       "after": figures(after)}
        if change.kind == "modified" and row.cells:
            return "row-edited", {**values, "who": row.cells[0].strip()}
        return None

    def _added(self, clause: Clause, codes: set[str], about: set[str]) -> tuple[str, dict[str, str]]:
        if clause.kind == "section":
            return "section-added", {}
        text = clause.full_text
        what = self._what(clause)
        fragment = bool(self._label(clause)) or (words(clause.text) <= _FRAGMENT_WORDS
                                                and not re.search(r"\b(?:we|you)\b", clause.text, re.I))
        if clause.kind == "list-item" and len(text) <= 400 and fragment:
            if "data-added" in codes or "collection" in about:
                return "data-added", {"what": what, "short": self._short(clause)}
            if ("right-added" in codes or "rights" in about) and (self._action(clause) or clause.label):
                return "right-added", {"what": what, "short": self._short(clause), **self._action(clause)}
            if "purpose-added" in codes or "use" in about:
                return "purpose-added", {"what": what, "short": self._short(clause)}
            if "recipient-added" in codes or "sharing" in about:
                return "recipient-added", {"who": noun_phrase(clause.label or clip(text, 80)), "what": what}
        sale = _MAY_SELL.search(text)
        if sale:
            return "sale-added", {"what": sale.group("what"), "who": sale.group("who") or ""}
        first = next((s for s in sentences(text) if s != clause.label), text)
        if len(sentences(text)) == 1 and clause.kind == "list-item" and not re.search(r"\b(?:we|you)\b", text, re.I):
            return "listed-added", {"what": what}
        return self._added_words(first, text)

    def _added_words(self, sentence: str, context: str) -> tuple[str, dict[str, str]]:
        """The new sentence as it reads, after "From March 1, 2026,"; the plainest sentence when it says little."""
        if words(sentence) < 3:
            return "reworded", {}
        told = lower_first(_finished(clip(figures(sentence), _SENTENCE_CHARS)), context)
        return "added-words", {"sentence": told, "short": clip(sentence, 60)}

    def _removed(self, clause: Clause, codes: set[str], about: set[str]) -> tuple[str, dict[str, str]]:
        text = clause.full_text
        if clause.kind == "section":
            if any(part.id in self.notice_clauses for part in clause.walk()):
                return "notice-removed", {}
            return "section-removed", {}
        promise = _NO_SALE.search(text)
        if promise:
            return "sale-promise-removed", {"what": promise.group("what")}
        what, short = self._what(clause), self._short(clause)
        if "right-removed" in codes or "rights" in about or "right-narrowed" in codes:
            action = self._action(clause)
            if action or (not _WE_WILL.search(text) and (clause.label or words(text) <= _CELL_WORDS)):
                return "right-removed", {"what": what, "short": short, **action}
        will = _WE_WILL.search(sentences(self._body(clause))[0] if self._body(clause) else "")
        if will and not re.match(r"(?:not|never)\b", will.group("rest")):  # a commitment taken out
            opening = will.group("opening").strip()
            return "promise-removed", {"opening": (opening[0].upper() + opening[1:] + " ") if opening else "",
                                       "rest": will.group("rest").strip(), "short": clip(will.group("rest"), 60)}
        if clause.kind == "list-item":
            if "data-removed" in codes or "collection" in about:
                return "data-removed", {"what": what, "short": short}
            if "purpose-removed" in codes or "use" in about:
                return "purpose-removed", {"what": what, "short": short}
        return "clause-removed", {"what": noun_phrase(clause.label) if clause.label else clip(text, 120),
                                  "short": short}

    def _modified(self, change: Change) -> tuple[str, dict[str, str]]:
        old, new = clause_text(change.old) or "", clause_text(change.new) or ""
        sale, before = _NO_SALE.search(new), _NO_SALE.search(old)
        if sale and sale.group("who") and not (before and before.group("who")):
            return "sale-added", {"what": sale.group("what"), "who": sale.group("who")}
        if before and not sale:
            return "sale-promise-removed", {"what": before.group("what")}
        told = tell(change.spans)
        if told is None:
            clause = change.new or change.old
            return "moved", {"what": clip(clause_text(clause) or "", 120)}
        if told.kind == "removed-words":
            if all(word in _FUNCTION for word in re.findall(r"\w+", told.sentence.lower())):
                return "reworded", {}  # "or" taken out is no news a sentence can tell; the wording shows it
            return "removed-words", {"words": clip(told.sentence, 160)}
        if told.kind == "replaced":
            return "replaced", {"sentence": told.sentence, "before": told.before, "after": told.after}
        return self._added_words(told.sentence, new)

    # --- what the clause says ---------------------------------------------------------------------

    def _headings(self, clause: Clause) -> str:
        """The headings above a clause, nearest first."""
        found = []
        current: Clause | None = clause
        while current is not None:
            if current.kind == "section" and current.heading:
                found.append(current.heading)
            current = self.parents.get(id(current))
        return " / ".join(found)

    def _about(self, clause: Clause) -> set[str]:
        """What the nearest heading above the clause that says anything is about."""
        book = phrases()["sections"]
        for text in self._headings(clause).split(" / "):
            found = {topic for topic, pattern in book.items() if re.search(pattern, text, re.I)}
            if found:
                return found
        return set()

    @staticmethod
    def _label(clause: Clause) -> tuple[str, str]:
        """(label, the rest) of a list item: its own label, or a first sentence of a few words ("Location data.")."""
        body = " ".join(clause.text.split())
        if clause.label:
            return clause.label, body
        parts = sentences(body)
        if len(parts) >= 2 and words(parts[0]) <= 4:
            return parts[0], body[len(parts[0]):].strip()
        return "", body

    def _what(self, clause: Clause) -> str:
        """A list item as words that follow "We will also collect": "voice data: if you turn on …"."""
        label, body = self._label(clause)
        if label:
            named = noun_phrase(label, label=True)
            return f"{named}: {lower_first(body.rstrip('.;'))}" if body else named
        return noun_phrase(body).rstrip(".;")

    def _short(self, clause: Clause) -> str:
        label, body = self._label(clause)
        return noun_phrase(label, label=True) if label else clip(noun_phrase(body), 60)

    @staticmethod
    def _body(clause: Clause) -> str:
        return " ".join(clause.text.split())

    def _action(self, clause: Clause) -> dict[str, str]:
        """{action}: what a right lets the reader do ("ask us to limit how we use your information")."""
        body = self._body(clause)
        found = _YOU_CAN.search(body)
        if found:
            return {"action": found.group("action").strip()}
        if _RIGHT_VERB.match(body):
            return {"action": body[0].lower() + body[1:].rstrip(".;")}
        return {}


def _finished(sentence: str) -> str:
    sentence = " ".join(sentence.split()).rstrip(" ,;:")
    return sentence if not sentence or sentence[-1] in ".!?" else sentence + "."
