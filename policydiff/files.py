"""Writing output files: atomically, so a reader never sees half a file and a crash leaves none."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policydiff.errors import InputError


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write text (UTF-8, "\\n" line ends) or bytes to path through a temporary file in the same folder
    and an atomic rename."""
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory; give a file name to write to")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temporary, _mode_for(target))  # mkstemp makes 0600; a report is as readable as any new file
        with os.fdopen(handle, "wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system allows (os.umask sets it for all threads)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
