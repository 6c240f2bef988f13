"""Why an edit matters: the named rules for a clause present on both sides with different words, in order.

The order is the design: rules that explain an edit completely (punctuation, a typo, a date) run
first and end the evaluation; the rules about what the words commit to run next and may all fire;
contact details and links are considered only when nothing else explained the edit; and when no
rule explained an edit that touches a term policydiff tracks (a number, a date, a name, a negation,
a modal verb, a party, a purpose, a data or rights word), `rewording` makes it material as
`substantive-rewording`: a missed material change is the worst failure this tool can have. An edit
that touches none of them keeps the meaning (`rewording`, editorial).
"""

from __future__ import annotations

from policydiff.classify.edits import Edit
from policydiff.classify.findings import Finding, Rule, run_rules
from policydiff.classify.terms import (consent_basis, controller, data_kinds, dispute, duration_changed, modality_flip,
                                       negated_scope, new_purpose, notice_rule_changed, parties, prohibition_added,
                                       qualifier_changed, right_narrowed, transfer,
                                       user_duty_changed, user_right_changed)
from policydiff.classify.wording import (contact, dates_only, defined_term_used, definition_folded, formatting_only,
                                         link_only, rewording, typo_fix)

EDIT_RULES: tuple[Rule[Edit], ...] = (
    Rule("formatting", formatting_only, ends=True),
    Rule("typo", typo_fix, ends=True),
    Rule("date", dates_only, ends=True),
    Rule("definition", definition_folded, ends=True),
    Rule("defined-term", defined_term_used, ends=True),
    Rule("duration", duration_changed),
    Rule("notice-rule", notice_rule_changed),
    Rule("modality", modality_flip),
    Rule("negated-scope", negated_scope),
    Rule("prohibition", prohibition_added),
    Rule("user-duty", user_duty_changed),
    Rule("user-right", user_right_changed),
    Rule("qualifier", qualifier_changed),
    Rule("consent-basis", consent_basis),
    Rule("controller", controller),
    Rule("contact", contact, ends=True, unexplained_only=True),
    Rule("link", link_only, ends=True, unexplained_only=True),
    Rule("purpose", new_purpose),
    Rule("parties", parties),
    Rule("data", data_kinds),
    Rule("transfer", transfer),
    Rule("dispute", dispute),
    Rule("right-narrowed", right_narrowed),
    Rule("rewording", rewording, unexplained_only=True),
)
"""The edit rules, in the order they run."""


def explain_edit(edit: Edit) -> Finding:
    """The reasons the edit rules find for one edit."""
    return run_rules(EDIT_RULES, edit, Finding(edit.rules))
