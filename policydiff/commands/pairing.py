"""Warnings about the pair of versions a command was given, on stderr, before anyone trusts the result.

Two mistakes are easy and silent: OLD and NEW swapped (every addition then reads as a removal, and a
longer notice period as a shorter one), and two files that are not versions of one document (a
README diffed against a policy). view.pair_warnings finds them; each is one line; the command runs on.
"""

from __future__ import annotations

import sys

from policydiff.model import Diff


def warn_about_pair(diff: Diff, old_name: str, new_name: str) -> None:
    """view.pair_warnings on stderr, one line each."""
    from policydiff.view import pair_warnings

    for warning in pair_warnings(diff, old_name, new_name):
        sys.stderr.write(f"policydiff: warning: {warning}\n")
