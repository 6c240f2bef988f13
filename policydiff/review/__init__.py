"""A reviewer's decisions on a diff, kept in a file so a review can be closed and resumed.

`decisions.py` is the model (a Decision per change, keyed so it survives re-running the diff, and
`apply_review`, which `check`, `notice` and the review UI call to see the diff as reviewed);
`file.py` reads and writes the review file; `report.py` exports a review as Markdown and JSON.
Nothing here imports Textual: the terminal UI (policydiff.tui) is one user of this model.
"""

from __future__ import annotations

from policydiff.review.decisions import (Decision, Review, apply_review, change_fingerprint, change_key, follow,
                                         is_reviewed, is_stale)
from policydiff.review.file import (REVIEW_SCHEMA, REVIEW_SUFFIX, REVIEWS_FOLDER, decision_dict,
                                    default_review_path, load_review, review_slug, save_review)

__all__ = ["REVIEWS_FOLDER", "REVIEW_SCHEMA", "REVIEW_SUFFIX", "Decision", "Review", "apply_review",
           "change_fingerprint", "change_key", "decision_dict", "default_review_path", "follow", "is_reviewed", "is_stale", "load_review",
           "review_slug", "save_review"]
