"""The dataset as JSON Lines: appended one pair at a time, so a killed scan leaves OUT readable and resumable.

Each pair is written as one block, its change records first and its pair record last, flushed at
once and fsync'd at least every FSYNC_SECONDS; a pair counts as done only once its pair record is in
the file. On opening, whatever follows the last complete pair record (a line cut off mid-write, the
change records of a pair whose pair record never came) is cut away, so a resumed run starts from the
last finished pair and doubles nothing. A lock (flock) keeps a second scan from writing the same file.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from policydiff.errors import InputError
from policydiff.jsontext import loads
from policydiff.safe import json_line
from policydiff.scan.records import SCHEMA, Key, key_of
from policydiff.scan.summary import PairSummary
from policydiff.scan.work import PairResult

FSYNC_SECONDS = 2.0
"""At most this much finished work is lost to a power cut (a killed process loses none of it)."""
_CHANGE_LINE = f'{{"schema":"{SCHEMA}","record":"change"'.encode()


class JsonLines:
    """OUT.jsonl, open for appending: the pairs it already holds, and a way to add more."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.done: dict[Key, PairSummary] = {}
        """The pairs OUT holds, by key."""
        self.notes: list[str] = []
        self._handle = _open(path)
        self._synced = time.monotonic()
        try:
            self._recover()
        except BaseException:
            os.close(self._handle)
            raise

    def _recover(self) -> None:
        good = 0
        offset = 0
        dropped = 0
        with os.fdopen(os.dup(self._handle), "rb") as reader:
            for number, line in enumerate(reader, 1):
                offset += len(line)
                if not line.endswith(b"\n"):
                    dropped += 1
                    break
                if line.startswith(_CHANGE_LINE):
                    dropped += 1
                    continue
                record = _record(line, self.path, number)
                if record.get("record") == "pair":
                    self.done[key_of(record)] = PairSummary.of(record)
                    good, dropped = offset, 0
                else:
                    dropped += 1
        size = os.fstat(self._handle).st_size
        if good < size:
            os.ftruncate(self._handle, good)
            os.fsync(self._handle)
            self.notes.append(f"{self.path}: removed {dropped} record(s) of a pair a stopped run had not finished; "
                              "that pair is done again")
        os.lseek(self._handle, 0, os.SEEK_END)

    def add(self, result: PairResult) -> None:
        """Append one pair's records as one block; fsync when FSYNC_SECONDS have passed."""
        block = "".join(json_line(record.to_dict()) for record in (*result.changes, result.pair)).encode("utf-8")
        view = memoryview(block)
        while view:
            written = os.write(self._handle, view)
            view = view[written:]
        self.done[result.pair.key()] = PairSummary.of(result.pair, new=True)
        if time.monotonic() - self._synced >= FSYNC_SECONDS:
            self.sync()

    def sync(self) -> None:
        os.fsync(self._handle)
        self._synced = time.monotonic()

    def close(self) -> None:
        if self._handle < 0:
            return
        try:
            self.sync()
        finally:
            os.close(self._handle)
            self._handle = -1


def _open(path: str) -> int:
    """OUT opened for reading and appending, locked; a folder, device or FIFO is refused."""
    import fcntl

    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise InputError(path, f"is {kind}; -o names the JSON Lines file to write (and resume)")
    except FileNotFoundError:
        if not Path(path).parent.is_dir():
            raise InputError(path, f"folder {Path(path).parent} does not exist") from None
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise InputError(path, "another policydiff scan is writing it; wait for it to finish") from None
    return handle


def _record(line: bytes, path: str, number: int) -> dict[str, object]:
    try:
        record = loads(line)
    except ValueError:
        record = None
    if not isinstance(record, dict) or record.get("schema") != SCHEMA or record.get("record") not in ("pair", "change"):
        raise InputError(f"{path}:{number}", f"not a {SCHEMA} record; -o must name a file a scan wrote, or a new one")
    return record

