"""`policydiff scan`: every consecutive pair of every document of an archive, once, as a dataset.

The archives are built here: a git repository in Open Terms Archive's layout (`<Service>/<Terms
type>.md`, one commit per recorded version, versions of documents interleaved as a crawler records
them) from the corpus's texts and edits of them, and a folder of dated files. The tests run the
command in this process (`--jobs 1`), in a pool of two processes and on a Dask LocalCluster, and
compare the records each gives, leaving out the timing fields.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from policydiff.cli import main
from policydiff.scan.records import TIMING_FIELDS

from .conftest import CORPUS

GIT_ENV = {"GIT_AUTHOR_NAME": "Crawler", "GIT_AUTHOR_EMAIL": "crawler@example.invalid",
           "GIT_COMMITTER_NAME": "Crawler", "GIT_COMMITTER_EMAIL": "crawler@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

PRIVACY = [CORPUS / "brightdesk-privacy" / f"v{v}.md" for v in ("1.0", "1.1", "2.0", "2.1")]
TERMS = [CORPUS / "tallyhq-terms" / f"v{v}.txt" for v in ("3.0", "3.1", "3.2")]
COOKIES = [CORPUS / "harborline-cookies" / f"v{v}.txt" for v in ("1.0", "1.1")]


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def rewrapped(body: str) -> str:
    """The same text with its whitespace changed: a version that differs in bytes, not in any clause."""
    return body.replace(". ", ".  ") + "\n\n"


# (day, repository path, content): the order a crawler recorded them in, one commit each.
HISTORY: list[tuple[str, str, str]] = [
    ("2024-01-05", "BrightDesk/Privacy Policy.md", text(PRIVACY[0])),
    ("2024-01-05", "TallyHQ/Terms of Service.md", text(TERMS[0])),
    ("2024-02-10", "Harborline/Cookie Policy.md", text(COOKIES[0])),
    ("2024-03-01", "BrightDesk/Privacy Policy.md", text(PRIVACY[1])),
    ("2024-03-15", "TallyHQ/Terms of Service.md", text(TERMS[1])),
    ("2024-04-02", "Harborline/Cookie Policy.md", rewrapped(text(COOKIES[0]))),
    ("2024-05-20", "BrightDesk/Privacy Policy.md", text(PRIVACY[2])),
    ("2024-06-30", "TallyHQ/Terms of Service.md", text(TERMS[2])),
    ("2024-07-01", "Harborline/Cookie Policy.md", text(COOKIES[1])),
]
PAIRS = 6
"""Consecutive pairs in HISTORY: 2 per document."""


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, **GIT_ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+00:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+00:00")
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env).stdout.decode()


def record(root: Path, day: str, path: str, content: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    git(root, "add", path)
    git(root, "commit", "-qm", f"Record new changes of {path}", date=day)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The versions repository: three documents, three versions each, and a README that is no document."""
    root = tmp_path_factory.mktemp("versions")
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("# Versions\n\nRecorded by a crawler.\n", encoding="utf-8")
    git(root, "add", "README.md")
    git(root, "commit", "-qm", "Start", date="2024-01-01")
    for day, path, content in HISTORY:
        record(root, day, path, content)
    return root


@pytest.fixture
def grown(archive: Path, tmp_path: Path) -> Path:
    """A clone of the archive, to add versions to."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(archive), str(clone)], check=True, env={**os.environ, **GIT_ENV})
    return clone


def scan(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> tuple[str, str]:
    result = main(["scan", *argv])
    captured = capsys.readouterr()
    assert result == code, captured.err
    return captured.out, captured.err


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def records_written(path: Path) -> list[dict[str, Any]]:
    """The complete lines of a file a killed run left (its last line may be cut short)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.endswith("\n")]


def comparable(rows: list[dict[str, Any]]) -> Counter[str]:
    """The records as a multiset, timing fields left out."""
    return Counter(json.dumps({k: v for k, v in row.items() if k not in TIMING_FIELDS}, sort_keys=True)
                   for row in rows)


def pair_keys(rows: list[dict[str, Any]]) -> Counter[tuple[str, str, str]]:
    return Counter((row["document"], row["old_blob"], row["new_blob"]) for row in rows if row["record"] == "pair")


