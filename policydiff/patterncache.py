"""Compiled regular expressions (and the package's parsed TOML tables) kept from one run of the
program to the next.

A `policydiff diff` process compiles some 260 patterns (rules.toml's cues and term classes, the
parsers' and renderers' own): 50-60 ms of a 280 ms process on a 10,000-word pair, nearly all of it in
the pure-Python half of `re`, which parses each pattern and generates its code; handing that code to
the C engine takes under a millisecond for all of them. So the program (`cli.run`; never the library)
keeps each pattern's generated code in one file of the user's cache folder, keyed by the pattern and
its flags, and gives it straight to the engine the next time: the same call `re` itself makes, with
the same arguments, so the pattern is the same object it would have compiled.

The file is read only by the interpreter build that wrote it (its version, and `_sre`'s magic number
and code size). A pattern not in it is compiled as usual, checked once per process against `re`'s own
compile (where `re`'s internals are not the ones this was written against, the cache steps aside), and
written to the file at exit, atomically; a file that cannot be read is ignored, a folder that cannot
be written keeps nothing. The file holds the patterns' text, which includes the names of companies
and renamed terms read from the documents diffed; it is started afresh past MAX_ENTRIES patterns.
The package's own TOML tables (rules.toml, languages.toml, phrases.toml: ~6 ms to parse in every
process) are kept the same way, each under its full text, as marshal writes what tomllib read
(`loads_toml`); a changed table is a different text, and parsed afresh.
`POLICYDIFF_CACHE_DIR` names the folder (default: `$XDG_CACHE_HOME/policydiff`, else
`~/.cache/policydiff`); set it empty to keep no cache.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 2
"""The layout of the cache file; a file of another layout is ignored."""
MAX_ENTRIES = 4096
"""Patterns the file holds before it is started afresh with only the last run's."""
MAX_TABLES = 16
"""TOML texts the file holds before it keeps only the last run's (each edit of rules.toml is another)."""

_Key = tuple[bool, Any, int]
"""(the pattern is bytes, the pattern, its flags)."""
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
"""What `_sre.compile` takes after the pattern: final flags, code, groups, group index, index group."""


def cache_folder(environ: dict[str, str] | os._Environ[str] = os.environ) -> Path | None:
    """Where the cache file lives, or None when the cache is turned off."""
    named = environ.get("POLICYDIFF_CACHE_DIR")
    if named is not None:
        return Path(named) if named else None
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policydiff"


def _internals() -> tuple[Any, Any, Any]:
    """re's pattern parser, its code generator and the C engine (typeshed describes none of them)."""
    import importlib

    return (importlib.import_module("re._parser"), importlib.import_module("re._compiler"),
            importlib.import_module("_sre"))


def _stamp() -> tuple[Any, ...]:
    _sre = _internals()[2]

    return (FORMAT, sys.version, sys.implementation.cache_tag, _sre.MAGIC, _sre.CODESIZE)


