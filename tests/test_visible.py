"""Invisible characters cannot hide a material change: every rule reads the words a reader sees.

A zero-width space inside "ex[U+200B]cept" (or a soft hyphen, word joiner, zero-width non-joiner, byte-order
mark, or a Cyrillic "а" in "pаrtners") must not turn a new sale of data into an editorial edit that
`check` passes; a change of such characters alone is one minor entry; bidi controls in the new text
are a defect of the version.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.cli import main
from policydiff.parse.visible import FORMAT, visible

from .conftest import CORPUS

BASE = CORPUS / "brightdesk-privacy" / "v2.0.md"
PLAIN = "We do not sell your personal information."
SALE = "We do not sell your personal information, except to our advertising partners."


def edited(tmp_path: Path, sentence: str, name: str = "new.md") -> Path:
    text = BASE.read_text(encoding="utf-8")
    assert PLAIN in text
    path = tmp_path / name
    path.write_text(text.replace(PLAIN, sentence), encoding="utf-8")
    return path


def test_the_format_characters_are_unicodes_category_cf() -> None:
    listed = {chr(code) for code in range(sys.maxunicode + 1) if FORMAT.match(chr(code))}
    cf = {chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"}
    assert listed == cf


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u2060", "\u200c", "\ufeff"],
                         ids=["zero-width-space", "soft-hyphen", "word-joiner", "zwnj", "bom"])
def test_hidden_characters_inside_words_do_not_hide_a_sale(tmp_path: Path, hidden: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    disguised = SALE.replace("except", f"ex{hidden}cept").replace("advertising", f"adver{hidden}tising") \
        .replace("partners", f"part{hidden}ners")
    changes = diff(BASE, edited(tmp_path, disguised)).changes
    plain = diff(BASE, edited(tmp_path, SALE, "plain.md")).changes
    assert len(changes) == len(plain) == 1
    change, expected = changes[0], plain[0]
    assert change.material and change.consent and change.direction == "expands"
    assert [r.code for r in change.reasons if r.severity == "material"] == \
           [r.code for r in expected.reasons if r.severity == "material"]
    assert "invisible-changed" in [r.code for r in change.reasons]
    assert change.new is not None and hidden not in change.new.text
    assert main(["check", str(BASE), str(tmp_path / "new.md")]) == 1
    out = capsys.readouterr().out
    assert "consent required" in out and hidden not in out


def test_look_alike_letters_of_another_script_are_read_as_the_latin_ones(tmp_path: Path) -> None:
    disguised = SALE.replace("advertising partners", "аdvertising pаrtners")  # Cyrillic а (U+0430)
    assert disguised != SALE
    change = diff(BASE, edited(tmp_path, disguised)).changes[0]
    assert change.material and change.consent
    assert change.new is not None and "advertising partners" in change.new.text
    assert "look-alike" in next(r.detail for r in change.reasons if r.code == "invisible-changed")


def test_text_of_another_script_is_left_as_written() -> None:
    for text in ("Политика конфиденциальности", "Πολιτική απορρήτου", "個人情報保護方針", "sécurité à été"):
        assert visible(text) == text
    assert visible("Our pаrtners") == "Our partners"
    assert visible("Our раrtnеrs") == "Our partners", "a word of look-alikes alone, among Latin text"


def test_a_change_of_invisible_characters_alone_is_one_minor_entry_listed_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(tmp_path, PLAIN.replace("personal", "per\u200bsonal"))
    result = diff(BASE, new)
    assert result.changes == (), "the same words: no term changed"
    assert [(c.kind, c.severity, [r.code for r in c.reasons]) for c in result.structure] == \
           [("modified", "minor", ["invisible-changed"])]
    assert result.structure[0].reasons[0].detail == "invisible characters changed: 1 × U+200B ZERO WIDTH SPACE added"
    assert main(["check", str(BASE), str(new)]) == 0
    assert "no material change" in capsys.readouterr().out
    assert main(["diff", str(BASE), str(new)]) == 0
    out = capsys.readouterr().out
    assert "invisible characters changed: 1 × U+200B ZERO WIDTH SPACE added, the words unchanged (3/p1)" in out
    assert "\u200b" not in out


def test_quote_styles_are_not_invisible_characters(tmp_path: Path) -> None:
    old = edited(tmp_path, "We do not sell anyone's personal information\u2060.", "old.md")
    new = edited(tmp_path, "We do not sell anyone\u2019s personal information\u2060.", "new.md")
    result = diff(old, new)
    assert result.changes == () and result.structure == (), "the same word joiner: nothing to say"


def test_bidi_controls_in_the_new_text_are_a_defect(tmp_path: Path) -> None:
    new = edited(tmp_path, PLAIN.replace("sell", "\u202ells\u202ces"))  # U+202E shows what follows reversed
    result = diff(BASE, new)
    defects = [d for d in result.defects if d.code == "hidden-characters"]
    assert len(defects) == 1 and "U+202E RIGHT-TO-LEFT OVERRIDE" in defects[0].detail
    assert "\u202e" not in defects[0].quote
