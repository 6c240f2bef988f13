"""The Markdown, HTML and unified renderers of a Diff: right content, right order, and inert policy text.

Corpus pairs check that each renderer names the changed clauses and marks the changed words; a pair of
hostile documents checks that policy text cannot inject HTML, ping people, link issues, break tables
or `<details>`, or stretch the layout. Markdown is also rendered with markdown-it (CommonMark plus the
GitHub table and strike-through rules) so the checks are on what a reader would see.
"""

from __future__ import annotations

import html
import random
import re
from functools import cache
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from policydiff.api import diff, diff_documents
from policydiff.model import Diff, Span
from policydiff.parse import parse_text
from policydiff.render.diff_html import render_html_diff
from policydiff.render.diff_markdown import _redline, render_markdown_diff
from policydiff.render.diff_unified import clause_lines, render_unified

from .conftest import CORPUS

PAIRS = {"bd-1.1-2.0": ("brightdesk-privacy", "v1.1.md", "v2.0.md"),
         "bd-2.0-2.1": ("brightdesk-privacy", "v2.0.md", "v2.1.md"),
         "th-3.1-3.2": ("tallyhq-terms", "v3.1.txt", "v3.2.txt"),
         "th-3.2-4.0": ("tallyhq-terms", "v3.2.txt", "v4.0.txt")}
VOID = {"meta", "br", "hr", "img", "link", "input", "wbr", "col", "area", "base", "embed", "source", "track"}
LONG_WORDS = " ".join(f"word{i}" for i in range(1000))[:5000]
LONG_RUN = "A" * 5000
HOSTILE_OLD = f"""Hostile <script>alert(0)</script> Policy @someone

1. Scripts | <b>bold</b> @someone #12

We keep <script>alert(1)</script> data for 30 days. Ask @someone about #12 or `rm -rf` | a | b |.

Escape \x1b[2J the terminal. </details><details open> and </blockquote> and ~~gone~~ and **bold** and $x$.

2. Images

<img src=x onerror=alert(1)> appears here, see https://evil.example/x or www.evil.example.

{LONG_WORDS}

{LONG_RUN}
"""
HOSTILE_NEW = (HOSTILE_OLD.replace("30 days.", "90 days <script>alert(2)</script>.")
               .replace("about #12", "or @other about #12 and #34").replace("appears here", "appears | here ` there")
               .replace("word500 ", "word500 <img src=y onerror=alert(3)> @someone ")
               .replace(LONG_RUN, "B" * 5000).replace("the terminal.", "the terminal now."))


@cache
def corpus_diff(name: str) -> Diff:
    family, old, new = PAIRS[name]
    return diff(CORPUS / family / old, CORPUS / family / new)


@cache
def hostile_diff() -> Diff:
    old = parse_text(HOSTILE_OLD, source="evil|<img src=x>@someone.txt")
    new = parse_text(HOSTILE_NEW, source="evil|<img src=x>@someone-2.txt")
    return diff_documents(old, new)


def github(markdown: str) -> str:
    """Markdown rendered as GitHub would, near enough: CommonMark with raw HTML, tables, strike-through."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


class TagCheck(HTMLParser):
    """Collects tags and attributes and checks that every non-void tag is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_tags(html: str) -> TagCheck:
    checker = TagCheck()
    checker.feed(html)
    checker.close()
    assert not checker.errors and not checker.stack, (checker.errors, checker.stack)
    return checker


# --- Markdown ------------------------------------------------------------------------------------------

def test_markdown_names_versions_clauses_and_changed_words() -> None:
    out = render_markdown_diff(corpus_diff("bd-2.0-2.1"))
    first = out.splitlines()[0]
    assert first.startswith("## ") and "BrightDesk Privacy Policy" in first and "2.0" in first and "2.1" in first
    assert "2025-10-20" in out and "2026-02-16" in out and "corpus/brightdesk-privacy/v2.1.md" in out
    for clause_id in ("3/p1", "7/p2", "12/p2 → 11/p2", "11 → 12"):
        assert clause_id in out
    seen = github(out)
    assert "<s>thirty (30</s>" in seen and "<strong>fifteen (15</strong>" in seen
    assert "<strong>, except to our advertising partners as described in Section 6</strong>" in seen
    assert "**" not in re.sub(r"<[^>]+>", "", seen).replace("\\*", "")  # every marker became markup
    assert "| ~ modified | 3 |" in out and "| **material** | **2** |" in out  # 7/p2 is a same-meaning rewording


