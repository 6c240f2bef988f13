"""Edit rules about what the words commit to: periods, notice, modal verbs, consent, the company, users'
rights, purposes, recipients, transfers and disputes.

Each reads one Edit and adds the reasons it finds; none of them ends the evaluation, because one
edit can shorten a period and add a recipient at once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import Indel

from policydiff.classify.durations import Duration, durations
from policydiff.classify.edits import SENTENCE_BREAK, Edit, proper_names, sentence_at
from policydiff.classify.findings import Direction, Finding, quote
from policydiff.classify.notice_rule import rule_of_text
from policydiff.classify.recipients import receives, recipient_phrases
from policydiff.classify.rules import cue_pattern


def duration_changed(edit: Edit, finding: Finding) -> None:
    """A period changed ("thirty (30) days" → "fifteen (15) days"); in the change clause, the notice period."""
    old, new = durations(edit.old_text), durations(edit.new_text)
    if {d.days for d in old} == {d.days for d in new}:
        return  # the same periods, one of them said once more or once less: no period changed
    removed = [d for d in old if d.days not in [n.days for n in new]]
    added = [d for d in new if d.days not in [o.days for o in old]]
    before = ", ".join(d.text for d in removed) or "none"
    after = ", ".join(d.text for d in added) or "none"
    longer = _total(added) > _total(removed)
    notice = edit.has("policy-change") or bool(edit.rules.cue("takes-effect").search(edit.new_text))
    obligation = notice or edit.rules.cue("obligation").search(edit.old_text + " " + edit.new_text)
    expands = (not longer) if obligation else longer  # less notice, a shorter deadline: more room for the company
    limit = edit.rules.cue("limit-before-period")
    if added and not removed and all(limit.search(edit.new_text[:edit.new_text.find(d.text)]) for d in added):
        finding.add("duration-changed", f"new limit: {after} (“… {_limit_phrase(edit.new_text, added[0].text)} …”)",
                    direction="restricts")  # "we keep logs" → "we keep logs for no more than 30 days"
    elif removed and not added and all(limit.search(edit.old_text[:edit.old_text.find(d.text)]) for d in removed):
        finding.add("duration-changed", f"limit removed: {before} (“… {_limit_phrase(edit.old_text, removed[0].text)} …”)",
                    direction="expands")
    else:
        finding.add("duration-changed", f"{'lengthened' if longer else 'shortened'}: {before} → {after}",
                    direction="expands" if expands else "restricts")
    if notice:
        finding.add("notice-changed", f"change-notice period {'lengthened' if longer else 'shortened'}: "
                                      f"{before} → {after}", direction="expands" if not longer else "restricts")


def _limit_phrase(text: str, period: str) -> str:
    """The few words before a period and the period: "for no more than 30 days"."""
    at = text.find(period)
    words = text[:at].split()[-4:]
    return " ".join([*words, period])


def _total(items: list[Duration]) -> float:
    return sum(d.days for d in items) if items else 0.0 if not any(math.isinf(d.days) for d in items) else math.inf


def notice_rule_changed(edit: Edit, finding: Finding) -> None:
    """The change clause now promises a different kind of notice ("when posted" → "where the law requires")."""
    if any(reason.code == "notice-changed" for reason in finding.reasons):
        return
    if not edit.has("policy-change"):
        return
    before, after = rule_of_text(edit.old_text), rule_of_text(edit.new_text)
    if before == after:
        return
    ranks = edit.rules.notice_ranks
    looser = ranks[after][0] < ranks[before][0]
    finding.add("notice-changed", f"change-notice rule changed: {ranks[before][1]} → {ranks[after][1]}",
                direction="expands" if looser else "restricts")


def modality_flip(edit: Edit, finding: Finding) -> None:
    """A promise turned around or loosened: a negation appeared or went ("do not sell" → "may sell"), a
    permission became a duty or the reverse ("may" → "will"), a limiter appeared or went ("only",
    "except", "unless"), or a quantifier changed its reach ("any" → "most")."""
    changes = []
    expands = restricts = False
    binding_removed, binding_added = edit.rules.words["binding-removed"], edit.rules.words["binding-added"]
    expanding = edit.rules.cue("expanding-word")
    if edit.polarities(edit.old_text) != edit.polarities(edit.new_text):
        old, new = edit.term_counts(edit.old_text, "negation"), edit.term_counts(edit.new_text, "negation")
        for word in old - new:
            changes.append(f"“{word}” removed")
            expands = True
        for word in new - old:
            changes.append(f"“{word}” added")
            restricts = True
    # a sentence that only gives a way to reach the company ("you can write to us at privacy@…") grants
    # and limits nothing: its modal is no permission
    old_text, new_text = _without_contact_sentences(edit.old_text, edit), _without_contact_sentences(edit.new_text, edit)
    for term in ("modal", "limiter"):
        old, new = edit.term_counts(old_text, term), edit.term_counts(new_text, term)
        gone, came = old - new, new - old
        if term == "modal" and not _class_changed(gone, came, edit):
            continue
        for word in gone:
            if term == "limiter" and word not in edit.rules.words["strong-limiters"] and not came:
                continue
            changes.append(f"“{word}” removed")
            if word in binding_removed:
                expands = True
            else:
                restricts = True
        for word in came:
            if term == "limiter" and word not in edit.rules.words["strong-limiters"] and not gone:
                continue
            changes.append(f"“{word}” added")
            if word in binding_added:
                restricts = True
            elif expanding.match(word):
                expands = True
    if changes:
        direction: Direction = "expands" if expands else "restricts" if restricts else "neutral"
        negation_gone = edit.polarities(edit.old_text) != edit.polarities(edit.new_text) and expands
        finding.add("modality-flip", "; ".join(changes[:6]) + f": {edit.excerpt(3)}", direction=direction,
                    consent=negation_gone and not restricts
                    and bool(edit.rules.cue("strong-purpose").search(edit.new_text + " " + edit.old_text)))


def negated_scope(edit: Edit, finding: Finding) -> None:
    """A handling verb left or joined a negated promise, the promise still standing ("We do not sell or
    share personal information" → "We do not sell personal information"): what the company excluded
    is no longer excluded, or the reverse. A promise that went whole is modality-flip's."""
    verb = edit.rules.cue("handling-verb")
    negation = edit.rules.terms["negation"]
    for (deleted, inserted), (old_start, _, new_start, _) in zip(edit.pairs, edit.places):
        deleted_words, inserted_words = {x.lower() for x in deleted}, {x.lower() for x in inserted}
        gone = [w for i, w in enumerate(deleted) if verb.match(w) and w.lower() not in inserted_words
                and not _a_noun(edit.old_tokens, old_start + i, edit)]
        came = [w for i, w in enumerate(inserted) if verb.match(w) and w.lower() not in deleted_words
                and not _a_noun(edit.new_tokens, new_start + i, edit)]
        old_sentence, new_sentence = sentence_at(edit.old_tokens, old_start), sentence_at(edit.new_tokens, new_start)
        if not (negation.search(old_sentence) and negation.search(new_sentence)) or Indel.normalized_similarity(
                old_sentence.lower().split(), new_sentence.lower().split()) < SAME_SENTENCE:
            continue  # the promise must stand on both sides, as the same sentence edited
        if gone and not came:
            finding.add("protection-removed", f"“{gone[0]}” no longer excluded: {edit.excerpt(3)}", direction="expands",
                        consent=bool(edit.rules.cue("ad-purpose").search(old_sentence)) or gone[0].lower() in ("sell", "sold", "share"))
            return
        if came and not gone:
            finding.add("protection-added", f"“{came[0]}” now excluded too: {edit.excerpt(3)}", direction="restricts")
            return


SAME_SENTENCE = 0.7
"""How alike the old and new sentence around an edit must be for it to be one promise edited in place."""


def _a_noun(tokens: list[str], index: int, edit: Edit) -> bool:
    """A handling word used as a noun ("your use of the Services", "the termination process"): after a
    determiner or a possessive, or before "of"."""
    before = tokens[index - 1].lower() if index > 0 else ""
    after = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
    return bool(edit.rules.cue("noun-before").fullmatch(before)) or after == "of"


def user_duty_changed(edit: Edit, finding: Finding) -> None:
    """A duty put on users, or lifted, in a sentence the old version did not have ("If you allow
    suggestions matching public code, you must comply with their licences"): users owe more (the company
    may hold them to it), or less. The subject decides: "you must" binds users, "we must" the company;
    and a condition put on the company ("only if you agree") is no duty of users."""
    duty, condition = edit.rules.cue("user-duty"), edit.rules.cue("condition")
    came, gone = _sentences_changed(edit, lambda s: duty.search(_without_conditions(s, condition)))
    if came:
        finding.add("obligation-added", f"new duty for users: {came}", direction="expands")
    elif gone:
        finding.add("obligation-removed", f"duty for users lifted: {gone}", direction="restricts")


def user_right_changed(edit: Edit, finding: Finding) -> None:
    """A right given to users in a sentence the old version did not have ("You may terminate this
    Agreement … if Zoom has not cured a material breach"), or one taken away with its sentence: users
    may do more, or less."""
    right = edit.rules.cue("user-right")
    came, gone = _sentences_changed(edit, right.search)
    if came:
        finding.add("right-added", f"new right for users: {came}", direction="restricts")
    elif gone:
        finding.add("right-removed", f"right of users taken away: {gone}", direction="expands")


def _sentences_changed(edit: Edit, holds: Callable[[str], re.Match[str] | None]) -> tuple[str | None, str | None]:
    """Of the sentences that hold something (a duty, a right), the first the new text has and the old did
    not — when the new text holds more of them — quoted around what it holds; else the first the old text
    had and the new does not, when it holds fewer. (None, None) when neither."""
    old_held = [s for s in SENTENCE_BREAK.split(edit.old_text) if holds(s)]
    new_held = [s for s in SENTENCE_BREAK.split(edit.new_text) if holds(s)]
    old_keys, new_keys = {_compact_sentence(s) for s in old_held}, {_compact_sentence(s) for s in new_held}
    came = [s for s in new_held if _compact_sentence(s) not in old_keys]
    gone = [s for s in old_held if _compact_sentence(s) not in new_keys]

    def quoted(sentence: str) -> str:
        match = holds(sentence)
        return _in_context(sentence, match.group(0).split()[-1]) if match else f"“{sentence}”"

    if came and len(new_held) > len(old_held):
        return quoted(came[0]), None
    if gone and len(old_held) > len(new_held):
        return None, quoted(gone[0])
    return None, None


def _without_conditions(sentence: str, condition: re.Pattern[str]) -> str:
    """The sentence with each condition ("only if you agree", "unless you opt out") cut to the end of
    its phrase."""
    return re.sub(r"\x00[^,.;:]*", " ", condition.sub("\x00", sentence))


def _compact_sentence(sentence: str) -> str:
    return re.sub(r"[\W_]+", "", sentence).casefold()


def prohibition_added(edit: Edit, finding: Finding) -> None:
    """A prohibition put on users where the clause had none ("… for some high-bandwidth uses" → "… for
    some high-bandwidth uses or other prohibited uses"): users may do less."""
    prohibition = edit.rules.cue("prohibition")
    inserted = " ".join(edit.inserted)
    if prohibition.search(inserted) and len(prohibition.findall(edit.new_text)) > len(prohibition.findall(edit.old_text)):
        match = prohibition.search(inserted)
        assert match is not None
        finding.add("obligation-added", f"new prohibition: {_in_context(edit.new_text, match.group(0))}",
                    direction="expands")


def _without_contact_sentences(text: str, edit: Edit) -> str:
    """The text without its sentences that only say how to reach the company (cue "contact-sentence",
    with a contact detail in them)."""
    reach, detail = edit.rules.cue("contact-sentence"), edit.rules.cue("contact-detail")
    return " ".join(s for s in SENTENCE_BREAK.split(text) if not (reach.search(s) and detail.search(s)))


def _class_changed(gone: Counter[str], came: Counter[str], edit: Edit) -> bool:
    """Whether the modal verbs that went and came change what is promised: a permission ("may") became a
    duty ("will", "must"), or the reverse, or a modal verb came or went with its own sentence's verb."""
    permission, duty = set(edit.rules.words["permission-modals"]), set(edit.rules.words["duty-modals"])

    def classes(words: Counter[str]) -> set[str]:
        return {"permission" if w in permission else "duty" if w in duty else "other" for w in words}

    return bool((classes(gone) | classes(came)) - {"other"}) and classes(gone) != classes(came)


def consent_basis(edit: Edit, finding: Finding) -> None:
    """Opt-in became opt-out (needs fresh consent), or the reverse."""
    old, new = edit.old_text.lower(), edit.new_text.lower()
    opt_in, opt_out = edit.rules.cue("opt-in"), edit.rules.cue("opt-out")
    if opt_in.search(old) and not opt_in.search(new) and opt_out.search(new):
        finding.add("consent-basis-changed", "opt-in replaced by opt-out", direction="expands", consent=True)
    elif opt_out.search(old) and not opt_out.search(new) and opt_in.search(new):
        finding.add("consent-basis-changed", "opt-out replaced by opt-in", direction="restricts")


def controller(edit: Edit, finding: Finding) -> None:
    """The company named as responsible changed: always communicated (WP260, paragraph 29)."""
    company = edit.rules.cue("company")
    old = {m.group(0).rstrip(".,") for m in company.finditer(edit.old_text)}
    new = {m.group(0).rstrip(".,") for m in company.finditer(edit.new_text)}
    if {_entity_key(name) for name in old} == {_entity_key(name) for name in new}:
        return  # "GitHub Inc." → "GitHub, Inc.": the same company, punctuated
    if old and new and old != new and not edit.has("contact"):
        finding.add("controller-changed", f"company named changed: {', '.join(sorted(old - new))} → "
                                          f"{', '.join(sorted(new - old))}", direction="neutral")


def _entity_key(name: str) -> str:
    """A company's name as compared: case, commas, dots and spacing left out."""
    return re.sub(r"[\s.,]+", "", name).casefold()


def new_purpose(edit: Edit, finding: Finding) -> None:
    """A use of data appeared or went. A purpose new to the clause that the old version never stated is
    new; one named in a negated sentence ("we do not use it for advertising") is a protection added,
    restricting the company. A new advertising, sale, profiling or training use needs fresh consent."""
    old = edit.term_counts(edit.old_text, "purpose")
    new = edit.term_counts(edit.new_text, "purpose")
    strong = edit.rules.cue("strong-purpose")
    refusal = edit.rules.cue("users-refusal")
    came = [w for w in new if w not in old and (strong.search(w) or edit.new_to_document(w))
            and not _in_sentence_with(edit.new_text, w, refusal)]  # "opt out of … advertising": no new use
    gone = [w for w in old if w not in new and (strong.search(w) or edit.gone_from_document(w))]
    if came:
        negated = all(_in_negated_sentence(edit, edit.new_text, w) for w in came)
        if negated:
            finding.add("purpose-added", f"a use now excluded: {_in_context(edit.new_text, came[0])}",
                        direction="restricts")
        else:
            finding.add("purpose-added", f"new purpose: {_in_context(edit.new_text, came[0])}", direction="expands",
                        consent=any(strong.search(w) for w in came))
    if gone and all(_in_negated_sentence(edit, edit.old_text, w) for w in gone):
        # "We will never use your photos to train our models" removed: a use no longer excluded
        finding.add("protection-removed", f"a use no longer excluded: {_in_context(edit.old_text, gone[0])}",
                    direction="expands", consent=any(strong.search(w) for w in gone))
    elif gone:
        finding.add("purpose-removed", f"purpose no longer stated: {_in_context(edit.old_text, gone[0])}",
                    direction="restricts")
    catch_all = edit.rules.cue("catch-all")
    opened = [m.group(0) for m in catch_all.finditer(edit.new_text)]
    closed = [m.group(0) for m in catch_all.finditer(edit.old_text)]
    if len(opened) > len(closed) and not came:
        # "for billing and support" → "for billing, support and any other lawful purpose"
        finding.add("purpose-added", f"new catch-all use, open to any other: {_in_context(edit.new_text, opened[-1])}",
                    direction="expands")


def data_kinds(edit: Edit, finding: Finding) -> None:
    """In a clause about what is collected, a kind of data appeared that the old version never named
    ("name and email address" → "name, email address and health information"), or one went from the
    whole document. Newly collected sensitive data (health, biometric, precise location…) needs fresh
    consent."""
    if not edit.has("collection"):
        return
    old, new = edit.term_counts(edit.old_text, "data"), edit.term_counts(edit.new_text, "data")
    covered = {w.lower() for index, (_, inserted) in enumerate(edit.pairs) if edit.covered_by_catch_all(index)
               for w in inserted}
    came = [w for w in new if w not in old and edit.new_to_document(w) and w not in covered]
    gone = [w for w in old if w not in new and edit.gone_from_document(w)]
    sensitive = edit.rules.cue("sensitive-data")
    if came and not all(_in_negated_sentence(edit, edit.new_text, w) for w in came):
        finding.add("data-added", f"new collected: {_in_context(edit.new_text, came[0])}", direction="expands",
                    consent=any(sensitive.search(w) for w in came)
                    and not edit.rules.cue("by-users-choice").search(edit.new_text))
    elif (statement := _new_collection_statement(edit)) is not None:
        finding.add("data-added", f"new collected: {quote(statement.split(), 20)}", direction="expands",
                    consent=bool(sensitive.search(statement))
                    and not edit.rules.cue("by-users-choice").search(statement))
    if gone:
        finding.add("data-removed", f"no longer collected: {_in_context(edit.old_text, gone[0])}", direction="restricts")


def _new_collection_statement(edit: Edit) -> str | None:
    """A sentence the clause did not have that says the company collects something ("We also collect
    information about your interactions with websites when you use our in-app browser."): a new statement
    of what is collected, though every word of it stood in the old version. Not a refusal, not an old
    sentence reworded (most of its characters the same), and nothing the old version said, in these words
    or others."""
    statement = edit.rules.cue("collection-statement")
    key = edit.context.key if edit.context is not None else str.casefold
    old = [key(sentence) for sentence in SENTENCE_BREAK.split(edit.old_text)]
    for sentence in SENTENCE_BREAK.split(edit.new_text):
        if not statement.search(sentence) or edit.negated(sentence):
            continue
        compared = key(sentence)
        if any(Indel.normalized_similarity(compared, other) >= REWORDED_SENTENCE for other in old):
            continue
        if edit.context is not None and (edit.context.stood_in_old(compared)
                                         or edit.context.said_otherwise(compared, 1, sentence)):
            continue
        return sentence
    return None


REWORDED_SENTENCE = 0.6
"""A new sentence this like an old one of the clause (Indel similarity of their compared forms) is that
sentence reworded, judged by the clause's other rules, not a new statement."""


def parties(edit: Edit, finding: Finding) -> None:
    """In a sharing or transfer clause, a recipient appeared or went: a party word or a name that the old
    version never named (a recipient named elsewhere in the old version is not new)."""
    if not (edit.has("sharing") or edit.has("transfer")):
        return
    old = edit.term_counts(edit.old_text, "party")
    new = edit.term_counts(edit.new_text, "party")
    proper = proper_names(edit.new_text)
    names_in = [w for w in edit.words("inserted") if w in proper and w.lower() not in edit.old_text.lower()
                and edit.new_to_document(w)]
    came = [w for w in new if w not in old and edit.new_to_document(w)] + names_in
    gone = [w for w in old if w not in new and edit.gone_from_document(w)]
    # a party word or a name is a recipient only where the text gives it data ("share … with X")
    if came:
        receiving = recipient_phrases(edit.new_text, edit.rules, edit.clause_kind)
        came = [w for w in came if receives(w, receiving)]
    if gone:
        received = recipient_phrases(edit.old_text, edit.rules, edit.clause_kind)
        gone = [w for w in gone if receives(w, received)]
    refusal = edit.rules.cue("users-refusal")
    if came and _in_sentence_with(edit.new_text, came[0], refusal):
        # "… and you may opt out of sharing with advertising partners": a way to refuse, not a new recipient
        finding.add("right-added", f"a new way to refuse a sharing: {_in_context(edit.new_text, came[0])}",
                    direction="restricts")
    elif came:
        strong = bool(edit.rules.cue("strong-purpose").search(" ".join(edit.words("inserted"))))
        finding.add("recipient-added", f"new recipient: {_in_context(edit.new_text, came[0])}", direction="expands",
                    consent=strong and not _in_negated_sentence(edit, edit.new_text, came[0]))
    if gone:
        finding.add("recipient-removed", f"recipient no longer named: {_in_context(edit.old_text, gone[0])}",
                    direction="restricts")


def _sentence_holding(text: str, word: str) -> str | None:
    """The first sentence of the text that holds the word (any case)."""
    return next((sentence for sentence in SENTENCE_BREAK.split(text) if word.lower() in sentence.lower()), None)


def _in_sentence_with(text: str, word: str, pattern: re.Pattern[str]) -> bool:
    """The first sentence holding the word also matches the pattern."""
    sentence = _sentence_holding(text, word)
    return sentence is not None and bool(pattern.search(sentence))


def _in_negated_sentence(edit: Edit, text: str, word: str) -> bool:
    """The word stands in a negated sentence, and not in an exception to the negation ("We do not sell
    it, except to our advertising partners": the partners are not covered by the "not")."""
    sentence = _sentence_holding(text, word)
    if sentence is None:
        return False
    lowered = sentence.lower()
    exception = edit.rules.cue("exception").search(lowered[:lowered.find(word.lower())])
    return bool(edit.rules.terms["negation"].search(sentence)) and exception is None


def _in_context(text: str, word: str, span: int = 6) -> str:
    """A word quoted with the words around it: “… share it with our advertising partners …”."""
    words = text.split()
    lowered = [w.lower().strip(".,;:()\"“”'’") for w in words]
    target = word.lower().split()[0] if word.split() else word.lower()
    index = next((i for i, w in enumerate(lowered) if w.startswith(target)), None)
    if index is None:
        return f"“{word}”"
    start, end = max(0, index - span), min(len(words), index + span + 1)
    return "“" + ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "") + "”"


