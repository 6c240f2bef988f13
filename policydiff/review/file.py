"""Where a review is kept and how: `NEW.review.json` beside a file, `.policydiff/reviews/` for revisions.

Written atomically on every decision, so quitting (or a crash) never loses more than the keystroke in
flight; read back strictly, so a damaged file is one line naming it rather than a silent reset.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from policydiff.jsontext import dumps
from policydiff.errors import InputError
from policydiff.files import read_regular, write_atomic
from policydiff.review.decisions import Decision, Review
from policydiff.sources import is_revision

REVIEW_SCHEMA = "policydiff.review/1"
REVIEW_SUFFIX = ".review.json"
REVIEWS_FOLDER = Path(".policydiff") / "reviews"
REVIEW_MAX_BYTES = 64 * 1024 * 1024


def load_review(path: str | Path) -> Review:
    """The review stored at path; an empty review when there is no file yet."""
    target = Path(path)
    if not target.exists() and not target.is_symlink():
        return Review()
    try:
        raw = read_regular(target, REVIEW_MAX_BYTES).decode("utf-8")  # never a FIFO or a device
    except UnicodeDecodeError as error:
        raise InputError(str(target), f"cannot read review file: {error}") from None
    try:
        data = json.loads(raw)
        return _review_from(data)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise InputError(str(target), f"not a policydiff review file ({error}); move it aside to start afresh") \
            from None


def save_review(path: str | Path, review: Review) -> None:
    """Write the review atomically (a crash leaves the old file or the new one, never half)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"schema": REVIEW_SCHEMA, "old": review.old, "new": review.new,
            "decisions": {key: decision_dict(review.decisions[key]) for key in sorted(review.decisions)}}
    write_atomic(target, dumps(data) + "\n")


def _review_from(data: Any) -> Review:
    if not isinstance(data, dict) or data.get("schema") != REVIEW_SCHEMA:
        raise ValueError(f"schema is not {REVIEW_SCHEMA}")
    decisions = {}
    for key, item in dict(data.get("decisions") or {}).items():
        decision = Decision(reviewed=_typed(item, "reviewed", bool, False), comment=_typed(item, "comment", str),
                            override=_typed(item, "override", bool), override_reason=_typed(item, "override_reason", str),
                            updated=_typed(item, "updated", str), fingerprint=_typed(item, "fingerprint", str),
                            reviewer=_typed(item, "reviewer", str))
        if decision.override is not None and not (decision.override_reason or "").strip():
            raise ValueError(f"decision {key!r} overrides materiality without a reason")
        decisions[str(key)] = decision
    return Review(old=_typed(data, "old", str, ""), new=_typed(data, "new", str, ""), decisions=decisions)


def _typed(item: dict[str, Any], name: str, kind: type, default: Any = None) -> Any:
    value = item.get(name, default)
    if value is not None and not isinstance(value, kind):
        raise TypeError(f"'{name}' should be {kind.__name__}, not {type(value).__name__}")
    return value


def decision_dict(decision: Decision) -> dict[str, Any]:
    return {"reviewed": decision.reviewed, "comment": decision.comment, "override": decision.override,
            "override_reason": decision.override_reason, "updated": decision.updated,
            "fingerprint": decision.fingerprint, "reviewer": decision.reviewer}


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+|\.{2,}")


def default_review_path(new_argument: str, cwd: Path | None = None) -> Path:
    """Where the review of a change to NEW is kept when --review does not say.

    A file: beside it, as `<name>.review.json` (in `.policydiff/reviews/` of cwd when its folder is
    not writable). A git REV:PATH or DOC@VERSION name: `.policydiff/reviews/<slug>.json` in the
    policy repository (or git work tree) containing cwd, else in cwd. The slug keeps only letters,
    digits, '.', '-' and '_' and ends in a hash of the full name, so no name can reach outside that
    folder and two names never share a file.
    """
    here = (cwd or Path.cwd()).resolve()
    named = not is_revision(new_argument)
    if named:
        policy = Path(new_argument)
        if not policy.is_absolute():
            policy = here / policy
        if os.access(policy.parent, os.W_OK):
            return policy.with_name(policy.name + REVIEW_SUFFIX)
    folder = _repository_root(here) / REVIEWS_FOLDER
    path = folder / (review_slug(new_argument) + ".json")
    if path.resolve().parent != folder.resolve():
        raise InputError(new_argument, "cannot name a review file for this name; pass --review FILE")
    return path


def review_slug(name: str) -> str:
    """A file-name-safe, collision-free slug of an untrusted name: "privacy-2.1-3f2a9c1b"."""
    readable = re.sub(r"-{2,}", "-", _UNSAFE.sub("-", name)).strip(".-_")[:60].rstrip(".-_") or "review"
    return f"{readable}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def _repository_root(start: Path) -> Path:
    """The policy repository (or else git work tree) containing start; start itself outside both."""
    for marker in (Path(".policydiff") / "repository.toml", Path(".git")):
        for folder in (start, *start.parents):
            if (folder / marker).exists():
                return folder
    return start
