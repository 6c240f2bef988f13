"""policydiff: read privacy policies and terms as clause trees, and diff them clause by clause.

The library API is importable without the terminal UI or git: ``parse_file`` and ``parse_text``
return a ``Document``. Heavy modules are loaded only when a function needs them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True

__version__ = "0.1.0"

__all__ = ["Clause", "Diff", "Document", "Metadata", "diff", "parse_file", "parse_text", "__version__"]

if TYPE_CHECKING:
    from typing import Any

    from policydiff.api import diff
    from policydiff.model import Clause, Diff, Document, Metadata
    from policydiff.parse import parse_file, parse_text


def __getattr__(name: str) -> Any:  # PEP 562: keep `import policydiff` cheap
    if name == "diff":
        from policydiff.api import diff

        return diff
    if name in ("Clause", "Diff", "Document", "Metadata"):
        from policydiff import model

        return getattr(model, name)
    if name in ("parse_file", "parse_text"):
        from policydiff import parse

        return getattr(parse, name)
    raise AttributeError(f"module 'policydiff' has no attribute {name!r}")