def transfer(edit: Edit, finding: Finding) -> None:
    """A hosting region or transfer mechanism changed, in a transfer or sharing clause."""
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    if edit.rules.terms["transfer"].search(changed) and (edit.has("transfer") or edit.has("sharing")):
        finding.add("transfer-changed", f"hosting or transfer changed: {edit.excerpt()}", direction="neutral")


def dispute(edit: Edit, finding: Finding) -> None:
    """A dispute, law or liability term, an amount, or a named place or court changed in a dispute clause."""
    if not edit.has("dispute"):
        return
    changed = " ".join(edit.words("deleted") + edit.words("inserted"))
    places = edit.rules.terms["transfer"]
    # the change must stand in a sentence about disputes, liability or remedies: "if necessary in your
    # jurisdiction, consent to the transfer" names a place, not a forum
    context = edit.rules.cue("dispute-context")
    sentences = [sentence_at(edit.old_tokens, old_start) for old_start, _, _, _ in edit.places] + \
        [sentence_at(edit.new_tokens, new_start) for _, _, new_start, _ in edit.places]
    if not any(context.search(sentence) for sentence in sentences):
        return
    if edit.rules.terms["dispute"].search(changed) or re.search(r"\d", changed) or places.search(changed):
        finding.add("dispute-changed", f"dispute, law or liability terms changed: {edit.excerpt()}", direction="neutral")


