"""Configure a repository so plain `git diff` shows clause-level diffs of policy files.

`.gitattributes` gets `PATTERN diff=policydiff` for each policy path pattern, and the repository's
own config gets `diff.policydiff.command`: the command git runs with seven arguments (path, old
file, old hash, old mode, new file, new hash, new mode) to show a policy file's diff.
"""

from __future__ import annotations

from pathlib import Path

from policydiff.files import write_atomic
from policydiff.store.gitcall import NOT_A_REPOSITORY, git_errors


def configure_diff_driver(start: Path, patterns: tuple[str, ...], command: str) -> list[str]:
    """Configure the repository containing `start`; returns what was done, one line each."""
    import git

    with git_errors(str(start), not_a_repository=f"{NOT_A_REPOSITORY} (git-setup configures the repository "
                                                   "of the current directory)"):
        repo = git.Repo(start, search_parent_directories=True)
    top = Path(repo.working_tree_dir or start)
    attributes = top / ".gitattributes"
    existing = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    wanted = [f"{pattern} diff=policydiff" for pattern in patterns]
    added = [line for line in wanted if line not in existing]
    done = []
    if added:
        write_atomic(attributes, "\n".join([*existing, *added]) + "\n")
        done.append(f"{attributes}: {', '.join(added)}")
    with git_errors(str(top)), repo.config_writer(config_level="repository") as config:
        config.set_value('diff "policydiff"', "command", command)
    done.append(f"git config diff.policydiff.command = {command}")
    return done
