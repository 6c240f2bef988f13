"""`policydiff show` through the CLI: outline, JSON contract, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policydiff.cli import main

from .conftest import CORPUS

POLICY = "Privacy Policy\nEffective Date: March 1, 2026\n1. Data We Collect\n- Account data. Your name.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_show_outline_lists_ids_kinds_and_headings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", str(CORPUS / "tallyhq-terms" / "v3.0.txt"), "--width", "120")
    assert code == 0 and err == ""
    assert out.startswith("TallyHQ Terms of Service — text, 14 top-level sections")
    assert "version 3.0 · effective 2025-04-01 · last updated 2025-03-01" in out
    assert any(line.startswith("7.3 ") or line.strip().startswith("7.3  ") for line in out.splitlines())
    assert "  8/item-1" in out and "(a) We will tell you" in out


def test_show_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", str(CORPUS / "brightdesk-privacy" / "v1.0.md"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "policydiff.tree/1"
    assert data["metadata"]["effective_date"] == "2025-03-03"
    assert data["metadata"]["last_updated"] == "2025-02-10"
    assert data["metadata"]["version"] == "1.0"
    assert data["metadata"]["supersedes"] is None
    section = next(c for c in data["clauses"] if c["id"] == "3")
    assert set(section) >= {"id", "number", "heading", "kind", "label", "text", "lines", "children"}
    assert section["kind"] == "section" and section["heading"] == "How We Share Your Information"
    row = next(c for c in section["children"] if c["id"] == "3/row-1")
    assert row["kind"] == "table-row" and row["cells"][0] == "Cloud hosting provider"
    first, last = row["lines"]
    assert 1 <= first <= last


def test_show_says_when_no_structure_was_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "note.txt"
    path.write_text("we keep your data safe and we do not sell it.\nyou can ask us to delete it at any time.\n\n"
                    "that is all there is to say about it.\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert "note: no structure detected" in out
    code, out, _ = run(capsys, "show", str(path), "--format", "json")
    data = json.loads(out)
    assert data["structured"] is False
    assert [c["kind"] for c in data["clauses"]] == ["paragraph", "paragraph", "paragraph"]


BAD_INPUTS = {
    "missing": (None, "no such file"),
    "directory": ("DIR", "is a directory"),
    "empty": (b"", "file is empty"),
    "blank": (b"  \n\n \t\n", "file is empty"),
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00" * 20, "binary file"),
    "unsupported": (b"PK\x03\x04 spreadsheet", "unsupported format"),
    "undecodable": ("Caf\u00e9 policy \u2014 ".encode() + b"\xff\xfe\xfa broken" + " \u201cquoted\u201d".encode(),
                    "undecodable bytes"),
    "fake-pdf": (b"this is not a pdf at all", "not a valid PDF"),
}
SUFFIX = {"unsupported": ".xlsx", "fake-pdf": ".pdf"}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, expected = BAD_INPUTS[case]
    path = tmp_path / f"{case}{SUFFIX.get(case, '.txt')}"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "show", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("policydiff: error: ")
    assert str(path) in err and expected in err


def test_file_over_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_text(POLICY * 2000, encoding="utf-8")
    code, _, err = run(capsys, "show", str(path), "--max-size", "0.05")
    assert code == 2 and "over the 0.1 MB limit" in err or "limit" in err
    assert err.count("\n") == 1
    code, _, _ = run(capsys, "show", str(path), "--max-size", "5")
    assert code == 0


def test_bad_input_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "policydiff", "show", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"policydiff: error: {path}: file is empty"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["show", "x.txt", "--format", "yaml"])
    assert exit_info.value.code == 2


def test_hostile_text_cannot_drive_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("Policy\n1. Data\nWe \x1b[2J\x1b]0;pwned\x07collect \u202eelif\u202c data.\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
