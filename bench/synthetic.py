"""Synthetic policies of a given size, built from the bundled corpus (for benchmarks only).

The corpus document's sections are repeated and renumbered; every copy is made distinct by swapping
in words from a vocabulary, as real long policies repeat their structure but not their sentences.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VOCABULARY = ("regional affiliate subscriber merchant workspace invoice ledger partner reseller auditor "
              "processor controller archive backup analytics telemetry support escalation billing renewal "
              "territory jurisdiction notice consent objection portability").split()


def synthetic_policy(words: int, source: Path = CORPUS / "tallyhq-terms" / "v4.0.txt", seed: int = 7) -> str:
    """A plain-text policy of about `words` words with numbered sections and distinct paragraphs."""
    rng = random.Random(seed)
    text = source.read_text(encoding="utf-8")
    header, _, body = text.partition("\n1. ")
    sections = re.split(r"\n(?=\d+\. [A-Z])", "1. " + body)
    out = [header.strip(), ""]
    count = number = 0
    while count < words:
        for section in sections:
            number += 1
            renumbered = re.sub(r"^(\d+)(\.\d+)?", lambda m: f"{number}{m.group(2) or '.'}", section, flags=re.M)
            lines = [_vary(line, rng) for line in renumbered.strip().split("\n")]
            out.extend(lines)
            out.append("")
            count += len(section.split())
            if count >= words:
                break
    return "\n".join(out) + "\n"


def _vary(line: str, rng: random.Random) -> str:
    words = line.split()
    if len(words) < 8 or re.match(r"^\d", line):
        return line
    for _ in range(3):
        words[rng.randrange(2, len(words) - 1)] = rng.choice(VOCABULARY)
    return " ".join(words)
