"""Where a version comes from: a file, a git `REV:PATH`, or a recorded `DOC@VERSION`.

Every command that reads a policy (show, diff, lint, check, notice, hook, review, add) names it the
same three ways, and resolves the name here:

- `privacy@2.1`, `privacy@latest`, `privacy@2026-03-15`, `privacy@~1`: a version recorded in the
  policy repository containing the current directory (store/names.py);
- `HEAD~1:legal/privacy.md`, `main:./privacy.md`: a file as of a git revision, as `git show` names
  it (store/gitread.py);
- anything else: a file path (read.py).

An existing file always wins, so a file that happens to be called `notes@v2` or `a:b` is read as a
file. This module sits above store/ and parse/ and below the review layer; GitPython (which only
store/ imports) loads only when git is read, so reading a plain file stays light.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Literal

from policydiff.model import Document
from policydiff.read import DEFAULT_MAX_BYTES, SourceText, read_path
from policydiff.store.names import REVISION


def is_doc_version(argument: str) -> bool:
    """`DOC@REV`, and not an existing file."""
    return bool(REVISION.match(argument)) and not Path(argument).exists()


def is_git_revision(argument: str) -> bool:
    """`REV:PATH`, not an existing file and not a Windows drive path (C:\\...)."""
    if ":" not in argument or os.path.exists(argument):
        return False
    rev, _, path = argument.partition(":")
    return bool(rev) and bool(path) and not (len(rev) == 1 and path.startswith(("\\", "/")))


def is_revision(argument: str) -> bool:
    """A name that is read from git (`DOC@REV` or `REV:PATH`) rather than from a file."""
    return is_doc_version(argument) or is_git_revision(argument)


Tracked = Literal["accepted", "rejected"]
"""How to read a Word draft with tracked changes: with every change accepted, or rejected."""


def read_source(argument: str, max_bytes: int = DEFAULT_MAX_BYTES, tracked: Tracked = "accepted") -> SourceText:
    """The text a path, `REV:PATH` or `DOC@VERSION` names; one-line errors name the argument. A Word
    draft's tracked changes will be read `tracked` (accepted, unless asked otherwise)."""
    if is_doc_version(argument):
        from policydiff.store.names import resolve

        _, source = resolve(argument)
    elif is_git_revision(argument):
        from policydiff.store.gitread import read_revision

        source = read_revision(argument, max_bytes=max_bytes)
    else:
        source = read_path(argument, max_bytes=max_bytes)
    return replace(source, tracked=tracked) if tracked != source.tracked else source


def load_document(argument: str, max_bytes: int = DEFAULT_MAX_BYTES,
                  timings: dict[str, float] | None = None, tracked: Tracked = "accepted") -> Document:
    """The parsed version an argument names, adding milliseconds to `timings["read"]` and `["parse"]`."""
    from policydiff.parse import parse_source

    timings = timings if timings is not None else {}
    start = time.perf_counter()
    source = read_source(argument, max_bytes, tracked)
    middle = time.perf_counter()
    document = parse_source(source)
    timings["read"] = timings.get("read", 0.0) + (middle - start) * 1000
    timings["parse"] = timings.get("parse", 0.0) + (time.perf_counter() - middle) * 1000
    return document
