"""Reading and writing files: only what a file is, bounded, and never replacing what should be written through.

`read_regular` reads a regular file and nothing else: a FIFO, a device or a socket (`/dev/zero`, a named
pipe nobody writes to) would hang or never end, so it is refused before it is read, and the size limit
is enforced while reading, not trusted from `st_size`.

`write_atomic` is for policydiff's own files (the store, review files): a temporary file in the same
folder and an atomic rename, so a reader never sees half a file and a crash leaves none.

`write_output` is for a path the user names with `-o FILE`, which may be anything: a regular file (replaced
atomically, its permissions and owner kept, or refused when it is read-only or cannot keep its owner), a
new path, a symlink (written through to its target: the link stays), a device or FIFO (`/dev/null`, a
pipe: written to directly, never replaced), a directory or socket (refused). `-` and the `/dev/stdout`
aliases are standard output. Every failure is one InputError naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from policydiff.errors import InputError

STDOUT_ALIASES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
STDERR_ALIASES = ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2")


def read_regular(path: str | Path, limit: int, *, hint: str = "") -> bytes:
    """The bytes of the regular file at path, at most `limit` of them; `hint` is added to the size refusal."""
    name = str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))  # a FIFO must not block
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a policy file") from None
    except NotADirectoryError:
        raise InputError(name, "no such file (a part of the path is not a folder)") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {_reason(error)}") from None
    try:
        status = os.fstat(handle)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "is a directory, not a policy file")
        if not stat.S_ISREG(mode):
            raise InputError(name, f"is {_kind(mode)}, not a regular file (to read standard input, give -)")
        if status.st_size > limit:
            raise InputError(name, f"file is {_megabytes(status.st_size)}, over the {_megabytes(limit)} limit{hint}")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        raise InputError(name, f"cannot read: {_reason(error)}") from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise InputError(name, f"file is over the {_megabytes(limit)} limit{hint}")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write text (UTF-8, "\\n" line ends) or bytes to path through a temporary file in the same folder
    and an atomic rename."""
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory; give a file name to write to")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(target), f"folder {folder} does not exist")
    try:
        status = target.stat()
    except OSError:
        status = None
    _replace(target, _bytes(content), status, keep_owner=False)


def write_output(path: str, content: str | bytes) -> None:
    """Write a command's output where `-o PATH` says, by what PATH is (see the module docstring)."""
    data = _bytes(content)
    if path in STDOUT_ALIASES or path in STDERR_ALIASES:
        stream = sys.stdout if path in STDOUT_ALIASES else sys.stderr
        try:
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        except BrokenPipeError:
            pass
        return
    if not path.strip():
        raise InputError("-o", "an empty file name: give a file to write to, or - for standard output")
    if path.endswith(("/", os.sep)) or os.path.basename(path) in (".", ".."):
        problem = "is a directory" if os.path.isdir(path) else "names a folder (it ends in /)"
        raise InputError(path, f"{problem}; give a file name to write to")
    try:
        status: os.stat_result | None = os.stat(path)  # follows symlinks: what a write would reach
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise InputError(path, f"cannot write: {_reason(error)}") from None
    try:
        if status is not None and not stat.S_ISREG(status.st_mode):
            _write_in_place(path, data, status)
            return
        target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
        folder = target.parent
        if not folder.is_dir():
            raise InputError(path, f"folder {folder} does not exist")
        if status is not None:
            _check_replaceable(path, status)
        _replace(target, data, status)
    except InputError:
        raise
    except OSError as error:
        raise InputError(path, f"cannot write: {_reason(error)}") from None


def _write_in_place(path: str, data: bytes, status: os.stat_result) -> None:
    """A device or FIFO is written to, never replaced; a directory or socket is refused."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory; give a file name to write to")
    if stat.S_ISSOCK(mode):
        raise InputError(path, "is a socket; policydiff writes to files, devices and FIFOs")
    fifo = stat.S_ISFIFO(mode)
    try:
        handle = os.open(path, os.O_WRONLY | (os.O_NONBLOCK if fifo else 0))  # never O_CREAT or O_TRUNC
    except OSError as error:
        if fifo and error.errno == errno.ENXIO:
            raise InputError(path, "is a FIFO that no process is reading; nothing was written") from None
        raise
    try:
        if fifo:
            os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def _check_replaceable(path: str, status: os.stat_result) -> None:
    """A read-only file is the user's say that it must not change (root included)."""
    if not status.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise InputError(path, f"is read-only (mode {stat.S_IMODE(status.st_mode):04o}); policydiff will not "
                               "replace it: make it writable or choose another file")


def _replace(target: Path, data: bytes, status: os.stat_result | None, *, keep_owner: bool = True) -> None:
    """Temporary file beside target, same owner and mode as the file it replaces, fsync, rename."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise InputError(str(target), f"cannot create a file in {target.parent}: {_reason(error)}") from None
    try:
        if status is not None and keep_owner:
            _keep_owner(handle, target, status)
        os.fchmod(handle, stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep_owner(handle: int, target: Path, status: os.stat_result) -> None:
    made = os.fstat(handle)
    if (made.st_uid, made.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.fchown(handle, status.st_uid, status.st_gid)
    except PermissionError:
        raise InputError(str(target), "belongs to another user; replacing it would change its owner, so it was "
                                      "left as it was: choose another file") from None


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on the device; nothing was written"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


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
