"""`policydiff lint`: what one version of a policy commits to, and its own problems.

Commitments a reviewer wants in one table: the change-notice rule and how notice is given,
retention periods, response deadlines, "we do not sell" statements, hosting region. Problems: no
change-notice clause at all; an effective date sooner after the last update than the notice the
policy itself promises; cross-references that point nowhere or at the wrong section; page
furniture left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.classify.categories import categorize, heading_chain
from policydiff.classify.durations import durations
from policydiff.classify.rules import Rules, default_rules
from policydiff.classify.xrefs import topical_defects
from policydiff.model import Document, parent_map
from policydiff.notice.dates import add_period
from policydiff.notice.promise import NoticePromise, read_promise

_REQUESTS = re.compile(r"\b(?:respond|process|complete|answer|fulfil)\w*\b.{0,80}\brequests?\b|"
                       r"\brequests?\b.{0,80}\b(?:respond|process|complete|answer)\w*\b", re.I)
_SENTENCE = re.compile(r"[^.]+\.?|\.")
"""A sentence as the commitments quote it: up to and with its period. Every commitment is looked for in
one sentence at a time, so no pattern scans to the end of a long text from every position (a leading
unanchored [^.]* made `lint` quadratic: 26 KB of text without a period took 25 s)."""
_NO_SALE = re.compile(r"\b(?:do|does|will)\s+not\s+(?:sell|rent|trade|share)\b|\bnever\s+(?:sell|rent|share)\b", re.I)
_HOSTING = re.compile(r"\b(?:hosted|stored|host|store|data cent(?:er|re)s?)\b")
_IN_OR_ON = re.compile(r"\b(?:in|on)\b")
_PLACE = re.compile(r"\b(?:United States|U\.S\.|USA|EU|European Union|EEA|Ireland|Germany|United Kingdom|UK|Canada|"
                    r"Australia|region)\b")


@dataclass(frozen=True, slots=True)
class Commitment:
    kind: str
    """"change-notice", "retention", "response-deadline", "no-sale", "hosting"."""
    value: str
    clause_id: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    detail: str
    clause_id: str | None = None


@dataclass(frozen=True, slots=True)
class LintReport:
    document: Document
    notice: NoticePromise
    commitments: tuple[Commitment, ...]
    problems: tuple[Problem, ...]


def lint(document: Document, rules: Rules | None = None) -> LintReport:
    """What a version commits to and its own problems; `rules` (default: the package's) say which
    clauses are about retention."""
    promise = read_promise(document)
    commitments = [_notice_commitment(promise), *_scan(document, rules or default_rules())]
    problems = [*_notice_problems(document, promise), *_reference_problems(document), *_furniture(document)]
    return LintReport(document, promise, tuple(commitments), tuple(problems))


def _notice_commitment(promise: NoticePromise) -> Commitment:
    means = f" by {', '.join(promise.means)}" if promise.means else ""
    value = {
        "fixed-period": f"at least {promise.period_text} before changes take effect{means}",
        "next-renewal": f"changes take effect at the next renewal of the subscription{means}",
        "on-posting": f"changes take effect when posted{means}",
        "as-required-by-law": "notice only as required by law",
        "none": "no change-notice clause",
        "unspecified": "notice of changes promised, with no period stated",
    }[promise.rule]
    if promise.law_exception:
        value += "; changes required by law may apply sooner"
    return Commitment("change-notice", value, promise.clause_id, promise.text or "")


def _scan(document: Document, rules: Rules) -> list[Commitment]:
    parents = parent_map(document)
    found: list[Commitment] = []
    for clause in document.body():
        if clause.kind == "section":
            continue
        text = clause.full_text
        sentences = [match.group(0) for match in _SENTENCE.finditer(text)]
        spans = [d for sentence in sentences for d in durations(sentence)]  # per sentence: durations() looks back
        categories = categorize(heading_chain(clause, parents), text, rules)
        if spans and "retention" in categories and not _REQUESTS.search(text):
            found.append(Commitment("retention", ", ".join(d.text for d in spans), clause.id, text))
        if spans and _REQUESTS.search(text):
            found.append(Commitment("response-deadline", ", ".join(d.text for d in spans), clause.id, text))
        for words in sentences:
            if _NO_SALE.search(words):
                found.append(Commitment("no-sale", words.strip(), clause.id, text))
            if _hosting(words):
                found.append(Commitment("hosting", words.strip(), clause.id, text))
    return found


def _hosting(sentence: str) -> bool:
    """A hosting word, then "in" or "on", then a place, in that order within the sentence: three forward
    searches, each from where the last one matched."""
    where = _HOSTING.search(sentence)
    preposition = _IN_OR_ON.search(sentence, where.end()) if where else None
    return preposition is not None and _PLACE.search(sentence, preposition.end()) is not None


def _notice_problems(document: Document, promise: NoticePromise) -> list[Problem]:
    if promise.rule == "none":
        return [Problem("no-change-clause", "the policy never says how or when users are told about changes to it")]
    meta = document.metadata
    effective = meta.effective.date if meta.effective else None
    updated = meta.last_updated.date if meta.last_updated else None
    if promise.rule == "fixed-period" and promise.amount and promise.unit and effective and updated:
        gap = (effective - updated).days
        if effective < add_period(updated, promise.amount, promise.unit):
            return [Problem("notice-gap",
                            f"effective {effective.isoformat()} is {gap} days after last updated {updated.isoformat()},"
                            f" short of the {promise.period_text} notice the policy promises ({promise.clause_id})",
                            promise.clause_id)]
    return []


def _reference_problems(document: Document) -> list[Problem]:
    return [Problem(d.code, d.detail, d.clause_id) for d in topical_defects(document)]


def _furniture(document: Document) -> list[Problem]:
    leftovers = [c for c in document.clauses if c.role == "furniture"]
    if not leftovers:
        return []
    words = "; ".join(f"“{c.text}”" for c in leftovers[:4])
    return [Problem("page-furniture", f"page furniture left in the text: {words}", leftovers[0].id)]