class PatternCache:
    """The patterns of one cache file, and the compile function `re` calls while it is installed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[_Key, _Entry] = {}
        self.used: set[_Key] = set()
        self.added = 0
        self.tables: dict[str, bytes] = {}
        """TOML text → what tomllib read from it, marshalled."""
        self.tables_used: set[str] = set()
        self.checked = False
        self.broken = False
        _compiler = _internals()[1]
        self._original: Callable[..., Any] = _compiler.compile
        """re's own compile: what a pattern is checked against, and what compiles where the cache steps aside."""

    def load(self) -> None:
        """Read the file, if it is one this interpreter wrote; anything else is ignored."""
        try:
            stamp, entries, tables = marshal.loads(self.path.read_bytes())
        except Exception:  # no file, or not one of ours: start empty
            return
        if stamp == _stamp() and isinstance(entries, dict) and isinstance(tables, dict):
            self.entries, self.tables = entries, tables

    def toml(self, text: str) -> dict[str, Any]:
        """What tomllib reads from the text: from the cache (a fresh object each time) where it holds it."""
        self.tables_used.add(text)
        held = self.tables.get(text)
        if held is not None:
            table: dict[str, Any] = marshal.loads(held)
            return table
        import tomllib

        table = tomllib.loads(text)
        try:
            self.tables[text] = marshal.dumps(table)
            self.added += 1
        except ValueError:  # a date or time marshal cannot hold: parsed each time
            pass
        return table

    def install(self) -> bool:
        """Route `re`'s compiling through the cache; False (nothing changed) where `re` is not laid out as
        expected."""
        try:
            _parser, _compiler, _sre = _internals()
        except ImportError:
            return False
        if not (callable(getattr(_compiler, "compile", None)) and callable(getattr(_compiler, "_code", None))
                and callable(getattr(_parser, "parse", None)) and callable(getattr(_sre, "compile", None))):
            return False
        self._original = _compiler.compile
        _compiler.compile = self.compile
        return True

    def uninstall(self) -> None:
        _compiler = _internals()[1]
        if _compiler.compile == self.compile:
            _compiler.compile = self._original

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the cache where it can (installed or not)."""
        _parser, _compiler, _sre = _internals()
        original = self._original
        flags = int(flags)  # re passes plain ints; a RegexFlag would not marshal
        if self.broken or not isinstance(pattern, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
            return original(pattern, flags)
        key: _Key = (isinstance(pattern, bytes), pattern, flags)
        entry = self.entries.get(key)
        if entry is None:
            parsed = _parser.parse(pattern, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[Any] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entry = (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex,
                     tuple(indexgroup))  # opcodes are int subclasses: plain ints marshal
            compiled = _sre.compile(pattern, entry[0], entry[1], entry[2], dict(entry[3]), entry[4])
            if not self.checked:
                self.checked = True
                expected = original(pattern, flags)
                if compiled != expected or compiled.groupindex != expected.groupindex \
                        or compiled.groups != expected.groups:
                    self.broken = True  # re's internals differ from what this was written against
                    return expected
            self.entries[key] = entry
            self.added += 1
            self.used.add(key)
            return compiled
        self.used.add(key)
        return _sre.compile(pattern, entry[0], entry[1], entry[2], dict(entry[3]), entry[4])

    def save(self) -> None:
        """Write the file when this run compiled patterns it did not hold (atomically; errors ignored)."""
        if self.broken or not self.added:
            return
        entries, tables = self.entries, self.tables
        if len(entries) > MAX_ENTRIES:
            entries = {key: entries[key] for key in self.used}
        if len(tables) > MAX_TABLES:
            tables = {text: tables[text] for text in self.tables_used if text in tables}
        import tempfile  # only when there is something to write (~5 ms to import)

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(marshal.dumps((_stamp(), entries, tables)))
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
        except (OSError, ValueError):  # an unwritable folder, or a pattern marshal cannot hold
            return


def cache_path(folder: Path) -> Path:
    return folder / f"patterns-{sys.implementation.cache_tag}.bin"


_ACTIVE: PatternCache | None = None
"""The program's cache while one is installed (`start`), for `loads_toml`."""


def start() -> PatternCache | None:
    """Install the cache of the user's cache folder, if there is one; the caller saves it at exit."""
    global _ACTIVE
    folder = cache_folder()
    if folder is None:
        return None
    cache = PatternCache(cache_path(folder))
    cache.load()
    if not cache.install():
        return None
    _ACTIVE = cache
    return cache


def stop(cache: PatternCache) -> None:
    """Uninstall the cache and write what it learnt."""
    global _ACTIVE
    cache.uninstall()
    if _ACTIVE is cache:
        _ACTIVE = None
    cache.save()


def loads_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads`, from the program's cache when one is installed (the library parses every time)."""
    cache = _ACTIVE
    if cache is not None:
        return cache.toml(text)
    import tomllib

    return tomllib.loads(text)