def test_markdown_tallyhq_liability_cap() -> None:
    out = render_markdown_diff(corpus_diff("th-3.1-3.2"))
    assert "10/p3" in out and "8/item-3" in out and "#### + Added · 13" in out
    seen = github(out)
    assert "<s>twelve (12</s>" in seen and "<strong>three (3</strong>" in seen


def test_markdown_folds_renumbering_into_one_line() -> None:
    out = render_markdown_diff(corpus_diff("bd-1.1-2.0"))
    lines = [line for line in out.splitlines() if "enumbered" in line and "|" not in line]
    assert len(lines) == 1
    assert all(f"{n} → {n + 1}" in lines[0] for n in range(5, 13))
    assert not re.search(r"^#### .*Renumbered", out, re.M)


def test_markdown_material_first() -> None:
    result = corpus_diff("th-3.2-4.0")
    out = render_markdown_diff(result)
    headings = re.findall(r"^#### (.*)$", out, re.M)
    count = result.summary()["material"]
    material_part = out[out.index("### Material changes"):out.index("### Other changes")]
    assert count == 2 and len(re.findall(r"^#### ", material_part, re.M)) == count
    assert all(re.search(r"Added|Modified", h) for h in headings[:count])
    assert out.index("### Material changes") < out.index("### Other changes") < out.index("Moved · 2 → 7")
    only = render_markdown_diff(result, material_only=True)
    assert "Moved" not in only and "Renumbered" not in only and "Split" not in only and "14/p2" in only


def test_markdown_long_parts_in_details_and_context() -> None:
    result = corpus_diff("bd-1.1-2.0")
    out = render_markdown_diff(result)
    assert re.search(r"<details><summary>Added section: 5\. AI-Assisted Features.*\(4 clauses\)</summary>", out)
    assert out.count("<details>") == out.count("</details>") >= 1
    assert "Unchanged" not in out
    with_context = render_markdown_diff(result, context=1)
    removed = with_context[with_context.index("8/item-5"):]
    assert "*8/item-4* · Portability" in removed and "*8/item-6* · Objection" in removed  # old side's ids


def test_markdown_without_changes_is_one_line() -> None:
    same = CORPUS / "tallyhq-terms" / "v3.1.txt"
    out = render_markdown_diff(diff(same, same))
    assert out.count("\n") == 1 and "no changes" in out and "TallyHQ Terms of Service" in out


def test_markdown_hostile_text_is_inert() -> None:
    result = hostile_diff()
    assert {c.kind for c in result.changes} >= {"modified"}
    for context in (0, 2):
        out = render_markdown_diff(result, context=context)
        assert "<script" not in out and "<img" not in out and "<b>" not in out
        assert "@someone" not in out and "@other" not in out and not re.search(r"(?<!&)#\d", out)
        prose = "\n".join(line for line in out.splitlines() if not line.startswith("- ⚠ `"))  # a defect's id span
        assert not re.search(r"(?<!\\)`", prose) and "\x1b" not in out and not re.search(r"https?:|www\.", out)
        assert out.count("<details>") == out.count("</details>") and "</details><details open>" not in out
        assert not re.search(r"[^\s\u200b]{200,}", out), "a long run would stretch the layout"
        seen = github(out)
        assert "<script" not in seen and "<img" not in seen and "<blockquote>" in seen
        assert "@someone" not in seen and "#12" not in seen and "<code>" not in github(prose)
        assert "<s>gone</s>" not in seen and "<strong>bold</strong>" not in seen
        check_tags(seen)
        for table in re.findall(r"(?:^\|.*\n)+", out, re.M):
            widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.splitlines()}
            assert len(widths) == 1, table
        kinds = sum(1 for kind, count in result.summary().items() if count and kind != "material")
        tables = re.findall(r"<table>.*?</table>", seen, re.S)
        assert [table.count("<tr>") for table in tables] == [1 + 3, 1 + kinds + 1]
        for table in tables:
            assert len({len(re.findall(r"<t[hd][ >]", row)) for row in table.split("<tr>")[1:]}) == 1


