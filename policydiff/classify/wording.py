"""Edit rules about the form of the words: punctuation, spelling, dates, contact details, links, rewording.

Most of these explain an edit completely when they fire (nothing else is worth saying about a typo),
and the last, `rewording`, is the fallback that runs when no other rule explained the edit.
"""

from __future__ import annotations

import os
import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from policydiff.classify.durations import durations
from policydiff.classify.edits import SENTENCE_BREAK, Edit, proper_names
from policydiff.classify.findings import Finding
from policydiff.classify.recipients import recipient_phrases, source_phrases


def formatting_only(edit: Edit, finding: Finding) -> None:
    """Only punctuation or letter case changed."""
    deleted = [w.lower() for w in edit.words("deleted")]
    inserted = [w.lower() for w in edit.words("inserted")]
    if Counter(deleted) == Counter(inserted):
        if re.findall(r"\w+", edit.old_text.lower()) != re.findall(r"\w+", edit.new_text.lower()):
            finding.add("rewording", f"the same words in another order: {edit.excerpt(3)}", "neutral")
        else:
            finding.add("formatting", "only punctuation or capitalisation changed", "neutral")


def typo_fix(edit: Edit, finding: Finding) -> None:
    """Each replaced word is a near-identical spelling of the old one ("recieve" -> "receive")."""
    if not edit.pairs:
        return
    fixes = []
    for deleted, inserted in edit.pairs:
        dw = [w for w in deleted if re.match(r"\w", w)]
        iw = [w for w in inserted if re.match(r"\w", w)]
        if len(dw) != len(iw) or not dw:
            if not dw and not iw:
                continue
            return
        for old, new in zip(dw, iw, strict=True):
            if not _same_word(old, new):
                return
            fixes.append(f"“{old}” → “{new}”")
    if fixes:
        finding.add("typo", "spelling or grammar corrected: " + ", ".join(fixes), "neutral")


def _same_word(old: str, new: str) -> bool:
    """A misspelling of the same word, or the same word in another number ("addresses" → "address",
    "are" → "is"): a typo or a grammar fix, not a new word."""
    if any(c.isdigit() for c in old + new):
        return False
    a, b = old.lower(), new.lower()
    if _lemma(a) == _lemma(b):
        return True
    distance = Levenshtein.distance(a, b)
    return distance <= 2 and min(len(a), len(b)) >= 4 or distance == 1 and min(len(a), len(b)) >= 3


_BE = {"is": "be", "are": "be", "was": "be", "were": "be", "has": "have", "have": "have", "does": "do", "do": "do"}


