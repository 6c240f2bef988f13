"""Writing output files: atomically, so a reader never sees half a file and a crash leaves none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policydiff.errors import InputError


def write_atomic(path: str | Path, text: str) -> None:
    """Write text to path through a temporary file in the same folder and an atomic rename."""
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory; give a file name to write to")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
