"""Who is at the keyboard, as git knows them: `git config user.name`, for the reviewer of a review.

A plain `git config` call (no GitPython: the review screen should not pay its import for one
value); no git, no repository or no name set is simply "unknown" (None), never an error.
"""

from __future__ import annotations

import subprocess


def git_user_name(cwd: str | None = None) -> str | None:
    """git's user.name for the current directory (repository, global or system config), or None."""
    try:
        result = subprocess.run(["git", "config", "--get", "user.name"], cwd=cwd, capture_output=True, text=True,
                                timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    name = " ".join(result.stdout.split())
    return name if result.returncode == 0 and name else None
