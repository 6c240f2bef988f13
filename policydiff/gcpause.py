"""Pause Python's cyclic garbage collector around bulk work.

Parsing and aligning build many small objects with reference cycles (parent and partner links);
the collector then rescans a growing heap again and again, which made the engine grow faster than
linearly with document size (about 30% of the time on a 3,600-clause pair). Collection resumes, and
everything unreachable is freed, as soon as the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
