"""`policydiff git-setup` and the diff driver git calls: plain `git diff` shows clause-level diffs.

git-setup writes `.gitattributes` (policy paths -> `diff=policydiff`) and sets
`diff.policydiff.command` in the repository's own config, pointing at this interpreter so the
driver works whatever PATH git runs with. git then calls `policydiff git-diff` with seven arguments
(path, old file, old hash, old mode, new file, new hash, new mode); `/dev/null` stands for a file
that does not exist on one side.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from policydiff.model import Document, Metadata

DEFAULT_PATTERNS = ("policies/*.md",)


def git_setup(root: Path, patterns: tuple[str, ...]) -> list[str]:
    """Configure the repository at root; returns what was done, one line each."""
    import git

    repo = git.Repo(root, search_parent_directories=True)
    top = Path(repo.working_tree_dir or root)
    attributes = top / ".gitattributes"
    existing = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    wanted = [f"{pattern} diff=policydiff" for pattern in patterns]
    added = [line for line in wanted if line not in existing]
    done = []
    if added:
        from policydiff.files import write_atomic

        write_atomic(attributes, "\n".join([*existing, *added]) + "\n")
        done.append(f"{attributes}: {', '.join(added)}")
    command = f"{shlex.quote(sys.executable)} -m policydiff git-diff"
    with repo.config_writer(config_level="repository") as config:
        config.set_value('diff "policydiff"', "command", command)
    done.append(f"git config diff.policydiff.command = {command}")
    return done


def git_diff_driver(arguments: list[str]) -> str:
    """The clause-level text diff of the two files git hands over."""
    from policydiff.api import diff_documents
    from policydiff.parse import parse_file
    from policydiff.render.diff_text import render_text_diff

    path, old_file, _, _, new_file = arguments[:5]
    old = _document(old_file, f"a/{path}", parse_file)
    new = _document(new_file, f"b/{path}", parse_file)
    header = f"policydiff {path}\n"
    color = bool(os.environ.get("GIT_PAGER_IN_USE")) and not os.environ.get("NO_COLOR")
    return header + render_text_diff(diff_documents(old, new), color=color)


def _document(file: str, name: str, parse_file) -> Document:  # type: ignore[no-untyped-def]
    if file == os.devnull or not Path(file).exists():
        return Document(metadata=Metadata(), clauses=(), source=name)
    from dataclasses import replace

    return replace(parse_file(file), source=name)
