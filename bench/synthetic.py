"""Synthetic policies of a given size, built from the bundled corpus (for benchmarks only)."""

from __future__ import annotations

import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def synthetic_policy(words: int, source: Path = CORPUS / "tallyhq-terms" / "v4.0.txt") -> str:
    """A plain-text policy of about `words` words: the corpus document's sections repeated and renumbered."""
    text = source.read_text(encoding="utf-8")
    header, _, body = text.partition("\n1. ")
    body = "1. " + body
    sections = re.split(r"\n(?=\d+\. [A-Z])", body)
    out = [header.strip(), ""]
    count = 0
    number = 0
    while count < words:
        for section in sections:
            number += 1
            renumbered = re.sub(r"^(\d+)(\.\d+)?", lambda m: f"{number}{m.group(2) or '.'}", section, flags=re.M)
            out.append(renumbered.strip())
            out.append("")
            count += len(section.split())
            if count >= words:
                break
    return "\n".join(out) + "\n"
