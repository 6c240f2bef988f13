"""Golden notice emails: text, HTML, Markdown and .eml for every corpus family's consecutive versions and
for the first seed against its earlier version (tests/seed_versions.py; skipped without ../shared).

Each draft is compared whole with its file under tests/golden/notice/ (POLICYDIFF_UPDATE_GOLDEN=1
rewrites them; read the diff before committing it), and checked for what a customer must be able to
trust: the company named and signed off, one sentence per material change, real mailto: links, no
invisible character, no doubled blank line and no negative day count in any format.
"""

from __future__ import annotations

import email
import email.policy
import html
import os
import re
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.model import Diff
from policydiff.notice.draft import DraftOptions, draft_notice
from policydiff.notice.plain import Topic, topics
from policydiff.notice.sender import sender
from policydiff.notice.window import NoticeCheck, check_notice
from tests.conftest import CORPUS

GOLDEN = Path(__file__).parent / "golden" / "notice"
SUFFIX = {"text": "txt", "html": "html", "markdown": "md", "eml": "eml"}
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u206f\ufeff\ufe00-\ufe0f]|&#8203;|&#x200b;|&ZeroWidthSpace;", re.I)
"""Characters a reader cannot see (zero-width spaces and joiners, bidi marks, soft hyphens), raw or as entities."""


def _pairs() -> list[tuple[str, Path, Path]]:
    pairs = []
    for family in sorted(path for path in CORPUS.iterdir() if path.is_dir()):
        versions = sorted((p for p in family.iterdir() if p.suffix in (".md", ".txt", ".html")),
                          key=lambda p: [int(n) for n in re.findall(r"\d+", p.stem)])
        pairs += [(f"{family.name}-{old.stem}-{new.stem}", old, new) for old, new in zip(versions, versions[1:])]
    return pairs


PAIRS = {name: (old, new) for name, old, new in _pairs()}
SEED = "seed-000-v1.0-v1.1"
NAMES = [*PAIRS, SEED]


@lru_cache(maxsize=None)
def drafted(name: str) -> tuple[Diff, NoticeCheck]:
    if name == SEED:
        import tempfile

        from tests.seed_versions import seed_pair

        folder = Path(tempfile.mkdtemp(prefix="policydiff-seed-"))
        old, new = seed_pair(folder)
    else:
        old, new = PAIRS[name]
    result = diff(old, new)
    return result, check_notice(result)


def options(name: str) -> DraftOptions:
    site = name.split("-")[0] if name != SEED else "aicloudpartners"
    return DraftOptions(url=f"https://{site}.example/policy", force=True)


def render(name: str, fmt: str) -> str:
    result, check = drafted(name)
    return draft_notice(result, check, fmt, options(name)).text


def eml(name: str) -> EmailMessage:
    return email.message_from_string(render(name, "eml"), policy=email.policy.default)  # type: ignore[return-value]


@pytest.mark.parametrize("fmt", list(SUFFIX))
@pytest.mark.parametrize("name", NAMES)
def test_notice_matches_the_golden_file(name: str, fmt: str) -> None:
    out = render(name, fmt)
    path = GOLDEN / f"{name}.{SUFFIX[fmt]}"
    if os.environ.get("POLICYDIFF_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
    assert out == path.read_bytes().decode("utf-8"), "run with POLICYDIFF_UPDATE_GOLDEN=1 after checking the diff"


@pytest.mark.parametrize("name", NAMES)
def test_every_format_is_clean_and_signed(name: str) -> None:
    message = eml(name)
    parts = {
        "text": render(name, "text"), "markdown": render(name, "markdown"), "html": render(name, "html"),
        "eml text": message.get_body(("plain",)).get_content(),  # type: ignore[union-attr]
        "eml html": message.get_body(("html",)).get_content(),  # type: ignore[union-attr]
    }
    result, _ = drafted(name)
    legal = {"brightdesk": "BrightDesk Software, Inc.", "harborline": "Harborline Crossings Ltd.",
             "quillmind": "QuillMind Labs, Inc.", "tallyhq": "TallyHQ Ltd.", "seed": "AI Cloud Partners LLC"}
    company = legal[name.split("-")[0]]
    for fmt, text in parts.items():
        assert not INVISIBLE.search(text), (fmt, INVISIBLE.search(text))
        assert "\n\n\n" not in text.replace("\r\n", "\n"), fmt
        assert not re.search(r"(?<![\w-])-\d+ (?:of|days?)\b", text), fmt
        shown = html.unescape(re.sub(r"<[^>]+>", "", text)) if "html" in fmt else text
        assert "Kind regards," in shown and company in shown, fmt  # the company, from the policy, signs the notice
    for fmt in ("html", "eml html"):
        assert re.search(r'<a href="mailto:[\w.+-]+@[\w.-]+" ', parts[fmt]), fmt  # a real mailto: link
    assert re.search(r"\]\(<mailto:[\w.+-]+@[\w.-]+>\)", parts["markdown"])
    assert message["X-Unsent"] == "1" and "\n" not in message["Subject"]


def told(name: str) -> tuple[Topic, ...]:
    """The material changes as the draft tells them (the company's own names known, as the draft knows them)."""
    result, check = drafted(name)
    found = sender(result.new)
    return topics(result, check.material, effective=check.effective,
                  company=tuple(n for n in (found.short, found.legal) if n))


@pytest.mark.parametrize("name", NAMES)
def test_each_material_change_is_one_sentence(name: str) -> None:
    result, check = drafted(name)
    grouped = told(name)
    said = [change.sentence for topic in grouped for change in topic.changes]
    assert len(said) == len(check.material)
    for sentence in said:
        inside = re.sub(r"“[^”]*”|\([^)]*\)", "", sentence)  # quoted words and brackets may hold full stops
        ends = re.findall(r"[.!?](?=\s+[A-Z])", re.sub(r"\b(?:Inc|Ltd|Co|Corp|e\.g|i\.e)\.", "", inside))
        assert sentence[-1] in ".!?" and not ends, sentence
        assert not sentence.startswith(("New terms are added", "The terms in")), sentence
        text = render(name, "text")
        assert f"- {sentence}\n" in text.replace("\r\n", "\n")


def test_the_sale_is_stated_as_a_sale_under_who_we_share_with() -> None:
    grouped = {topic.heading: [c.sentence for c in topic.changes] for topic in told("brightdesk-privacy-v2.0-v2.1")}
    assert grouped["Who we share information with"] == [
        "From February 16, 2026, we may sell your personal information to our advertising partners."]
    assert "we may sell your personal information to our advertising partners" in render(
        "brightdesk-privacy-v2.0-v2.1", "html")


def test_the_seed_names_its_company_and_its_general_contact() -> None:
    text = render(SEED, "text")
    assert text.startswith("Subject: Updates to the AI Cloud Partners Privacy Policy, effective March 1, 2026\n")
    assert "NOT COMPLIANT: the effective date breaks the notice window (not compliant: 6 of 30 days); the earliest " \
           "compliant effective date is 2026-03-25" in text
    assert "We will start sharing SOW content and document text with AI Processing for AI-powered analysis and " \
           "recommendations." in text
    assert "Upon account cancellation or termination, you have 30 days (instead of 90) to export your data." in text
    assert "Write to us at privacy@aicloudpartners.com" in text
    assert text.rstrip().endswith("Kind regards,\nThe AI Cloud Partners team\nAI Cloud Partners LLC")
