"""The subcommands, one module each: `register(subparsers)` adds its parser, `run(args) -> int` runs it.

COMMANDS is the index: every command in `policydiff --help` order, the module that implements it,
and the one line `--help` lists it with. cli.py imports only the module of the command that runs,
so start-up and `--help` stay light; a command module imports what it needs inside `run`.
"""

from __future__ import annotations

import argparse
from typing import Any

COMMANDS: dict[str, tuple[str, str | None]] = {
    "show": ("show", "print a policy's clause tree (outline or JSON)"),
    "diff": ("diff", "clause-level diff of two policy versions"),
    "lint": ("lint", "what one policy version commits to, and its own problems"),
    "check": ("check", "is a material change given the notice the old version promised?"),
    "notice": ("notice", "draft the email that tells users about a material change"),
    "pr": ("pr", "one Markdown comment for every policy file a pull request changes"),
    "hook": ("hook", "pre-commit entry points: lint or check each staged policy file"),
    "review": ("review", "review a diff in the terminal: mark, comment, override, export"),
    "init": ("init", "create (or adopt) a git repository as a policy repository"),
    "add": ("add", "record a file as the next version of a document"),
    "log": ("log", "the recorded versions of a document, with change summaries"),
    "history": ("history", "the life of one clause across all versions"),
    "import": ("importer", "bring an existing history into a policy repository"),
    "fsck": ("fsck", "check every recorded version has its commit, tag and trailers; repair what can be"),
    "git-setup": ("gitsetup", "make plain `git diff` show clause-level diffs of policy files"),
    "git-diff": ("gitdiff", None),  # no help line: git calls it, people do not
}
"""Command name → (module in policydiff.commands, its line in `policydiff --help`)."""

SubParsers = Any
"""argparse's subparsers action (its class is private)."""


def add_parser(subparsers: SubParsers, name: str, **options: Any) -> argparse.ArgumentParser:
    """The parser of one command, listed in `--help` with its line from COMMANDS."""
    summary = COMMANDS[name][1]
    if summary is not None:
        options["help"] = summary
    parser: argparse.ArgumentParser = subparsers.add_parser(name, **options)
    return parser
