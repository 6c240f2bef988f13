"""One exception tree whose messages are written for the person at the terminal.

The CLI maps every PolicydiffError to a single line on stderr and exit status 2; anything else is a
bug and is reported as such.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit statuses policydiff promises (difftastic's convention)."""

    OK = 0
    """Success; for diff-like commands, no changes of the kind asked about."""
    CHANGES = 1
    """Changes of the kind named by --fail-on were found (diff-like commands only)."""
    TROUBLE = 2
    """Bad input, bad usage or a failure: nothing useful was produced."""


class PolicydiffError(Exception):
    """An error the user can act on; str() is the whole one-line message."""

    exit_code: ExitCode = ExitCode.TROUBLE


class InputError(PolicydiffError):
    """A file that cannot be read as a policy: missing, empty, binary, too large, undecodable."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class MissingExtraError(PolicydiffError):
    """A format reader needs an optional dependency that is not installed."""

    def __init__(self, source: str, what: str, extra: str) -> None:
        super().__init__(
            f"{source}: reading {what} needs the '{extra}' extra: pip install 'policydiff[{extra}]'"
        )
