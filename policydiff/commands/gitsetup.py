"""`policydiff git-setup`: make plain `git diff` show clause-level diffs of policy files.

The diff driver's command points at this interpreter, so it works whatever PATH git runs with;
git then calls `policydiff git-diff` (commands/gitdiff.py).
"""

from __future__ import annotations

import argparse
import shlex
import sys

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import write
from policydiff.errors import ExitCode

DEFAULT_PATTERNS = ("policies/*.md",)


def register(subparsers: SubParsers) -> None:
    setup = add_parser(subparsers, "git-setup",
                       description="Add `diff=policydiff` for policy paths to .gitattributes and set "
                                   "diff.policydiff.command in this repository, so `git diff` and `git log -p "
                                   "--ext-diff` show clause-level diffs of policy files.",
                       examples=["policydiff git-setup", "policydiff git-setup --pattern 'legal/*.md'"])
    setup.add_argument("--pattern", action="append", metavar="GLOB",
                       help="paths that are policies (default: policies/*.md); repeatable")
    setup.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.store.setup import configure_diff_driver

    command = f"{shlex.quote(sys.executable)} -m policydiff git-diff"
    for line in configure_diff_driver(Path.cwd(), tuple(args.pattern or DEFAULT_PATTERNS), command):
        write(line)
    return ExitCode.OK
