"""A one-line progress bar on stderr: pairs done of all, rate, time left, failures; silent off a terminal.

A bar of its own rather than tqdm or rich: one line redrawn with a carriage return at most
REDRAW_SECONDS apart costs nothing, needs no dependency (and rich may be imported only by tui/), and
says exactly what a scan needs said. When stderr is not a terminal (CI, a log file, a pipe) nothing
is drawn, so logs get only the summary.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.2
BAR = 24


class Progress:
    """The bar for `total` pairs; `advance()` after each pair, `close()` at the end."""

    def __init__(self, total: int, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = enabled if enabled is not None else _is_terminal(self.stream)
        self._start = time.monotonic()
        self._drawn = 0.0

    def advance(self, *, failed: bool = False) -> None:
        self.done += 1
        self.failed += int(failed)
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= REDRAW_SECONDS or self.done == self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """"scan [#######.....] 120/480 pairs · 3.2 pairs/s · 1m52s left · 2 failed"."""
        elapsed = max((now or time.monotonic()) - self._start, 1e-9)
        rate = self.done / elapsed
        filled = BAR * self.done // self.total if self.total else BAR
        parts = [f"scan [{'#' * filled}{'.' * (BAR - filled)}] {self.done}/{self.total} pairs",
                 f"{rate:.1f} pairs/s"]
        if 0 < self.done < self.total:
            parts.append(f"{clock((self.total - self.done) / rate)} left")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return " · ".join(parts)

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()


def clock(seconds: float) -> str:
    """42s, 3m05s, 2h10m."""
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
