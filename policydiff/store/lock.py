"""One writer at a time in a policy repository, and a lock that a crash cannot leave behind.

The lock is `.git/policydiff.lock`, held with flock(2): the kernel releases it the moment its holder
exits, however it exits (killed, out of memory, power cut), so a crashed `add` never blocks the next
one. The file records who holds it (pid, host, since when) for the message a waiting writer prints,
and so the next holder can say that it took over from a process that ended without releasing it. The
file itself is never removed: removing a flock file lets two writers lock two different files.

Where flock is not available (Windows), the lock is a file created exclusively, and a lock whose
recorded holder is a process on this host that is no longer running is taken over.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from policydiff.errors import PolicydiffError

LOCK_NAME = "policydiff.lock"
LOCK_TIMEOUT = 30.0
"""How long a writer waits for another to finish before giving up."""
_POLL = 0.05


class LockError(PolicydiffError):
    """Another policydiff is writing and did not finish in time."""


@contextmanager
def repository_lock(git_dir: Path, subject: str, timeout: float | None = None) -> Iterator[str | None]:
    """Hold the repository's write lock (waiting up to `timeout`, default LOCK_TIMEOUT, for another writer);
    yields a note when a crashed holder's lock was taken over."""
    path = git_dir / LOCK_NAME
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    if fcntl is None:
        with _exclusive_file(path, subject, timeout) as note:
            yield note
        return
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise LockError(f"{subject}: cannot take the write lock {path}: {error.strerror or error}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockError(f"{subject}: another policydiff is writing to this repository "
                                    f"({_describe(_holder(path))}); try again when it has finished") from None
                time.sleep(_POLL)
        left = _holder(path)
        os.ftruncate(handle, 0)
        os.pwrite(handle, _record(), 0)
        try:
            yield f"took over the lock left by {_describe(left)}, which ended without releasing it" if left else None
        finally:
            os.ftruncate(handle, 0)
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


@contextmanager
def _exclusive_file(path: Path, subject: str, timeout: float) -> Iterator[str | None]:
    deadline = time.monotonic() + timeout
    note = None
    while True:
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except PermissionError as error:
            raise LockError(f"{subject}: cannot take the write lock {path}: {error.strerror}") from None
        except FileExistsError:
            left = _holder(path)
            if left and left.get("host") == socket.gethostname() and not _running(left.get("pid")):
                path.unlink(missing_ok=True)
                note = f"took over the lock left by {_describe(left)}, which is no longer running"
                continue
            if time.monotonic() > deadline:
                raise LockError(f"{subject}: another policydiff is writing to this repository ({_describe(left)}); "
                                f"try again when it has finished, or remove {path} if it is not running") from None
            time.sleep(_POLL)
    os.write(handle, _record())
    os.close(handle)
    try:
        yield note
    finally:
        path.unlink(missing_ok=True)


def _record() -> bytes:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}).encode()


def _holder(path: Path) -> dict[str, object] | None:
    """The recorded holder; an old lock holding a bare pid (policydiff before 0.2) is read as one."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text:
        return None
    if text.isdigit():
        return {"pid": int(text)}
    try:
        data = json.loads(text)
    except ValueError:
        return {"pid": "?"}
    return data if isinstance(data, dict) else {"pid": "?"}


def _describe(record: dict[str, object] | None) -> str:
    if not record:
        return "a process that did not say who it is"
    where = f" on {record['host']}" if record.get("host") else ""
    since = f" since {record['since']}" if record.get("since") else ""
    return f"pid {record.get('pid', '?')}{where}{since}"


def _running(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return True  # cannot tell: never take over
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
