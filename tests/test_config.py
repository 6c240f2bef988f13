"""Team configuration: policydiff.toml or [tool.policydiff], applied to the rules, bad keys refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydiff.cli import main
from policydiff.config import find_config

OLD = "Policy\n1. General\nWe review feedback that customers send us. Approved by counsel Jane Doe.\n"
NEW = "Policy\n1. General\nWe review feedback that customers send us. Approved by counsel John Roe.\n"


def write_pair(folder: Path, old: str = OLD, new: str = NEW) -> tuple[str, str]:
    (folder / "old.txt").write_text(old, encoding="utf-8")
    (folder / "new.txt").write_text(new, encoding="utf-8")
    return str(folder / "old.txt"), str(folder / "new.txt")


def test_found_in_pyproject_of_a_parent(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.policydiff]\nmaterial_categories = ["ai"]\n', encoding="utf-8")
    (tmp_path / "legal").mkdir()
    config = find_config(tmp_path / "legal")
    assert config.material_categories == ("ai",) and config.source.endswith("pyproject.toml")


@pytest.mark.parametrize("text,key", [
    ("materiel_categories = []", "materiel_categories: unknown key"),
    ('material_categories = ["ai-ish"]', "material_categories: unknown category 'ai-ish'"),
    ('ignore_patterns = ["(unclosed"]', "ignore_patterns[0]: not a valid regular expression"),
    ("[cues]\nfeelings = ['x']", "cues.feelings: unknown term class"),
    ("[categories.ai]\nbody = ['x']", "categories.ai: must be a table"),
    ("max_size_mb = -1", "max_size_mb: must be a positive number"),
    ("material_categories = 'ai'", "material_categories: must be a list"),
])
def test_bad_configuration_names_the_key(text: str, key: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "policydiff.toml").write_text(text + "\n", encoding="utf-8")
    old, new = write_pair(tmp_path)
    code = main(["diff", old, new, "--config", str(tmp_path / "policydiff.toml")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and key in err and "policydiff.toml" in err


def test_ignore_patterns_make_a_change_editorial(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = write_pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["diff", old, new, "--fail-on", "any"]) == 1
    assert main(["diff", old, new, "--fail-on", "material"]) == 1  # a name changed: material by default
    (tmp_path / "policydiff.toml").write_text('ignore_patterns = ["Approved by counsel [A-Z][a-z]+ [A-Z][a-z]+"]\n',
                                               encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", old, new, "--fail-on", "material", "--format", "json"]) == 0
    (change,) = json.loads(capsys.readouterr().out)["changes"]
    assert [r["code"] for r in change["reasons"]] == ["ignored"] and change["material"] is False


def test_material_categories_and_extra_cues(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = write_pair(tmp_path, "Policy\n1. Copilot\nThe copilot drafts replies for agents.\n",
                          "Policy\n1. Copilot\nThe copilot drafts replies for your agents.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["diff", old, new, "--fail-on", "material"]) == 0  # a rewording, by default
    (tmp_path / "policydiff.toml").write_text('material_categories = ["ai"]\n[categories.ai]\nheading = ["copilot"]\n',
                                               encoding="utf-8")
    capsys.readouterr()
    assert main(["diff", old, new, "--fail-on", "material", "--format", "json"]) == 1
    (change,) = json.loads(capsys.readouterr().out)["changes"]
    assert "ai" in change["categories"] and "category-material" in [r["code"] for r in change["reasons"]]