def _lemma(word: str) -> str:
    if word in _BE:
        return _BE[word]
    for ending in ("ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)] + ("y" if ending == "ies" else "")
    return word


def definition_folded(edit: Edit, finding: Finding) -> None:
    """An inline definition replaced by the term it defined, the new version defining that term
    elsewhere ('Content you create or own ("Your Content")' → 'Your Content', with '"Your Content" is
    Content that you create or own' among its definitions): the same words, said once."""
    if edit.context is None:
        return
    old, new = " ".join(edit.old_text.split()), " ".join(edit.new_text.split())
    common = len(os.path.commonprefix([old, new]))
    for match in _INLINE_DEFINITION.finditer(old):
        term = match.group(1).strip()
        start = min(common, match.start())
        start = old.rfind(" ", 0, start) + 1 if start and old[start - 1] != " " else start  # whole words
        if new[start:].startswith(term) and new[start + len(term):] == old[match.end():] \
                and f'"{edit.context.key(term)}"' in edit.context.new_text:  # defined in the new version
            finding.add("rewording", f"an inline definition replaced by its term, defined elsewhere: “{term}”",
                        "neutral")
            return


def defined_term_used(edit: Edit, finding: Finding) -> None:
    """A common noun replaced by the defined term the new version gives it ("rules for accounts" → "rules
    for User Accounts", the new version defining “User Account”): the thing named is the same."""
    if edit.context is None or not edit.pairs:
        return
    used = []
    for (deleted, inserted), (_, old_end, _, new_end) in zip(edit.pairs, edit.places):
        gone = [w for w in deleted if re.match(r"\w", w)]
        came = [w for w in inserted if re.match(r"\w", w)]
        if not gone and old_end < len(edit.old_tokens) and new_end < len(edit.new_tokens):
            # words put before a noun that now starts with a capital ("accounts" → "User Accounts": the
            # comparison, blind to case, keeps "accounts" and sees "User" inserted)
            before, after = edit.old_tokens[old_end], edit.new_tokens[new_end]
            if before.islower() and after[:1].isupper() and before == after.lower():
                gone, came = [before], [*came, after]
        if len(gone) != 1 or not came or len(came) > 4 or not all(w[:1].isupper() for w in came):
            return
        if _lemma(gone[0].lower()) != _lemma(came[-1].lower()):
            return
        term = " ".join([*came[:-1], _singular(came[-1])])
        if not any(f'"{edit.context.key(t)}"' in edit.context.new_text for t in (term, " ".join(came))):
            return  # not a term the new version defines
        used.append(" ".join(came))
    finding.add("rewording", f"a defined term used for what it names: “{used[0]}”", "neutral")


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_INLINE_DEFINITION = re.compile(r"""\s*\(\s*["“]([^"”()]{1,60})["”]\s*\)""")


def dates_only(edit: Edit, finding: Finding) -> None:
    """Only dates, or the section numbers of cross-references, changed."""
    changed = edit.words("deleted") + edit.words("inserted")
    if not changed:
        return
    date_word = edit.rules.cue("date-word")
    if all(date_word.match(w) for w in changed):
        if sorted(d.days for d in durations(edit.old_text)) != sorted(d.days for d in durations(edit.new_text)):
            return  # "13 months" → "25 months": a bare number that counts a period, not a day of the month
        finding.add("date", f"date changed: {edit.excerpt(2)}",
                    "neutral")


def contact(edit: Edit, finding: Finding) -> None:
    """Contact details (e-mail, postal address, link) changed in a contact clause: minor, not material;
    in a rights clause, how users exercise their rights changed: material."""
    exercising = edit.rules.cue("exercise-rights").search(edit.old_text + " " + edit.new_text)
    if not (edit.has("contact") or edit.has("access") and exercising):
        return
    detail = edit.rules.cue("contact-detail")
    changed = edit.deleted + edit.inserted
    if any(detail.search(t) for t in changed) or detail.search(" ".join(changed)):
        # the channel for rights requests changed only if a sentence holding a changed detail is about
        # exercising rights ("send your request to dsar@…"), not one for other questions ("for any other
        # concerns, write to privacy@…")
        exercise = edit.rules.cue("rights-request")
        touched = [sentence for text, words in ((edit.old_text, edit.deleted), (edit.new_text, edit.inserted))
                   for sentence in SENTENCE_BREAK.split(text)
                   if any(detail.search(w) and w in sentence for w in words)]
        if touched and not any(exercise.search(sentence) for sentence in touched):
            finding.add("contact-changed", f"contact details changed: {edit.excerpt(2)}", "neutral")
        elif edit.has("access") or exercising:
            finding.add("rights-channel-changed", "how users exercise their rights changed (always to be "
                                                  f"communicated): {edit.excerpt(2)}", "neutral")
        else:
            finding.add("contact-changed", f"contact details changed: {edit.excerpt(2)}", "neutral")


def link_only(edit: Edit, finding: Finding) -> None:
    """Only a link's address changed (a moved page, a new URL scheme): minor, whatever the clause is about.

    Contact and rights clauses were seen by `contact` first: there a new address can change how
    users exercise their rights."""
    link = edit.rules.cue("link")
    old_links, new_links = link.findall(edit.old_text), link.findall(edit.new_text)
    if old_links == new_links or not (old_links or new_links):
        return
    if " ".join(link.sub(" ", edit.old_text).split()) != " ".join(link.sub(" ", edit.new_text).split()):
        return
    finding.add("link-changed", f"link changed: {edit.excerpt(2)}",
                "neutral")


def _recipients(text: str, edit: Edit) -> Counter[str]:
    """The party words of a text that stand where it gives someone data or where data comes from someone
    (classify/recipients.py)."""
    phrases = recipient_phrases(text, edit.rules, edit.clause_kind) + source_phrases(text, edit.rules)
    return Counter(m.group(0).lower() for phrase in phrases for m in edit.rules.terms["party"].finditer(phrase))


_ROLES = {"dispute": ("dispute-context",), "right": ("right-words", "users-choice", "exercise-rights")}
"""Term classes whose words are terms only in a sentence that speaks in their role (the cues named):
"law" where disputes, courts or liability are spoken of, "access" or "notice" where a right is."""


_ANY_ROLE = ("delet", "eras")
"""Words of the right class that are terms in any sentence: deleting data is what is done with it
("we delete the records" → "we anonymise the records" changes what happens to them)."""


def _in_role(text: str, name: str, cues: tuple[str, ...], edit: Edit) -> Counter[str]:
    """The words of a term class in the sentences of a text that speak in the class's role."""
    patterns = [edit.rules.cue(cue) for cue in cues]
    return Counter(word for sentence in SENTENCE_BREAK.split(text)
                   for m in edit.rules.terms[name].finditer(sentence)
                   if (word := m.group(0).lower()).startswith(_ANY_ROLE) or any(p.search(sentence) for p in patterns))


def _lower_words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[\w'’-]+", text)}


_COUNTED = ("negation", "modal", "limiter")
"""Term classes whose every occurrence counts (one more "not" or "only" changes what a sentence says);
of the others, a word said once more ("email" where the clause already speaks of email) adds nothing."""


def _term_changed(old: Counter[str], new: Counter[str]) -> bool:
    """Whether a term class's words differ: a word the new text has and the old lacked, or one said fewer
    times ("advertising partners" → "partners", where "advertising" stays elsewhere in the clause: the
    qualifier went). A word said once more where it already stood is no new term."""
    return bool(new.keys() - old.keys()) or bool(old - new)


def rewording(edit: Edit, finding: Finding) -> None:
    """Material if a tracked term, name or number differs between the two texts (reordering the same
    words does not count), otherwise a rewording that keeps the meaning."""
    same_polarity = edit.polarities(edit.old_text) == edit.polarities(edit.new_text)
    changed = " ".join(edit.deleted + edit.inserted)
    touched = [name for name, pattern in edit.rules.terms.items() if pattern.search(changed)]  # others cannot differ
    tracked = [name for name in touched
               if (edit.term_counts(edit.old_text, name) != edit.term_counts(edit.new_text, name) if name in _COUNTED
                   else _term_changed(edit.term_counts(edit.old_text, name), edit.term_counts(edit.new_text, name)))
               and not (name == "negation" and same_polarity)]
    if "party" in tracked and _recipients(edit.old_text, edit) == _recipients(edit.new_text, edit):
        tracked.remove("party")  # who the terms address ("users" → "license holders"), not who gives or receives
    for name, role in _ROLES.items():
        if name in tracked and _in_role(edit.old_text, name, role, edit) == _in_role(edit.new_text, name, role, edit):
            tracked.remove(name)  # "to comply with new laws" is no governing law; "access this policy" no right
    old_names, new_names = proper_names(edit.old_text), proper_names(edit.new_text)
    gone = {name.lower() for name in old_names - new_names}
    came = {name.lower() for name in new_names - old_names}
    if gone and gone - _lower_words(edit.new_text) or came and came - _lower_words(edit.old_text):
        tracked.append("names")  # "Personal Information" → "personal information" names nothing new
    if re.findall(r"\d+", edit.old_text) != re.findall(r"\d+", edit.new_text) or \
            re.findall(r"\S+@\S+", edit.old_text) != re.findall(r"\S+@\S+", edit.new_text):
        tracked.append("numbers or addresses")
    change = edit.excerpt()
    if tracked and "numbers or addresses" not in tracked and edit.pairs \
            and all(edit.covered_by_catch_all(index) for index in range(len(edit.pairs))):
        finding.add("rewording", f"items added to a list its “other …” already covered: {change}", "neutral")
        return
    if tracked:
        finding.add("substantive-rewording", f"reworded ({', '.join(tracked)} changed): {change}",
                    "neutral")
    else:
        finding.add("rewording", f"reworded without changing any term policydiff tracks: {change}",
                    "neutral")
