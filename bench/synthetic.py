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


# --- nested synthetic documents, for the stage exponents --------------------------------------------

Section = tuple[str, list[tuple[str, list[str]]]]
"""A top-level section: its heading words, and its subsections (heading words, paragraphs)."""

SUBSECTIONS = 3
PARAGRAPHS = 6
CLAUSES_PER_SECTION = 1 + SUBSECTIONS * (1 + PARAGRAPHS)
"""22 clauses a section: 20,000 clauses are 909 sections. policydiff reads section numbers of up to
three digits ("2024 Update" is a heading, not section 2024), so a section numbered 1000 or more is
read as an unnumbered heading and renumbering past it looks like retitling; the sections are made
large enough that the largest document stays under 1000 (the benchmark checks every number is read)."""


def _templates(source: Path = CORPUS / "tallyhq-terms" / "v4.0.txt") -> list[tuple[str, list[str]]]:
    """The corpus policy's top-level sections as templates: heading words, paragraphs of 8 words or more."""
    templates: list[tuple[str, list[str]]] = []
    for line in (line.strip() for line in source.read_text(encoding="utf-8").split("\n")):
        if re.match(r"^\d+\. [A-Z]", line):
            templates.append((re.sub(r"^\d+\.\s*", "", line).title(), []))
        elif templates and len(line.split()) >= 8 and not re.match(r"^[\d•]", line):
            templates[-1][1].append(line)
    return [(heading, paragraphs) for heading, paragraphs in templates if paragraphs]


def nested_sections(clauses: int, seed: int = 7) -> list[Section]:
    """Sections of about `clauses` clauses, each a heading over three subsections of six distinct
    paragraphs, modelled on a corpus section; every fifth paragraph cites an earlier section about the
    same subject, as a real policy's cross-references do."""
    rng = random.Random(seed)
    templates = _templates()
    sections: list[Section] = []
    by_subject: dict[int, list[int]] = {}
    for number in range(1, max(1, round(clauses / CLAUSES_PER_SECTION)) + 1):
        subject = rng.randrange(len(templates))
        heading, paragraphs = templates[subject]
        earlier = by_subject.get(subject, [])
        subsections = []
        for _ in range(SUBSECTIONS):
            body = []
            for _ in range(PARAGRAPHS):
                text = _vary(rng.choice(paragraphs), rng)
                if earlier and rng.random() < 0.2:
                    text = f"{text.rstrip('.')}, as described in Section {rng.choice(earlier)}."
                body.append(text)
            subsections.append((f"{heading} {rng.choice(VOCABULARY).title()}", body))
        sections.append((f"{heading} {rng.choice(VOCABULARY).title()}", subsections))
        by_subject.setdefault(subject, []).append(number)
    return sections


def revised_sections(sections: list[Section], seed: int = 11) -> list[Section]:
    """A next version: every 7th paragraph edited, every 97th removed, a paragraph added to every 50th
    section, one section inserted in the middle (renumbering all after it) and one section moved."""
    rng = random.Random(seed)
    revised: list[Section] = []
    count = 0
    for index, (heading, subsections) in enumerate(sections):
        new_subsections = []
        for sub_heading, body in subsections:
            new_body = []
            for text in body:
                count += 1
                if count % 97 == 0:
                    continue
                if count % 7 == 0:
                    words = text.split()
                    words[len(words) // 2] = "substantially"
                    text = " ".join(words)
                new_body.append(text)
            new_subsections.append((sub_heading, new_body))
        if index % 50 == 49:
            new_subsections[-1][1].append(f"We may also share {rng.choice(VOCABULARY)} data with our advertising "
                                          "partners, unless you opt out in your account settings.")
        revised.append((heading, new_subsections))
    middle = len(revised) // 2
    revised.insert(middle, ("Ai Model Training", [("Training Data", [
        "We may use de-identified customer data to train and evaluate the models behind our features, "
        "unless you opt out in your settings."])]))
    if len(revised) > 4:
        revised.insert(middle + max(1, middle // 3), revised.pop(max(1, middle // 2)))
    return revised


def render_sections(sections: list[Section], title: str = "Synthetic Terms of Service") -> str:
    """The sections as a Markdown policy: `## N. Heading`, `### N.M Heading`, paragraphs."""
    out = [f"# {title}", "", "Effective Date: December 1, 2025 | Version 4.0", ""]
    for number, (heading, subsections) in enumerate(sections, start=1):
        out += [f"## {number}. {heading}", ""]
        for sub_number, (sub_heading, body) in enumerate(subsections, start=1):
            out += [f"### {number}.{sub_number} {sub_heading}", ""]
            for text in body:
                out += [text, ""]
    return "\n".join(out)
