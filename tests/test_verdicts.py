"""Verdicts a lawyer relies on, one class at a time, on short fictional policies written for these tests.

Issue #14: for each class of change (structured terms, renames, redundancy, qualifiers, direction,
consent, reasons quoted in context, the notice promise) a pair of small policies goes through the
public API (`parse_text` + `diff_documents`, `read_promise`, `check_notice`, `policydiff check`) and
the test holds policydiff to what a reviewer acts on: material or not, the reason code, the
direction, consent, and the words the reason quotes. Every company, product and sentence here is
invented for these tests.

Cases where policydiff does not yet give the verdict a lawyer expects live in
tests/pending_verdicts.py (not collected; run it by path to see them fail).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from policydiff.api import diff_documents
from policydiff.cli import main
from policydiff.model import Change, Diff
from policydiff.notice.promise import NoticePromise, read_promise
from policydiff.notice.window import check_notice
from policydiff.parse import parse_text

# --- helpers ----------------------------------------------------------------------------------------


def policy(title: str, *sections: tuple[str, str]) -> str:
    """A plain-text policy: a title line, then numbered sections ("1. Heading" and its body lines)."""
    lines = [title]
    for number, (heading, body) in enumerate(sections, 1):
        lines += [f"{number}. {heading}", body]
    return "\n".join(lines) + "\n"


def run(old: str, new: str) -> Diff:
    return diff_documents(parse_text(old), parse_text(new))


def framed(heading: str, body: str, company: str = "Larkspur") -> str:
    """A three-section policy whose middle section is `heading` with `body`: the other two never change."""
    return policy(f"{company} Privacy Policy",
                  ("Introduction", f"This policy explains how {company} handles personal data."),
                  (heading, body),
                  ("Contact", f"Email privacy@{company.lower()}.example with any question."))


def only_change(heading: str, old: str, new: str, company: str = "Larkspur") -> Change:
    """The one change when the middle section of a framed policy goes from `old` to `new`."""
    changes = run(framed(heading, old, company), framed(heading, new, company)).changes
    assert len(changes) == 1, [(c.kind, codes(c)) for c in changes]
    return changes[0]


def codes(change: Change) -> list[str]:
    return [reason.code for reason in change.reasons]


def detail(change: Change, code: str) -> str:
    found = [reason.detail for reason in change.reasons if reason.code == code]
    assert found, (code, codes(change))
    return found[0]


def quotes(text: str) -> list[str]:
    """The quoted excerpts of a reason's detail, without their "…" cut marks."""
    pieces = []
    for quoted in re.findall(r"“([^”]*)”", text):
        quoted = quoted.removeprefix("… ").removesuffix(" …")
        pieces += [part for part in quoted.split(" … ") if part]
    return pieces


# --- 1. structured terms: what stood in both versions is never new -----------------------------------

SHARING = "We share billing details with payment processors so they can charge your card."


@pytest.mark.parametrize("new", [
    "We share billing details with our payment processors so that they can charge your card.",
    "Billing details are shared with payment processors so they can charge your card.",
    "We disclose billing details to payment processors so they can charge your card.",
])
def test_a_recipient_named_in_both_versions_is_not_a_new_recipient(new: str) -> None:
    change = only_change("How We Share Data", SHARING, new)
    assert codes(change) == ["rewording"]
    assert not change.material and change.severity == "editorial" and change.direction == "neutral"
    assert not change.consent


def test_a_truly_new_recipient_is_material_and_expands() -> None:
    change = only_change("How We Share Data", SHARING,
                         SHARING.removesuffix(".") + ", and with advertising partners.")
    assert "recipient-added" in codes(change)
    assert change.material and change.direction == "expands"
    assert "advertising partners" in detail(change, "recipient-added")


@pytest.mark.parametrize("old, new", [
    ("We use your reading history to recommend titles.",
     "We use your reading history to recommend titles and for any other lawful purpose."),
    (None, "To conduct any other activities in accordance with applicable law."),
])
def test_a_catch_all_use_is_a_new_purpose_however_familiar_its_words(old: str | None, new: str) -> None:
    base = "We use your reading history to recommend titles. We conduct our activities in accordance with applicable law."
    if old is None:
        before = framed("How We Use Data", base)
        after = framed("How We Use Data", base + "\n" + new)
        change = next(c for c in run(before, after).changes if c.kind == "added")
    else:
        change = only_change("How We Use Data", old, new)
    assert "purpose-added" in codes(change) and change.material and change.direction == "expands"
    assert "any other" in detail(change, "purpose-added")


def test_a_use_leaving_a_negated_promise_is_no_longer_excluded() -> None:
    change = only_change("Sale of Data", "We do not sell or share your reading history, and we never have.",
                         "We do not sell your reading history, and we never have.")
    assert "protection-removed" in codes(change) and change.material and change.direction == "expands"
    assert "“share” no longer excluded" in detail(change, "protection-removed")


def test_a_use_joining_a_negated_promise_is_excluded_too() -> None:
    change = only_change("Sale of Data", "We do not sell your reading history.",
                         "We do not sell or share your reading history.")
    assert "protection-added" in codes(change) and change.direction == "restricts" and not change.consent


def test_a_prohibition_put_on_users_is_a_new_duty() -> None:
    change = only_change("Using the Service", "The free plan may not suit some high-volume uses.",
                         "The free plan may not suit some high-volume uses or other prohibited uses.")
    assert "obligation-added" in codes(change) and change.material
    assert "prohibited" in detail(change, "obligation-added")


def test_a_removed_promise_whose_core_still_stands_lost_only_its_detail() -> None:
    promise = "We do not sell your reading history for money or other consideration as defined under state law."
    old = policy("Larkspur Privacy Policy", ("Sharing", "We share reading history with our hosting provider."),
                 ("No Sale", promise + " Learn more about state privacy laws here."),
                 ("Your State", "Residents of some states have extra rights."))
    new = policy("Larkspur Privacy Policy", ("Sharing", "We share reading history with our hosting provider."),
                 ("Your State", "Residents of some states have extra rights. We do not sell your reading history."))
    removed = [c for c in run(old, new).changes if c.kind == "removed" and not c.material]
    assert removed and any("redundant-removed" in codes(c) for c in removed)


@pytest.mark.parametrize("cut", [" for money, except to our partners.", "."])
def test_a_removed_promise_is_not_redundant_when_what_was_cut_was_an_exception_or_nothing(cut: str) -> None:
    promise = "We do not sell your reading history to advertisers or brokers" + cut
    old = policy("Larkspur Privacy Policy", ("No Sale", promise), ("Your State", "We do not sell your reading history."))
    new = policy("Larkspur Privacy Policy", ("Your State", "We do not sell your reading history."))
    assert any(c.material for c in run(old, new).changes if c.kind == "removed")


def test_a_company_name_punctuated_otherwise_is_the_same_company() -> None:
    change = only_change("Who We Are", "Larkspur Labs Inc. is responsible for your data on our website and apps.",
                         "Larkspur Labs, Inc. is responsible for your data on our website and in our apps.")
    assert "controller-changed" not in codes(change) and not change.material


def test_a_pointer_for_some_readers_reworded_or_removed_is_navigation() -> None:
    canada = "If you are located in Canada, please read section 11 of this policy, which applies to you."
    merged = "If you are located in Canada or Brazil, please read the relevant regional section, which applies to you."
    brazil = "If you are located in Brazil, please read section 12 of this policy, which applies to you."
    old = policy("Larkspur Privacy Policy", ("Regions", canada + "\n" + brazil), ("Contact", "Write to us."))
    new = policy("Larkspur Privacy Policy", ("Regions", merged), ("Contact", "Write to us."))
    changes = run(old, new).changes
    assert changes and not any(c.material for c in changes), [(c.kind, codes(c)) for c in changes]
    assert any("navigation" in codes(c) for c in changes)


def test_a_duty_put_on_users_in_a_new_sentence_expands_though_it_comes_with_a_choice() -> None:
    old = ("Suggestions are offered as you type in the editor, drawn from the documents in your workspace and "
           "from the public snippets library.")
    new = old + " If you choose to allow public snippets, you must comply with their licences."
    change = only_change("Writing Suggestions", old, new)
    assert "obligation-added" in codes(change) and change.material and change.direction == "expands"
    assert "you must comply" in detail(change, "obligation-added")


def test_a_duty_the_company_takes_on_is_no_duty_for_users() -> None:
    change = only_change("Security", "We protect your data.", "We protect your data. We must tell you of any breach.")
    assert "obligation-added" not in codes(change)


def test_the_same_period_said_once_more_is_no_period_changed() -> None:
    old = "Either party may end the agreement on thirty (30) days' written notice."
    new = ("Either party may end the agreement on thirty (30) days' written notice, or if the other party has "
           "not cured a material breach within thirty (30) days of notice of it.")
    change = only_change("Termination", old, new)
    assert "duration-changed" not in codes(change) and "notice-changed" not in codes(change)


def test_a_new_sharing_that_users_may_refuse_still_expands() -> None:
    old = framed("Sharing", "We share billing details with payment processors.")
    new = framed("Sharing", "We share billing details with payment processors.\nWe share your posts with our "
                 "parent company to train its AI models; you may opt out of this sharing in your settings.")
    added = [c for c in run(old, new).changes if c.kind == "added"]
    assert added and added[0].material and added[0].direction == "expands"


def test_a_data_type_collected_in_both_versions_is_not_new_when_the_sentence_is_recast() -> None:
    """The old clause removed and the new one added: both restate what the other version says."""
    result = run(framed("What We Collect", COLLECTION),
                 framed("What We Collect", "When you open the app, your IP address and device identifiers are "
                                           "collected."))
    assert not any("data-added" in codes(c) for c in result.changes)
    assert not any(c.material for c in result.changes)


def test_a_purpose_stated_in_both_versions_is_not_new_when_the_sentence_is_recast() -> None:
    """Removed and added: each restates the other."""
    result = run(framed("How We Use Data", "We use usage data for analytics to improve the app."),
                 framed("How We Use Data", "To improve the app, we apply analytics to usage data."))
    assert not any(c.material for c in result.changes)


def test_a_second_recipient_after_the_first_is_read_too() -> None:
    change = only_change("How We Share Data", "We share your reading history with our hosting provider.",
                         "We share your reading history with our hosting provider, and we sell it to data brokers.")
    assert "recipient-added" in codes(change) and "data brokers" in detail(change, "recipient-added")


