"""`policydiff git-diff`: the diff driver git calls once `git-setup` has configured it.

git passes seven arguments (path, old file, old hash, old mode, new file, new hash, new mode);
`/dev/null` stands for a file that does not exist on one side.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import write
from policydiff.errors import ExitCode
from policydiff.model import Document, Metadata


def register(subparsers: SubParsers) -> None:
    driver = add_parser(subparsers, "git-diff")
    driver.add_argument("arguments", nargs="*")
    driver.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if len(args.arguments) < 7:
        sys.stderr.write("policydiff: error: git-diff is called by git with 7 arguments (see git-setup)\n")
        return ExitCode.TROUBLE
    write(git_diff_driver(args.arguments), styled=_color())
    return ExitCode.OK


def git_diff_driver(arguments: list[str]) -> str:
    """The clause-level text diff of the two files git hands over."""
    from policydiff.api import diff_documents
    from policydiff.render.diff_text import render_text_diff

    path, old_file, _, _, new_file = arguments[:5]
    old = _document(old_file, f"a/{path}")
    new = _document(new_file, f"b/{path}")
    header = f"policydiff {path}\n"
    return header + render_text_diff(diff_documents(old, new), color=_color())


def _color() -> bool:
    """Colour when git pages the output (`git diff` in a terminal), unless NO_COLOR."""
    return bool(os.environ.get("GIT_PAGER_IN_USE")) and not os.environ.get("NO_COLOR")


def _document(file: str, name: str) -> Document:
    if file == os.devnull or not Path(file).exists():
        return Document(metadata=Metadata(), clauses=(), source=name)
    from dataclasses import replace

    from policydiff.parse import parse_file

    return replace(parse_file(file), source=name)
