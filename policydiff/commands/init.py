"""`policydiff init [DIR]`: create (or adopt) a git repository as a policy repository."""

from __future__ import annotations

import argparse

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import write
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    init = add_parser(subparsers, "init",
                      description="Create DIR (default: here) as a git repository for policy versions, or "
                                  "adopt an existing repository. Running it again changes nothing.",
                      examples=["policydiff init legal-policies && cd legal-policies", "policydiff init   # here"])
    init.add_argument("dir", metavar="DIR", nargs="?", default=".",
                      help="the folder to create or adopt (default: the current one)")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.store.repo import PolicyRepository

    repo, created = PolicyRepository.init(Path(args.dir))
    write(f"{'initialised' if created else 'already'} a policy repository in {repo.root}")
    return ExitCode.OK
