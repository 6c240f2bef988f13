"""Format libraries speak only through policydiff's one-line errors.

python-docx and pypdf log warnings ("Ignoring wrong pointing object", "incorrect startxref") and emit
Python warnings about the files they read. Python prints such messages on stderr when nothing is
configured, so a malformed file gave several lines of library chatter before policydiff's own one-line
error, or with no error at all. `quiet(name)` silences a library's logger and its warnings while it reads
one file, and restores both afterwards, so the library's failures reach the user only as the InputError
the reader raises.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet(library: str) -> Iterator[None]:
    """No log record of `library` (and its children) and no Python warning while the block runs."""
    logger = logging.getLogger(library)
    disabled = logger.disabled
    logger.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.disabled = disabled
