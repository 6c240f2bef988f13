"""The dataset as Parquet: a folder of part files, each written whole and renamed into place.

`-o OUT.parquet` is a folder (a Parquet dataset: pyarrow, pandas and Dask read it as one table; its
hidden lock and temporary files are skipped by them). Finished pairs are buffered and written as one part file every PART_PAIRS pairs or
PART_SECONDS seconds, and at the end: each part goes to a hidden temporary file, is fsync'd and is
renamed into place, so a part is either all there or absent and a killed scan loses only the pairs
of the part it had not written yet. Both record kinds share one schema (the union of their fields; a
field of the other kind is null). pyarrow is the optional `parquet` extra; only this module imports it.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policydiff.errors import InputError, PolicydiffError
from policydiff.scan.records import ChangeRecord, Key, PairRecord, key_of, union_fields
from policydiff.scan.summary import PairSummary
from policydiff.scan.work import PairResult

if TYPE_CHECKING:
    import pyarrow

PART_PAIRS = 500
PART_SECONDS = 60.0
LOCK = ".policydiff-scan.lock"
_KEY_COLUMNS = ["record", "document", "old_blob", "new_blob", "policydiff_version", "rules", "status",
                "material_changes", "noise_only", "notice_passed"]


def require_pyarrow(path: str) -> None:
    """Fail at once, in one line, when the extra is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise PolicydiffError(f"{path}: writing Parquet needs the 'parquet' extra: "
                              "pip install 'policydiff[parquet]'") from None


def arrow_schema() -> pyarrow.Schema:
    """One column per field of either record kind, typed from the dataclasses' annotations."""
    import pyarrow as pa

    reason = pa.struct([("code", pa.string()), ("detail", pa.string()), ("severity", pa.string())])
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "tuple[str, ...]": pa.list_(pa.string()), "tuple[Reason, ...]": pa.list_(reason)}
    annotations: dict[str, str] = {}
    for kind in (ChangeRecord, PairRecord):
        for klass in reversed(kind.__mro__):
            annotations.update(getattr(klass, "__annotations__", {}))
    columns = []
    for name in union_fields():
        annotation = annotations[name].replace(" | None", "")
        columns.append(pa.field(name, types["str"] if annotation.startswith("Literal[") else types[annotation]))
    return pa.schema(columns)


class ParquetDataset:
    """OUT.parquet/, open for adding parts: the pairs it already holds, and a way to add more."""

    def __init__(self, path: str) -> None:
        require_pyarrow(path)
        self.path = Path(path)
        self.done: dict[Key, PairSummary] = {}
        self.notes: list[str] = []
        self._rows: list[dict[str, Any]] = []
        self._pairs = 0
        self._written = time.monotonic()
        self._schema = arrow_schema()
        self._lock = self._open()
        try:
            self._recover()
        except BaseException:
            os.close(self._lock)
            raise

    def _open(self) -> int:
        import fcntl

        if self.path.exists() and not self.path.is_dir():
            raise InputError(str(self.path), "is a file; Parquet output is a folder of part files (give a new name)")
        if not self.path.parent.is_dir():
            raise InputError(str(self.path), f"folder {self.path.parent} does not exist")
        try:
            self.path.mkdir(exist_ok=True)
            handle = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as error:
            raise InputError(str(self.path), f"cannot write: {error.strerror or error}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            raise InputError(str(self.path), "another policydiff scan is writing it; wait for it to finish") from None
        return handle

    def _recover(self) -> None:
        import pyarrow.parquet as pq

        for stale in self.path.glob(".part-*.tmp"):
            stale.unlink()  # a part a stopped run had not finished writing: its pairs are done again
            self.notes.append(f"{stale}: removed a part a stopped run had not finished; its pairs are done again")
        for part in sorted(self.path.glob("*.parquet")):
            try:
                table = pq.read_table(part, columns=_KEY_COLUMNS)
            except Exception as error:  # pyarrow's errors have no common base worth naming
                raise InputError(str(part), f"not a Parquet part a scan wrote: {' '.join(str(error).split())}") from None
            for row in table.to_pylist():
                if row["record"] == "pair":
                    self.done[key_of(row)] = PairSummary.of(row)

    def add(self, result: PairResult) -> None:
        self._rows.extend(record.to_dict() for record in (*result.changes, result.pair))
        self._pairs += 1
        self.done[result.pair.key()] = PairSummary.of(result.pair, new=True)
        if self._pairs >= PART_PAIRS or time.monotonic() - self._written >= PART_SECONDS:
            self.sync()

    def sync(self) -> None:
        """Write the buffered pairs as one part file, atomically."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._rows:
            names = union_fields()
            table = pa.Table.from_pylist([{name: row.get(name) for name in names} for row in self._rows],
                                         schema=self._schema)
            name = f"part-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.parquet"
            temporary = self.path / f".part-{uuid.uuid4().hex}.tmp"
            pq.write_table(table, temporary)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, self.path / name)
            folder = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        self._rows, self._pairs, self._written = [], 0, time.monotonic()

    def close(self) -> None:
        if self._lock < 0:
            return
        try:
            self.sync()
        finally:
            os.close(self._lock)
            self._lock = -1
