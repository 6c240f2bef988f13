"""Reading a policy repository with plain git plumbing: no GitPython, one git process per question.

`policydiff log`, `history` and every `DOC@VERSION` read only commits and blobs; `git log` and
`git cat-file --batch` answer that in a few milliseconds, where importing GitPython alone costs
~200 ms. Writing (add, import, tags) stays with GitPython in repo.py. Every failure is one
StoreError line naming the repository.
"""

from __future__ import annotations

from pathlib import Path

from policydiff.errors import PolicydiffError

_RECORD = "\x1e"
_FIELD = "\x1f"


class PlumbingError(PolicydiffError):
    """git could not answer: not installed, or it failed."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """What `git -C root ARGS` prints; a failure is one line with what git said."""
    import subprocess  # here, not above: every command names versions through store/, few read git

    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise PlumbingError(f"{root}: git is not installed") from None
    if result.returncode != 0:
        said = " ".join(result.stderr.decode("utf-8", "replace").split())
        raise PlumbingError(f"{root}: git failed: {said}")
    return result.stdout


def has_commits(root: Path) -> bool:
    try:
        git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except PlumbingError:
        return False
    return True


def commits_touching(root: Path, path: str) -> list[tuple[str, int, str]]:
    """(sha, commit time, message) of every commit on HEAD that changed `path`, oldest first, as
    GitPython's iter_commits(paths=path, reverse=True) lists them."""
    if not has_commits(root):
        return []
    output = git(root, "log", "--reverse", f"--format=%H{_FIELD}%ct{_FIELD}%B{_RECORD}", "HEAD", "--", path)
    commits = []
    for record in output.decode("utf-8", "replace").split(_RECORD):
        fields = record.lstrip("\n").split(_FIELD, 2)
        if len(fields) == 3:
            commits.append((fields[0], int(fields[1]), fields[2]))
    return commits


def blob_ids(root: Path, specs: list[str]) -> list[str | None]:
    """The blob id of each `REV:PATH` (None where it names no blob), from one `git cat-file --batch-check`."""
    if not specs:
        return []
    output = git(root, "cat-file", "--batch-check", stdin="".join(f"{spec}\n" for spec in specs).encode())
    found: list[str | None] = []
    for line in output.decode("utf-8", "replace").splitlines():
        parts = line.split()
        found.append(parts[0] if len(parts) == 3 and parts[1] == "blob" else None)
    return found


def read_blobs(root: Path, specs: list[str]) -> list[bytes]:
    """The contents of each `REV:PATH` or blob id, from one `git cat-file --batch`."""
    if not specs:
        return []
    output = git(root, "cat-file", "--batch", stdin="".join(f"{spec}\n" for spec in specs).encode())
    contents = []
    position = 0
    for spec in specs:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) != 3:
            raise PlumbingError(f"{root}: git has no {spec}")
        size = int(header[2])
        contents.append(output[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return contents


def git_dir(root: Path) -> Path:
    """The repository's git folder (`.git`, or where a worktree's `.git` file points)."""
    return Path(git(root, "rev-parse", "--absolute-git-dir").decode("utf-8").strip())


def file_versions(root: Path, pathspecs: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(commit, author date, status, path, blob id) for every change of a regular file matching
    `pathspecs` on HEAD's first-parent history, oldest first, from one `git log --raw`. Status is
    git's letter (A added, M modified, D deleted, T type changed); the blob of a deletion is git's
    all-zero id. Merges count as the change they bring to the first parent."""
    if not has_commits(root):
        return []
    output = git(root, "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw",
                 "--no-renames", "--no-abbrev", "-z", f"--format={_RECORD}%H{_FIELD}%aI", "HEAD", "--", *pathspecs)
    versions = []
    for record in output.decode("utf-8", "surrogateescape").split(_RECORD):
        header, _, raw = record.partition("\0")
        commit, _, when = header.partition(_FIELD)
        fields = raw.lstrip("\n").split("\0")
        for meta, path in zip(fields[0::2], fields[1::2]):
            parts = meta.split()
            if len(parts) != 5 or not commit:
                continue
            old_mode, new_mode, _, blob, status = parts[0].lstrip(":"), parts[1], parts[2], parts[3], parts[4]
            mode = old_mode if status == "D" else new_mode
            if mode not in ("100644", "100755"):
                continue  # symlinks, submodules: no text of their own
            versions.append((commit, when, status[0], path, blob))
    return versions