def test_markdown_redline_markers_always_render() -> None:
    """Whatever the words and punctuation beside an edit, ** and ~~ become markup and no text is lost."""
    words = ["a", "word", "(", ")", ".", ",", " ", "*", "_", "~", "`", "<b>", "@x", "#1", "|", "\\", "$", "[", "1.",
             "’"]
    rng = random.Random(7)
    for _ in range(1500):
        spans = tuple(Span(rng.choice(("equal", "delete", "insert")), "".join(rng.choices(words, k=rng.randint(1, 4))))
                      for _ in range(rng.randint(1, 5)))
        for show in ("delete", "insert"):
            kept = [s for s in spans if s.op in ("equal", show)]
            seen = github("> x " + _redline(spans, show) + " y")
            text = html.unescape(re.sub(r"<[^>]+>", "", seen)).replace("\u200b", "")
            assert " ".join(text.split()) == " ".join(("x " + "".join(s.text for s in kept) + " y").split())
            # emphasis holds without an invisible character beside it (those after @ and # stop GitHub pings)
            assert not re.search(r"\u200b</?(?:s|del|strong)>|</?(?:s|del|strong)>\u200b", seen)
            marked = "".join(html.unescape(m) for m in re.findall(r"<(?:s|del|strong)>(.*?)</(?:s|del|strong)>", seen))
            assert re.sub(r"[\s\u200b]", "", marked) == re.sub(r"\s", "", "".join(s.text for s in kept if s.op == show))


# --- HTML ---------------------------------------------------------------------------------------------

def test_html_redline_of_corpus_pair() -> None:
    """The compact view (--changes-only); tests/test_redline.py checks the whole-document redline."""
    out = render_html_diff(corpus_diff("bd-2.0-2.1"), changes_only=True)
    assert out.startswith("<!DOCTYPE html>") and "@media print" in out
    assert "<del>thirty (30</del><ins>fifteen (15</ins>" in out
    assert "12/p2 → 11/p2" in out and 'Moved from <a href="#old-11">11</a>' in out and "2026-02-16" in out
    assert out.count("⚑ MATERIAL") == corpus_diff("bd-2.0-2.1").summary()["material"] == 2
    assert '<h2 id="new-11" class="renumbered"><span class="mark">≈</span> <del>12</del><ins>11</ins>' in out
    assert out.index('id="new-3/p1"') < out.index('id="new-7/p2"') < out.index('id="new-11/p2"')  # new order
    assert not re.search(r'class="clause d\d unchanged"', out) and '<h2 id="new-7" class="unchanged">' in out
    check_tags(out)
    tallyhq = render_html_diff(corpus_diff("th-3.1-3.2"), changes_only=True)
    assert "<del>twelve (12</del><ins>three (3</ins>" in tallyhq and "8/item-3" in tallyhq


def test_html_context_and_material_only() -> None:
    result = corpus_diff("bd-1.1-2.0")
    out = render_html_diff(result, context=2, changes_only=True)
    assert len(re.findall(r'class="clause d\d unchanged', out)) >= 2 and 'id="new-3/row-5"' in out
    assert '<h2 id="new-6" class="renumbered">' in out and '<h2 id="new-7" class="renumbered">' in out
    assert re.findall(r'<h\d id="([^"]+)" class="added">', out) == ["new-5"]  # a section added, with its heading
    assert '<tr id="new-3/row-6" class="added">' in out and 'id="old-8/item-5" class="clause d1 removed"' in out
    only = render_html_diff(corpus_diff("th-3.2-4.0"), material_only=True)
    assert "Moved from" not in only and "⚑ MATERIAL" in only
    assert re.findall(r'class="verdict (\w+)"', only) and set(re.findall(r'class="verdict (\w+)"', only)) == {"material"}
    check_tags(only)


