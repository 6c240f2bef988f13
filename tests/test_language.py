"""A policy in another language is said to be so, and no English cue fires on it.

policydiff's rules read English. A German clause that happens to hold English words ("Advertising
Partners") must not be judged by them, and its rewording must not pass as editorial either: it is
listed as not read (`unread-language`), except that a changed number (a period, an amount) is material.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydiff.api import diff
from policydiff.cli import main
from policydiff.parse import parse_file, parse_text
from policydiff.parse.language import detect

from .conftest import CORPUS

GERMAN_OLD = """# Datenschutzerklärung der Beispiel GmbH

Zuletzt aktualisiert: 1. März 2026

## 1. Welche Daten wir erheben

Wir erheben die Daten, die Sie uns bei der Registrierung mitteilen, und die Daten, die bei der Nutzung
unserer Dienste anfallen.

## 2. Wie lange wir Daten speichern

Wir speichern Protokolldaten für 30 Tage und löschen sie danach automatisch.

## 3. Änderungen dieser Erklärung

Wir informieren Sie mindestens 30 Tage vor dem Inkrafttreten einer wesentlichen Änderung per E-Mail.
"""

GERMAN_NEW = GERMAN_OLD.replace("für 30 Tage", "für 90 Tage").replace(
    "und die Daten, die bei der Nutzung\nunserer Dienste anfallen.",
    "und die Daten, die bei der Nutzung\nunserer Dienste und unserer Apps anfallen.") + """
## 4. Weitergabe

Wir geben Nutzungsdaten an unsere Advertising Partners weiter, damit diese Ihnen Werbung zeigen können.
"""


@pytest.mark.parametrize(("text", "code"), [
    ("We do not sell your personal information. You can contact us at any time to use your rights.", "en"),
    ("Nous ne vendons pas vos données personnelles. Vous pouvez nous contacter à tout moment.", "fr"),
    ("Wir verkaufen Ihre personenbezogenen Daten nicht. Sie können uns jederzeit kontaktieren.", "de"),
    ("No vendemos sus datos personales. Usted puede contactarnos en cualquier momento para ejercer sus derechos.", "es"),
    ("Non vendiamo i tuoi dati personali. Puoi contattarci in qualsiasi momento per esercitare i tuoi diritti.", "it"),
    ("Não vendemos os seus dados pessoais. Você pode nos contatar a qualquer momento para exercer os seus direitos.", "pt"),
    ("Wij verkopen uw persoonsgegevens niet. U kunt op elk moment contact met ons opnemen voor uw rechten.", "nl"),
    ("我们不会出售您的个人信息。您可以随时联系我们。", "zh"),
    ("当社はお客様の個人情報を販売しません。いつでもお問い合わせください。", "ja"),
    ("Мы не продаем ваши персональные данные. Вы можете связаться с нами в любое время.", "ru"),
    ("We share data with Société Générale, Deutsche Bank and Banco de España under the agreement.", "en"),
    ("Short heading", "en"),
])
def test_the_language_of_a_text(text: str, code: str) -> None:
    assert detect([text]) == code


def test_every_corpus_policy_is_english() -> None:
    for path in sorted(CORPUS.glob("*/*.*")):
        if path.suffix in (".md", ".txt", ".html"):
            assert parse_file(path).language == "en", path


def test_a_german_policy_is_said_to_be_german_and_read_only_for_numbers_and_structure(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "alt.md", tmp_path / "neu.md"
    old.write_text(GERMAN_OLD, encoding="utf-8")
    new.write_text(GERMAN_NEW, encoding="utf-8")
    assert parse_text(GERMAN_OLD, "markdown").language == "de"
    result = diff(old, new)
    verdicts = {(c.new or c.old).id: (c.material, [r.code for r in c.reasons]) for c in result.changes}  # type: ignore[union-attr]
    assert verdicts["2/p1"] == (True, ["numbers-changed"]), "30 Tage → 90 Tage: a number changed"
    assert verdicts["1/p1"] == (False, ["unread-language"]), "reworded, not read"
    assert verdicts["4"] == (False, ["unread-language"]), "no English cue fires on “Advertising Partners”"
    assert not any(c.consent for c in result.changes)
    detail = next(r.detail for c in result.changes for r in c.reasons if r.code == "numbers-changed")
    assert detail == "numbers changed: 30 → 90 (in German; the words are not read)"

    assert main(["diff", str(old), str(new)]) == 0
    assert "language: written in German: policydiff's rules read English" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["language"] == data["new"]["language"] == "de"
    main(["check", str(old), str(new)])
    assert "language: written in German" in capsys.readouterr().out
    assert main(["diff", str(CORPUS / "brightdesk-privacy" / "v2.0.md"), str(CORPUS / "brightdesk-privacy" / "v2.1.md"),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["language"] == data["new"]["language"] == "en"


def test_an_english_clause_in_an_english_policy_is_still_read(tmp_path: Path) -> None:
    base = (CORPUS / "brightdesk-privacy" / "v2.0.md").read_text(encoding="utf-8")
    new = tmp_path / "new.md"
    new.write_text(base.replace("We do not sell your personal information.",
                                "We do not sell your personal information, except to our advertising partners."),
                   encoding="utf-8")
    change = diff(CORPUS / "brightdesk-privacy" / "v2.0.md", new).changes[0]
    assert change.material and change.consent