def expected_pairs(root: Path) -> Counter[tuple[str, str, str]]:
    """Every consecutive pair of every document, from git itself."""
    found: Counter[tuple[str, str, str]] = Counter()
    for path in sorted({path for _, path, _ in HISTORY}):
        commits = git(root, "log", "--reverse", "--format=%H", "--", path).split()
        blobs = [git(root, "rev-parse", f"{commit}:{path}").strip() for commit in commits]
        found.update((path.removesuffix(".md"), old, new) for old, new in zip(blobs, blobs[1:]))
    return found


@pytest.fixture(scope="module")
def serial(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The records of one run in this process (`--jobs 1`)."""
    out = tmp_path_factory.mktemp("serial") / "changes.jsonl"
    assert main(["scan", str(archive), "-o", str(out), "--jobs", "1"]) == 0
    return records(out)


def test_every_consecutive_pair_exactly_once(archive: Path, serial: list[dict[str, Any]]) -> None:
    pairs = pair_keys(serial)
    assert pairs == expected_pairs(archive)
    assert sum(pairs.values()) == PAIRS and set(pairs.values()) == {1}
    assert {row["document"] for row in serial} == {"BrightDesk/Privacy Policy", "TallyHQ/Terms of Service",
                                                   "Harborline/Cookie Policy"}  # README.md is no document
    for row in serial:
        assert row["schema"] == "policydiff.scan/1" and row["record"] in ("change", "pair")
        assert len(row["old_commit"]) == 40 and row["old_date"] < row["new_date"]
    changes = Counter((row["document"], row["old_blob"], row["new_blob"]) for row in serial if row["record"] == "change")
    for row in serial:
        if row["record"] == "pair":
            assert row["status"] == "ok" and row["changes"] == changes[(row["document"], row["old_blob"], row["new_blob"])]


def test_records_carry_the_verdicts_of_diff_and_check(archive: Path, serial: list[dict[str, Any]],
                                                      tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from policydiff.api import diff
    from policydiff.notice.window import check_notice

    pair = next(row for row in serial if row["record"] == "pair" and row["document"] == "BrightDesk/Privacy Policy"
                and row["new_date"] == "2024-05-20")
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_bytes(git(archive, "cat-file", "blob", pair["old_blob"]).encode())
    new.write_bytes(git(archive, "cat-file", "blob", pair["new_blob"]).encode())
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)["changes"]
    got = [row for row in serial if row["record"] == "change" and row["new_blob"] == pair["new_blob"]]
    assert len(got) == len(expected) and pair["material_changes"] == sum(c["material"] for c in expected) > 0
    for change, want in zip(sorted(got, key=lambda row: row["index"]), expected):
        for name in ("kind", "old_id", "new_id", "material", "severity", "categories", "direction", "consent",
                     "reasons", "old_text", "new_text", "clause_kind", "similarity", "old_heading", "new_heading"):
            assert change[name] == want[name], name
        assert change["reason_codes"] == [reason["code"] for reason in want["reasons"]]
    check = check_notice(diff(old, new), today=date(2024, 5, 20))
    assert (pair["notice_verdict"], pair["notice_passed"]) == (check.verdict, check.passed)
    assert (pair["notice_days_given"], pair["notice_days_required"]) == (check.days_given, check.days_required)


def test_whitespace_only_version_is_noise(serial: list[dict[str, Any]]) -> None:
    cookie = [row for row in serial if row["record"] == "pair" and row["document"] == "Harborline/Cookie Policy"]
    rewrap = next(row for row in cookie if row["new_date"] == "2024-04-02")
    assert rewrap["noise_only"] and rewrap["changes"] == 0 and rewrap["notice_verdict"] == "no-material-change"


def test_same_records_with_two_processes_and_on_dask(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    from policydiff.scan import runners

    monkeypatch.setattr(runners, "IN_FLIGHT", 1)  # fewer pairs in flight than there are: the window refills

    pool = tmp_path / "pool.jsonl"
    scan(capsys, str(archive), "-o", str(pool), "--jobs", "2")
    assert comparable(records(pool)) == comparable(serial)
    on_dask = tmp_path / "dask.jsonl"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        scan(capsys, str(archive), "-o", str(on_dask), "--dask", cluster.scheduler_address)
    assert comparable(records(on_dask)) == comparable(serial)


@pytest.mark.parametrize("cut", ["mid-line", "after-changes"])
def test_a_stopped_run_resumes_with_nothing_doubled(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str], cut: str) -> None:
    out = tmp_path / "changes.jsonl"
    scan(capsys, str(archive), "-o", str(out), "--jobs", "1")
    lines = out.read_bytes().splitlines(keepends=True)
    pair_lines = [index for index, line in enumerate(lines) if b'"record":"pair"' in line]
    # A pair with changes, cut as a kill would: inside its pair record, or between its changes and it.
    index = next(i for i in pair_lines[1:] if b'"record":"change"' in lines[i - 1])
    kept = b"".join(lines[:index]) + (lines[index][:len(lines[index]) // 2] if cut == "mid-line" else b"")
    out.write_bytes(kept)
    finished = sum(1 for i in pair_lines if i < index)
    _, err = scan(capsys, str(archive), "-o", str(out), "--jobs", "2")
    assert f"{finished} already in OUT, {PAIRS - finished} to do" in err
    assert "removed" in err  # the unfinished pair's records, said on stderr
    assert comparable(records(out)) == comparable(serial)


def test_a_killed_process_resumes(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A real SIGKILL once the first pair is written: the rest is done by the next run, nothing twice."""
    import signal
    import time

    out = tmp_path / "changes.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "policydiff", "scan", str(archive), "-o", str(out),
                                "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and b'"record":"pair"' in out.read_bytes():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    assert process.wait() == -signal.SIGKILL
    before = pair_keys(records_written(out))
    assert 1 <= sum(before.values()) < PAIRS and set(before.values()) == {1}
    _, err = scan(capsys, str(archive), "-o", str(out))
    assert f"{PAIRS - sum(before.values())} to do" in err
    assert comparable(records(out)) == comparable(serial)


def test_incremental_run_does_only_the_new_pairs(grown: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "changes.jsonl"
    out.write_text("".join(json.dumps(row) + "\n" for row in serial), encoding="utf-8")
    record(grown, "2024-08-01", "BrightDesk/Privacy Policy.md", text(PRIVACY[3]))
    record(grown, "2024-08-02", "Harborline/Cookie Policy.md", text(COOKIES[1]).replace("cookies", "cookies and tags", 1))
    output, err = scan(capsys, str(grown), "-o", str(out), "--jobs", "1")
    assert f"{PAIRS + 2} pairs in 3 documents; {PAIRS} already in OUT, 2 to do" in err
    rows = records(out)
    assert pair_keys(rows) == expected_pairs(grown) and set(pair_keys(rows).values()) == {1}
    assert len(rows) > len(serial)
    table = output.splitlines()
    assert table[0].split() == ["document", "pairs", "new", "material", "noise-only", "notice", "failed"]
    assert next(line for line in table if line.startswith("BrightDesk")).split()[-6:-4] == ["3", "1"]


def test_a_failed_pair_is_recorded_and_the_scan_goes_on(grown: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    record(grown, "2024-08-01", "TallyHQ/Terms of Service.md", b"\x00\x01binary\x00" * 50)
    out = tmp_path / "changes.jsonl"
    output, err = scan(capsys, str(grown), "-o", str(out), code=1)
    assert "1 pair(s) failed" in err and "Traceback" not in err
    pairs = [row for row in records(out) if row["record"] == "pair"]
    assert len(pairs) == PAIRS + 1
    failed = [row for row in pairs if row["status"] == "failed"]
    assert len(failed) == 1 and "\n" not in failed[0]["error"]
    assert failed[0]["error"].startswith("TallyHQ/Terms of Service.md@") and "binary" in failed[0]["error"]
    assert sum(row["status"] == "ok" for row in pairs) == PAIRS
    assert next(line for line in output.splitlines() if line.startswith("TallyHQ")).split()[-1] == "1"
    _, err = scan(capsys, str(grown), "-o", str(out))  # recorded, so not tried again
    assert "0 to do" in err


def test_parquet_round_trip(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "changes.parquet"
    scan(capsys, str(archive), "-o", str(out), "--jobs", "1")
    assert out.is_dir() and len(list(out.glob("*.parquet"))) == 1
    table = pq.read_table(out)
    assert table.column_names[:3] == ["schema", "record", "document"]
    rows = [{name: value for name, value in row.items() if value is not None or name in source}
            for row, source in zip(sorted(table.to_pylist(), key=_order), sorted(serial, key=_order))]
    assert comparable(rows) == comparable(serial)
    _, err = scan(capsys, str(archive), "-o", str(out))
    assert f"{PAIRS} already in OUT, 0 to do" in err and len(list(out.glob("*.parquet"))) == 1


def _order(row: dict[str, Any]) -> tuple[str, str, str, str, int]:
    return (row["document"], row["old_blob"], row["new_blob"], row["record"], row.get("index") or 0)


def test_folder_of_dated_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "archive"
    versions = {"brightdesk/privacy": [("2024-01-05.md", PRIVACY[0]), ("2024-03-01.md", PRIVACY[1]),
                                       ("2024-05-20.md", PRIVACY[2])],
                "tallyhq/terms": [("2023-06-01-b2.txt", TERMS[1]), ("2023-06-01-a1.txt", TERMS[2]),
                                  ("2023-01-01-zz.txt", TERMS[0])]}
    manifest = ["document\tfile"]
    for document, files in versions.items():
        (folder / document).mkdir(parents=True)
        for name, source in files:
            (folder / document / name).write_bytes(source.read_bytes())
        manifest += [f"{document}\t{document}/{name}" for name, _ in sorted(files)[:1] + files[:2]]
    (folder / "tallyhq" / "terms" / "notes.md").write_text("not a dated version\n", encoding="utf-8")
    (folder / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    out = tmp_path / "changes.jsonl"
    output, _ = scan(capsys, str(folder), "-o", str(out), "--jobs", "1")
    pairs = [row for row in records(out) if row["record"] == "pair"]
    assert [(row["document"], row["old_path"].rsplit("/", 1)[1], row["new_path"].rsplit("/", 1)[1])
            for row in sorted(pairs, key=lambda row: (row["document"], row["old_date"], row["new_path"]))] == [
        ("brightdesk/privacy", "2024-01-05.md", "2024-03-01.md"),
        ("brightdesk/privacy", "2024-03-01.md", "2024-05-20.md"),
        ("tallyhq/terms", "2023-01-01-zz.txt", "2023-06-01-b2.txt"),  # one day's files in MANIFEST.tsv's order
        ("tallyhq/terms", "2023-06-01-b2.txt", "2023-06-01-a1.txt")]
    assert all(row["old_commit"] is None and row["status"] == "ok" for row in pairs)
    assert pairs[0]["old_blob"] == subprocess.run(["git", "hash-object", str(folder / pairs[0]["old_path"])],
                                                  capture_output=True, text=True, check=True).stdout.strip()
    assert "total (2 documents)" in output


def test_untrusted_names_are_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "versions"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    evil = "Evil\x1b]0;owned\x07 Co/Terms\u202e.md"
    record(root, "2024-01-01", evil, text(TERMS[0]))
    record(root, "2024-02-01", evil, text(TERMS[1]))
    out = tmp_path / "changes.jsonl"
    output, err = scan(capsys, str(root), "-o", str(out))
    assert "\x1b" not in output + err and "\u202e" not in output + err
    raw = out.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\u202e" not in raw and "\\u001b" in raw and "\\u202e" in raw
    assert all(line.startswith("{") for line in raw.splitlines())
    assert records(out)[-1]["old_path"] == evil


@pytest.mark.parametrize(("argv", "message"), [
    (["{missing}", "-o", "{out}.jsonl"], "no such repository or folder"),
    (["{archive}", "-o", "{out}.csv"], "must end in .jsonl"),
    (["{archive}", "-o", "{notes}"], "not a policydiff.scan/1 record"),
    (["{archive}", "-o", "{out}.jsonl", "--glob", "../*.md"], "not a usable --glob"),
    (["{archive}", "-o", "{out}.jsonl", "--worker-source", "/x"], "--worker-source goes with --dask"),
    (["{archive}", "-o", "{tmp}", "--jobs", "1"], "must end in .jsonl"),
])
def test_bad_input_is_one_line(archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               argv: list[str], message: str) -> None:
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"hello": "world"}\n', encoding="utf-8")
    values = {"missing": str(tmp_path / "nothing"), "out": str(tmp_path / "out"), "archive": str(archive),
              "notes": str(notes), "tmp": str(tmp_path)}
    _, err = scan(capsys, *(arg.format(**values) for arg in argv), code=2)
    assert message in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize(("module", "argv", "message"), [
    ("pyarrow", ["-o", "{out}.parquet"], "needs the 'parquet' extra: pip install 'policydiff[parquet]'"),
    ("distributed", ["-o", "{out}.jsonl", "--dask", "tcp://127.0.0.1:1"], "needs the 'dask' extra"),
])
def test_a_missing_extra_is_named(archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, module: str, argv: list[str], message: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what `import` sees where the extra is not installed
    _, err = scan(capsys, str(archive), *(arg.format(out=tmp_path / "out") for arg in argv), code=2)
    assert message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())  # nothing written


def test_team_rules_travel_to_workers_and_key_the_pairs(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    import pickle

    from policydiff.classify.rules import Rules
    from policydiff.config import load_config

    config = tmp_path / "policydiff.toml"
    config.write_text('material_categories = ["security"]\n', encoding="utf-8")
    rules = Rules.from_config(load_config(config))
    assert pickle.loads(pickle.dumps(rules)) == rules
    out = tmp_path / "changes.jsonl"
    out.write_text("".join(json.dumps(row) + "\n" for row in serial), encoding="utf-8")
    _, err = scan(capsys, str(archive), "-o", str(out), "--config", str(config), "--jobs", "2")
    assert f"0 already in OUT, {PAIRS} to do" in err  # other rules: every pair is due again, under its own key
    teams = Counter(row["rules"] for row in records(out) if row["record"] == "pair")
    assert teams["default"] == PAIRS and len(teams) == 2 and sum(teams.values()) == 2 * PAIRS


def test_readme_documents_every_field() -> None:
    from policydiff.scan.records import union_fields

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### The dataset (`policydiff.scan/1`)"):]
    table = table[:table.index("```python")]
    documented = {name.strip("` ") for line in table.splitlines() if line.startswith("| `")
                  for name in line.split("|")[1].split(",")}
    assert documented == set(union_fields())


def test_parquet_resumes_past_a_part_never_renamed(archive: Path, serial: list[dict[str, Any]], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A scan killed while writing a part leaves a hidden temporary file: removed, and its pairs done again."""
    import pyarrow.parquet as pq

    out = tmp_path / "changes.parquet"
    out.mkdir()
    (out / ".part-0123abcd.tmp").write_bytes(b"PAR1 half a part")
    _, err = scan(capsys, str(archive), "-o", str(out), "--jobs", "1")
    assert "removed a part a stopped run had not finished" in err and not list(out.glob(".part-*"))
    assert pq.read_table(out).num_rows == len(serial)


def test_a_second_scan_of_the_same_out_is_refused(archive: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl

    out = tmp_path / "changes.jsonl"
    with open(out, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        _, err = scan(capsys, str(archive), "-o", str(out), code=2)
    assert "another policydiff scan is writing it" in err and out.read_bytes() == b""


def test_progress_line_counts_and_stays_quiet_off_a_terminal() -> None:
    import io

    from policydiff.scan.progress import Progress, clock

    shown = io.StringIO()
    bar = Progress(4, shown, enabled=True)
    for failed in (False, True, False, False):
        bar.advance(failed=failed)
    bar.close()
    assert "4/4 pairs" in shown.getvalue() and "pairs/s" in shown.getvalue() and "1 failed" in shown.getvalue()
    middle = Progress(10, io.StringIO(), enabled=True)
    middle.advance()
    assert "1/10 pairs" in middle.line() and " left" in middle.line()
    quiet = io.StringIO()
    silent = Progress(3, quiet)  # a StringIO is no terminal
    silent.advance()
    silent.close()
    assert quiet.getvalue() == "" and (clock(42), clock(185), clock(7800)) == ("42s", "3m05s", "2h10m")
