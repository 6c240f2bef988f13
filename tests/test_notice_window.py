"""Notice windows: the promise each old version makes, the calendar arithmetic, and every verdict."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.cli import main
from policydiff.config import NoticeSettings
from policydiff.notice.dates import DateError, add_period, parse_date_option
from policydiff.notice.promise import read_promise
from policydiff.notice.window import check_notice
from policydiff.parse import parse_file, parse_source
from policydiff.read import SourceText
from tests.conftest import CORPUS, SEEDS, require_shared

TALLY = CORPUS / "tallyhq-terms"
BRIGHT = CORPUS / "brightdesk-privacy"
QUILL = CORPUS / "quillmind-ai-terms"
HARBOR = CORPUS / "harborline-cookies"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- calendar arithmetic ----------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "amount", "unit", "expected"), [
    (date(2026, 2, 23), 30, "day", date(2026, 3, 25)),          # across a 28-day February
    (date(2028, 2, 23), 30, "day", date(2028, 3, 24)),          # across a leap February
    (date(2026, 1, 31), 1, "month", date(2026, 2, 28)),         # month end clamps
    (date(2028, 1, 31), 1, "month", date(2028, 2, 29)),         # ... to the leap day
    (date(2026, 3, 31), 1, "month", date(2026, 4, 30)),
    (date(2026, 11, 30), 3, "month", date(2027, 2, 28)),        # across a year end
    (date(2028, 2, 29), 1, "year", date(2029, 2, 28)),          # no Feb 29 next year
    (date(2026, 12, 25), 2, "week", date(2027, 1, 8)),
    (date(2026, 11, 20), 1, "business day", date(2026, 11, 23)),  # Friday → Monday
    (date(2026, 11, 23), 10, "business day", date(2026, 12, 7)),
    (date(2026, 11, 23), 48, "hour", date(2026, 11, 25)),
])
def test_periods_are_counted_on_the_calendar(start: date, amount: float, unit: str, expected: date) -> None:
    assert add_period(start, amount, unit) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-02-23", date(2026, 2, 23)),
    ("2026-02-23T23:30:00-08:00", date(2026, 2, 23)),   # late evening in California is still the 23rd
    ("2026-02-24T00:30:00+14:00", date(2026, 2, 24)),   # early morning in Kiribati is still the 24th
    ("2028-02-29", date(2028, 2, 29)),
])
def test_date_options_keep_the_date_as_written(text: str, expected: date) -> None:
    assert parse_date_option(text, "--notice-date") == expected


@pytest.mark.parametrize("text", ["2026-02-30", "23/02/2026", "next week", "2027-02-29"])
def test_bad_date_options_are_refused_naming_the_option(text: str) -> None:
    with pytest.raises(DateError, match="--effective: not a date"):
        parse_date_option(text, "--effective")


# --- the promise of the old version -----------------------------------------------------------------

def promise_of(change_clause: str):  # type: ignore[no-untyped-def]
    text = f"Example Terms\n\n1. Your Data\n\nWe keep your data safe.\n\n2. Changes to These Terms\n\n{change_clause}\n"
    return read_promise(parse_source(SourceText("<test>", "text", text)))


def test_each_notice_rule_is_read_with_its_clause() -> None:
    fixed = promise_of("We will email you at least thirty (30) days before material changes take effect, unless "
                       "a change is required by law.")
    assert (fixed.rule, fixed.period_text, fixed.amount, fixed.unit) == ("fixed-period", "thirty (30) days", 30, "day")
    assert fixed.law_exception and fixed.means == ("email",) and fixed.clause_id == "2/p1"
    month = promise_of("We will post the new terms on this page one (1) month before the changes take effect.")
    assert (month.rule, month.amount, month.unit) == ("fixed-period", 1, "month")
    assert promise_of("Updates take effect on the next renewal of your subscription.").rule == "next-renewal"
    assert promise_of("Changes are effective when we post them on this page.").rule == "on-posting"
    assert promise_of("We may change these terms and will give you notice as required by law.").rule == \
        "as-required-by-law"
    none = read_promise(parse_source(SourceText("<test>", "text", "Terms\n\n1. Use\n\nBe nice.\n")))
    assert (none.rule, none.clause_id) == ("none", None)


@pytest.mark.parametrize(("clause", "rule", "period"), [
    ("If there are material changes, we will provide at least 30 days prior notification by email.",
     "fixed-period", "30 days"),
    ("We may modify these terms with thirty days' notice to you.", "fixed-period", "thirty days"),
    ("We will give you at least thirty (30) days' notice before changes take effect, or three (3) days for changes "
     "the law requires.", "fixed-period", "thirty (30) days"),
    ("We may update this policy from time to time. We will notify you of any material changes.", "unspecified", None),
])
def test_real_world_phrasings_of_the_promise(clause: str, rule: str, period: str | None) -> None:
    promise = promise_of(clause)
    assert (promise.rule, promise.period_text) == (rule, period)


def test_a_promise_without_a_period_needs_the_team_default(tmp_path: Path) -> None:
    old, new = texts(tmp_path, "We may update this policy. We will notify you of any material changes by email.")
    check = check_notice(diff(old, new))
    assert check.promise.rule == "unspecified" and check.verdict == "unverifiable"
    assert check_notice(diff(old, new), settings=NoticeSettings(default_days=14)).verdict == "compliant"


# --- verdicts on corpus versions --------------------------------------------------------------------

def test_compliant_when_the_window_is_exactly_met_and_not_a_day_less() -> None:
    result = diff(TALLY / "v3.2.txt", TALLY / "v4.0.txt")  # promises 30 days; v4.0 takes effect 2025-12-01
    exact = check_notice(result, notice_date=date(2025, 11, 1))
    assert (exact.verdict, exact.days_given, exact.days_required) == ("compliant", 30, 30)
    short = check_notice(result, notice_date=date(2025, 11, 2))
    assert short.verdict == "not-compliant" and short.headline() == "not compliant: 29 of 30 days"
    assert short.earliest == date(2025, 12, 2)
    assert [c.new.id for c in short.material if c.new] == ["6.2/p2", "14/p2"]


def test_the_promise_comes_from_the_old_version_not_the_new() -> None:
    # v4.0 shortens the notice period to 14 days; moving to it must still give the old 30.
    check = check_notice(diff(TALLY / "v3.2.txt", TALLY / "v4.0.txt"), notice_date=date(2025, 11, 10))
    assert check.promise.period_text == "thirty (30) days" and check.days_required == 30
    assert check.verdict == "not-compliant"


def test_consent_changes_are_listed_apart_and_no_window_makes_them_compliant() -> None:
    check = check_notice(diff(BRIGHT / "v2.0.md", BRIGHT / "v2.1.md"), notice_date=date(2025, 12, 1))
    assert check.days_given is not None and check.days_given >= 30
    assert check.verdict == "consent-required" and not check.passed
    assert [c.new.id for c in check.consent if c.new] == ["3/p1"]
    assert all(c in check.material for c in check.consent)


def test_no_material_change_passes_whatever_the_dates() -> None:
    check = check_notice(diff(BRIGHT / "v2.1.md", BRIGHT / "v2.1.md"), effective=date(2000, 1, 1))
    assert check.verdict == "no-material-change" and check.passed


def test_next_renewal_cannot_be_checked_by_dates(tmp_path: Path) -> None:
    check = check_notice(diff(QUILL / "v2.html", QUILL / "v3.html"))
    assert check.promise.rule == "next-renewal" and check.verdict == "consent-required"  # consent outranks
    assert any("next renewal" in note for note in check.notes)
    assert any("law" in note for note in check.notes)  # QuillMind exempts changes the law requires
    old, new = texts(tmp_path, "Updates take effect on the next renewal of your subscription.")
    renewal = check_notice(diff(old, new))
    assert renewal.verdict == "unverifiable" and renewal.earliest is None


def test_the_last_updated_stand_in_is_said_out_loud() -> None:
    check = check_notice(diff(TALLY / "v3.2.txt", TALLY / "v4.0.txt"))
    assert check.notice_source == "last-updated" and check.notice_date == date(2025, 11, 1)
    assert any("stands in" in note for note in check.notes)
    told = check_notice(diff(TALLY / "v3.2.txt", TALLY / "v4.0.txt"), notice_date=date(2025, 11, 1))
    assert told.notice_source == "option" and not any("stands in" in note for note in told.notes)


def texts(tmp_path: Path, change_clause: str, *, effective: str = "April 1, 2026") -> tuple[Path, Path]:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    body = "1. Retention\n\nWe keep support tickets for thirty (30) days.\n\n2. Changes\n\n" + change_clause + "\n"
    old.write_text("Example Privacy Policy\nEffective Date: January 1, 2026\n\n" + body, encoding="utf-8")
    new.write_text(f"Example Privacy Policy\nEffective Date: {effective} | Last Updated: March 1, 2026\n\n"
                   + body.replace("thirty (30) days.", "two (2) years."), encoding="utf-8")
    return old, new


def test_on_posting_allows_any_date_but_not_a_retroactive_one(tmp_path: Path) -> None:
    old, new = texts(tmp_path, "Changes become effective when we post them on this page.")
    result = diff(old, new)
    assert check_notice(result).verdict == "compliant"
    assert check_notice(result).days_required == 0
    backdated = check_notice(result, notice_date=date(2026, 4, 2))
    assert backdated.verdict == "not-compliant" and backdated.days_given == -1
    assert any("before users are told" in note for note in backdated.notes)


def test_team_default_and_minimum_windows(tmp_path: Path) -> None:
    old, new = texts(tmp_path, "We may change this policy and will tell you as required by law.")
    result = diff(old, new)
    bare = check_notice(result)
    assert bare.verdict == "unverifiable" and any("default_days" in note for note in bare.notes)
    defaulted = check_notice(result, settings=NoticeSettings(default_days=45))
    assert (defaulted.days_required, defaulted.verdict) == (45, "not-compliant")  # 31 days given
    assert defaulted.earliest == date(2026, 4, 15)
    old, new = texts(tmp_path, "We will tell you at least seven (7) days before changes take effect.")
    floor = check_notice(diff(old, new), settings=NoticeSettings(minimum_days=60))
    assert floor.days_required == 60 and "team minimum" in floor.required_text


def test_missing_effective_date_is_unverifiable_with_the_fix(tmp_path: Path) -> None:
    old, new = texts(tmp_path, "We will tell you at least seven (7) days before changes take effect.")
    new.write_text(new.read_text(encoding="utf-8").replace("Effective Date: April 1, 2026 | ", ""), encoding="utf-8")
    check = check_notice(diff(old, new))
    assert check.verdict == "unverifiable" and any("--effective" in note for note in check.notes)


# --- the seed that motivated the feature ------------------------------------------------------------

def seed_pair(tmp_path: Path) -> tuple[Path, Path]:
    seed = next(iter(sorted(require_shared(SEEDS).glob("000_*.txt"))))
    text = seed.read_text(encoding="utf-8")
    assert "you have thirty (30) days to export" in text
    old = tmp_path / "earlier.txt"  # the seed with a longer export window: the seed then shortens it
    old.write_text(text.replace("you have thirty (30) days to export", "you have ninety (90) days to export"),
                   encoding="utf-8")
    return old, seed


def test_seed_six_days_of_thirty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, seed = seed_pair(tmp_path)
    check = check_notice(diff(old, seed))
    assert check.headline() == "not compliant: 6 of 30 days"
    assert check.earliest == date(2026, 3, 25)
    code, out, _ = run(capsys, "check", str(old), str(seed))
    assert code == 1
    assert "not compliant: 6 of 30 days" in out and "earliest compliant effective date: 2026-03-25" in out
    assert "stand-in" in out


# --- the command ------------------------------------------------------------------------------------

def test_check_json_carries_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(TALLY / "v3.2.txt"), str(TALLY / "v4.0.txt"), "--format", "json",
                       "--notice-date", "2025-11-20")
    data = json.loads(out)
    assert code == 1
    assert data["schema"] == "policydiff.check/1"
    assert (data["verdict"], data["days_given"], data["days_required"]) == ("not-compliant", 11, 30)
    assert data["earliest_compliant"] == "2025-12-20" and data["notice_date_source"] == "option"
    assert data["promise"]["clause_id"] == "14/p2" and data["promise"]["rule"] == "fixed-period"
    assert {c["new_id"] for c in data["material_changes"]} == {"6.2/p2", "14/p2"}
    assert data["consent_changes"] == []


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    old, new = str(TALLY / "v3.2.txt"), str(TALLY / "v4.0.txt")
    assert run(capsys, "check", old, new, "--notice-date", "2025-10-01")[0] == 0
    assert run(capsys, "check", old, old)[0] == 0
    assert run(capsys, "check", old, new, "--notice-date", "2025-11-30")[0] == 1
    code, out, err = run(capsys, "check", old, new, "--effective", "tomorrow")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--effective: not a date" in err
    code, _, err = run(capsys, "check", old, str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and "Traceback" not in err


def test_team_settings_come_from_policydiff_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "policydiff.toml"
    config.write_text("[notice]\nminimum_days = 45\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(TALLY / "v3.2.txt"), str(TALLY / "v4.0.txt"), "--config", str(config),
                       "--notice-date", "2025-10-25", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["days_required"] == 45 and data["days_given"] == 37
    config.write_text("[notice]\nminimum_days = -3\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(TALLY / "v3.2.txt"), str(TALLY / "v4.0.txt"), "--config", str(config))
    assert code == 2 and "notice.minimum_days" in err


def test_review_overrides_flow_into_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from policydiff.review import Decision, Review, change_fingerprint, change_key, save_review

    old, new = tmp_path / "v3.2.txt", tmp_path / "v4.0.txt"
    old.write_bytes((TALLY / "v3.2.txt").read_bytes())
    new.write_bytes((TALLY / "v4.0.txt").read_bytes())
    result = diff(old, new)
    review = Review(str(old), str(new), {})
    for change in result.changes:
        if change.material:  # counsel decides neither change needs notice
            review = review.with_decision(change_key(change), Decision(
                reviewed=True, override=False, override_reason="counsel: covered by the 2025 DPA notice",
                fingerprint=change_fingerprint(change)))
    save_review(tmp_path / "v4.0.txt.review.json", review)  # where `policydiff review` keeps it
    code, out, err = run(capsys, "check", str(old), str(new), "--notice-date", "2025-11-20")
    assert code == 0 and "no material change" in out and "2 materiality override(s)" in err
    code, out, _ = run(capsys, "check", str(old), str(new), "--notice-date", "2025-11-20", "--no-review")
    assert code == 1 and "not compliant" in out
    code, _, err = run(capsys, "check", str(old), str(new), "--review", str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json" in err


def test_every_notice_rule_on_corpus_versions() -> None:
    rules = {path.relative_to(CORPUS).as_posix(): read_promise(parse_file(path)).rule for path in (
        TALLY / "v3.2.txt", QUILL / "v2.html", HARBOR / "v1.0.txt", HARBOR / "v1.1.txt", HARBOR / "v2.0.txt")}
    assert rules == {"tallyhq-terms/v3.2.txt": "fixed-period", "quillmind-ai-terms/v2.html": "next-renewal",
                     "harborline-cookies/v1.0.txt": "on-posting", "harborline-cookies/v1.1.txt": "as-required-by-law",
                     "harborline-cookies/v2.0.txt": "none"}


def test_on_posting_and_by_law_on_corpus_versions() -> None:
    posted = check_notice(diff(HARBOR / "v1.0.txt", HARBOR / "v1.1.txt"))
    assert (posted.verdict, posted.days_required) == ("compliant", 0)
    assert posted.headline() == "compliant: 20 days given, none required"
    by_law = check_notice(diff(HARBOR / "v1.1.txt", HARBOR / "v2.0.txt"))
    assert by_law.promise.rule == "as-required-by-law" and by_law.promise.clause_id == "7/p2"
    assert by_law.verdict == "consent-required"  # a new advertising-profile cookie: consent outranks the window
    assert any("default_days" in note for note in by_law.notes)  # and the window itself could not be checked
    assert by_law.earliest is None
    with_default = check_notice(diff(HARBOR / "v1.1.txt", HARBOR / "v2.0.txt"),
                                settings=NoticeSettings(default_days=30))
    assert with_default.verdict == "not-compliant" and with_default.days_required == 30
    assert with_default.earliest == date(2025, 11, 5)  # last updated 2025-10-06 + 30 days


def test_today_is_no_stand_in_for_a_version_already_in_force(tmp_path: Path) -> None:
    old, new = texts(tmp_path, "We will tell you at least seven (7) days before changes take effect.")
    new.write_text(new.read_text(encoding="utf-8").replace(" | Last Updated: March 1, 2026", ""), encoding="utf-8")
    result = diff(old, new)  # effective 2026-04-01, no last-updated date
    past = check_notice(result, today=date(2026, 11, 23))
    assert past.verdict == "unverifiable" and past.notice_source == "today"
    assert past.headline() == "unverifiable" and past.days_given is None  # not "-236 of 7 days"
    assert any("before today" in note and "--notice-date" in note for note in past.notes)
    assert not any(note.startswith("notice date: today") for note in past.notes)  # said once, not twice
    future = check_notice(result, today=date(2026, 3, 1))
    assert (future.verdict, future.days_given, future.days_required) == ("compliant", 31, 7)


def test_a_change_in_force_before_users_are_told_never_shows_a_negative_count(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    old, new = texts(tmp_path, "We will tell you at least thirty (30) days before changes take effect.")
    check = check_notice(diff(old, new), notice_date=date(2026, 4, 10))  # effective April 1: 9 days earlier
    assert check.days_given == -9  # the figure stays in the JSON, where it is data
    assert check.headline() == "not compliant: takes effect 9 days before users are told (30 required)"
    code, out, err = run(capsys, "check", str(old), str(new), "--notice-date", "2026-04-10")
    out = out.replace(str(tmp_path), "TMP")  # pytest's folder may be "pytest-9"
    assert code == 1 and "-9" not in out and "days given:      none: it takes effect 9 days before" in out
    code, _, err = run(capsys, "notice", str(old), str(new), "--notice-date", "2026-04-10")
    err = err.replace(str(tmp_path), "TMP")
    assert code == 1 and "-9" not in err and "takes effect 9 days before users are told" in err
