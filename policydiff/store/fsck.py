"""`policydiff fsck`: every version has its commit, its tag and its trailers; repair what can be repaired.

What an interrupted or failing `add` can leave, and what is repaired (under the lock, as `add` does):
a journal (the half-written version is rolled back, or its commit is tagged), stray temporary files,
a version commit without its tag (or a tag left on an older recording of a label re-recorded with
`--force`). What is reported and left alone, because repairing it would rewrite history or could undo
someone's work: trailers that are missing or unreadable, a tag pointing at something that is not a
version of its document, stored files changed outside `add`, uncommitted changes, and whatever
`git fsck` itself finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policydiff.store.gitcall import git_errors
from policydiff.store.recovery import ensure_tag, pending, stray_temporaries
from policydiff.store.repo import DOCUMENTS, PolicyRepository, StoreError, VersionRecord, check_version_label


@dataclass(frozen=True, slots=True)
class Finding:
    repaired: bool
    """True for a repair made (or, in a dry run, one that would be made); False for a problem left."""
    text: str
    done: bool = True
    """False for a repair a dry run would make."""


@dataclass(frozen=True, slots=True)
class FsckReport:
    findings: tuple[Finding, ...]
    versions: dict[str, int]
    """Versions recorded per document."""

    @property
    def problems(self) -> list[str]:
        return [finding.text for finding in self.findings if not finding.repaired]


def fsck(repo: PolicyRepository, *, repair: bool = True) -> FsckReport:
    """Check the repository; with `repair`, make the repairs described in the module docstring."""
    findings: list[Finding] = []
    with repo.locked(recover=repair) as repairs:
        findings += [Finding(True, note) for note in repairs]
        if not repair:
            findings += _pending(repo)
        counts = {}
        for doc in _documents(repo):
            records = repo.versions(doc)
            counts[doc] = len(records)
            findings += _trailers(doc, records)
            findings += _tags(repo, doc, records, repair)
            findings += _stored(repo, doc, records)
        findings += _stray_tags(repo, counts)
        findings += _work_tree(repo)
        findings += _git_fsck(repo)
    return FsckReport(tuple(findings), counts)


def _pending(repo: PolicyRepository) -> list[Finding]:
    found = [Finding(True, f"remove {path.name}, a temporary file an interrupted write left", done=False)
             for path in stray_temporaries(repo.git, repo.root)]
    intent = pending(repo.git)
    if intent is not None:
        found.append(Finding(True, f"finish or roll back the interrupted add of {intent.doc} {intent.version}",
                             done=False))
    return found


def _documents(repo: PolicyRepository) -> list[str]:
    tagged = {tag.name.split("/v", 1)[0] for tag in repo.git.tags if "/v" in tag.name}
    return sorted(set(repo.documents()) | tagged)


def _trailers(doc: str, records: list[VersionRecord]) -> list[Finding]:
    found = []
    previous: VersionRecord | None = None
    for record in records:
        where = f"{doc} {record.version} ({record.commit[:8]})"
        try:
            check_version_label(record.version)
        except StoreError:
            found.append(Finding(False, f"{where}: its Version trailer is not a usable label"))
        if previous is not None and record.supersedes != previous.version:
            found.append(Finding(False, f"{where}: its Supersedes trailer says {record.supersedes!r}, but the "
                                        f"version before it is {previous.version}"))
        if previous is not None and record.material_changes is None:
            found.append(Finding(False, f"{where}: its Material-Changes trailer is missing or not a number"))
        previous = record
    return found


def _tags(repo: PolicyRepository, doc: str, records: list[VersionRecord], repair: bool) -> list[Finding]:
    """The newest recording of each label carries the label's tag."""
    found = []
    newest = {record.version: record for record in records}
    commits = {record.commit for record in records}
    tags = {tag.name: tag for tag in repo.git.tags}
    for label, record in newest.items():
        name = f"{doc}/v{label}"
        tag = tags.get(name)
        if tag is not None and tag.commit.hexsha == record.commit:
            continue
        if tag is not None and tag.commit.hexsha not in commits:
            found.append(Finding(False, f"{name} points at {tag.commit.hexsha[:8]}, which is not a recorded version "
                                        f"of {doc} (the version is {record.commit[:8]}); move or delete the tag"))
            continue
        if not repair:
            found.append(Finding(True, f"tag {name} on {record.commit[:8]}", done=False))
            continue
        with git_errors(str(repo.root)):
            note = ensure_tag(repo.git, name, record.commit, doc, label, force=True)
        found.append(Finding(True, f"{note}: version {label} of {doc} was committed without its tag"))
    return found


def _stored(repo: PolicyRepository, doc: str, records: list[VersionRecord]) -> list[Finding]:
    """The stored Markdown at HEAD is the latest version's, unless someone committed over it."""
    if not records:
        return []
    path = f"{DOCUMENTS}/{doc}.md"
    latest = records[-1]
    with git_errors(str(repo.root)):
        changed = repo.git.git.diff("--name-only", latest.commit, "HEAD", "--", path).strip()
    if changed:
        return [Finding(False, f"{path} was changed after version {latest.version} by a commit that is not a version "
                               "(record the change with `policydiff add` instead)")]
    return []


def _stray_tags(repo: PolicyRepository, counts: dict[str, int]) -> list[Finding]:
    return [Finding(False, f"tag {tag.name} names a document with no recorded versions")
            for tag in repo.git.tags if "/v" in tag.name and not counts.get(tag.name.split("/v", 1)[0])]


def _work_tree(repo: PolicyRepository) -> list[Finding]:
    with git_errors(str(repo.root)):
        dirty = [path for path in repo.git.git.diff("HEAD", "--name-only", "-z", "--", DOCUMENTS).split("\0") if path]
    return [Finding(False, f"{path} has uncommitted changes: commit them with `policydiff add`, or discard them with "
                           f"`git checkout HEAD -- {path}`") for path in dirty]


def _git_fsck(repo: PolicyRepository) -> list[Finding]:
    import git

    found = []
    index_lock = Path(repo.git.git_dir) / "index.lock"
    if index_lock.exists():  # left by a git (or an add) killed while writing the index; or one running now
        found.append(Finding(False, f"{index_lock} exists: if no git command is running, remove it"))

    try:
        repo.git.git.fsck("--no-progress", "--no-dangling")
    except git.GitCommandError as error:
        detail = " ".join(str(error.stderr or error).split())[:300]
        found.append(Finding(False, f"git fsck: {detail}"))
    return found


def summary(report: FsckReport) -> list[str]:
    """The report as lines: repairs, problems, a line per document, the verdict."""
    lines = [f"{_prefix(finding)}: {finding.text}" for finding in report.findings]
    lines += [f"{doc}: {count} version{'s' if count != 1 else ''}" for doc, count in report.versions.items()]
    problems = len(report.problems)
    lines.append(f"{problems} problem{'s' if problems != 1 else ''} left" if problems else
                 "policy repository OK: every version has its commit, tag and trailers")
    return lines


def _prefix(finding: Finding) -> str:
    return "problem" if not finding.repaired else "repaired" if finding.done else "would repair"
