"""`history` from the cache: the same events as computing every version afresh, on a real git repository.

The cache (store/cache.py) keeps each version's clause tree and each consecutive pair's steps under
.git/policydiff/cache/, keyed by blob id and by the fingerprint of policydiff's code. These tests
record a real history, then check that a cold call, a warm call and a call after more versions
agree with the plain computation; that a warm call parses nothing; that a new version costs one
parse and one diff; that changed code never reads the old entries; and that a damaged entry is only
a miss.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from policydiff import __version__
from policydiff.cli import main
from policydiff.commands import history
from policydiff.model import Diff
from policydiff.store import cache as cache_module

from .conftest import CORPUS

BRIGHTDESK = [CORPUS / "brightdesk-privacy" / f"v{v}.md" for v in ("1.0", "1.1", "2.0", "2.1")]
GIT_ENV = {"GIT_AUTHOR_NAME": "Counsel", "GIT_AUTHOR_EMAIL": "counsel@example.invalid",
           "GIT_COMMITTER_NAME": "Counsel", "GIT_COMMITTER_EMAIL": "counsel@example.invalid"}
CLAUSES = ("11/p2", "3/p1", "1", "7/p2", "12", "2/item-1")


@pytest.fixture(autouse=True)
def pinned_author(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


@pytest.fixture
def repo(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "policies"
    run(capsys, "init", str(root))
    monkeypatch.chdir(root)
    for path in BRIGHTDESK[:3]:
        run(capsys, "add", "privacy", str(path))
    return root


def plain_history(repo: Path, clause: str) -> list[history.Event]:
    """What `history` computed before the cache: every version parsed, every pair diffed, searched in order."""
    from policydiff.api import diff_documents
    from policydiff.parse import parse_source
    from policydiff.read import read_bytes
    from policydiff.store.repo import PolicyRepository

    store = PolicyRepository.open(repo)
    records = store.versions("privacy")
    documents = [parse_source(read_bytes(store.read("privacy", r), name=f"privacy@{r.version}", suffix=".md"))
                 for r in records]

    def step(diff: Diff, clause_id: str, new: bool) -> history.Step:
        for match in diff.matches:
            here, other = (match.new, match.old) if new else (match.old, match.new)
            if here is None or here.id != clause_id:
                continue
            if match.kind == "unchanged":
                assert other is not None
                return None if other.id == here.id else ("renumbered", other.id, False, f"id {here.id} ↔ {other.id}")
            change = next((c for c in (*diff.changes, *diff.structure) if c.match is match), None)
            detail = "; ".join(r.detail for r in change.reasons) if change else "with its section"
            return (match.kind, other.id if other else None, bool(change and change.material), detail)
        return None

    holder = next(i for i in range(len(documents) - 1, -1, -1) if documents[i].find(clause))
    events: list[history.Event] = []
    current = clause
    for index in range(holder, 0, -1):
        change = step(diff_documents(documents[index - 1], documents[index]), current, True)
        if change is None:
            continue
        events.append(history._event(records[index], change[0], current, change[3], change[2]))
        if change[1] is None:
            break
        current = change[1]
    else:
        events.append(history._event(records[0], "appeared", current, "in the first recorded version", False))
    events.reverse()
    current = clause
    for index in range(holder + 1, len(documents)):
        change = step(diff_documents(documents[index - 1], documents[index]), current, False)
        if change is None:
            continue
        events.append(history._event(records[index], change[0], change[1] or current, change[3], change[2]))
        if change[1] is None:
            break
        current = change[1]
    return events


def cached(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / ".git" / "policydiff" / "cache").rglob("*") if p.is_file())


class Counter:
    """Counts the parses and diffs `history` does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import policydiff.api
        import policydiff.parse

        self.parses = self.diffs = 0
        parse, compare = policydiff.parse.parse_source, policydiff.api.diff_documents

        def counted_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.parses += 1
            return parse(*args, **kwargs)

        def counted_diff(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.diffs += 1
            return compare(*args, **kwargs)

        monkeypatch.setattr(policydiff.parse, "parse_source", counted_parse)
        monkeypatch.setattr(policydiff.api, "diff_documents", counted_diff)


def test_cold_warm_and_grown_histories_match_the_plain_computation(
        repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from policydiff.store.repo import PolicyRepository

    store = PolicyRepository.open(repo)
    expected = {clause: plain_history(repo, clause) for clause in CLAUSES}
    assert not cached(repo)
    for clause in CLAUSES:
        assert history.clause_history(store, "privacy", clause) == expected[clause]  # cold, then warming
    assert cached(repo)
    assert subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout == "", "the cache is in .git, never in the work tree"
    with monkeypatch.context() as patched:
        counter = Counter(patched)
        for clause in CLAUSES:
            assert history.clause_history(store, "privacy", clause) == expected[clause]
    assert (counter.parses, counter.diffs) == (0, 0), "a warm history parses and diffs nothing"
    run(capsys, "add", "privacy", str(BRIGHTDESK[3]))
    grown = {clause: plain_history(repo, clause) for clause in CLAUSES}
    with monkeypatch.context() as patched:
        counter = Counter(patched)
        for clause in CLAUSES:
            assert history.clause_history(store, "privacy", clause) == grown[clause]
    assert (counter.parses, counter.diffs) == (1, 1), "a new version costs its own parse and one pair"


def test_the_command_prints_the_same_with_and_without_the_cache(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cold = run(capsys, "history", "privacy", "11/p2", "--format", "json")
    warm = run(capsys, "history", "privacy", "11/p2", "--format", "json")
    for entry in cached(repo):
        entry.unlink()
    assert cold == warm == run(capsys, "history", "privacy", "11/p2", "--format", "json")


def test_changed_code_reads_none_of_the_old_entries(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser change (here: every paragraph read in capitals) must not be answered from trees parsed
    before it: the code fingerprint is part of the key, and the old folder is deleted."""
    from policydiff.store.repo import PolicyRepository

    store = PolicyRepository.open(repo)
    history.clause_history(store, "privacy", "11/p2")
    old_folders = {p.parent.parent for p in cached(repo)}
    assert len(old_folders) == 2  # the trees (and ids), the steps
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda roots: "changed-parser")
    counter = Counter(monkeypatch)
    events = history.clause_history(store, "privacy", "11/p2")
    assert counter.parses == 3 and counter.diffs == 2, "nothing is read from what the old code computed"
    assert events == plain_history(repo, "11/p2")
    assert {p.parent.parent.name for p in cached(repo)} == {f"v{cache_module.CACHE_FORMAT}-changed-parser"}
    assert not any(folder.exists() for folder in old_folders)


def test_the_fingerprint_follows_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind of entry follows the code that computes it: a changed rule re-diffs the pairs but keeps
    the trees, a changed parser both, and code neither runs (the review screen, a notice template) none."""
    assert cache_module.VERSION == __version__
    kinds = (cache_module.TREE_CODE, cache_module.STEP_CODE)
    fingerprints = [cache_module.code_fingerprint(roots) for roots in kinds]
    assert fingerprints == [cache_module.code_fingerprint.__wrapped__(roots) for roots in kinds]
    assert fingerprints[0] != fingerprints[1]
    package = Path(cache_module.__file__).resolve().parent.parent
    copy = tmp_path / "policydiff"
    subprocess.run(["cp", "-r", str(package), str(copy)], check=True)
    monkeypatch.setattr(cache_module, "__file__", str(copy / "store" / "cache.py"))

    def now() -> list[str]:
        return [cache_module.code_fingerprint.__wrapped__(roots) for roots in kinds]

    assert now() == fingerprints
    for unused in ("tui/app.py", "notice/templates/email.txt.j2", "commands/log.py", "store/lock.py"):
        (copy / unused).write_text((copy / unused).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert now() == fingerprints, "code the cached entries never run does not discard them"
    rules = copy / "classify" / "rules.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    changed = now()
    assert changed[0] == fingerprints[0] and changed[1] != fingerprints[1]
    markdown = copy / "parse" / "markdown_tree.py"
    markdown.write_text(markdown.read_text(encoding="utf-8") + "\n# a changed reader\n", encoding="utf-8")
    assert all(a != b for a, b in zip(now(), changed))
    for module in ("align/order.py", "model.py", "api.py"):  # reached through imports, not named
        before = now()
        (copy / module).write_text((copy / module).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        assert now()[1] != before[1], module


def test_a_changed_rule_re_diffs_every_pair_and_parses_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policydiff.store.repo import PolicyRepository

    store = PolicyRepository.open(repo)
    expected = history.clause_history(store, "privacy", "11/p2")
    real = cache_module.code_fingerprint
    monkeypatch.setattr(cache_module, "code_fingerprint",
                        lambda roots: real(roots) + ("-new-rule" if roots == cache_module.STEP_CODE else ""))
    counter = Counter(monkeypatch)
    assert history.clause_history(store, "privacy", "11/p2") == expected
    assert (counter.parses, counter.diffs) == (0, 2)
    assert len({p.parent.parent.name for p in cached(repo)}) == 2, "the old steps are deleted, the trees kept"


def test_a_warm_history_of_fifty_versions_reads_every_pair_from_the_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """However many versions: once every pair is cached, `history` parses no version and diffs no pair."""
    from policydiff.parse import parse_text
    from policydiff.store.repo import PolicyRepository

    root = tmp_path / "policies"
    run(capsys, "init", str(root))
    monkeypatch.chdir(root)
    text = BRIGHTDESK[0].read_text(encoding="utf-8")
    assert "30 days" in text
    for index in range(50):
        version = tmp_path / f"v{index}.md"
        version.write_text(text.replace("30 days", f"{30 + index} days"), encoding="utf-8")
        run(capsys, "add", "privacy", str(version), "--version", f"{index + 1}.0")
    store = PolicyRepository.open(root)
    clause = next(c.id for c in parse_text(text, "markdown").body() if "30 days" in c.full_text)
    cold = history.clause_history(store, "privacy", clause)
    assert len(cold) == 50
    entries = {kind: {p.name for p in cached(root) if p.parent.name == kind} for kind in ("trees", "ids", "steps")}
    assert len(entries["trees"]) == len(entries["ids"]) == 50 and len(entries["steps"]) == 49
    counter = Counter(monkeypatch)
    assert history.clause_history(store, "privacy", clause) == cold
    assert (counter.parses, counter.diffs) == (0, 0), "a warm history of 50 versions parses and diffs nothing"


def test_a_damaged_entry_is_a_miss(repo: Path) -> None:
    from policydiff.store.repo import PolicyRepository

    store = PolicyRepository.open(repo)
    expected = history.clause_history(store, "privacy", "3/p1")
    for entry in cached(repo):
        entry.write_bytes(entry.read_bytes()[:7])
    assert history.clause_history(store, "privacy", "3/p1") == expected
    assert history.clause_history(store, "privacy", "3/p1") == expected  # rewritten whole
