"""`policydiff fsck`: check that every recorded version has its commit, tag and trailers; repair what can be.

The repairs are those an interrupted `add` needs (store/fsck.py says which): with `--dry-run` they are
listed and not made. Exit status: 0 when the repository is sound (after the repairs), 1 when problems
are left that need a person, 2 on error.
"""

from __future__ import annotations

import argparse

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import repository, write
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    fsck = add_parser(subparsers, "fsck",
                      description="Check the policy repository: every version a commit with its trailers and its "
                                  "tag, nothing left half-written by an interrupted add, the stored files as "
                                  "committed, `git fsck` clean. Repairs what can be repaired (a missing tag, a "
                                  "half-written version rolled back, stray temporary files). Exit status: 0 when "
                                  "sound, 1 when problems are left, 2 on error.",
                      examples=["policydiff fsck --dry-run      # what would be repaired",
                                "policydiff fsck                # repair it"])
    fsck.add_argument("--dry-run", action="store_true", help="list the repairs without making them")
    fsck.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    fsck.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.store.fsck import fsck, summary

    report = fsck(repository(args), repair=not args.dry_run)
    write("\n".join(summary(report)))
    return ExitCode.CHANGES if report.problems else ExitCode.OK
