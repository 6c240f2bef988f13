"""The rules as a value and as a registry: named rules in a declared order, cues and reason codes as data."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from policydiff.api import diff, diff_documents
from policydiff.classify.edit_rules import EDIT_RULES, explain_edit
from policydiff.classify.edits import Edit
from policydiff.classify.findings import Finding, Rule, run_rules
from policydiff.classify.presence import PRESENCE_RULES, Presence, explain_presence
from policydiff.classify.rules import Rules, default_rules
from policydiff.config import parse_config
from policydiff.model import Clause
from policydiff.parse import parse_text

from .conftest import ROOT

OLD = "Policy\n1. Copilot\nThe copilot drafts replies for agents. Approved by counsel Jane Doe.\n"
NEW = "Policy\n1. Copilot\nThe copilot drafts replies for your agents. Approved by counsel Jane Doe.\n"


def team(table: dict[str, object]) -> Rules:
    return Rules.from_config(parse_config(table, "policydiff.toml", ""))


def edit(old: str, new: str, categories: tuple[str, ...] = (), rules: Rules | None = None) -> Edit:
    return Edit.between("modified", old, new, categories, rules or default_rules())


def test_two_diffs_with_different_rules_side_by_side() -> None:
    old, new = parse_text(OLD), parse_text(NEW)
    strict = team({"material_categories": ["ai"], "categories": {"ai": {"heading": ["copilot"]}}})
    default = diff_documents(old, new)
    teams = diff_documents(old, new, rules=strict)
    again = diff_documents(old, new)
    assert [c.material for c in teams.changes] == [True]
    assert [c.material for c in default.changes] == [c.material for c in again.changes] == [False]
    assert "category-material" in [r.code for r in teams.changes[0].reasons]
    assert "ai" in teams.changes[0].categories and "ai" not in default.changes[0].categories


def test_rules_are_immutable_and_extra_cues_are_the_teams_only() -> None:
    rules = team({"cues": {"purpose": ["syndicate"]}})
    with pytest.raises(AttributeError):
        rules.material_categories = ("ai",)  # type: ignore[misc]
    with pytest.raises(TypeError):
        rules.terms["purpose"] = re.compile("x")  # type: ignore[index]
    assert rules.terms["purpose"].search("we syndicate your data")
    assert not default_rules().terms["purpose"].search("we syndicate your data")


def test_edit_rules_have_unique_names_in_a_declared_order() -> None:
    names = [rule.name for rule in EDIT_RULES]
    assert len(set(names)) == len(names) and names[0] == "formatting" and names[-1] == "rewording"
    assert [rule.name for rule in EDIT_RULES if rule.ends] == ["formatting", "typo", "date", "definition", "defined-term", "contact", "link"]
    assert [rule.name for rule in EDIT_RULES if rule.unexplained_only] == ["contact", "link", "rewording"]
    assert len({rule.name for rule in PRESENCE_RULES}) == len(PRESENCE_RULES)
    assert PRESENCE_RULES[-1].name == "clause" and PRESENCE_RULES[-1].unexplained_only


def rule(name: str) -> Rule[Edit]:
    return next(rule for rule in EDIT_RULES if rule.name == name)


def test_one_rule_alone() -> None:
    finding = Finding(default_rules())
    assert rule("typo").run(edit("We recieve your request.", "We receive your request."), finding)  # it ends
    assert [(r.code, r.severity) for r in finding.reasons] == [("typo", "editorial")]
    finding = Finding(default_rules())
    assert not rule("duration").run(edit("Kept for 30 days.", "Kept for 90 days."), finding)  # it does not end
    assert [r.code for r in finding.reasons] == ["duration-changed"] and finding.direction == "expands"


def test_an_ending_rule_stops_the_rules_after_it() -> None:
    seen: list[str] = []

    def note(name: str) -> Rule[Edit]:
        return Rule(name, lambda _edit, finding: (seen.append(name), finding.add("date", name))[0], ends=name == "b")

    run_rules((note("a"), note("b"), note("c")), edit("a", "b"), Finding(default_rules()))
    assert seen == ["a", "b"]


def test_a_fallback_runs_only_when_nothing_explained_the_edit() -> None:
    finding = run_rules(EDIT_RULES, edit("We will keep it for 30 days.", "We will keep it for 60 days."),
                        Finding(default_rules()))
    assert "rewording" not in [r.code for r in finding.reasons] and "substantive-rewording" not in [
        r.code for r in finding.reasons]
    fallback = rule("rewording")
    explained = Finding(default_rules())
    explained.add("date", "already explained")
    assert not fallback.run(edit("the cat", "a cat"), explained) and len(explained.reasons) == 1
    assert [r.code for r in explain_edit(edit("We help the cat.", "We help a cat.")).reasons] == ["rewording"]


def test_presence_rules() -> None:
    row = Clause("3/row-2", "table-row", "Acme Ads Inc. | usage data | advertising", cells=("Acme", "usage", "ads"))
    finding = explain_presence(Presence("added", row, row.text, ("sharing",), default_rules()))
    assert [r.code for r in finding.reasons] == ["purpose-added", "recipient-added"] and finding.consent
    contact = Clause("9/p1", "paragraph", "Write to privacy@example.com.")
    assert [r.code for r in explain_presence(Presence("removed", contact, contact.text, ("contact",),
                                                      default_rules())).reasons] == ["contact-changed"]


def rules_toml() -> dict[str, object]:
    return tomllib.loads(files("policydiff.classify").joinpath("rules.toml").read_text(encoding="utf-8"))


RULE_MODULES = ("__init__", "categories", "context", "direction", "edit_rules", "edits", "findings", "notice_rule",
                "presence", "recipients", "renames", "residual", "terms", "wording")
"""The modules of the materiality rules (durations.py and xrefs.py are readers of periods and references)."""


def test_every_cue_and_word_list_is_data_in_rules_toml() -> None:
    folder = ROOT / "policydiff" / "classify"
    sources = "\n".join((folder / f"{name}.py").read_text(encoding="utf-8") for name in RULE_MODULES)
    table = rules_toml()
    for name in [*table["cues"], *table["words"]]:  # type: ignore[misc]
        assert f'"{name}"' in sources, f"rules.toml names {name!r}, but no rule reads it"
    for pattern in re.findall(r"re\.(?:compile|search|match|findall|sub)\(r\"([^\"]+)", sources):
        assert not re.search(r"[a-z]{3,}\|[a-z]{3,}\|[a-z]{3,}", pattern), f"a cue list left in code: {pattern}"


def readme_rows() -> list[tuple[list[str], str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| code | severity | when |"):]
    rows = []
    for line in table[:table.index("\n\n")].splitlines()[2:]:
        codes, severity, when = (cell.strip() for cell in line.strip().strip("|").split(" | "))
        rows.append((re.findall(r"`([a-z-]+)`", codes), severity, when))
    return rows


def test_readmes_materiality_table_is_the_reason_registry() -> None:
    registry = default_rules().reasons
    listed = readme_rows()
    assert [code for codes, _, _ in listed for code in codes] == list(registry)
    for codes, severity, when in listed:
        for code in codes:
            assert (registry[code].severity, registry[code].when) == (severity, when), code


def test_every_reason_a_corpus_diff_gives_is_registered() -> None:
    registry = default_rules().reasons
    for folder in sorted(p for p in (ROOT / "corpus").iterdir() if p.is_dir()):
        versions = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html"))
        for old, new in zip(versions, versions[1:]):
            for change in diff(Path(old), Path(new)).changes:
                for reason in change.reasons:
                    assert registry[reason.code].severity == reason.severity


def test_no_source_file_holds_a_control_character() -> None:
    """A pattern written as "\\bfrom" in a string that is not raw holds a backspace, and silently never
    matches: no source or rules file of the package may hold a control character but tab and newline."""
    package = Path(__file__).resolve().parent.parent / "policydiff"
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
    bad = [str(path.relative_to(package)) for path in sorted(package.rglob("*"))
           if path.suffix in (".py", ".toml", ".txt", ".md", ".json") and control.search(path.read_text(encoding="utf-8"))]
    assert bad == []


def test_patterns_compile_on_first_read_to_what_eager_compiling_gave() -> None:
    """Every cue, term class and category pattern is compiled when a rule first reads it, to the
    pattern compiling it up front gave; a Rules that travels to a worker compiles the same."""
    import pickle

    from policydiff.classify.rules import Patterns, cue_pattern, package_table

    data = package_table()
    for rules in (default_rules(), pickle.loads(pickle.dumps(default_rules())),
                  team({"cues": {"purpose": ["syndicate"]}, "categories": {"ai": {"text": ["copilot"]}}})):
        assert list(rules.cues) == list(data["cues"])
        for name, source in data["cues"].items():
            assert rules.cue(name) == re.compile(source)
        for name, cues in data["terms"].items():
            extra = ["syndicate"] if name == "purpose" and "syndicate" in rules.terms[name].pattern else []
            assert rules.terms[name] == cue_pattern([*cues, *extra])
        for category in rules.categories:
            spec = data["categories"][category.code]
            assert category.heading == cue_pattern(spec["heading"])
            extra = ["copilot"] if category.code == "ai" and "copilot" in category.text.pattern else []
            assert category.text == cue_pattern([*spec["text"], *extra])
    compiled: list[str] = []

    def counting(source: str) -> re.Pattern[str]:
        compiled.append(source)
        return re.compile(source)

    patterns = Patterns({"a": "a+", "b": "b+"}, counting)
    assert "b" in patterns and len(patterns) == 2 and compiled == []
    assert patterns["a"].fullmatch("aa") and patterns["a"] is patterns["a"] and compiled == ["a+"]
    with pytest.raises(TypeError):
        patterns["c"] = re.compile("c")  # type: ignore[index]
    with pytest.raises(KeyError):
        patterns["c"]


def test_a_period_is_found_in_any_case() -> None:
    """durations() skips the period pattern on text without a unit word: any case of the unit (and the
    Kelvin sign, which the case-insensitive pattern reads as k) still counts."""
    from policydiff.classify.durations import durations

    assert [d.days for d in durations("kept for THIRTY (30) DAYS, then 2 Weeks, then one YEAR")] == [30, 14, 365]
    assert [d.days for d in durations("within two wee\u212as")] == [14]
    assert durations("kept until the account is closed") == []
