"""Long output through a pager, as git does: `$POLICYDIFF_PAGER`, else `$PAGER`, else `less -FRX`.

Only when stdout is a terminal and the user did not pass `--no-pager`: piped and saved output is
never paged. `less -FRX` quits at once when the text fits on one screen (F), passes colours and
strike-through through (R) and leaves the text on the screen when it quits (X). An empty pager
variable, or `cat`, means no pager; a pager that cannot be started means the text is printed.
Standard library only: cli.py's start-up must stay light.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping

DEFAULT_PAGER = ("less", "-FRX")


def pager_command(environ: Mapping[str, str], to_terminal: bool, no_pager: bool = False) -> list[str] | None:
    """The pager to run, as an argument list, or None to write straight to stdout."""
    if no_pager or not to_terminal:
        return None
    for variable in ("POLICYDIFF_PAGER", "PAGER"):
        value = environ.get(variable)
        if value is not None:
            words = shlex.split(value) if value.strip() else []
            return None if not words or words == ["cat"] else words
    return list(DEFAULT_PAGER)


def page(text: str, command: list[str]) -> bool:
    """Show text through the pager; False when the pager could not be started (nothing was shown)."""
    import subprocess

    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")    # as git sets them, for a bare `less` in $PAGER
    environment.setdefault("LV", "-c")
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        process.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit the pager early: fine
        pass
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less uses it to stop a search)
            continue