def test_html_hostile_text_is_inert() -> None:
    for options in ({}, {"changes_only": True, "context": 3}):
        out = render_html_diff(hostile_diff(), **options)  # type: ignore[arg-type]
        assert "<script" not in out and "<img" not in out and "<b>" not in out and "\x1b" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        tags = check_tags(out)
        assert tags.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "h5",
                             "h6", "table", "tr", "th", "td", "p", "main", "div", "span", "del", "ins", "ul", "li", "a"}
        assert not tags.attributes & {"src", "onerror", "style"} and not re.search(r"<[^>]*http", out)
        assert all(link.startswith("#") for link in re.findall(r'href="([^"]*)"', out))  # links stay in the page
        assert "url(" not in out and "@import" not in out and "overflow-wrap: anywhere" in out


def test_html_without_changes() -> None:
    same = CORPUS / "brightdesk-privacy" / "v2.1.md"
    out = render_html_diff(diff(same, same), changes_only=True)
    assert "No changes between these versions." in out
    check_tags(out)
    whole = render_html_diff(diff(same, same))
    assert "<p>no changes</p>" in whole and "How to Contact Our Privacy Team" in whole
    check_tags(whole)


# --- unified ------------------------------------------------------------------------------------------

def apply_unified(old: list[str], patch: str) -> list[str]:
    """Apply a unified diff to `old` (checking context and deletions), as patch(1) would."""
    result, position = [], 0
    for line in patch.splitlines()[2:]:
        hunk = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
        if hunk:
            start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
            result += old[position:start]
            position = start
        elif line[:1] in (" ", "-"):
            assert old[position] == line[1:], (old[position], line)
            position += 1
            if line[0] == " ":
                result.append(line[1:])
        else:
            result.append(line[1:])
    return result + old[position:]


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_unified_applies_to_old_clause_lines(name: str) -> None:
    result = corpus_diff(name)
    out = render_unified(result)
    family, old, new = PAIRS[name]
    assert result.old.source.endswith(f"corpus/{family}/{old}") and result.new.source.endswith(f"{family}/{new}")
    assert out.startswith(f"--- {result.old.source}\n+++ {result.new.source}\n@@ -")
    assert apply_unified(clause_lines(result.old), out) == clause_lines(result.new)


def test_unified_shows_clause_edits_and_sections() -> None:
    out = render_unified(corpus_diff("th-3.1-3.2"), context=0)
    assert re.search(r"^-.*fees you paid in the twelve \(12\) months", out, re.M)
    assert re.search(r"^\+.*fees you paid in the three \(3\) months", out, re.M)
    assert "\n+## 13. ARBITRATION AND CLASS ACTION WAIVER\n" in out and "\n-- (c) Where we terminate" in out
    assert re.search(r"^@@ -\d+,?\d* \+\d+,?\d* @@ 10\. LIMITATION OF LIABILITY$", out, re.M)
    assert not any(line.startswith(" ") for line in out.splitlines())  # context 0


def test_unified_ignores_rewrapping() -> None:
    text = (CORPUS / "brightdesk-privacy" / "v2.0.md").read_text(encoding="utf-8")
    prose = re.compile(r"^[A-Z][^|\n]{60,}$", re.M)
    assert prose.search(text)
    rewrapped = prose.sub(lambda m: re.sub(r"(.{30,50}?) ", "\\1\n", m.group(0)), text)
    edited = rewrapped.replace("thirty (30)", "sixty (60)")
    result = diff_documents(parse_text(text, "markdown", "a.md"), parse_text(edited, "markdown", "b.md"))
    lines = render_unified(result).splitlines()
    assert [line[0] for line in lines if line[:1] in "+-" and line[:3] not in ("---", "+++")] == ["-", "+"]
    assert render_unified(diff_documents(parse_text(text, "markdown"), parse_text(rewrapped, "markdown"))) == ""


def test_unified_hostile_text_is_terminal_safe() -> None:
    out = render_unified(hostile_diff())
    assert "\x1b" not in out and "B" * 5000 in out
    assert all("\n" not in line for line in clause_lines(hostile_diff().new))