@pytest.mark.parametrize("old, new", [
    # a product named in an introduction receives nothing: "to access" opens a purpose, not a recipient
    ("This policy describes how Larkspur collects, uses and discloses information about people who use our "
     "websites to access Larkspur Reader.",
     "This policy describes how Larkspur collects, uses and discloses information about people who use our "
     "websites to access Larkspur Reader or Larkspur Studio."),
    # a party that only acts, with nothing given to it
    ("If you live in Ontario, please read the Ontario Supplement.",
     "If you connect third party fitness applications with Larkspur, please read the Fitness Supplement."),
])
def test_a_party_that_receives_nothing_is_no_new_recipient(old: str, new: str) -> None:
    change = only_change("Information We Share", old, new)
    assert "recipient-added" not in codes(change) and "recipient-removed" not in codes(change)


@pytest.mark.parametrize("edited", ["Data used: Profile Data, Usage Data.",
                                    "Data used: [Profile Data](#profile-data) and Usage Data."])
def test_a_sentence_edited_in_place_is_not_moved_because_its_old_words_stand_elsewhere(edited: str) -> None:
    same = "Data used: Profile Data and Usage Data."
    old = policy("Larkspur Privacy Policy", ("Recommendations", same), ("Research", same))
    new = policy("Larkspur Privacy Policy", ("Recommendations", same), ("Research", edited))
    changes = run(old, new).changes
    assert len(changes) == 1 and not changes[0].material, [(c.kind, codes(c)) for c in changes]


def test_an_added_sharing_paragraph_names_its_recipient_only_where_data_goes_to_it() -> None:
    old = framed("How We Share Data", "We share billing details with payment processors.")
    added = "Larkspur Studio customers can find the studio terms in the app."
    new = framed("How We Share Data", "We share billing details with payment processors.\n" + added)
    changes = run(old, new).changes
    assert [codes(c) for c in changes if "recipient-added" in codes(c)] == []


RECIPIENTS = ("Recipients", "We share data with the recipients below.\n| Recipient | Purpose |\n| --- | --- |\n"
              "| Payment processors | Charging your card |\n| Hosting providers | Storing your files |")


def test_a_row_added_to_a_recipients_table_is_a_new_recipient() -> None:
    old = policy("Larkspur Privacy Policy", RECIPIENTS)
    new = policy("Larkspur Privacy Policy", (RECIPIENTS[0], RECIPIENTS[1] + "\n| Survey partners | Sending surveys |"))
    (change,) = run(old, new).changes
    assert change.kind == "added" and change.new is not None and change.new.kind == "table-row"
    assert "recipient-added" in codes(change) and change.material and change.direction == "expands"
    assert "Survey partners | Sending surveys" in detail(change, "recipient-added")


def test_a_reordered_recipients_table_names_no_new_recipient() -> None:
    reordered = RECIPIENTS[1].replace("| Payment processors | Charging your card |\n| Hosting providers | Storing your files |",
                                      "| Hosting providers | Storing your files |\n| Payment processors | Charging your card |")
    result = run(policy("Larkspur Privacy Policy", RECIPIENTS), policy("Larkspur Privacy Policy", (RECIPIENTS[0], reordered)))
    assert [codes(c) for c in result.changes] == [["moved"]]
    assert not any(c.material for c in result.changes)


def test_a_party_the_old_table_named_is_not_a_new_recipient_when_a_clause_names_it() -> None:
    old = policy("Larkspur Privacy Policy", RECIPIENTS)
    new = policy("Larkspur Privacy Policy", RECIPIENTS, ("Payments", "Payment processors receive your card number "
                                                                     "when you pay."))
    (change,) = run(old, new).changes
    assert change.kind == "added" and "recipient-added" not in codes(change)


COLLECTION = "We collect your device identifiers and IP address when you open the app."


@pytest.mark.parametrize("new", [
    "We collect your IP address and device identifiers each time you open the app.",
    "When you open the app, we collect your device identifiers and IP address.",
])
def test_a_data_type_collected_in_both_versions_is_not_new(new: str) -> None:
    change = only_change("What We Collect", COLLECTION, new)
    assert "data-added" not in codes(change)
    assert not change.material and change.direction == "neutral"


def test_a_purpose_stated_in_both_versions_is_not_new() -> None:
    change = only_change("How We Use Data", "We use usage data for analytics to improve the app.",
                         "To improve the app, we use usage data for analytics.")
    assert "purpose-added" not in codes(change) and not change.material


def test_a_retention_period_stated_in_both_versions_is_not_a_change_of_period() -> None:
    change = only_change("Retention", "We keep support tickets for two years after they close.",
                         "Support tickets are kept for two years after they close.")
    assert codes(change) == ["rewording"] and not change.material


# --- 2. renames --------------------------------------------------------------------------------------

def terms_of(product: str, we: str = "Acme Ltd") -> str:
    """Terms that name the product in five clauses and the contracting company once."""
    return policy(f"{product} Terms of Service",
                  ("About These Terms", f"{we} (\"we\") provides {product}. These terms govern your use of {product}."),
                  ("Your Account", f"You need an account to use {product}."),
                  ("Content", f"You keep ownership of files you store in {product}."),
                  ("Availability", f"We aim to keep {product} available every day."),
                  ("Support", f"Our support team answers questions about {product} by email."),
                  ("Payment", "Fees are due monthly in advance."))


def test_a_product_renamed_throughout_is_one_editorial_rename() -> None:
    changes = run(terms_of("Nimbus"), terms_of("Stratus")).changes
    assert [c.new.id for c in changes if c.new] == ["1/p1", "2/p1", "3/p1", "4/p1", "5/p1"]
    for change in changes:
        assert codes(change) == ["renamed"]
        assert change.reasons[0].detail == "renamed “Nimbus” → “Stratus” (5 clauses)"
        assert not change.material and change.severity == "editorial"
        assert change.direction == "neutral" and not change.consent


def test_a_trading_name_renamed_throughout_is_a_rename() -> None:
    def notice(name: str) -> str:
        return policy("Privacy Notice",
                      ("Who We Are", f"Greyfield Software Ltd, trading as {name}, is responsible for your data."),
                      ("Sharing", f"{name} shares data with hosting providers only."),
                      ("Contact", f"Questions about {name}? Email help@greyfield.example."))

    changes = run(notice("Fernpost"), notice("Mossmail")).changes
    assert len(changes) == 3
    assert all(codes(c) == ["renamed"] and not c.material for c in changes)
    assert changes[0].reasons[0].detail == "renamed “Fernpost” → “Mossmail” (3 clauses)"


def test_a_new_legal_entity_as_the_contracting_party_stays_material() -> None:
    (change,) = run(terms_of("Nimbus"), terms_of("Nimbus", we="Acme Holdings Inc.")).changes
    assert codes(change) == ["controller-changed"] and change.material
    assert "Acme Ltd → Acme Holdings Inc" in detail(change, "controller-changed")


def test_the_same_entity_with_its_abbreviation_punctuated_is_editorial() -> None:
    (change,) = run(terms_of("Nimbus"), terms_of("Nimbus", we="Acme Ltd.")).changes
    assert not change.material and change.severity == "editorial"


# --- 3. redundancy -----------------------------------------------------------------------------------

NEVER_SELL = "We never sell your contact details to marketers."
COURIERS = "We share order details with couriers so they can deliver your parcel."
DELETION = "We delete order details two years after delivery."


def test_a_removed_paragraph_still_said_elsewhere_is_redundant() -> None:
    old = policy("Wrenfield Privacy Policy", ("Sharing", f"{COURIERS}\n{NEVER_SELL}"), ("Our Commitments", NEVER_SELL))
    new = policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Our Commitments", NEVER_SELL))
    (change,) = run(old, new).changes
    assert change.kind == "removed" and codes(change) == ["redundant-removed"]
    assert not change.material and change.severity == "editorial" and change.direction == "neutral"


def test_a_removed_sentence_that_still_stands_elsewhere_is_editorial() -> None:
    old = policy("Wrenfield Privacy Policy", ("Sharing", f"{COURIERS} {NEVER_SELL}"), ("Our Commitments", NEVER_SELL))
    new = policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Our Commitments", NEVER_SELL))
    (change,) = run(old, new).changes
    assert codes(change) == ["sentence-moved"] and not change.material
    assert f"“{NEVER_SELL}”" in change.reasons[0].detail


@pytest.mark.parametrize(("where", "added"), [
    ("a new section", "3. Sharing and Retention\nWe share order details with couriers, and we delete order details "
                      "two years after delivery."),
    ("a new paragraph", "We share order details with couriers and delete order details two years after delivery."),
])
def test_an_added_clause_that_restates_the_old_version_is_restated(where: str, added: str) -> None:
    old = policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Retention", DELETION))
    new = old + added + "\n"
    (change,) = run(old, new).changes
    assert change.kind == "added" and codes(change) == ["restated"], where
    assert not change.material and change.severity == "editorial" and not change.consent


@pytest.mark.parametrize(("old", "new"), [
    ("We protect your account with encryption and we review access to our systems regularly.",
     "Your account is protected with encryption, and access to our systems is reviewed regularly."),
    ("We protect your account with strong encryption and we regularly review who can reach our systems.",
     "We protect your account using strong encryption, and we regularly check who can reach our systems."),
])
def test_rewording_that_keeps_every_tracked_term_is_editorial(old: str, new: str) -> None:
    change = only_change("Security", old, new)
    assert codes(change) == ["rewording"] and not change.material and change.direction == "neutral"


# --- 4. qualifiers -----------------------------------------------------------------------------------

def test_only_removed_is_material_and_expands() -> None:
    change = only_change("Sharing", "We share your email address only with our delivery partner.",
                         "We share your email address with our delivery partner.")
    assert codes(change) == ["modality-flip"] and change.material and change.direction == "expands"
    assert change.reasons[0].detail.startswith("“only” removed: ")


def test_not_removed_from_do_not_sell_is_material_expands_and_needs_consent() -> None:
    change = only_change("Sharing", "We do not sell your personal information.", "We sell your personal information.")
    assert codes(change) == ["modality-flip"] and change.material and change.direction == "expands"
    assert change.consent
    assert change.reasons[0].detail == "“not” removed: “We do not sell your personal …” → “We sell your personal …”"


def test_targeted_advertising_added_to_a_sharing_clause() -> None:
    change = only_change("Sharing", "We share purchase history with retail partners.",
                         "We share purchase history with retail partners for targeted advertising.")
    assert codes(change) == ["purpose-added"]
    assert change.material and change.direction == "expands" and change.consent
    assert "for targeted advertising" in detail(change, "purpose-added")


# --- 5. direction ------------------------------------------------------------------------------------

PHOTOS = "We use your photos to provide the service."
NO_TRAINING = "We will never use your photos to train our models."


