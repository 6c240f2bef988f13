"""Notice-email drafts: what they say, the formats, refusals, templates, and hostile input."""

from __future__ import annotations

import email
import email.policy
import html
import re
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.notice.plain import topics
from tests.conftest import CORPUS
from tests.test_notice_window import run

TALLY = CORPUS / "tallyhq-terms"
BRIGHT = CORPUS / "brightdesk-privacy"
OLD, NEW = str(TALLY / "v3.2.txt"), str(TALLY / "v4.0.txt")
TOLD = ("--notice-date", "2025-10-15")  # 47 days before v4.0 takes effect: the 30-day window is met


def read_eml(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def test_eml_is_a_mime_draft_with_every_material_change_in_both_parts(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notice.eml"
    code, stdout, _ = run(capsys, "notice", OLD, NEW, *TOLD, "--format", "eml", "-o", str(out),
                          "--url", "https://tallyhq.example/terms", "--from", "TallyHQ Legal <legal@tallyhq.example>")
    assert code == 0 and stdout == ""
    message = read_eml(out)
    assert message["Subject"] == "Updates to our TallyHQ Terms of Service, effective December 1, 2025"
    assert message["From"].addresses[0].addr_spec == "legal@tallyhq.example"
    assert message["X-Unsent"] == "1" and message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    page = html.unescape(message.get_body(("html",)).get_content())  # type: ignore[union-attr]
    result = diff(OLD, NEW)
    material = tuple(change for change in result.changes if change.material)
    effective = date(2025, 12, 1)
    sentences = [item.sentence for topic in topics(result, material, effective=effective) for item in topic.changes]
    assert len(sentences) == len(material) == 2
    for part in (text, page):
        assert "December 1, 2025" in part and "https://tallyhq.example/terms" in part
        for sentence in sentences:
            assert sentence in part
        assert "fourteen (14) days" in part and "train and improve the machine-learning models" in part
        assert "legal@tallyhq.example" in part  # the policy's own contact, found in its contact section


def test_plain_sentences_group_by_topic_without_diff_syntax() -> None:
    result = diff(OLD, NEW)
    grouped = topics(result, tuple(change for change in result.changes if change.material))
    headings = [topic.heading for topic in grouped]
    assert headings == ["AI features and how your data trains models", "How we tell you about changes"]
    notice = grouped[1].changes[0].sentence
    assert notice == ("If a change is material, we will give you notice at least 14 days (instead of 30) before it "
                      "takes effect, by email to the account owner and by a message in the app.")
    for topic in grouped:
        for item in topic.changes:
            assert "→" not in item.sentence and not item.sentence.startswith(("+", "-", "~"))


def test_refuses_a_broken_window_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notice.eml"
    code, stdout, err = run(capsys, "notice", OLD, NEW, "--notice-date", "2025-11-20", "--format", "eml", "-o",
                            str(out))
    assert code == 1 and stdout == "" and not out.exists()
    assert "11 of 30 days" in err and "2025-12-20" in err and err.count("\n") == 1


def test_force_drafts_with_a_warning_a_reviewer_cannot_miss(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notice.eml"
    code, _, err = run(capsys, "notice", OLD, NEW, "--notice-date", "2025-11-20", "--format", "eml", "-o", str(out),
                       "--force")
    assert code == 0 and "NOT COMPLIANT" in err
    message = read_eml(out)
    for part in ("plain", "html"):
        body = message.get_body((part,)).get_content()  # type: ignore[union-attr]
        assert "REVIEW BEFORE SENDING" in body.upper() and "2025-12-20" in body
        assert body.upper().index("REVIEW BEFORE SENDING") < body.index("Hello")


def test_nothing_material_means_no_notice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "notice", OLD, OLD)
    assert code == 1 and out == "" and "nothing material changed" in err


def test_consent_changes_are_flagged_in_the_draft(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "notice", str(BRIGHT / "v2.0.md"), str(BRIGHT / "v2.1.md"),
                       "--notice-date", "2025-12-01")
    assert code == 0
    assert "1 change needs fresh opt-in consent" in out
    assert out.startswith("Subject: Updates to our BrightDesk Privacy Policy, effective February 16, 2026\n")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_carries_the_changes_and_the_date(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "notice", OLD, NEW, *TOLD, "--format", fmt, "--url", "https://tallyhq.example/t")
    assert code == 0 and "December 1, 2025" in out and "at least fourteen" in out
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and 'href="https://tallyhq.example/t"' in out
    if fmt == "markdown":
        assert out.startswith("# Updates to our TallyHQ Terms of Service") and "](<https://tallyhq.example/t>)" in out


def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    title = "Evil <script>alert(1)</script> @everyone Terms"
    body = ("1. Retention\n\nWe keep logs for thirty (30) days.\n\n2. Changes\n\nWe will email you at least seven (7) "
            "days before changes take effect. Questions: legal@evil.example\n")
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(f"{title}\nEffective Date: January 1, 2026\n\n{body}", encoding="utf-8")
    new.write_text(f"{title}\nEffective Date: March 1, 2026 | Last Updated: January 2, 2026\n\n"
                   + body.replace("thirty (30) days", "forever <img src=x onerror=alert(2)>"), encoding="utf-8")
    return old, new


def test_header_injection_fails_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = hostile_pair(tmp_path)
    out = tmp_path / "n.eml"
    code, _, err = run(capsys, "notice", str(old), str(new), "--format", "eml", "-o", str(out),
                       "--from", "a@evil.example\r\nBcc: victim@example.com")
    assert code == 2 and "--from" in err and not out.exists()
    code, _, err = run(capsys, "notice", str(old), str(new), "--format", "eml", "-o", str(out),
                       "--from", "a@evil.example, victim@example.com")
    assert code == 2 and not out.exists()
    code, _, _ = run(capsys, "notice", str(old), str(new), "--format", "eml", "-o", str(out),
                     "--company", "Evil\r\nBcc: victim@example.com\r\n\r\n<b>body</b>")
    assert code == 0
    message = read_eml(out)
    assert message["Bcc"] is None and message["Cc"] is None and message["To"] is None
    assert "\n" not in message["Subject"]
    page = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in page and "<img" not in page and "<b>body</b>" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page  # the new wording is shown, as text


def test_markdown_draft_escapes_policy_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = hostile_pair(tmp_path)
    code, out, _ = run(capsys, "notice", str(old), str(new), "--format", "markdown")
    assert code == 0
    assert "<script>" not in out and "<img" not in out
    assert not re.search(r"(?<!`)@everyone", out) and "`@everyone`" in out  # set as code: no ping, nothing hidden
    assert "\u200b" not in out and "&#8203;" not in out


def test_links_must_be_web_links(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "notice", OLD, NEW, *TOLD, "--url", "javascript:alert(1)")
    assert code == 2 and out == "" and "--url" in err


def test_a_team_template_replaces_the_built_in_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "ours.txt.j2"
    template.write_text('{% set subject = "Heads up: " ~ title %}Hi from {{ company }}!\n'
                        "{% for topic in topics %}{{ topic.heading }}: {{ topic.changes | length }}\n{% endfor %}",
                        encoding="utf-8")
    code, out, _ = run(capsys, "notice", OLD, NEW, *TOLD, "--template", str(template), "--company", "Tally")
    assert code == 0
    assert out.startswith("Subject: Heads up: TallyHQ Terms of Service\n\nHi from Tally!\n")
    assert "How we tell you about changes: 1" in out
    template.write_text("Dear {{ custmer }}", encoding="utf-8")
    code, out, err = run(capsys, "notice", OLD, NEW, *TOLD, "--template", str(template))
    assert code == 2 and out == "" and str(template) in err and "custmer" in err
    template.write_text("{% for x in %}", encoding="utf-8")
    code, _, err = run(capsys, "notice", OLD, NEW, *TOLD, "--template", str(template))
    assert code == 2 and "line 1" in err


def test_output_file_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notice.md"
    code, _, err = run(capsys, "notice", OLD, NEW, *TOLD, "--format", "markdown", "-o", str(out))
    assert code == 0 and "written to" in err
    assert out.read_text(encoding="utf-8").startswith("# Updates to our")
    assert [p.name for p in tmp_path.iterdir()] == ["notice.md"]  # no temporary file left behind


@pytest.mark.parametrize(("title", "company"), [
    ("GitHub General Privacy Statement", "GitHub"), ("TallyHQ Terms of Service", "TallyHQ"),
    ("QuillMind AI Terms", "QuillMind"), ("Privacy Policy", None),
])
def test_company_name_from_the_title(title: str, company: str | None) -> None:
    from policydiff.notice.sender import company_from_title

    assert company_from_title(title) == company


# --- --from: exactly one address, parsed by the email package ------------------------------------------

@pytest.mark.parametrize(("sender", "why"), [
    ("<a@tallyhq.example> Bcc: b@evil.example", "not one well-formed address"),
    ("evil@evil.example (Legal <legal@tallyhq.example>)", "comments in parentheses are not allowed"),
    ("a@tallyhq.example, b@tallyhq.example", "exactly one address is needed, not 2"),
    ("Undisclosed: a@tallyhq.example;", "exactly one address is needed"),
    ("Name <a@tallyhq.example> junk", "not one well-formed address"),
    ('"legal@tallyhq.example" <evil@evil.example>', "a display name may not hold an address"),
    ("=?utf-8?q?Legal?= <a@tallyhq.example>", "encoded words"),
    ("a@localhost", "an address is name@domain.tld"),
    ("a@tallyhq.example\tBcc: b@evil.example", "line breaks and control characters are not allowed"),
])
def test_from_that_is_not_exactly_one_address_is_refused_with_a_reason(sender: str, why: str, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "n.eml"
    code, _, err = run(capsys, "notice", OLD, NEW, "--notice-date", "2025-11-20", "--effective", "2025-12-20", "--format", "eml",
                       "-o", str(out), "--from", sender)
    assert code == 2 and not out.exists() and err.count("\n") == 1
    assert f"--from: {why}" in err


@pytest.mark.parametrize(("sender", "header"), [
    ('"Evil, Inc" <a@tallyhq.example>', '"Evil, Inc" <a@tallyhq.example>'),
    ("TallyHQ Legal <legal@tallyhq.example>", "TallyHQ Legal <legal@tallyhq.example>"),
    ("legal@tallyhq.example", "legal@tallyhq.example"),
    ("Équipe juridique <legal@tallyhq.example>", "Équipe juridique <legal@tallyhq.example>"),
])
def test_from_with_one_address_keeps_its_display_name_quoted(sender: str, header: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "n.eml"
    code, _, err = run(capsys, "notice", OLD, NEW, "--notice-date", "2025-11-20", "--effective", "2025-12-20", "--format", "eml",
                       "-o", str(out), "--from", sender)
    assert code == 0, err
    assert str(read_eml(out)["From"]) == header
