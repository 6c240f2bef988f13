"""Material changes told the way a reader needs them: by topic, in a sentence each, with the new words.

A notice email is not a redline. Each material change becomes one sentence (notice/sentences.py,
worded by the phrase book) plus the clause's new wording (or, for a removal, the old wording),
grouped under reader-facing topic headings such as "Who we share information with". The quoted
wording lets the reader check the sentence against the policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from policydiff.model import Change, Clause, Diff, Reason, clause_text
from policydiff.notice.book import phrases
from policydiff.notice.promise import read_promise
from policydiff.notice.rows import read_row
from policydiff.notice.sentences import Said, Teller
from policydiff.notice.words import clip
from policydiff.view import DiffView


@dataclass(frozen=True, slots=True)
class PlainChange:
    """One material change as the email states it."""

    sentence: str
    wording: str | None
    """The clause's new wording (the old one for a removal), clipped to a readable length."""
    removed: bool
    location: str
    """The clause id in the new version (the old one for a removal)."""
    consent: bool
    kind: str = ""
    """The sentence type (a key of [sentences] in phrases.toml)."""
    gist: str = ""
    """A few words for a one-line summary: "adds a sale to our advertising partners"."""
    wording_label: str = ""
    """"New wording" or "Wording removed", from the phrase book."""


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    heading: str
    changes: tuple[PlainChange, ...]


def topics(diff: Diff, changes: tuple[Change, ...], *, effective: date | None = None,
           company: tuple[str, ...] = (), title: str = "these terms", wording_limit: int = 320) -> tuple[Topic, ...]:
    """The changes as plain sentences, grouped by topic in the phrase book's order."""
    book = phrases()
    view = DiffView(diff)
    old_promise, new_promise = read_promise(diff.old).clause_id, read_promise(diff.new).clause_id
    teller = Teller(view.parents, effective, company, tuple(filter(None, (old_promise,))), title)
    order = list(book["groups"])
    grouped: dict[str, list[PlainChange]] = {}
    for change in changes:
        said = teller.tell(change, view.of(change).holder)
        clause = change.new or change.old
        notice = (change.old is not None and change.old.id == old_promise) or (
            change.new is not None and change.new.id == new_promise)
        key = "policy-change" if notice and not said.always else _topic(change, said, order)
        removed = change.new is None
        grouped.setdefault(key, []).append(PlainChange(
            said.sentence, clip(_wording(clause, change, view) or "", wording_limit) or None, removed,
            clause.id if clause else "", change.consent, said.kind, said.gist,
            book["email"]["removed_wording" if removed else "new_wording"]))
    return tuple(Topic(key, book["groups"].get(key, book["groups"]["other"]), tuple(items))
                 for key, items in sorted(grouped.items(), key=lambda kv: _rank(order, kv[0])))


def said_of(diff: Diff, change: Change, *, effective: date | None = None, company: tuple[str, ...] = ()) -> Said:
    """The sentence for one change of a diff (what the pull-request comment's first line summarises)."""
    view = DiffView(diff)
    old_promise = read_promise(diff.old).clause_id
    return Teller(view.parents, effective, company, tuple(filter(None, (old_promise,)))).tell(
        change, view.of(change).holder)


def _topic(change: Change, said: Said, order: list[str]) -> str:
    """The sentence type's topic; else the leading reason's topic the change carries; sharing first."""
    categories = change.categories
    if said.always and said.topics:
        return said.topics[0]
    for key in said.topics:
        if key in categories:
            return key
    reason = _leading_reason(change, phrases()["topics"]["priority"])
    for key in phrases()["topics"].get(reason.code, []) if reason else []:
        if key in categories:
            return str(key)
    if "sharing" in categories:
        return "sharing"
    return min(categories, key=lambda key: _rank(order, key), default="other")


def _leading_reason(change: Change, priority: list[str]) -> Reason | None:
    material = [reason for reason in change.reasons if reason.severity == "material"]
    ranked = sorted(material, key=lambda reason: _rank(priority, reason.code))
    return ranked[0] if ranked else None


def _wording(clause: Clause | None, change: Change, view: DiffView) -> str:
    """What the clause says: a table row by its header, a whole section added or removed with everything
    in it, and numbers as figures ("30 days")."""
    if clause is None:
        return ""
    if clause.kind == "table-row":
        return read_row(clause, view.parents.get(id(clause)), "").described()
    if change.kind not in ("added", "removed"):
        return clause_text(clause) or ""
    return " ".join(text for part in clause.walk() if (text := clause_text(part)) and not part.header)


def _rank(order: list[str], key: str) -> int:
    return order.index(key) if key in order else len(order)