def test_a_protective_promise_removed_expands() -> None:
    change = only_change("Your Photos", f"{PHOTOS}\n{NO_TRAINING}", PHOTOS)
    assert change.kind == "removed" and codes(change) in (["right-removed"], ["protection-removed"])
    assert change.material and change.direction == "expands"


def test_a_protective_promise_added_restricts() -> None:
    change = only_change("Your Photos", PHOTOS, f"{PHOTOS}\n{NO_TRAINING}")
    assert change.kind == "added" and codes(change) == ["right-added"]
    assert change.material and change.direction == "restricts" and not change.consent


def test_a_protective_sentence_removed_from_a_paragraph_expands() -> None:
    change = only_change("Your Photos", f"{PHOTOS} {NO_TRAINING}", PHOTOS)
    assert "modality-flip" in codes(change) and change.material and change.direction == "expands"
    assert detail(change, "modality-flip").startswith("“never” removed")


@pytest.mark.parametrize("condition", ["only if you opt in", "only if you agree"])
def test_a_condition_added_to_a_permission_restricts(condition: str) -> None:
    change = only_change("Sharing", "We may share your contact details with event sponsors.",
                         f"We may share your contact details with event sponsors {condition}.")
    assert codes(change) == ["modality-flip"] and change.material
    assert change.direction == "restricts" and not change.consent
    assert change.reasons[0].detail == f"“only” added: “… with event sponsors.” → “… with event sponsors {condition}.”"


def test_a_new_limit_in_its_own_paragraph_restricts() -> None:
    change = only_change("Logs", "We keep server logs to investigate problems.",
                         "We keep server logs to investigate problems.\nWe keep logs for no more than 30 days.")
    assert change.kind == "added" and codes(change) == ["clause-added"]
    assert change.material and change.direction == "restricts" and not change.consent


# --- 6. consent --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("heading", "old", "new", "expected"), [
    ("Sharing", "We share your reading history with our hosting provider.",
     "We share your reading history with our hosting provider, and we sell it to data brokers.",
     ["purpose-added", "recipient-added"]),
    ("Use", "We use your reading history to recommend books.",
     "We use your reading history to recommend books and to show you targeted ads.", ["purpose-added"]),
    ("Use", "We use your reading history to recommend books.",
     "We use your reading history to recommend books and for profiling.", ["purpose-added"]),
    ("AI Features", "We use the notes you write to provide the service.",
     "We use the notes you write to provide the service and to train our AI models.", ["purpose-added"]),
])
def test_a_new_sale_advertising_profiling_or_training_use_needs_consent(heading: str, old: str, new: str,
                                                                         expected: list[str]) -> None:
    change = only_change(heading, old, new, company="Thornbury")
    assert codes(change) == expected
    assert change.material and change.direction == "expands" and change.consent


@pytest.mark.parametrize(("old", "new", "direction"), [
    ("We share your reading history with partners.",
     "We share your reading history with partners only if you opt in.", "restricts"),
    ("We share your reading history with partners and advertisers.",
     "We share your reading history with partners.", "restricts"),
    ("We use your reading history to recommend books and to show you targeted ads.",
     "We use your reading history to recommend books.", "restricts"),
])
def test_a_narrowing_never_needs_consent(old: str, new: str, direction: str) -> None:
    change = only_change("Sharing and Use", old, new, company="Thornbury")
    assert change.material and change.direction == direction and not change.consent


def test_a_clarification_never_needs_consent() -> None:
    change = only_change("Use", "We use your reading history to recommend books.",
                         "We use your reading history (the books you open and finish) to recommend books.",
                         company="Thornbury")
    assert codes(change) == ["rewording"] and not change.material and not change.consent


def test_a_rename_never_needs_consent() -> None:
    changes = run(terms_of("Nimbus"), terms_of("Stratus")).changes
    assert changes and not any(c.consent or c.material for c in changes)


@pytest.mark.parametrize("intro", [
    "We wrote this policy in plain language so that it is easy to read. Please read it carefully.",
    "Thornbury is a reading app for people who love books. This policy applies to our website and our mobile apps.",
])
def test_a_new_introduction_paragraph_never_needs_consent(intro: str) -> None:
    old = framed("Use", "We use your reading history to recommend books.", "Thornbury")
    new = old.replace("handles personal data.\n", f"handles personal data.\n{intro}\n")
    (change,) = run(old, new).changes
    assert change.kind == "added" and not change.consent


def test_an_update_banner_is_non_operative_and_never_needs_consent() -> None:
    body = "1. Introduction\nThis policy explains how Thornbury handles data.\n2. Use\nWe use your reading history."
    old = f"Thornbury Privacy Policy\nUpdate: we have made changes to this policy. See what changed below.\n{body}\n"
    new = (f"Thornbury Privacy Policy\nUpdate: we have made changes to this policy, including new advertising uses. "
           f"See what changed below.\n{body}\n")
    result = run(old, new)
    assert result.changes == ()
    (banner,) = result.non_operative
    assert codes(banner) == ["non-operative"] and not banner.material and not banner.consent


# --- 7. reasons quote the change in its context ------------------------------------------------------

def test_a_notice_period_is_quoted_as_written() -> None:
    change = only_change("Changes to This Policy",
                         "We will email you at least thirty (30) days before a material change takes effect.",
                         "We will email you at least fifteen (15) days before a material change takes effect.",
                         company="Kestrel")
    assert {"duration-changed", "notice-changed"} <= set(codes(change)) and change.material
    assert detail(change, "duration-changed") == "shortened: thirty (30) days → fifteen (15) days"
    assert detail(change, "notice-changed") == "change-notice period shortened: thirty (30) days → fifteen (15) days"


def test_the_period_that_changed_is_quoted_not_the_one_that_stayed() -> None:
    change = only_change("Retention",
                         "When a subscription ends, we delete your listening history within ninety (90) days. "
                         "Backups are overwritten within a further thirty (30) days.",
                         "When a subscription ends, we delete your listening history within sixty (60) days. "
                         "Backups are overwritten within a further thirty (30) days.", company="Kestrel")
    assert codes(change) == ["duration-changed"] and change.direction == "restricts"
    assert change.reasons[0].detail == "shortened: ninety (90) days → sixty (60) days"


def test_a_reworded_term_is_quoted_in_its_sentence() -> None:
    change = only_change("Retention", "When a retention period ends, we delete the records so they can no longer "
                                      "be linked to you.",
                         "When a retention period ends, we anonymise the records so they can no longer be linked "
                         "to you.", company="Kestrel")
    assert change.material and codes(change) == ["substantive-rewording"]
    assert change.reasons[0].detail.endswith(": “… period ends, we delete the records so they …” → "
                                             "“… period ends, we anonymise the records so they …”")


QUOTED = [
    ("Sharing", "We share crash reports with our hosting provider. We do not share them with anyone else.",
     "We share crash reports with our hosting provider. We may share them with anyone else."),
    ("Security", "We protect your account with encryption and we review access to our systems regularly.",
     "Your account is protected with encryption, and access to our systems is reviewed regularly."),
    ("Retention", "When a retention period ends, we delete the records so they can no longer be linked to you.",
     "At the end of each retention period, we erase the records so that they can no longer be associated with you."),
    ("Sharing", "We share your email address only with our delivery partner.",
     "We share your email address with our delivery partner."),
    ("How We Share Data", SHARING, SHARING.removesuffix(".") + ", and with advertising partners."),
]


@pytest.mark.parametrize(("heading", "old", "new"), QUOTED)
def test_every_quote_is_a_run_of_words_of_the_clause_never_scattered_words(heading: str, old: str, new: str) -> None:
    change = only_change(heading, old, new, company="Kestrel")
    texts = [" ".join(old.split()), " ".join(new.split())]
    pieces = [piece for reason in change.reasons for piece in quotes(reason.detail)]
    assert pieces, codes(change)
    for piece in pieces:
        assert any(piece in text for text in texts), (piece, [r.detail for r in change.reasons])


# --- 8. the notice promise: from the clause about changing this policy -------------------------------

def promise_of(text: str) -> NoticePromise:
    return read_promise(parse_text(text))


CHANGE_14 = "We will notify you at least fourteen (14) days before changes to these terms take effect."
CHANGE_VAGUE = "We may update these terms from time to time and will tell you when we do."
DECOYS = [
    ("Fees", "We will give you 30 days' notice of price changes."),
    ("Fees", "We may change our prices by giving you 30 days' notice."),
    ("Fees", "Changes to our fees take effect thirty (30) days after we notify you."),
    ("Closing Your Account", "We may close your account by giving you sixty (60) days' notice."),
    ("Termination", "Either party may terminate these terms with 30 days' written notice."),
    ("Your Rights", "We respond to privacy requests within 45 days."),
    ("Your Rights", "We will respond to your request within forty-five (45) days."),
    ("Notice Periods", "| Event | Notice |\n| --- | --- |\n| Changes to these terms | 7 days |\n| Price changes | 30 days |"),
]


def ospry_terms(decoy: tuple[str, str], change_clause: str) -> str:
    return policy("Ospry Terms of Service", ("Your Data", "We keep your data safe."), decoy,
                  ("Changes to These Terms", change_clause))


@pytest.mark.parametrize("decoy", DECOYS, ids=[d[1][:40] for d in DECOYS])
def test_the_promise_comes_from_the_change_clause_not_a_decoy(decoy: tuple[str, str]) -> None:
    promise = promise_of(ospry_terms(decoy, CHANGE_14))
    assert (promise.rule, promise.period_text, promise.days, promise.clause_id) == \
        ("fixed-period", "fourteen (14) days", 14, "3/p1")
    assert promise.text == CHANGE_14 and promise.alternatives == ()


@pytest.mark.parametrize("decoy", DECOYS, ids=[d[1][:40] for d in DECOYS])
def test_a_decoy_period_never_stands_in_for_a_change_clause_without_one(decoy: tuple[str, str]) -> None:
    promise = promise_of(ospry_terms(decoy, CHANGE_VAGUE))
    assert (promise.rule, promise.days, promise.clause_id, promise.text) == ("unspecified", None, "3/p1", CHANGE_VAGUE)


TWO_CLAUSES = policy("Ospry Terms",
                     ("Changes to These Terms",
                      "We will notify you at least thirty (30) days before changes to these terms take effect."),
                     ("Updates to the Service", "Changes to these terms take effect seven (7) days after we post them."))


def test_where_two_clauses_qualify_the_promise_says_which_it_used_and_quotes_the_other() -> None:
    promise = promise_of(TWO_CLAUSES)
    assert (promise.period_text, promise.clause_id) == ("thirty (30) days", "1/p1")
    assert promise.alternatives == (("2/p1", "Changes to these terms take effect seven (7) days after we post them."),)


