"""Fuzzing every command: it succeeds, or it fails with one line and exit 2 — never a traceback.

Each example takes a window of a corpus policy (Markdown, text or HTML), mutates it (invisible and
format characters inside words, escape sequences, C0 and C1 controls, bidi overrides, stray CRs,
deep nesting in the file's own syntax, very long lines, long numbers, a cut or a doubled passage) and
runs one command on it through `cli.main`, as the user would: `show`, `lint`, `diff` in every format
against the unmutated window, `check`, `notice` in every format. What comes out is checked: exit 0
or 1 with output and no error, or exit 2 with exactly one `policydiff: error:` line and nothing on
stdout; and never a control character or bidi override on stdout (.eml keeps its CRLF line ends).

A few hundred examples a run (POLICYDIFF_FUZZ_EXAMPLES to run more), each a few tenths of a second.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.cli import main

from .conftest import CORPUS
from .hostile import unsafe_characters

EXAMPLES = int(os.environ.get("POLICYDIFF_FUZZ_EXAMPLES", "250"))
WINDOW = 6_000
"""Characters of a corpus file each example starts from: enough for sections, lists and tables."""

BASES = sorted(path for path in CORPUS.rglob("*") if path.suffix in (".md", ".txt", ".html"))
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u200c", "\u200d", "\ufeff", "\u200e", "\u200f", "\u061c", "\u180e"]
CONTROLS = ["\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J", "\x9b31m", "\x85", "\x00", "\x08", "\x0c", "\r",
            "\x7f", "\u202e", "\u2066", "\u2028", "\ud7ff", "\U0001f600", "\x1b"]


def nesting(suffix: str, depth: int) -> str:
    """Deep nesting in the file's own syntax."""
    if suffix == ".html":
        return "<div><ul><li><blockquote>" * depth + "nested clause text" + "</blockquote></li></ul></div>" * depth
    if suffix == ".md":
        return "\n" + "".join(f"{'  ' * i}- item {i}\n" for i in range(depth)) + "\n" + ">" * depth + " quoted\n"
    return "\n" + "".join(f"{'  ' * i}({chr(97 + i % 26)}) clause {i}\n" for i in range(depth)) + "\n"


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str, str]:
    """(base file, its window, the window mutated)."""
    base = draw(st.sampled_from(BASES))
    text = base.read_text(encoding="utf-8")
    start = draw(st.integers(0, max(0, len(text) - WINDOW)))
    window = text[:WINDOW] if base.suffix == ".html" else text[start:start + WINDOW]  # HTML keeps its <main>
    result = window
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(result)))
        kind = draw(st.sampled_from(["invisible", "control", "nesting", "long-line", "number", "cut", "double",
                                     "unicode"]))
        if kind == "invisible":
            insert = "".join(draw(st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=4)))
        elif kind == "control":
            insert = draw(st.sampled_from(CONTROLS))
        elif kind == "nesting":
            insert = nesting(base.suffix, draw(st.integers(10, 400)))
        elif kind == "long-line":
            insert = draw(st.sampled_from(["word ", "x", "we do not sell ", "(30) days, ", "|", "**"])) * \
                draw(st.integers(500, 8_000))
        elif kind == "number":
            insert = "9" * draw(st.integers(20, 2_000))
        elif kind == "unicode":
            insert = draw(st.text(min_size=1, max_size=20))
        elif kind == "cut":
            result = result[:at] + result[at + draw(st.integers(0, 2_000)):]
            continue
        else:
            end = min(len(result), at + draw(st.integers(1, 1_500)))
            insert = result[at:end]
        result = result[:at] + insert + result[at:]
    return base, window, result


COMMANDS = [
    ["show", "{new}"], ["show", "{new}", "--format", "json"], ["lint", "{new}"], ["lint", "{new}", "--format", "json"],
    *[["diff", "{old}", "{new}", "--format", fmt] for fmt in ("text", "markdown", "json", "unified", "html")],
    ["diff", "{new}", "{old}", "--material-only", "--context", "2"], ["check", "{old}", "{new}"],
    *[["notice", "{old}", "{new}", "--force", "--format", fmt] for fmt in ("text", "markdown", "html", "eml")],
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.data_too_large])
@given(case=mutated(), command=st.sampled_from(COMMANDS))
def test_every_command_succeeds_or_fails_with_one_line(case: tuple[Path, str, str], command: list[str],
                                                       scratch: Path) -> None:
    base, window, text = case
    old, new = scratch / f"old{base.suffix}", scratch / f"new{base.suffix}"
    old.write_text(window, encoding="utf-8", newline="")
    new.write_bytes(text.encode("utf-8", "surrogatepass"))
    argv = [part.format(old=old, new=new) for part in command]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    stdout, stderr = out.getvalue(), err.getvalue()
    assert "internal error" not in stderr and "Traceback" not in stderr, (argv, stderr)
    if code == 2:
        assert stdout == "" and stderr.count("\n") == 1 and stderr.startswith("policydiff: error: "), (argv, stderr)
    else:
        assert code in (0, 1) and stdout, (argv, code, stderr)
        problems = [line for line in stderr.splitlines()
                    if not line.startswith(("policydiff: warning: ", "policydiff: applied "))]
        assert not problems, (argv, stderr)
    assert not unsafe_characters(stdout, allow_crlf="eml" in command), (argv, unsafe_characters(stdout)[:5])
    assert not unsafe_characters(stderr), (argv, stderr)


@pytest.fixture(scope="module")
def binaries(scratch: Path) -> dict[str, bytes]:
    """A small Word file and a small PDF, to mutate byte by byte."""
    from .test_hostile_files import pdf, word_file

    return {".docx": word_file(), ".pdf": pdf(b"BT /F1 12 Tf 72 712 Td (We do not sell your data.) Tj ET")}


@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                               HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".docx", ".pdf"]), edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8),
                                                                           st.integers(0, 64)), min_size=1, max_size=6))
def test_a_mutated_word_file_or_pdf_is_read_or_refused_in_one_line(suffix: str, edits: list[tuple[float, bytes, int]],
                                                                  binaries: dict[str, bytes], scratch: Path) -> None:
    data = bytearray(binaries[suffix])
    for where, insert, cut in edits:  # overwrite, insert or cut bytes anywhere, the magic bytes included
        at = int(where * len(data))
        data[at:at + cut] = insert
    path = scratch / f"mutated{suffix}"
    path.write_bytes(bytes(data))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["show", str(path)])
    stderr = err.getvalue()
    assert code in (0, 2) and "internal error" not in stderr, stderr
    assert (code == 0 and stderr == "") or (stderr.count("\n") == 1 and stderr.startswith("policydiff: error: ")), stderr
