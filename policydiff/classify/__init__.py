"""Classify each change: material or not, in which categories, why, and in which direction.

    match -> categories (heading chain + text) -> reasons (named rules over rules.toml) -> verdict

The rules are a value (`Rules`: rules.toml plus a team's policydiff.toml), passed in, never global.
Reasons come from named rules run in a declared order (edit_rules.py for edits, presence.py for
added and removed clauses); the verdict is material when any reason is, with the direction (does
the change expand or restrict what the company may do) and whether a regulator would expect fresh
consent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from policydiff.align.containment import Containment
from policydiff.align.inline import inline_diff
from policydiff.align.normalize import normalise
from policydiff.classify.categories import categorize, heading_chain
from policydiff.classify.context import MIN_SENTENCE_WORDS, TOKEN, DiffContext
from policydiff.classify.direction import NEW_ROOM, SETTLED, direction_of
from policydiff.classify.sentences import sentences
from policydiff.classify.edit_rules import explain_edit
from policydiff.classify.edits import Edit
from policydiff.classify.findings import Direction, Finding, quote
from policydiff.classify.presence import Presence, explain_presence
from policydiff.classify.residual import Residual, residual
from policydiff.classify.rules import Rules, default_rules
from policydiff.parse.language import ENGLISH, language_name
from policydiff.parse.visible import describe, hidden_characters, hidden_signature
from policydiff.model import Change, Clause, Document, Match, Reason, Severity, clause_text, parent_map

__all__ = ["Rules", "classify", "classify_non_operative", "default_rules", "structure_only"]

_SEVERITY_ORDER = {"material": 0, "minor": 1, "editorial": 2}
_UNWORDED = {"moved": "moved without changing its words", "split": "split without changing its words",
             "merged": "merged without changing its words"}


def classify(matches: Iterable[Match], old: Document | None, new: Document | None, rules: Rules) -> list[Change]:
    """One Change per match that is not unchanged, with its inline diff, categories and verdict."""
    parents = parent_map(old, new)
    kept = Containment(normalise(c.full_text) for c in new.body()) if new is not None else Containment(())
    listed = [match for match in matches if match.kind != "unchanged"]
    context = DiffContext.between(old, new, listed, rules)
    sections: dict[str, list[Clause]] = {}  # a section's number → the sections of either version so numbered
    for document in (old, new):
        for clause in document.walk() if document is not None else ():
            if clause.kind == "section" and clause.number:
                sections.setdefault(clause.number.rstrip("."), []).append(clause)
    return _summaries_follow([_change(match, parents, kept, rules, context) for match in listed], parents, rules,
                             sections)


def _summaries_follow(changes: list[Change], parents: dict[int, Clause], rules: Rules,
                      sections: dict[str, list[Clause]]) -> list[Change]:
    """A section's summary ("Short version: …", "The gist: …", or a row of a summary table that names
    the section: "Q. Changes to these Terms | We may modify …") is no term: its change is material only
    where a clause it summarises (a clause of that section) changed materially too; otherwise it is shown
    as a summary reworded."""
    summary = rules.cue("summary")
    material_sections = {id(section) for change in changes if change.material and not _is_summary(change, summary)
                         for section in _ancestors(change, parents)}
    result = []
    for change in changes:
        summarised = _summarised(change, summary, parents, sections)
        if change.material and change.kind == "modified" and summarised is not None and \
                not any(id(section) in material_sections for section in summarised):
            reason = Reason("summary-changed", "a summary of its section reworded; no clause it summarises changed "
                                               f"materially: {change.reasons[0].detail}", rules.severity("summary-changed"))
            change = Change(change.match, change.spans, False, reason.severity, change.categories, (reason,), "neutral", False)
        result.append(change)
    return result


def _is_summary(change: Change, summary: re.Pattern[str]) -> bool:
    clause = change.match.new or change.match.old
    return clause is not None and clause.kind == "paragraph" and bool(summary.match(clause_text(clause) or ""))


def _summarised(change: Change, summary: re.Pattern[str], parents: dict[int, Clause],
                sections: dict[str, list[Clause]]) -> list[Clause] | None:
    """The sections a changed summary summarises: a summary paragraph's own section (none, for one
    outside any section), or the section a summary-table row names by its number ("Q. Changes to these
    Terms"); None for a clause that is no summary."""
    if _is_summary(change, summary):
        return [parents[id(c)] for c in (change.match.old, change.match.new) if c is not None and id(c) in parents]
    clause = change.match.new or change.match.old
    if clause is None or clause.kind != "table-row" or len(clause.cells) < 2:
        return None
    named = _SECTION_REFERENCE.match(clause.cells[0])
    return sections[named.group(1)] if named and named.group(1) in sections else None


_SECTION_REFERENCE = re.compile(r"^\W*([A-Z]|\d{1,3})\.\s+\S")


def _ancestors(change: Change, parents: dict[int, Clause]) -> list[Clause]:
    """Every section that holds the changed clause, on either side (and the clause, if a section)."""
    found = [c for c in (change.match.old, change.match.new) if c is not None and c.kind == "section"]
    for clause in (change.match.old, change.match.new):
        while clause is not None and id(clause) in parents:
            clause = parents[id(clause)]
            found.append(clause)
    return found


def _change(match: Match, parents: dict[int, Clause], kept: Containment, rules: Rules, context: DiffContext) -> Change:
    old_text = _joined(match.old, match.old_extra)
    new_text = _joined(match.new, match.new_extra)
    clause = match.new or match.old
    assert clause is not None
    reported = _reported(clause, match) if match.kind in ("added", "removed") else ""
    categories = categorize(heading_chain(clause, parents), reported if match.kind in ("added", "removed")
                            else f"{old_text} {new_text}", rules)
    words_changed = match.old is not None and match.new is not None and match.similarity < 1.0
    spans = inline_diff(old_text, new_text) if words_changed else ()
    if match.kind == "renumbered":
        return Change(match, (), False, "editorial", categories,
                      (Reason("renumbered", _renumber_detail(match), rules.severity("renumbered")),), "neutral")
    finding = Finding(rules, direction="neutral")
    rest: Residual | None = None
    language = context.language_of(reported or f"{old_text} {new_text}", 0 if match.kind == "removed" else 1)
    if language != ENGLISH:
        # No English cue may fire on another language: numbers and structure are all that is read.
        _unread(match, language, old_text, new_text, words_changed, finding)
    elif match.kind == "removed" and (_said_elsewhere(clause, kept) or _restated(reported, context.stands_in_new, context)
                                      or _within_a_standing_sentence(reported, context)
                                      or _core_stands(_without_heading(clause, reported), context, rules)):
        finding.add("redundant-removed", "removed, but the same words remain elsewhere in the new version")
    elif match.kind == "added" and _restated(reported, context.stood_in_old, context):
        finding.add("restated", "added, but the same words stood elsewhere in the old version")
    elif match.kind in ("added", "removed") and _said_otherwise(_without_heading(clause, reported), match.kind, context):
        if match.kind == "added":
            finding.add("restated", f"added, but the old version said it in other words: {quote(reported.split(), 12)}")
        else:
            finding.add("redundant-removed", f"removed, but the new version says it in other words: "
                                             f"{quote(reported.split(), 12)}")
    elif match.kind == "added" and _defines_used_terms(reported, context):
        finding.add("definition-added", f"definitions added for terms already used: {quote(reported.split(), 12)}")
    elif match.kind in ("added", "removed") and _only_points(reported, context):
        finding.add("navigation", f"pointer to elsewhere {match.kind}: {quote(reported.split(), 12)}")
    elif match.kind in ("added", "removed") and clause.kind == "section" and not match.contents:
        what = "added above" if match.kind == "added" else "removed from over"
        finding.add(f"heading-{match.kind}", f"heading {what} clauses that stay: “{clause_text(clause)}”")
    elif match.kind in ("added", "removed"):
        header = _table_header(clause, parents)
        finding = explain_presence(Presence(match.kind, clause, reported, categories, rules, context, header,
                                            _names_columns(clause, header, parents)))
    elif _ignored(old_text, new_text, rules.ignore_patterns):
        finding.add("ignored", "differs only in text the team's ignore_patterns exclude")
    elif not words_changed and (hidden := _hidden_change(match)):
        finding.add("invisible-changed", hidden)
    elif not words_changed:
        finding.add(match.kind, _UNWORDED.get(match.kind, "no change in words"))
    elif not (rest := residual(old_text, new_text, context)).same:
        finding = explain_edit(Edit.between(match.kind, rest.old, rest.new, categories, rules, context, clause.kind))
        _defined(rest, finding)
        if _heading_alone(match) and not any(r.code in _HEADING_MEANING for r in finding.reasons
                                             if r.severity == "material"):
            # A reworded heading over unchanged clauses changes no term, unless its words turn a
            # promise around ("We do not sell" -> "We sell"): the clauses beneath carry the terms.
            finding = Finding(rules, direction="neutral")
            finding.add("retitled", f"heading reworded: “{old_text}” → “{new_text}”")
    else:
        _set_aside(rest, finding)
    if words_changed and (hidden := _hidden_change(match)):  # said too, never in place of the words
        finding.add("invisible-changed", hidden)
    always = sorted(set(categories) & set(rules.material_categories))
    if always and match.kind not in ("moved", "split", "merged", "renumbered") and not any(
            r.code == "ignored" for r in finding.reasons) and not any(r.severity == "material" for r in finding.reasons):
        finding.add("category-material", f"the team treats every change in {', '.join(always)} as material")
    severity: Severity = min((r.severity for r in finding.reasons), key=_SEVERITY_ORDER.__getitem__,
                             default="editorial")
    material = severity == "material"
    if material and match.kind not in ("renumbered",):
        before, after = (rest.old, rest.new) if rest is not None else (old_text, new_text)
        if match.kind == "added":
            after = reported
        elif match.kind == "removed":
            before = reported
        # a new use, recipient or kind of data gives the company room even where the same clause lets users
        # refuse it; otherwise the reasons that settle a direction themselves decide
        room = finding.direction_of_codes(NEW_ROOM)
        hint = (room if room == "expands" else None) or finding.direction_of_codes(SETTLED) or finding.direction
        finding.direction = _closed_list(match, clause, parents, rules, context) or \
            direction_of(match.kind, before, after, finding.reasons, hint, rules)
    return Change(match, spans, material, severity, categories, tuple(finding.reasons),
                  (finding.direction or "neutral") if material else "neutral", finding.consent and material)


def _unread(match: Match, language: str, old_text: str, new_text: str, words_changed: bool, finding: Finding) -> None:
    name = language_name(language)
    if match.kind in ("added", "removed"):
        finding.add("unread-language", f"clause {match.kind}, in {name}: not read by policydiff's English rules")
        return
    if not words_changed:
        finding.add(match.kind, _UNWORDED.get(match.kind, "no change in words"))
        return
    old_numbers, new_numbers = _NUMBER.findall(old_text), _NUMBER.findall(new_text)
    if old_numbers != new_numbers:
        finding.add("numbers-changed", f"numbers changed: {' '.join(old_numbers) or 'none'} → "
                                       f"{' '.join(new_numbers) or 'none'} (in {name}; the words are not read)")
    else:
        finding.add("unread-language", f"reworded, in {name}: not read by policydiff's English rules")


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _hidden_change(match: Match) -> str | None:
    """"invisible characters changed: 3 × U+200B ZERO WIDTH SPACE added" when the two clauses' hidden
    characters differ (their words are compared without them: parse/visible.py)."""
    if match.old is None or match.new is None or hidden_signature(match.old.written) == hidden_signature(match.new.written):
        return None
    before, after = (hidden_characters(clause.written or "") for clause in (match.old, match.new))
    parts = [f"{count} × {describe(char)} {verb}" for char, count, verb in (
        *((name, after[name] - before.get(name, 0), "added") for name in after if after[name] > before.get(name, 0)),
        *((name, before[name] - after.get(name, 0), "removed") for name in before if before[name] > after.get(name, 0)))]
    if not parts:
        return "look-alike letters of another script changed (compared as the Latin letters they imitate)"
    return f"invisible characters changed: {'; '.join(parts)}"


def _set_aside(rest: Residual, finding: Finding) -> None:
    """Reasons for an edit that changes no term once renames, moved sentences and pointers are set aside."""
    for rename in rest.renames:
        finding.add("renamed", f"renamed “{rename.old}” → “{rename.new}” ({rename.clauses} "
                               f"clause{'s' * (rename.clauses != 1)})")
    if rest.moved:
        finding.add("sentence-moved", f"sentence still stands elsewhere: {quote(rest.moved[0].split(), 12)}")
    if rest.navigation:
        finding.add("navigation", f"pointer to elsewhere reworded: {quote(rest.navigation[-1].split(), 12)}")
    if rest.dated:
        finding.add("date", f"when a version took effect, restated: {quote(rest.dated[-1].split(), 12)}")
    _defined(rest, finding)
    if rest.restated:
        finding.add("restated", f"says again what the old version said: {quote(rest.restated[0].split(), 12)}")
    if not finding.reasons:
        finding.add("formatting", "only punctuation, capitalisation, spacing or equivalent terms changed")


def _defined(rest: Residual, finding: Finding) -> None:
    """Say a definition the edit added for a term already used, whether or not the rest of it changed."""
    if rest.defined:
        finding.add("definition-added", f"a definition added for a term already used: {quote(rest.defined[0].split(), 12)}")


def _restated(text: str, stands: Callable[[str], bool], context: DiffContext) -> bool:
    """Every sentence of an added (removed) clause already stood in the old (still stands in the new)
    version, elsewhere: the clause restates what was there."""
    keys = [context.key(s) for s in sentences(text)]
    long = [k for k in keys if len(k.split()) >= MIN_SENTENCE_WORDS]
    return bool(long) and len(long) == len(keys) and all(stands(k) for k in long)


def _said_otherwise(text: str, kind: str, context: DiffContext) -> bool:
    """Every sentence of an added (removed) clause stood in the old (still stands in the new) version, or
    is a sentence only that version had, in other words that add no tracked term."""
    side = 1 if kind == "added" else 0
    stands = context.stood_in_old if side else context.stands_in_new
    found = sentences(text)
    return bool(found) and all(stands(k := context.key(s)) or context.said_otherwise(k, side, s) for s in found)


def _defines_used_terms(text: str, context: DiffContext) -> bool:
    """An added clause that opens with a definition of a term the old version already used, and whose
    other sentences define such terms too or say how they relate, binding no one and excepting nothing
    ("An "Account" represents … “Organizations” are … A User Account can be a member of any number of
    Organizations.")."""
    found = sentences(text)
    if not found or not context.defines_a_used_term(found[0]):
        return False
    return all(context.defines_a_used_term(s) or not (context.negation.search(s) or context.limit.search(s))
               for s in found[1:])


def _only_points(text: str, context: DiffContext) -> bool:
    """Every sentence of an added or removed clause only points the reader elsewhere ("If you are located
    in Canada, please read section 11 …"): what it points to carries the terms."""
    found = sentences(text)
    return bool(found) and all(context.only_points(sentence) for sentence in found)


def _without_heading(clause: Clause, reported: str) -> str:
    """What a removed clause said, its section heading left out (a heading is no sentence of terms)."""
    heading = clause_text(clause) if clause.kind == "section" else ""
    return reported[len(heading):].lstrip() if heading and reported.startswith(heading) else reported


def _core_stands(text: str, context: DiffContext, rules: Rules) -> bool:
    """Every sentence of a removed clause keeps its core in the new version (or stands there whole, or only
    points elsewhere): the words before its examples or its legal detail ("We do not sell your personal
    data" of "We do not sell your personal data for monetary or other consideration as defined under state
    law") stand there, and what was cut held no exception ("except", "unless") that the removal would lift."""
    end, exception = rules.cue("core-end"), rules.cue("exception")
    cores = 0
    for sentence in sentences(text):
        key = context.key(sentence)
        if context.stands_in_new(key) or context.only_points(sentence):
            continue  # said whole elsewhere, or only pointing elsewhere
        cut = end.search(key)
        core, detail = (key[:cut.start()], key[cut.start():]) if cut else (key, "")
        if not detail or exception.search(detail) or len(core.split()) < MIN_SENTENCE_WORDS + 1 \
                or core not in context.new_text:
            return False
        cores += 1
    return cores > 0


def _within_a_standing_sentence(text: str, context: DiffContext) -> bool:
    """Every sentence of a removed clause says nothing a sentence of both versions does not: its words
    all stand, with no negation of its own, in one sentence the old version had and the new keeps ("Couriers
    receive only your name …" removed beside "The couriers we use receive only your name …")."""
    standing = context.standing
    keys = [context.key(s) for s in sentences(text)]
    if not standing or not keys or any(len(k.split()) < MIN_SENTENCE_WORDS for k in keys):
        return False
    negation = context.negation

    def held(key: str) -> bool:
        words = set(TOKEN.findall(key))
        # the candidates: the standing sentences that hold its rarest word (an index, not a scan of all)
        rarest = min(words, key=lambda word: len(context.standing_at.get(word, ())), default="")
        return any(words <= set(TOKEN.findall(other)) and len(negation.findall(other)) == len(negation.findall(key))
                   for other in context.standing_at.get(rarest, ()))

    return all(held(k) for k in keys)



def structure_only(change: Change) -> bool:
    """A change of structure alone, listed apart from the terms: a section retitled (its clauses
    unchanged), a heading added above or removed from over clauses that stay where they were, a
    table's header row added or removed, a clause split or merged without a word changed, or the same
    words with other invisible characters.
    A heading change a rule finds material stays."""
    if change.material:
        return False
    if change.kind in ("split", "merged"):
        return not change.spans or all(span.op == "equal" for span in change.spans)
    if change.reasons and all(reason.code == "invisible-changed" for reason in change.reasons):
        return True  # the same words: listed apart, like renumbering (the words are compared without them)
    if change.kind in ("added", "removed") and [reason.code for reason in change.reasons] == ["table-header"]:
        return True  # a table's column names: the rows below carry the terms
    clause = change.new or change.old
    if clause is None or clause.kind != "section":
        return False
    if change.kind in ("added", "removed"):
        return not change.match.contents
    return change.kind == "modified" and _heading_alone(change.match)


def classify_non_operative(matches: Iterable[Match], rules: Rules) -> list[Change]:
    """Changes to banners, summaries of changes and change logs: shown, never material."""
    changes = []
    for match in matches:
        if match.kind == "unchanged":
            continue
        old_text = _joined(match.old, match.old_extra)
        new_text = _joined(match.new, match.new_extra)
        words_changed = match.old is not None and match.new is not None and match.similarity < 1.0
        spans = inline_diff(old_text, new_text) if words_changed else ()
        clause = match.new or match.old
        assert clause is not None
        what = clause.note or "non-operative text"
        reason = Reason("non-operative", f"{what}: not part of the terms", rules.severity("non-operative"))
        changes.append(Change(match, spans, False, reason.severity, (), (reason,), "neutral", False))
    return changes


_HEADING_MEANING = frozenset({"modality-flip", "consent-basis-changed"})
"""The reasons that make a reworded heading material by itself."""


def _closed_list(match: Match, clause: Clause, parents: dict[int, Clause], rules: Rules,
                 context: DiffContext) -> Direction | None:
    """An item added to or removed from a closed list ("We use sensitive data only for the following
    purposes:"): under a lead-in the old version already had, an added item widens what is allowed and a
    removed one narrows it; under a new lead-in, the items are the new limit, and restrict."""
    if match.kind not in ("added", "removed") or clause.kind != "list-item":
        return None
    lead = _lead_in(clause, parents)
    if lead is None or not lead.rstrip().endswith(":"):
        return None
    closed = rules.cue("protective").search(lead) or (
        rules.terms["negation"].search(lead) and rules.cue("exception").search(lead))  # "not … other than the following:"
    if not closed:
        return None
    if match.kind == "added" and rules.cue("catch-all").search(clause_text(clause) or ""):
        return "expands"  # "any other activities": an item that opens the list again
    stood = context.key(lead) in (context.old_text if match.kind == "added" else context.new_text)
    if match.kind == "added":
        return "expands" if stood else "restricts"
    return "restricts" if stood else None


def _lead_in(clause: Clause, parents: dict[int, Clause]) -> str | None:
    """The text just before the list an item belongs to (the paragraph that introduces it)."""
    parent = parents.get(id(clause))
    siblings = parent.children if parent is not None else ()
    lead = None
    for sibling in siblings:
        if sibling is clause:
            return lead
        if sibling.kind != "list-item":
            lead = clause_text(sibling)
    return None


def _table_header(clause: Clause, parents: dict[int, Clause]) -> tuple[tuple[str, ...], ...]:
    """For a table row: the header rows of its table (the header, and rows before the first data row
    whose cells read as column names)."""
    if clause.kind != "table-row":
        return ()
    parent = parents.get(id(clause))
    siblings = parent.children if parent is not None else ()
    headers: list[tuple[str, ...]] = []
    for sibling in siblings:
        if sibling is clause:
            break
        if sibling.kind != "table-row":
            headers = []
        elif sibling.header or len(headers) < 2 and all(len(cell.split()) <= 8 for cell in sibling.cells):
            headers.append(sibling.cells)
    return tuple(headers)


def _names_columns(clause: Clause, header: tuple[tuple[str, ...], ...], parents: dict[int, Clause]) -> bool:
    """A row among the first two of its table, whose cells are short names, with data rows after it:
    a second header row (the parser marks only the first)."""
    if clause.kind != "table-row" or len(header) >= 2:
        return False
    cells = [c for c in clause.cells if c.strip()]
    if not cells or any(len(c.split()) > 8 or c.rstrip().endswith(".") or any(ch.isdigit() for ch in c) for c in cells):
        return False
    parent = parents.get(id(clause))
    siblings = list(parent.children) if parent is not None else []
    position = next((i for i, s in enumerate(siblings) if s is clause), -1)
    start = position
    while start > 0 and siblings[start - 1].kind == "table-row":
        start -= 1  # the first row of this table (a table may follow a paragraph of its section)
    row = position - start
    return 0 <= position < len(siblings) - 1 and siblings[position + 1].kind == "table-row" and (
        row == 0 or row == 1 and (siblings[start].header or len(header) == 1))


def _heading_alone(match: Match) -> bool:
    """Both sides are sections with a heading and no text of their own."""
    old, new = match.old, match.new
    return (old is not None and new is not None and old.kind == new.kind == "section"
            and not old.full_text and not new.full_text)


def _said_elsewhere(clause: Clause, kept: Containment) -> bool:
    """A removed leaf whose words (at least eight of them) still stand inside another clause."""
    if clause.kind == "section" or len(clause.full_text.split()) < 8:
        return False
    text = normalise(clause.full_text)
    return kept.holds(text)


def _ignored(old_text: str, new_text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if not patterns or not old_text or not new_text:
        return False
    return _strip(old_text, patterns) == _strip(new_text, patterns)


def _strip(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for pattern in patterns:
        text = pattern.sub("", text)
    return " ".join(text.split())


def _joined(clause: Clause | None, extra: tuple[Clause, ...]) -> str:
    return " ".join(filter(None, [clause_text(clause), *(clause_text(c) or "" for c in extra)]))


def _reported(clause: Clause, match: Match) -> str:
    """An added or removed clause's text with the clauses reported with it (not those that stay)."""
    return " ".join(clause_text(part) or "" for part in (clause, *match.contents))


def _renumber_detail(match: Match) -> str:
    old = (match.old.number or "").rstrip(".") if match.old else ""
    new = (match.new.number or "").rstrip(".") if match.new else ""
    return f"renumbered from {old} to {new}"