def test_check_names_the_clause_it_used_and_quotes_the_other(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(TWO_CLAUSES, encoding="utf-8")
    new.write_text(TWO_CLAUSES + "3. Disputes\nAll disputes will be resolved by binding arbitration.\n", encoding="utf-8")
    code = main(["check", str(old), str(new), "--notice-date", "2026-03-02", "--effective", "2026-03-20"])
    out = capsys.readouterr().out
    assert code == 1 and "verdict: ✗ not compliant: 18 of 30 days" in out
    assert "required notice: at least thirty (30) days [1/p1 of the old version]" in out
    assert ("also reads as a change clause, promising otherwise [2/p1]: “Changes to these terms take effect seven (7) "
            "days after we post them.”") in out


BUSINESS_DAYS = policy("Ospry Terms", ("Use", "You may use Ospry to plan trips."),
                       ("Changes to These Terms", "We will notify you by email at least ten business days before "
                                                  "changes to these terms take effect."))


def test_ten_business_days_is_read_and_counted_in_business_days() -> None:
    promise = promise_of(BUSINESS_DAYS)
    assert (promise.rule, promise.period_text, promise.amount, promise.unit) == \
        ("fixed-period", "ten business days", 10, "business day")
    assert promise.means == ("email",)
    result = run(BUSINESS_DAYS, BUSINESS_DAYS + "3. Disputes\nAll disputes will be resolved by binding arbitration.\n")
    short = check_notice(result, notice_date=date(2026, 11, 23), effective=date(2026, 12, 4))  # a Monday; 9 business days
    assert short.verdict == "not-compliant" and short.earliest == date(2026, 12, 7)
    assert short.headline() == "not compliant: 11 of 14 days"
    exact = check_notice(result, notice_date=date(2026, 11, 23), effective=date(2026, 12, 7))
    assert exact.verdict == "compliant"


def test_alternatives_by_email_or_by_posting_read_the_email_period_with_both_means() -> None:
    promise = promise_of(ospry_terms(("Fees", "Fees are listed on our pricing page."),
                                     "We will give you 30 days' notice by email or 15 days by posting on our website "
                                     "before changes to these terms take effect."))
    assert (promise.rule, promise.period_text, promise.days) == ("fixed-period", "30 days", 30)
    assert promise.means == ("email", "posting on the website")


def acme(name: str, who: str) -> str:
    return policy("Quill Privacy Policy",
                  ("Who We Are", f"This policy is issued by {who}, the company that runs the Quill app."),
                  ("Data We Collect", f"{name} collects your name and email address."),
                  ("Sharing", f"{name} does not sell your personal data."),
                  ("Contact", f"Write to {name} at privacy@quill.example."))


def test_a_name_already_used_gaining_its_legal_suffix_is_not_new() -> None:
    """“issued by Acme” → “issued by Acme, Inc.” while “Acme” stands throughout: the company the policy
    already named, now named in full."""
    (change,) = run(acme("Acme", "Acme"), acme("Acme", "Acme, Inc.")).changes
    assert not change.material and "controller-changed" not in codes(change)


def test_a_name_gaining_its_legal_suffix_throughout_is_a_rename() -> None:
    """“Acme” → “Acme, Inc.” in 4 clauses: one company, named in full throughout."""
    changes = run(acme("Acme", "Acme"), acme("Acme, Inc.", "Acme, Inc.")).changes
    assert len(changes) == 4
    assert not any(c.material for c in changes)
    assert not any("recipient-added" in codes(c) for c in changes)


def test_can_in_a_purpose_clause_is_no_permission() -> None:
    """“so they can charge your card” → “who use them to charge your card”: “can” states a purpose
    there, not a permission."""
    change = only_change("How We Share Data", SHARING,
                         "We share your billing details with payment processors, who use them to charge your card.")
    assert codes(change) == ["rewording"] and not change.material and change.direction == "neutral"


def test_us_the_pronoun_is_not_the_united_states() -> None:
    """“to improve the app” → “which helps us improve the app”: “us” is the pronoun, “US” the country."""
    change = only_change("How We Use Data", "We use usage data for analytics to improve the app.",
                         "We use usage data for analytics, which helps us improve the app.")
    assert "transfer" not in change.reasons[0].detail
    assert codes(change) == ["rewording"] and not change.material


def test_aggregated_removed_is_material_and_expands() -> None:
    """“We share aggregated data with research partners.” → “We share data with research partners.”:
    the partners now get data that tells them about a person."""
    change = only_change("Sharing", "We share aggregated data with research partners.",
                         "We share data with research partners.")
    assert change.material and change.direction == "expands"
    assert any("aggregated" in piece for reason in change.reasons for piece in quotes(reason.detail))


def test_precise_location_added_is_material_and_expands() -> None:
    """“your location” → “your precise location”: more is collected."""
    change = only_change("What We Collect", "We collect your location when you use the map.",
                         "We collect your precise location when you use the map.")
    assert change.material and change.direction == "expands"
    assert any("precise location" in piece for reason in change.reasons for piece in quotes(reason.detail))


def test_approximate_location_made_precise_is_material_and_expands() -> None:
    """“approximate location” → “precise location”: more is collected."""
    change = only_change("What We Collect", "We collect your approximate location when you use the map.",
                         "We collect your precise location when you use the map.")
    assert change.material and change.direction == "expands"


def test_a_new_upper_limit_in_a_sentence_restricts() -> None:
    """“We keep server logs to investigate problems.” + “for no more than 30 days”: a new cap on keeping
    them, not a period lengthened, and its “no” is no negation."""
    change = only_change("Logs", "We keep server logs to investigate problems.",
                         "We keep server logs to investigate problems for no more than 30 days.")
    assert change.material and change.direction == "restricts"
    assert "lengthened" not in " ".join(r.detail for r in change.reasons)


def test_a_new_upper_limit_in_its_own_sentence_restricts() -> None:
    """“We keep logs for no more than 30 days.” added to the paragraph: a new cap restricts."""
    change = only_change("Logs", "We keep server logs to investigate problems.",
                         "We keep server logs to investigate problems. We keep logs for no more than 30 days.")
    assert change.material and change.direction == "restricts"


def test_a_period_said_twice_then_once_is_no_new_limit() -> None:
    """“30 days … 30 days” → “30 days”: the same period, once fewer; neither a new limit nor a crash."""
    change = only_change("How Long We Keep Data", "We keep logs for 30 days and backups for 30 days.",
                         "We keep logs and backups for 30 days.")
    assert "new limit" not in " ".join(r.detail for r in change.reasons)


def test_building_a_profile_of_interests_is_a_new_use_needing_consent() -> None:
    """“… to recommend books” + “and to build a profile of your interests”."""
    change = only_change("Use", "We use your reading history to recommend books.",
                         "We use your reading history to recommend books and to build a profile of your interests.",
                         company="Thornbury")
    assert "purpose-added" in codes(change)
    assert change.material and change.direction == "expands" and change.consent


def test_health_data_added_to_what_is_collected_needs_consent() -> None:
    """“your name and email address” → “your name, email address and health information”."""
    change = only_change("What We Collect", "We collect your name and email address.",
                         "We collect your name, email address and health information.", company="Thornbury")
    assert "data-added" in codes(change) and change.material and change.consent


def test_sensitive_data_newly_collected_needs_consent_even_unnamed() -> None:
    """“We may collect certain personal data that qualifies as sensitive data …” added."""
    old = framed("What We Collect", "We collect your name and email address.", "Thornbury")
    new = framed("What We Collect", "We collect your name and email address.\nWe may collect certain personal data "
                 "that qualifies as sensitive data, for example when you answer a survey.", "Thornbury")
    added = [c for c in run(old, new).changes if c.kind == "added"]
    assert added and added[0].material and added[0].consent


PURPOSES_TABLE = """# Thornbury Privacy Policy

## 1. How we use your data

| Purpose | Data used and how |
|:--|:--|
| To recommend books | Your reading history |
"""


@pytest.mark.parametrize("row, consent", [
    ("| To suggest phrases while you write | Your drafts, run through the generative models we train |", False),
    ("| To train our generative writing models | Your drafts and highlights |", True),
])
def test_a_purposes_row_needs_consent_for_the_purpose_it_states(row: str, consent: bool) -> None:
    """The first cell of a purposes table says what the data is used for; the others say with what."""
    changes = diff_documents(parse_text(PURPOSES_TABLE, "markdown"), parse_text(PURPOSES_TABLE + row + "\n", "markdown")).changes
    added = [c for c in changes if c.kind == "added"]
    assert added and added[0].material and added[0].consent is consent


COOKIE_TABLE = """# Thornbury Cookie Notice

## 1. Cookies we set

| Cookie | Set by | What it does | Kept for |
|:--|:--|:--|:--|
| tb_session | Thornbury | Keeps you signed in | 1 day |
"""

TITLED_TABLE = """# Thornbury Privacy Policy

## 1. How we use your data

| | How we use your data | Data used |
|:--|:--|:--|
| To recommend books | We suggest titles from your history | Reading history |
"""


@pytest.mark.parametrize("table, row, consent", [
    # the purpose column is named, and is not the first
    (COOKIE_TABLE, "| tb_aud | Gullwing Ads | Builds a profile of the books you view to show you our adverts "
                   "elsewhere | 180 days |", True),
    # the first column has no name: each row's first cell is its title, the purpose it states
    (TITLED_TABLE, "| To offer writing suggestions | We run your drafts through models we train and improve "
                   "| Drafts |", False),
    (TITLED_TABLE, "| To train our writing models | We improve our models with your drafts | Drafts |", True),
])
def test_a_table_row_needs_consent_for_the_purpose_its_table_says_it_states(table: str, row: str, consent: bool) -> None:
    changes = diff_documents(parse_text(table, "markdown"), parse_text(table + row + "\n", "markdown")).changes
    added = [c for c in changes if c.kind == "added"]
    assert added and added[0].material and added[0].consent is consent


CLOSED = "We use your reading history only for the following purposes:"


@pytest.mark.parametrize("lead_in_before, direction", [(True, "expands"), (False, "restricts")])
def test_an_item_added_to_a_closed_list_widens_it_unless_the_list_is_new(lead_in_before: bool, direction: str) -> None:
    items = "- To recommend books you may like.\n- To keep your place in each book.\n"
    old_body = (CLOSED + "\n" + items) if lead_in_before else "We keep your reading history on our servers in Ireland."
    new_body = (CLOSED + "\n" + items + "- To measure how long members read each week.\n") if lead_in_before else \
        "We keep your reading history on our servers in Ireland.\n\n" + CLOSED + "\n" + items
    old = f"# Thornbury Privacy Policy\n\n## 1. Reading history\n\n{old_body}\n"
    new = f"# Thornbury Privacy Policy\n\n## 1. Reading history\n\n{new_body}\n"
    changes = diff_documents(parse_text(old, "markdown"), parse_text(new, "markdown")).changes
    items_added = [c for c in changes if c.kind == "added" and c.new is not None and c.new.kind == "list-item" and c.material]
    assert items_added and all(c.direction == direction for c in items_added), [(c.kind, c.direction, codes(c)) for c in changes]


def test_a_new_grant_with_limits_of_its_own_still_expands() -> None:
    base = "We collect your email address when you create an account, and use it to send you receipts and notices."
    change = only_change("What We Collect", base, base + " If you invite a friend, we will collect their email address "
                         "solely to send the invitation, and will not use it for marketing unless they join.")
    assert change.material and change.direction == "expands", codes(change)


def test_a_right_given_to_users_in_a_new_sentence_restricts() -> None:
    base = "Either party may end this Agreement at the end of a subscription term by telling the other in writing."
    change = only_change("Termination", base, base + " You may terminate this Agreement at once if we have not "
                         "cured a material breach within thirty (30) days of your notice of it.")
    assert "right-added" in codes(change) and change.material and change.direction == "restricts"
    assert "obligation-added" not in codes(change)  # "this Agreement" is no "you agree"


SUMMARY = "Short version: we keep your drafts safe and only use them to run the service."
SUMMARY_NEW = "Short version: we keep your drafts safe and use them to run and improve the service and our models."
TERMS = "We store your drafts on servers in Ireland and use them only to provide the service to you."


def test_a_summary_reworded_alone_is_editorial() -> None:
    old = policy("Larkspur Terms", ("Your Drafts", SUMMARY + "\n" + TERMS))
    new = policy("Larkspur Terms", ("Your Drafts", SUMMARY_NEW + "\n" + TERMS))
    changes = run(old, new).changes
    assert [codes(c) for c in changes] == [["summary-changed"]] and not changes[0].material


def test_a_summary_mirroring_a_material_change_of_its_section_stays_material() -> None:
    terms_new = "We store your drafts on servers in Ireland and use them to provide the service and to train our models."
    old = policy("Larkspur Terms", ("Your Drafts", SUMMARY + "\n" + TERMS))
    new = policy("Larkspur Terms", ("Your Drafts", SUMMARY_NEW + "\n" + terms_new))
    changes = run(old, new).changes
    assert len(changes) == 2 and all(c.material for c in changes), [(c.kind, codes(c)) for c in changes]


RIGHTS = ("You can exercise your rights to access and delete your data in your account settings. If you cannot, "
          "send your request to rights@larkspur.example.")


def test_a_contact_for_other_concerns_added_to_a_rights_clause_is_a_contact_detail() -> None:
    change = only_change("Your Rights", RIGHTS, RIGHTS + " If you have any other concerns, you can write to us at "
                         "privacy@larkspur.example.")
    assert codes(change) == ["contact-changed"] and not change.material


def test_the_address_for_rights_requests_changed_is_how_users_exercise_them() -> None:
    change = only_change("Your Rights", RIGHTS, RIGHTS.replace("rights@larkspur.example", "dsar@larkspur.example"))
    assert "rights-channel-changed" in codes(change) and change.material


def test_a_sentence_that_left_for_another_clause_reworded_is_judged_where_it_landed() -> None:
    keep = "To meet our tax obligations under Irish law, we keep billing records for seven (7) years after the sale."
    moved = "Billing records are kept for seven (7) years after each sale, so that we meet our tax obligations under Irish law."
    bill = ("We bill you on the first day of each month by the card you gave us, and we send a receipt to the "
            "email address on your account once the payment has gone through.")
    account = ("We keep your account data while your account is open, and for ninety (90) days after you close it "
               "so that you can change your mind and come back.")
    old = policy("Larkspur Privacy Policy", ("Billing", bill + " " + keep), ("Retention", account))
    new = policy("Larkspur Privacy Policy", ("Billing", bill), ("Retention", account + " " + moved))
    changes = run(old, new).changes
    billing = [c for c in changes if c.old is not None and c.old.text.startswith("We bill") and c.kind == "modified"]
    assert billing and not billing[0].material, [(c.kind, codes(c)) for c in changes]


@pytest.mark.parametrize("defined_elsewhere", [True, False])
def test_an_inline_definition_replaced_by_its_term_defined_elsewhere_is_editorial(defined_elsewhere: bool) -> None:
    definitions = '"Your Notes" are the notes you write in the app. ' if defined_elsewhere else ""
    old = policy("Larkspur Terms", ("Definitions", "The Service is the Larkspur app."),
                 ("Your Notes", 'You keep ownership of the notes you write in the app ("Your Notes"), and you are '
                                "responsible for them."))
    new = policy("Larkspur Terms", ("Definitions", definitions + "The Service is the Larkspur app."),
                 ("Your Notes", "You keep ownership of Your Notes, and you are responsible for them."))
    change = next(c for c in run(old, new).changes if c.old is not None and c.old.text.startswith("You keep"))
    assert (change.reasons[0].detail.startswith("an inline definition replaced")) is defined_elsewhere


@pytest.mark.parametrize("defined", [True, False])
def test_a_noun_replaced_by_the_defined_term_for_it_is_a_rewording(defined: bool) -> None:
    definition = 'A "Reader Account" is the account a reader signs in with. ' if defined else ""
    old = policy("Larkspur Terms", ("Definitions", "The Service is the Larkspur app."),
                 ("Accounts", "We have a few simple rules for accounts on the Service, set out below."))
    new = policy("Larkspur Terms", ("Definitions", definition + "The Service is the Larkspur app."),
                 ("Accounts", "We have a few simple rules for Reader Accounts on the Service, set out below."))
    change = next(c for c in run(old, new).changes if c.old is not None and c.old.text.startswith("We have"))
    assert (change.reasons[0].detail.startswith("a defined term used")) is defined


@pytest.mark.parametrize("heading, old, new, material", [
    ("What We Collect", "We collect any photos, documents, or other files you upload to the app.",
     "We collect any notes, photos, documents, or other files, including recordings, you upload to the app.", False),
    ("Introduction", "This policy covers the Larkspur app or Larkspur Pro, other services and features.",
     "This policy covers the Larkspur app or Larkspur Pro or Larkspur Studio, other services and features.", False),
    # no catch-all: the new kind of data is new
    ("What We Collect", "We collect the photos and documents you upload to the app.",
     "We collect the photos, documents and recordings you upload to the app.", True),
    # a catch-all never covers sensitive data
    ("What We Collect", "We collect any photos, documents, or other files you upload to the app.",
     "We collect any photos, documents, health records, or other files you upload to the app.", True),
])
def test_an_item_added_to_a_list_its_other_already_covered_changes_nothing(heading: str, old: str, new: str,
                                                                          material: bool) -> None:
    change = only_change(heading, old, new)
    assert change.material is material, codes(change)


def test_a_sentence_saying_when_a_version_took_effect_is_a_date_line() -> None:
    tail = "Where a translation differs from the English version, the English version controls."
    old = ("These Terms went into effect on May 25, 2024. The previous version was effective until May 24, 2024. "
           + tail)
    change = only_change("Effective Date", old, tail)
    assert not change.material and "date" in codes(change), codes(change)


def test_a_sentence_that_goes_on_past_its_effective_date_is_read() -> None:
    old = "These Terms went into effect on May 25, 2024. Disputes go to the courts of Ireland."
    new = "These Terms went into effect on May 25, 2024, and disputes now go to binding arbitration."
    assert only_change("Effective Date", old, new).material


def test_a_pointer_that_brings_sensitive_data_into_view_is_read() -> None:
    old = "If you are located in Ontario, please read section 11 of this policy, which applies to you."
    new = ("If you are located in a state with consumer health data laws, please read our Health Data Notice, "
           "which applies to you if you connect health apps to Larkspur.")
    change = only_change("Regions", old, new)
    assert change.material and "navigation" not in codes(change), codes(change)


def test_a_pointer_users_can_check_removed_is_navigation() -> None:
    keep = "We host blogs and sites of every kind, and would love for you to use the service."
    old = framed("About", keep + "\nYou can check our page on types of blogs to get a sense of the sites we welcome.")
    new = framed("About", keep)
    changes = run(old, new).changes
    assert changes and not any(c.material for c in changes), [(c.kind, codes(c)) for c in changes]


def test_a_place_named_outside_a_dispute_sentence_is_no_dispute_change() -> None:
    old = ("We process your data in the United States. Disputes go to the courts of Ireland. By using the app, "
           "you consent to the transfer of your data.")
    new = ("We process your data in the United States. Disputes go to the courts of Ireland. By using the app, "
           "you acknowledge and, if necessary in your jurisdiction, consent to the transfer of your data.")
    assert "dispute-changed" not in codes(only_change("Governing Law and Transfers", old, new))


SUMMARY_TABLE = """# Larkspur Terms

| Section | What you can find there |
|:--|:--|
| A. Your Drafts | We keep your drafts safe and only use them to run the service. |
| B. Changes | We may change these terms with notice. |

## A. Your Drafts

We store your drafts on servers in Ireland and use them only to provide the service to you.

## B. Changes

We will tell you of material changes to these terms thirty (30) days before they take effect.
"""


def test_a_summary_table_row_follows_the_section_it_names() -> None:
    reworded = SUMMARY_TABLE.replace("We may change these terms with notice.",
                                     "We may change these terms, and will give you 30 days' notice of material changes.")
    changes = diff_documents(parse_text(SUMMARY_TABLE, "markdown"), parse_text(reworded, "markdown")).changes
    assert [codes(c) for c in changes] == [["summary-changed"]], [(c.kind, codes(c)) for c in changes]
    both = reworded.replace("thirty (30) days", "seven (7) days")
    changes = diff_documents(parse_text(SUMMARY_TABLE, "markdown"), parse_text(both, "markdown")).changes
    assert len(changes) == 2 and all(c.material for c in changes), [(c.kind, codes(c)) for c in changes]


def test_any_becoming_most_restricts() -> None:
    change = only_change("Use", "Besides the uses above, we may use any of the information above to improve our service in certain regions.",
                         "Besides the uses above, we may use most of the information above to improve our service in certain regions.")
    assert change.material and change.direction == "restricts"


def test_advertisers_named_as_a_party_are_no_new_advertising_use() -> None:
    old = framed("Cookies", "We use cookies to keep you signed in.", "Thornbury")
    new = framed("Cookies", "We use cookies to keep you signed in.\nOn our marketing pages, advertisers may "
                 "control the collection of what their own cookies record.", "Thornbury")
    assert not any(c.consent for c in run(old, new).changes)


def test_biometric_data_newly_collected_needs_consent() -> None:
    """“We collect your fingerprint for biometric sign-in.” added."""
    change = only_change("What We Collect", "We collect your name and email address.",
                         "We collect your name and email address.\nWe collect your fingerprint for biometric sign-in.",
                         company="Thornbury")
    assert codes(change) == ["data-added"] and change.consent


def test_twenty_five_months_is_quoted_as_written() -> None:
    """“for thirteen (13) months” → “for twenty-five (25) months”."""
    change = only_change("Analytics Cookies",
                         "Our analytics cookie stays on your device for thirteen (13) months and then expires.",
                         "Our analytics cookie stays on your device for twenty-five (25) months and then expires.",
                         company="Kestrel")
    assert detail(change, "duration-changed") == "lengthened: thirteen (13) months → twenty-five (25) months"
    assert change.material and change.direction == "expands"


def test_sensitive_data_the_user_chooses_to_give_needs_no_fresh_consent() -> None:
    """“any health information you choose to provide” is collected by the user's own choice: material
    (more is collected), but consent is asked as it is given."""
    change = only_change("What We Collect", "We collect your name and email address.",
                         "We collect your name, email address and any health information you choose to provide.",
                         company="Thornbury")
    assert "data-added" in codes(change) and change.material and not change.consent


def test_a_shorter_notice_period_expands() -> None:
    """“We will email you at least thirty (30) days before a material change takes effect.” → fifteen (15)."""
    change = only_change("Changes to This Policy",
                         "We will email you at least thirty (30) days before a material change takes effect.",
                         "We will email you at least fifteen (15) days before a material change takes effect.",
                         company="Kestrel")
    assert change.direction == "expands"


def test_a_new_way_to_refuse_sharing_restricts() -> None:
    """“We honour Global Privacy Control signals as a request to opt out of sharing with advertising
    partners.” added: users may now stop a sharing, which narrows what the company may do."""
    change = only_change("Sharing", SHARING, f"{SHARING} We honour Global Privacy Control signals as a request "
                                             "to opt out of sharing with advertising partners.")
    assert change.material and change.direction == "restricts" and not change.consent
    assert "recipient-added" not in codes(change)


def test_a_companys_possessive_named_in_full_is_the_same_company() -> None:
    """“Acme’s compliance” → “Acme, Inc.’s compliance”, where the old version names Acme, Inc."""
    old = policy("Quill Privacy Policy", ("Who We Are", "This policy is issued by Acme, Inc., which runs Quill."),
                 ("Transfers", "Acme’s compliance with the framework is overseen by the regulator."))
    new = policy("Quill Privacy Policy", ("Who We Are", "This policy is issued by Acme, Inc., which runs Quill."),
                 ("Transfers", "Acme, Inc.’s compliance with the framework is overseen by the regulator."))
    assert not any(c.material for c in run(old, new).changes)


def test_a_language_menu_is_page_furniture() -> None:
    """A page's language picker (“English · العربية · български · català · 日本語 …”) is no clause."""
    menu = "In other languages English · العربية · asturianu · български · català · čeština · Deutsch · 日本語 · 한국어"
    document = parse_text(f"# Terms\n\n{menu}\n\n## 1. Use\n\nYou may use the site.\n", "markdown")
    assert [c.note for c in document.walk() if c.role == "furniture"] == ["language menu"]
    assert all("asturianu" not in c.text for c in document.body())


CCPA_OLD = """# Fernhill Privacy Policy

## 1. What We Collect

We collect your name, email address and billing details when you subscribe, and usage data when you use
the app.

## 2. Who We Share It With

We share billing details with payment processors and usage data with our analytics providers.

## 3. California

California residents have the rights described in this section.
"""


def test_a_disclosure_table_rebuilt_from_what_the_policy_said_is_restated() -> None:
    """A CCPA table added that only lays out, by category, recipients and data the policy named already."""
    table = ("\n| Category | Recipients |\n|:--|:--|\n| Billing details | Payment processors |\n"
             "| Usage data | Analytics providers |\n")
    new = CCPA_OLD + table
    changes = diff_documents(parse_text(CCPA_OLD, "markdown"), parse_text(new, "markdown")).changes
    assert changes and not any(c.material for c in changes)
    assert {r.code for c in changes for r in c.reasons} <= {"restated", "formatting"}


def test_a_disclosure_table_dropped_whose_terms_the_policy_still_states_is_redundant() -> None:
    """The reverse: a CCPA table removed whose every recipient and kind of data the text still names."""
    table = ("\n| Recipients | Categories |\n|:--|:--|\n| Payment processors, analytics providers | Billing "
             "details and usage data, as needed |\n")
    changes = diff_documents(parse_text(CCPA_OLD + table, "markdown"), parse_text(CCPA_OLD, "markdown")).changes
    rows = [c for c in changes if c.kind == "removed" and c.old is not None and c.old.kind == "table-row"
            and not c.old.header]
    assert rows and all(not c.material and "redundant-removed" in codes(c) for c in rows)


def test_a_dropped_row_naming_what_the_policy_no_longer_says_stays_material() -> None:
    table = ("\n| Category | Recipients |\n|:--|:--|\n| Billing details | Payment processors |\n"
             "| Health information | Research partners |\n")
    changes = diff_documents(parse_text(CCPA_OLD + table, "markdown"), parse_text(CCPA_OLD, "markdown")).changes
    assert any(c.material for c in changes if c.old is not None and "Health information" in c.old.text)


@pytest.mark.parametrize("paragraph, restated", [
    ("The table above lists the billing details and usage data we share and the payment processors and "
     "analytics providers that receive them.", True),
    ("We may also share usage data with payment processors.", False),  # a modal: it grants something
])
def test_an_added_paragraph_that_only_describes_known_terms_is_restated(paragraph: str, restated: bool) -> None:
    changes = diff_documents(parse_text(CCPA_OLD, "markdown"), parse_text(CCPA_OLD + "\n" + paragraph + "\n", "markdown")).changes
    added = [c for c in changes if c.kind == "added"]
    assert added and (codes(added[0]) == ["restated"]) is restated and added[0].material is not restated


def test_a_statute_that_defines_a_category_names_no_new_recipient() -> None:
    table = ("\n| Category | Recipients |\n|:--|:--|\n| Usage data (as defined in the Consumer Billing "
             "Records Act) | Analytics providers |\n")
    changes = diff_documents(parse_text(CCPA_OLD, "markdown"), parse_text(CCPA_OLD + table, "markdown")).changes
    assert changes and not any(c.material for c in changes), [(c.kind, codes(c)) for c in changes]


def test_a_table_row_naming_a_new_recipient_or_sensitive_data_stays_material() -> None:
    table = ("\n| Category | Recipients |\n|:--|:--|\n| Billing details | Payment processors |\n"
             "| Usage data | Advertising partners |\n| Health information | Analytics providers |\n")
    changes = diff_documents(parse_text(CCPA_OLD, "markdown"), parse_text(CCPA_OLD + table, "markdown")).changes
    material = [c.new.text for c in changes if c.material and c.new is not None]
    assert any("Advertising partners" in text for text in material)
    assert any("Health information" in text for text in material)


@pytest.mark.parametrize("row", [
    "| Usage data and Interactions | Analytics providers | Product improvement |",  # a name in a data column
    "| Billing details | Payment processors | Improving billing |",               # the purpose inflected
])
def test_a_rebuilt_table_row_reads_its_terms_as_the_policy_said_them(row: str) -> None:
    """"Interactions" in the data column names no recipient, and "improvement" is the "improve" the policy
    said: the row lays out what the policy already said."""
    old = CCPA_OLD.replace("analytics providers.", "analytics providers, to improve the app and billing.")
    table = "\n| Category | Recipients | Purpose |\n|:--|:--|:--|\n" + row + "\n"
    changes = diff_documents(parse_text(old, "markdown"), parse_text(old + table, "markdown")).changes
    assert changes and not any(c.material for c in changes), [(c.kind, codes(c)) for c in changes]


def test_a_row_naming_a_recipient_the_policy_refused_is_a_new_one() -> None:
    """The old version names data brokers only to say it does not buy from them: a row that lists them
    as a source adds one."""
    old = CCPA_OLD.replace("## 3. California", "We do not buy personal data from data brokers.\n\n## 3. California")
    table = "\n| Category | Sources |\n|:--|:--|\n| Usage data | Data brokers and payment processors |\n"
    changes = diff_documents(parse_text(old, "markdown"), parse_text(old + table, "markdown")).changes
    assert any(c.material for c in changes if c.new is not None and "Data brokers" in c.new.text)


def test_may_the_month_is_no_modal_verb() -> None:
    """“in effect on May 25, 2012” → “in effect on June 16, 2014”: a date, not a permission withdrawn."""
    change = only_change("Effective Date", "These terms went into effect on May 25, 2012.",
                         "These terms went into effect on June 16, 2014.")
    assert "modality-flip" not in codes(change) and not change.material


def test_a_subscription_plan_clause_is_no_promise_about_changing_the_terms() -> None:
    """Section “Subscription”: “We may change your subscription plan with 30 days' notice.”"""
    promise = read_promise(parse_text(ospry_terms(("Subscription", "We may change your subscription plan with 30 "
                                                                   "days' notice."), CHANGE_VAGUE)))
    assert (promise.rule, promise.clause_id, promise.days) == ("unspecified", "3/p1", None)


def test_a_feature_removal_clause_under_an_updates_heading_is_no_promise() -> None:
    """Section “Updates to the App”: “We will notify you 7 days before we remove a feature.”"""
    promise = read_promise(parse_text(ospry_terms(("Updates to the App", "We will notify you 7 days before we "
                                                                         "remove a feature."), CHANGE_VAGUE)))
    assert (promise.rule, promise.clause_id, promise.days) == ("unspecified", "3/p1", None)


def test_a_price_change_clause_inside_the_changes_section_is_no_promise() -> None:
    """Section “Changes”: “We will give you 30 days' notice of price changes.” then the vague change clause."""
    text = policy("Ospry Terms", ("Changes", f"We will give you 30 days' notice of price changes.\n{CHANGE_VAGUE}"))
    promise = read_promise(parse_text(text))
    assert (promise.rule, promise.clause_id, promise.days) == ("unspecified", "1/p2", None)


def test_a_response_deadline_beside_the_change_sentence_is_no_notice_period() -> None:
    """“We will email you before changes to this policy take effect. If you object, we respond within 45
    days.”"""
    text = policy("Ospry Terms", ("Changes to This Policy", "We will email you before changes to this policy take "
                                                            "effect. If you object, we respond within 45 days."))
    promise = read_promise(parse_text(text))
    assert promise.rule != "fixed-period" and promise.days is None and promise.means == ("email",)


def test_the_change_sentence_is_read_even_beside_a_price_sentence() -> None:
    """One paragraph under “General”: “We will give you 30 days' notice of price changes. We may change these
    terms and will notify you ten (10) days before the changes take effect.”"""
    text = policy("Ospry Terms", ("General", "We will give you 30 days' notice of price changes. We may change these "
                                             "terms and will notify you ten (10) days before the changes take "
                                             "effect."))
    promise = read_promise(parse_text(text))
    assert (promise.rule, promise.period_text, promise.days) == ("fixed-period", "ten (10) days", 10)


def test_a_product_name_extended_throughout_is_a_rename() -> None:
    """“Nimbus” → “Nimbus Cloud” in 5 clauses: a product name that grew is one rename (also where a
    sentence ends with the product and the next opens with the company, “… Nimbus. Acme Ltd …”)."""
    changes = run(terms_of("Nimbus"), terms_of("Nimbus Cloud")).changes
    assert len(changes) == 5
    for change in changes:
        assert codes(change) == ["renamed"] and not change.material
        assert change.reasons[0].detail == "renamed “Nimbus” → “Nimbus Cloud” (5 clauses)"


def test_a_removed_limit_that_still_stands_elsewhere_is_redundant() -> None:
    """“Couriers receive only your name, address and phone number.” removed while “The couriers we use
    receive only your name, address and phone number.” stays: the limit is still promised."""
    limit = "receive only your name, address and phone number."
    old = policy("Wrenfield Privacy Policy", ("Sharing", f"{COURIERS}\nCouriers {limit}"),
                 ("Couriers", f"The couriers we use {limit}"))
    new = policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Couriers", f"The couriers we use {limit}"))
    (change,) = run(old, new).changes
    assert codes(change) == ["redundant-removed"] and not change.material


def test_a_removed_prohibition_is_not_reported_as_a_purpose_given_up() -> None:
    """“We will never use your photos to train our models.” removed from the paragraph: a use no longer
    excluded, which expands what the company may do, never a purpose it gave up."""
    change = only_change("Your Photos", f"{PHOTOS} {NO_TRAINING}", PHOTOS)
    assert "purpose-removed" not in codes(change)
    assert change.material and change.direction == "expands"


def test_an_introduction_paragraph_gives_the_company_no_room() -> None:
    """“We wrote this policy in plain language so that it is easy to read. Please read it carefully.” added
    to the introduction: material (a clause is never noise) but it gives the company no room."""
    old = framed("Use", "We use your reading history to recommend books.", "Thornbury")
    new = old.replace("handles personal data.\n", "handles personal data.\nWe wrote this policy in plain language so "
                                                  "that it is easy to read. Please read it carefully.\n")
    (change,) = run(old, new).changes
    assert change.direction == "neutral" and not change.consent


def test_words_moved_within_a_sentence_are_said_to_be_reworded_not_punctuated() -> None:
    """“We collect … when you open the app.” → “When you open the app, we collect …”: the same words in
    another order, said so (not “only punctuation”), and editorial."""
    change = only_change("What We Collect", COLLECTION,
                         "When you open the app, we collect your device identifiers and IP address.")
    assert codes(change) == ["rewording"] and not change.material


FERNHOLT_TERMS = """# Fernholt Terms of Service

## 1. Definitions

The following definitions apply in these Terms. “Service” means the Fernholt scheduling app.

## 2. Your Obligations

You must use the Service in line with all applicable Laws and keep your Workspace secure.
"""


def _definitions(added: str) -> str:
    return FERNHOLT_TERMS.replace("scheduling app.", f"scheduling app. {added}")


@pytest.mark.parametrize("added, material", [
    # a term the old version already used, now defined: it names what was there
    ("“Laws” means every statute, regulation and court order that applies to you or to Fernholt.", False),
    # a definition that binds someone is a term in its own right
    ("“Laws” means every statute and regulation, and you must follow the Fernholt Rules as well.", True),
    # a term the old version never used: new words, read as such
    ("“Partners” means the advertising networks we work with.", True),
])
def test_a_definition_added_for_a_term_already_used_names_what_was_there(added: str, material: bool) -> None:
    """“Laws” was used ("all applicable Laws") but undefined; defining it changes no right or duty by
    itself, unless the definition binds or brings in a term the old version never had."""
    changes = diff_documents(parse_text(FERNHOLT_TERMS, "markdown"), parse_text(_definitions(added), "markdown")).changes
    assert len(changes) == 1
    (change,) = changes
    assert change.material is material
    assert ("definition-added" in codes(change)) is not material


def test_an_added_clause_of_definitions_for_terms_already_used_is_editorial() -> None:
    old = FERNHOLT_TERMS
    new = old.replace("## 2. Your Obligations", "A “Workspace” is the shared calendar your team uses. A Workspace can "
                                                "hold any number of calendars.\n\n## 2. Your Obligations")
    (change,) = diff_documents(parse_text(old, "markdown"), parse_text(new, "markdown")).changes
    assert change.kind == "added" and codes(change) == ["definition-added"] and not change.material


def test_a_changed_definition_is_read_as_the_term_it_is() -> None:
    """A term the old version defined already is no "definition added": its new reach is read."""
    old = FERNHOLT_TERMS.replace("scheduling app.", "scheduling app. “Laws” means the laws of Norway.")
    new = FERNHOLT_TERMS.replace("scheduling app.", "scheduling app. “Laws” means the laws of any country.")
    (change,) = diff_documents(parse_text(old, "markdown"), parse_text(new, "markdown")).changes
    assert "definition-added" not in codes(change) and change.material


@pytest.mark.parametrize("paragraph, material", [
    ("Vellmark Advisers GmbH, Ringstrasse 12, 1010 Vienna, is our representative in the European Union. "
     "Northgate Privacy Ltd is our data protection officer.", False),
    # a representative that receives data is a recipient, not a contact point
    ("Vellmark Advisers GmbH is our representative in the European Union and may receive your account data.", True),
])
def test_a_representative_named_is_contact_details(paragraph: str, material: bool) -> None:
    old = framed("International Contacts", "You may also write to us at the address below.", "Kestrel")
    new = framed("International Contacts", f"{paragraph}\n\nYou may also write to us at the address below.", "Kestrel")
    (change,) = run(old, new).changes
    assert change.kind == "added" and change.material is material
    assert ("contact-changed" in codes(change)) is not material


KESTREL_OFFICER = ("Northgate Privacy Ltd is our data protection officer.\n\n"
                   "If you are outside the EU: Northgate Privacy Ltd, c/o Hallam House, 4 Quay Street, "
                   "Leeds LS1 4DT, United Kingdom, privacy@northgate.example\n\n")


def test_a_data_protection_officer_dropped_altogether_is_material() -> None:
    """People lose the officer they may write to directly (GDPR Art. 13(1)(b)): not an address change."""
    old = framed("International Contacts", f"{KESTREL_OFFICER}You may also write to us at the address below.", "Kestrel")
    new = framed("International Contacts", "You may also write to us at the address below.", "Kestrel")
    changes = run(old, new).changes
    assert [c.kind for c in changes] == ["removed", "removed"]
    officer, address = changes
    assert codes(officer) == ["contact-point-removed"] and officer.material and officer.direction == "expands"
    assert "data protection officer" in officer.reasons[0].detail
    # the address block under a lead-in ("If you are outside the EU:") is contact details; it goes with
    # the officer, but the officer's removal is the one reason that matters
    assert codes(address) == ["contact-changed"] and not address.material


def test_a_data_protection_officer_still_named_elsewhere_is_contact_details() -> None:
    stays = "You may also write to our data protection officer at the address below."
    old = framed("International Contacts", f"{KESTREL_OFFICER}{stays}", "Kestrel")
    new = framed("International Contacts", stays, "Kestrel")
    changes = run(old, new).changes
    assert [c.kind for c in changes] == ["removed", "removed"]
    assert all(not c.material for c in changes) and "contact-point-removed" not in {code for c in changes
                                                                                     for code in codes(c)}


ORCHARD_ORDERS = "We use your order details to ship what you buy and to answer questions about a parcel."
ORCHARD_GIFTS = "Gift orders carry a message that you write for the person who receives the gift."
ORCHARD_SHARING = ("We share your order details with the delivery company when you ask us to ship an item. "
                   "For example, if you buy a gift, we share the recipient's address with the courier that delivers it.")


def _orchard(orders: str, gifts: str, sharing: str | None) -> str:
    sections = [("Orders", orders), ("Gifts", gifts)] + ([("Sharing", sharing)] if sharing else [])
    return policy("Orchardine Privacy Policy", *sections, ("Contact", "Email privacy@orchardine.example."))


def test_a_clause_removed_whose_sentences_stand_elsewhere_in_other_words_is_redundant() -> None:
    """A paragraph removed whose two sentences went, reworded, into two other sections ("the delivery
    company" → "our delivery company", "For example, if" → "When"), adding no party, data or purpose."""
    first, second = ORCHARD_SHARING.split(". ", 1)
    old = _orchard(ORCHARD_ORDERS, ORCHARD_GIFTS, ORCHARD_SHARING)
    new = _orchard(f"{ORCHARD_ORDERS} {first.replace('the delivery', 'our delivery')}.",
                   f"{ORCHARD_GIFTS} {second.replace('For example, if', 'When')}", None)
    changes = run(old, new).changes
    removed = [c for c in changes if c.kind == "removed"]
    assert removed and all(codes(c) == ["redundant-removed"] and not c.material for c in removed)
    assert not any(c.material for c in changes)  # nor did the sentences that arrived add a term


def test_a_clause_reworded_elsewhere_that_loses_a_tracked_term_stays_material() -> None:
    """The same, but the reworded sentence no longer says "when you ask us to" and names analytics
    partners: what changed holds terms the rules track, so the removal is read."""
    first, second = ORCHARD_SHARING.split(". ", 1)
    old = _orchard(ORCHARD_ORDERS, ORCHARD_GIFTS, ORCHARD_SHARING)
    new = _orchard(f"{ORCHARD_ORDERS} {first.replace(' when you ask us to ship an item', ' and our analytics partners')}.",
                   f"{ORCHARD_GIFTS} {second.replace('For example, if', 'When')}", None)
    changes = run(old, new).changes
    assert any(c.material for c in changes)
    assert not any(codes(c) == ["redundant-removed"] for c in changes if c.kind == "removed")


def test_a_sentence_reworded_in_with_a_name_the_old_version_never_used_is_read() -> None:
    """The sentence arrives reworded but names someone new ("… and Ferrowick"): a word the old version
    never had is no restatement, so the clause it joined is judged on it."""
    first, second = ORCHARD_SHARING.split(". ", 1)
    old = _orchard(ORCHARD_ORDERS, ORCHARD_GIFTS, ORCHARD_SHARING)
    new = _orchard(f"{ORCHARD_ORDERS} {first.replace('the delivery company', 'our delivery company and Ferrowick')}.",
                   f"{ORCHARD_GIFTS} {second.replace('For example, if', 'When')}", None)
    changes = run(old, new).changes
    joined = [c for c in changes if c.new is not None and "Ferrowick" in c.new.text]
    assert joined and joined[0].material


@pytest.mark.parametrize("old, new, material", [
    # who the terms address, named otherwise: no one receives anything new
    ("For Thistle Pro users, your use of the planner is governed by the Pro Terms.",
     "For Thistle Pro customers, your use of the planner is governed by the Pro Terms.", False),
    # who receives the data: a party in a sharing phrase
    ("You control how your email address is used and shared on and through the planner.",
     "You control how your email address is used and shared with other users on and through the planner.", True),
])
def test_a_party_word_changed_counts_where_it_receives_data(old: str, new: str, material: bool) -> None:
    change = only_change("Your Account", old, new, "Thistle")
    assert change.material is material


def test_a_party_word_dropped_from_where_data_comes_from_is_read() -> None:
    """"… from the following third party sources" → "… from the following sources": where the data
    comes from widens, a party word in a source phrase."""
    change = only_change("Training Data", "We may obtain personal data from the following third party sources to "
                                          "train our models:",
                         "We may obtain personal data from the following sources to train our models:", "Thistle")
    assert change.material


def test_a_paragraph_under_a_heading_that_mentions_collection_collects_nothing() -> None:
    """"How We Share the Information We Collect" names collection in passing: a paragraph added there
    that speaks of no collecting is no "new collected" (it is judged as the clause it is)."""
    old = framed("How We Share the Information We Collect", "We share order details with our couriers.", "Brackenby")
    new = old.replace("with our couriers.\n", "with our couriers.\nSuch processing by our couriers will comply "
                                              "with applicable law in every country where they operate.\n")
    (change,) = run(old, new).changes
    assert "data-added" not in codes(change)
    listed = framed("Information We Collect", "We collect your name.", "Brackenby")
    (added,) = run(listed, listed.replace("your name.", "your name.\nWe collect your shoe size.")).changes
    assert "data-added" in codes(added) and added.material


def test_a_clause_under_an_access_heading_that_names_no_user_is_no_user_right() -> None:
    """"When access is required for security reasons" removed from under "Access": the company's own
    access, said of no user; it is a clause removed, never "user right removed"."""
    body = ("We access private notebooks only in these cases:\n- When access is required for security reasons.\n"
            "- When you ask us to help with a support matter.")
    old = framed("Access", body, "Quillfern")
    new = old.replace("- When access is required for security reasons.\n", "")
    (change,) = run(old, new).changes
    assert change.kind == "removed" and "right-removed" not in codes(change) and change.material


def test_a_new_tables_header_row_is_structure_and_its_rows_are_read() -> None:
    table = "\n| Category | Recipients |\n|:--|:--|\n| Health information | Research partners |\n"
    result = diff_documents(parse_text(CCPA_OLD, "markdown"), parse_text(CCPA_OLD + table, "markdown"))
    assert [codes(c) for c in result.structure] == [["table-header"]]
    assert not any("table-header" in codes(c) for c in result.changes)
    assert any(c.material for c in result.changes if c.new is not None and "Health information" in c.new.text)


def wrenfield() -> str:
    return policy("Wrenfield Privacy Policy", ("Sharing", COURIERS), ("Retention", DELETION))


def test_an_in_short_paragraph_that_restates_the_old_version_is_restated() -> None:
    """“In short, order details are deleted two years after delivery.” added under Retention. Now:
    right-added, material, restricts."""
    new = wrenfield().replace(f"{DELETION}\n", f"{DELETION}\nIn short, order details are deleted two years after "
                                               "delivery.\n")
    (change,) = run(wrenfield(), new).changes
    assert codes(change) == ["restated"] and not change.material


def test_an_added_sentence_that_restates_the_old_version_is_restated() -> None:
    """“Couriers receive order details so they can deliver your parcel.” added after the deletion sentence.
    Now: modality-flip “can” added, material, expands."""
    new = wrenfield().replace(f"{DELETION}\n", f"{DELETION} Couriers receive order details so they can deliver "
                                               "your parcel.\n")
    (change,) = run(wrenfield(), new).changes
    assert codes(change) == ["restated"] and not change.material


def test_a_sentence_after_a_quoted_subject_line_is_its_own() -> None:
    """A sentence that ends inside quotes ("… the subject line “Privacy Request.”") ends there: the promise
    that follows is its own sentence, not part of the one that only says how to reach the company, so
    dropping the e-mail sentence does not read as a "will" added."""
    old = ("Please use the privacy form. You may also email us at privacy@kestrel.example with the subject line "
           "\"Privacy Request.\" We will respond promptly.")
    new = "Please use the privacy form. We will respond promptly."
    change = run(framed("Contact Us", old, "Kestrel"), framed("Contact Us", new, "Kestrel")).changes[0]
    assert "modality-flip" not in codes(change) and not change.material


@pytest.mark.parametrize("old, new", [
    # "laws" here are a reason for a change, not the law that governs a dispute
    ("We may update this policy from time to time.",
     "We may update this policy from time to time, for example to comply with new laws."),
    # "access" here is reading the policy, not a right over one's data
    ("If you have questions about this policy, please write to us at the address below.",
     "If you have questions about this policy, or need to access it in large print, please write to us at the "
     "address below."),
])
def test_a_term_word_out_of_its_role_is_no_changed_term(old: str, new: str) -> None:
    change = only_change("Updates", old, new, "Kestrel")
    assert codes(change) == ["rewording"] and not change.material


def test_a_term_word_in_its_role_still_counts() -> None:
    change = only_change("Disputes", "Any dispute will be settled by a court near you.",
                         "Any dispute will be settled by a court under the laws we choose.", "Kestrel")
    assert change.material and "rewording" not in codes(change)


def test_improving_is_a_purpose_however_it_is_inflected() -> None:
    change = only_change("How We Use Files", "We use the files you upload to provide the service.",
                         "We use the files you upload to provide the service, including improving the service over "
                         "time.", "Kestrel")
    assert change.material and codes(change) == ["purpose-added"] and change.direction == "expands"


@pytest.mark.parametrize("line", [
    "+44 (20) 7946 0000",
    "Northgate Privacy Ltd is also our data protection officer, and may be contacted using the following details:",
])
def test_an_added_phone_line_or_contact_lead_in_is_contact_details(line: str) -> None:
    body = "If you are in the European Union, you may lodge a complaint with your supervisory authority."
    changes = run(framed("Your Rights in Europe", body, "Kestrel"),
                  framed("Your Rights in Europe", f"{body}\n\n{line}", "Kestrel")).changes
    assert [(c.kind, codes(c), c.material) for c in changes] == [("added", ["contact-changed"], False)]


@pytest.mark.parametrize("old, new", [
    ("We share Personal Information with the service providers who host the app.",
     "We share personal information with service providers that host the app."),
    ("We share personal information with third party service providers who host the app.",
     "We share personal information with third-party service providers who host the app."),
])
def test_case_and_hyphens_alone_change_no_term(old: str, new: str) -> None:
    change = only_change("Sharing", old, new, "Kestrel")
    assert not change.material and codes(change) in (["formatting"], ["rewording"]), codes(change)


def test_a_tracked_word_said_once_more_is_no_changed_term() -> None:
    # "email" already stood in the clause: naming the email settings page adds no kind of data
    change = only_change("Messages",
                         "We use your email address to reply to you. You may choose which messages you get in your "
                         "account page.",
                         "We use your email address to reply to you. You may choose which messages you get in your "
                         "account's email settings.", "Kestrel")
    assert codes(change) == ["rewording"] and not change.material


def test_one_more_only_or_not_still_changes_the_sentence() -> None:
    change = only_change("Messages", "We use your email address to reply to you.",
                         "We use your email address only to reply to you.", "Kestrel")
    assert change.material


def test_a_new_statement_of_what_is_collected_is_new_collection() -> None:
    # every word of the new sentence stood somewhere in the old version (browsers, websites, the app):
    # what is new is the statement that the company collects it
    old = policy("Kestrel Privacy Policy",
                 ("Introduction", "Kestrel makes an app with a built-in browser for reading websites."),
                 ("Usage Data", "We collect information about how you use the app, such as the pages you open."),
                 ("Contact", "Email privacy@kestrel.example with any question."))
    new = old.replace("the pages you open.",
                      "the pages you open. We also collect information about the websites you visit in our "
                      "built-in browser.")
    changes = run(old, new).changes
    assert len(changes) == 1
    change = changes[0]
    assert change.material and "data-added" in codes(change) and change.direction == "expands"
    reason = next(r for r in change.reasons if r.code == "data-added")
    assert "We also collect information about the websites you visit" in reason.detail


@pytest.mark.parametrize("added", [
    "We do not collect information about the websites you visit in our built-in browser.",  # a refusal
    "We collect information about how you use the app, such as which pages you open.",  # the old one reworded
])
def test_a_refusal_or_a_reworded_sentence_is_no_new_collection(added: str) -> None:
    old = policy("Kestrel Privacy Policy",
                 ("Introduction", "Kestrel makes an app with a built-in browser for reading websites."),
                 ("Usage Data", "We collect information about how you use the app, such as the pages you open. "
                                "We keep it for one year."),
                 ("Contact", "Email privacy@kestrel.example with any question."))
    new = old.replace("We collect information about how you use the app, such as the pages you open.", added)
    assert not any("data-added" in codes(c) for c in run(old, new).changes)


def test_a_qualifier_gone_from_a_word_the_clause_still_says_is_a_changed_term() -> None:
    change = only_change("Partners",
                         "We receive information from advertising partners to provide advertising.",
                         "We receive information from partners to provide advertising.", "Kestrel")
    assert change.material
