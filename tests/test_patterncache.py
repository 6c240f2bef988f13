"""The program's compiled-pattern cache gives `re` the very patterns `re` would have compiled.

patterncache.py keeps the code `re` generates for each pattern in a file, so that the next run of the
program hands it straight to the regular-expression engine. These tests hold it to that: a pattern
from the cache equals the one `re` compiles (same code, flags and groups) and matches alike; a file
written by another interpreter, or not a cache file at all, is ignored; the cache never writes when
it compiled nothing new, and steps aside entirely when turned off.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from policydiff import patterncache
from policydiff.patterncache import PatternCache, cache_folder

from .conftest import CORPUS, ROOT

PATTERNS = [
    (r"(?<![\w@])(?:share[\w'-]*|disclose[\w'-]*|sell)(?![\w'])", re.IGNORECASE),
    (r"\b(?P<number>\d{1,3})\s*\((?P<digits>\d+)\)\s+(?P<unit>days?|months?)\b", 0),
    (r"^(?:section|article)\s*", re.IGNORECASE | re.MULTILINE),
    (r"[^\x00-\u024f]", 0),
    (rb"[\x80-\xff]+", 0),
]
TEXT = "We may Share or DISCLOSE it. Section 4: thirty (30) days; 12 (12) months. Übersicht —"


def unique(pattern: str | bytes) -> str | bytes:
    """The pattern with a group that matches nothing `re` could have cached before (re has its own
    cache in front of the compiler)."""
    mark = f"(?:{uuid.uuid4().hex}(?!))?"
    return pattern + (mark.encode() if isinstance(pattern, bytes) else mark)


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(tmp_path: Path, source: str | bytes, flags: int) -> None:
    source = unique(source)
    expected = re.compile(source, flags)
    writer = PatternCache(tmp_path / "patterns.bin")
    compiled = writer.compile(source, flags)
    writer.save()
    reader = PatternCache(tmp_path / "patterns.bin")
    reader.load()
    assert len(reader.entries) == 1
    cached = reader.compile(source, flags)
    text = TEXT.encode() if isinstance(source, bytes) else TEXT
    for pattern in (compiled, cached):
        assert pattern == expected
        assert (pattern.flags, pattern.groups, dict(pattern.groupindex)) == \
            (expected.flags, expected.groups, dict(expected.groupindex))
        assert [m.groupdict() or m.group(0) for m in pattern.finditer(text)] == \
            [m.groupdict() or m.group(0) for m in expected.finditer(text)]
    assert reader.added == 0


def test_installed_it_serves_re_compile_and_steps_aside_when_uninstalled(tmp_path: Path) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    cache = PatternCache(tmp_path / "patterns.bin")
    assert cache.install()
    try:
        source = unique(r"\bnotice\s+of\s+(\w+)")
        assert re.compile(source).match("notice of changes").group(1) == "changes"  # type: ignore[union-attr]
        assert cache.added == 1
    finally:
        cache.uninstall()
    assert _compiler.compile is original


def test_a_file_of_another_interpreter_or_no_cache_file_is_ignored(tmp_path: Path) -> None:
    import marshal

    path = tmp_path / "patterns.bin"
    source = unique(r"\bdays?\b")
    writer = PatternCache(path)
    writer.compile(source, 0)
    writer.save()
    stamp, entries, tables = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((("another", *stamp[1:]), entries, tables)))
    other = PatternCache(path)
    other.load()
    assert other.entries == {}
    path.write_bytes(b"not a cache file")
    broken = PatternCache(path)
    broken.load()
    assert broken.entries == {}
    assert broken.compile(source, 0) == re.compile(source)


def test_nothing_is_written_when_nothing_new_was_compiled(tmp_path: Path) -> None:
    cache = PatternCache(tmp_path / "folder" / "patterns.bin")
    cache.save()
    assert not (tmp_path / "folder").exists()


def test_an_empty_cache_folder_setting_turns_the_cache_off(tmp_path: Path) -> None:
    assert cache_folder({"POLICYDIFF_CACHE_DIR": ""}) is None
    assert cache_folder({"POLICYDIFF_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "policydiff"


def test_the_program_prints_the_same_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    pair = [str(CORPUS / "brightdesk-privacy" / "v2.0.md"), str(CORPUS / "brightdesk-privacy" / "v2.1.md")]
    runs = [subprocess.run([sys.executable, "-m", "policydiff", "diff", *pair, "--format", "json"], cwd=ROOT,
                           capture_output=True, text=True, env={"POLICYDIFF_CACHE_DIR": str(tmp_path), "PATH": ""})
            for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 0
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr == ""
    assert patterncache.cache_path(tmp_path).is_file()


def test_the_programs_own_help_and_version_leave_the_cache_folder_alone(tmp_path: Path) -> None:
    for argv in (["--help"], ["--version"], []):
        done = subprocess.run([sys.executable, "-m", "policydiff", *argv], cwd=ROOT, capture_output=True, text=True,
                              env={"POLICYDIFF_CACHE_DIR": str(tmp_path), "PATH": ""})
        assert done.stdout and done.returncode in (0, 2)
    assert list(tmp_path.iterdir()) == []


def test_a_toml_table_from_the_cache_is_what_tomllib_reads_and_a_fresh_object(tmp_path: Path) -> None:
    import tomllib

    text = (ROOT / "policydiff" / "classify" / "rules.toml").read_text(encoding="utf-8")
    writer = PatternCache(tmp_path / "patterns.bin")
    assert writer.toml(text) == tomllib.loads(text)
    writer.save()
    reader = PatternCache(tmp_path / "patterns.bin")
    reader.load()
    first = reader.toml(text)
    assert first == tomllib.loads(text) and list(first) == list(tomllib.loads(text))
    first.clear()
    assert reader.toml(text) == tomllib.loads(text)  # each caller gets its own
    assert reader.added == 0
    edited = text + "\n# one more line\n"
    assert reader.toml(edited) == tomllib.loads(edited) and reader.added == 1


def test_loads_toml_parses_every_time_without_an_installed_cache() -> None:
    assert patterncache._ACTIVE is None
    assert patterncache.loads_toml('a = 1\n[b]\nc = "d"\n') == {"a": 1, "b": {"c": "d"}}
