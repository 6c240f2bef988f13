"""Benchmark: the whole-document redlines on every labelled real pair in ../shared (and the corpus).

Run: python bench/bench_redline.py [--no-print]     (prints a table; nothing is asserted)

For each pair: the HTML redline printed by headless Chromium (pages, and how full each page is: no
page but the last should be under half full), the Word redline (its size, and whether Accept All
gives exactly the new version's clauses and Reject All exactly the old one's), and the time each
renderer takes. `--no-print` skips Chromium.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydiff.api import diff  # noqa: E402
from policydiff.render.diff_docx import render_docx_diff  # noqa: E402
from policydiff.render.diff_html import render_html_diff  # noqa: E402
from tests.redline_tools import chromium_pdf, clause_texts, page_fill, word_version  # noqa: E402

REAL = ROOT.parent / "shared" / "realworld"


def pairs() -> list[tuple[str, Path, Path]]:
    found = []
    for folder in sorted(p for p in (ROOT / "corpus").iterdir() if p.is_dir()):
        versions = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html"))
        found += [(f"{folder.name} {a.stem}→{b.stem}", a, b) for a, b in zip(versions, versions[1:])]
    for label in sorted((REAL / "labels").glob("*.json")) if REAL.is_dir() else []:
        pair = json.loads(label.read_text(encoding="utf-8"))
        found.append((pair["pair"], REAL / pair["old"], REAL / pair["new"]))
    return found


def main() -> None:
    printing = "--no-print" not in sys.argv
    print(f"{'pair':44} {'html ms':>8} {'docx ms':>8} {'docx kB':>8} {'exact':>6} {'pages':>5}  fill (all but last)")
    worst = 1.0
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, old, new in pairs():
            result = diff(old, new)
            start = time.perf_counter()
            page = render_html_diff(result)
            html_ms = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            data = render_docx_diff(result)
            docx_ms = (time.perf_counter() - start) * 1000
            (work / "r.docx").write_bytes(data)
            exact = (word_version(work / "r.docx", accept=True) == clause_texts(result.new)
                     and word_version(work / "r.docx", accept=False) == clause_texts(result.old))
            fills: list[float] = []
            if printing:
                (work / "r.html").write_text(page, encoding="utf-8")
                fills = page_fill(chromium_pdf(work / "r.html", work / "r.pdf"))
                worst = min([worst, *fills[:-1]])
            shown = " ".join(f"{f:.0%}" for f in fills[:-1]) + (f" | last {fills[-1]:.0%}" if fills else "")
            print(f"{name[:44]:44} {html_ms:8.0f} {docx_ms:8.0f} {len(data) / 1024:8.0f} {'yes' if exact else 'NO':>6} "
                  f"{len(fills) or '-':>5}  {shown}")
    if printing:
        print(f"\nleast full page but a last one: {worst:.0%}")


if __name__ == "__main__":
    main()
