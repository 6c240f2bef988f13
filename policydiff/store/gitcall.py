"""The one mapping from GitPython's failures to the project's one-line errors.

Every git call in policydiff is made inside `git_errors(subject, ...)`: a missing repository, a
missing git, an unknown revision or a failed git command each become one PolicydiffError naming
what the user typed, with a hint where one helps. Anything else is a bug and is left to surface.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from policydiff.errors import InputError

if TYPE_CHECKING:
    import git

NOT_A_REPOSITORY = "not inside a git repository"


@contextmanager
def git_errors(subject: str, *, not_a_repository: str = NOT_A_REPOSITORY,
               unknown_revision: str | None = None) -> Iterator[None]:
    """Run git calls; each GitPython failure becomes one `subject: problem` line.

    `not_a_repository` is the problem when there is no repository; `unknown_revision`, when given,
    is the problem when a revision cannot be resolved (any other failed git command says what git
    said)."""
    import git

    try:
        yield
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(subject, not_a_repository) from None
    except git.GitCommandNotFound:
        raise InputError(subject, "git is not installed") from None
    except (git.BadName, ValueError):
        if unknown_revision is None:
            raise
        raise InputError(subject, unknown_revision) from None
    except git.GitCommandError as error:
        if unknown_revision is not None:
            raise InputError(subject, unknown_revision) from None
        raise InputError(subject, f"git failed: {' '.join(str(error.stderr or error).split())}") from None


def resolve_commit(repo: git.Repo, rev: str) -> git.Commit:
    """The commit a revision names, resolved by git itself (`git rev-parse`), so every name git accepts works
    (`HEAD@{yesterday}`, `main@{2}`, `v1.0^{}`) and every one it refuses (`HEAD@{99}`) is git.BadName."""
    import git

    try:
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
    except git.GitCommandError:
        raise git.BadName(rev) from None
    return repo.commit(sha)
