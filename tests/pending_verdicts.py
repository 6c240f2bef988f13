"""Verdicts policydiff does not give yet: the classifier's work list for issue #14.

Not collected by pytest (the name does not start with test_); run by path to see each fail:

    python -m pytest -q -p no:cacheprovider tests/pending_verdicts.py

Each test asserts what a lawyer expects, on a fictional policy written for it; its docstring says what
policydiff gives now. When the classifier gives the expected verdict, move the test into
tests/test_verdicts.py unchanged.
"""

from __future__ import annotations

from policydiff.notice.promise import read_promise
from policydiff.parse import parse_text
from tests.test_verdicts import (COURIERS, DELETION, SHARING,
                                 codes, framed, ospry_terms, policy, run)

# --- 1. structured terms -----------------------------------------------------------------------------


def test_a_reworded_sentence_that_still_shares_with_payment_processors_is_editorial() -> None:
    """Now: split into a removed and an added clause, clause-removed (material, restricts) and
    clause-added (material, expands)."""
    result = run(framed("How We Share Data", SHARING),
                 framed("How We Share Data", "To charge your card, payment processors receive your billing details "
                                             "from us."))
    assert [c.kind for c in result.changes] == ["modified"]
    assert codes(result.changes[0]) == ["rewording"] and not result.changes[0].material


# --- 2. renames --------------------------------------------------------------------------------------

def wrenfield() -> str:
    return policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Retention", DELETION))


def test_a_summary_section_that_restates_the_old_version_is_restated() -> None:
    """A new “3. Summary” restating sections 1 and 2. Now: right-added “user right added: “3. Summary We share
    order details …””, material, restricts (the heading word “Summary” stood nowhere, and “delete” reads as
    a right)."""
    new = wrenfield() + ("3. Summary\nWe share order details with couriers so they can deliver your parcel, and we "
                         "delete order details two years after delivery.\n")
    (change,) = run(wrenfield(), new).changes
    assert codes(change) == ["restated"] and not change.material


# --- 4. qualifiers -----------------------------------------------------------------------------------

# --- 5. direction ------------------------------------------------------------------------------------

# --- 6. consent --------------------------------------------------------------------------------------

# --- 7. reasons quote the change -------------------------------------------------------------------

# --- 8. the notice promise -------------------------------------------------------------------------

def test_the_shorter_alternative_by_posting_is_kept_for_the_reader() -> None:
    """“30 days' notice by email or 15 days by posting on our website”. Now: 30 days, means email and posting,
    and the 15 days by posting is said nowhere (no alternative, no note): a reviewer is not told that notice
    by posting alone needs only 15 days."""
    promise = read_promise(parse_text(ospry_terms(("Fees", "Fees are listed on our pricing page."),
                                                  "We will give you 30 days' notice by email or 15 days by posting "
                                                  "on our website before changes to these terms take effect.")))
    assert promise.period_text == "30 days"
    assert any("15 days" in text for _, text in promise.alternatives)