def qualifier_changed(edit: Edit, finding: Finding) -> None:
    """A word that qualifies a data or party term came or went: "aggregated usage data" → "usage data"
    shares more about a person, "your location" → "your precise location" collects more."""
    changes = []
    expands = restricts = False
    for kind in ("protective-qualifiers", "exposing-qualifiers"):
        old, new = _qualifiers(edit, edit.old_text, kind), _qualifiers(edit, edit.new_text, kind)
        for word in old - new:
            changes.append(f"“{word}” removed")
            expands, restricts = expands or kind == "protective-qualifiers", restricts or kind == "exposing-qualifiers"
        for word in new - old:
            changes.append(f"“{word}” added")
            expands, restricts = expands or kind == "exposing-qualifiers", restricts or kind == "protective-qualifiers"
    if changes:
        direction: Direction = "expands" if expands else "restricts"
        finding.add("qualifier-changed", "; ".join(changes[:4]) + f": {edit.excerpt(3)}", direction=direction)


def _qualifiers(edit: Edit, text: str, kind: str) -> Counter[str]:
    """The qualifiers of `kind` in `text` that stand right before a data or party word (a word between)."""
    pattern = _word_pattern(edit.rules.words[kind])
    found: Counter[str] = Counter()
    for match in pattern.finditer(text):
        after = text[match.end():match.end() + 60]
        following = re.match(r"[\s,-]+(?:[\w'’-]+[\s,]+)?([\w'’-]+)", after)
        if following and (edit.rules.terms["data"].fullmatch(following.group(1))
                          or edit.rules.terms["party"].fullmatch(following.group(1))
                          or edit.rules.terms["data"].match(after.lstrip(" ,-"))
                          or edit.rules.terms["party"].match(after.lstrip(" ,-"))):
            found[match.group(0).lower()] += 1
    return found


@lru_cache(maxsize=8)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return cue_pattern(list(words))


def right_narrowed(edit: Edit, finding: Finding) -> None:
    """A user right reworded so the company may do more: a right narrowed (material, no consent)."""
    if not edit.has("access") or not any(r.severity == "material" for r in finding.reasons) \
            or not edit.rules.cue("right-words").search(edit.old_text):
        return
    old, new = edit.term_counts(edit.old_text, "limiter"), edit.term_counts(edit.new_text, "limiter")
    limited = any(new[word] > old[word] for word in edit.rules.words["narrowing"])
    if limited or finding.direction == "expands" and edit.words("deleted"):  # words only added narrow nothing
        finding.add("right-narrowed", f"a user right now gives the user less: {edit.excerpt(3)}")
        finding.direction = "expands"  # a narrower right leaves the company more room
