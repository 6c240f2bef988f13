"""The two Markdown readers give the same blocks: markdown-it-pyrs's tree and markdown-it-py's tokens.

markdown-it-pyrs reads Markdown wherever its wheel installs; markdown-it-py is the fallback. Both
read every Markdown file of the corpus and of ../shared (real GitHub and Open Terms Archive
histories), and every other policy there once rendered to Markdown as `policydiff add` stores it;
the block streams (text, kind, level, number, label, lines, links...) must be equal, so a clause tree
never depends on which reader ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policydiff.parse import parse_file, parse_text
from policydiff.parse.markdown import markdown_blocks, token_reader, tree_reader
from policydiff.render.markdown_tree import render_markdown

from .conftest import CORPUS, REALWORLD

TREE = tree_reader()
pytestmark = pytest.mark.skipif(TREE is None, reason="markdown-it-pyrs is not installed")
POLICY_SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx", ".pdf")


def _files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                  if p.is_file() and p.suffix in POLICY_SUFFIXES and "labels" not in p.parts)


def _same_blocks(text: str, name: str) -> None:
    assert TREE is not None
    by_tree = markdown_blocks(text, TREE)
    by_tokens = markdown_blocks(text, token_reader())
    if by_tree != by_tokens:
        for position, (a, b) in enumerate(zip(by_tree[0], by_tokens[0])):
            assert a == b, f"{name}: block {position} differs"
        assert by_tree == by_tokens, f"{name}: the readers disagree"


def test_corpus_markdown_reads_the_same() -> None:
    files = [p for p in _files(CORPUS) if p.suffix == ".md"]
    assert files
    for path in files:
        _same_blocks(path.read_text(encoding="utf-8"), str(path))


def test_real_markdown_reads_the_same(realworld_dir: Path) -> None:
    files = [p for p in _files(realworld_dir) if p.suffix == ".md"]
    assert len(files) > 400
    for path in files:
        _same_blocks(path.read_text(encoding="utf-8"), str(path))


def test_stored_markdown_reads_the_same(seeds_dir: Path) -> None:
    """What `policydiff add` stores (a policy rendered to Markdown) reads the same way too: every corpus
    and seed policy, and the first and last version of every real history."""
    families: dict[Path, list[Path]] = {}
    for path in _files(REALWORLD):
        families.setdefault(path.parent, []).append(path)
    ends = [path for versions in families.values() for path in {versions[0], versions[-1]}]
    for path in [*_files(CORPUS, seeds_dir), *sorted(ends)]:
        _same_blocks(render_markdown(parse_file(path)), f"{path} as stored")


CASES = {
    "tight and loose lists": "- a\n- b\n  - c\n\n1. one\n\n2) two\n   para\n\n   more\n",
    "headings in items": "1. ### Who we are\n   text\n2. - ### Nested\n     body\n",
    "quotes": "> quoted\n> > deeper\n\n- > item quote\n  > second\n",
    "tables": "| a | b \\| c |\n|---|---|\n| 1 |\n| **x** | [y](http://y.example) |\n",
    "inline": "**Lead:** text with `code\nspan`, ![alt *x*](i.png), <b>tag</b><br> and a\\\nbreak &amp; *em*\n",
    "links": "[a](http://ex.com/ä?q=1&amp;r=2) <http://x.org/%41> <me@x.org> [r]\n\n[r]: /u\\_x \"t\"\n",
    "blocks": "<div>\nhtml\n</div>\n\n    indented\n    - bullet\n\n```\nfenced\n```\nSetext\n---\n***\n",
    "glue": "**1.1** First.\n**1.2** Second.\n\nword****word\n",
    "empty": "",
    "items after code": "- a\n\n        code in item\n\n- b\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_constructs_read_the_same(name: str) -> None:
    _same_blocks(CASES[name], name)


def test_clause_trees_match_on_the_corpus() -> None:
    """The trees are what the readers feed: one spot check end to end."""
    from policydiff.parse import markdown as reader_module

    for path in [p for p in _files(CORPUS) if p.suffix == ".md"]:
        text = path.read_text(encoding="utf-8")
        by_default = parse_text(text, "markdown", str(path))
        original = reader_module.default_reader
        try:
            reader_module.default_reader = token_reader  # type: ignore[assignment]
            by_tokens = parse_text(text, "markdown", str(path))
        finally:
            reader_module.default_reader = original
        assert by_default == by_tokens, path


def _yaml_front_matter(raw: str) -> object:
    import yaml

    try:
        loaded = yaml.safe_load(raw)
    except Exception:
        return "refused"
    return loaded if isinstance(loaded, dict) else {}


def test_what_yaml_may_not_hold_is_the_complement_of_its_printable_set() -> None:
    import re

    from policydiff.parse.markdown import _NOT_PRINTABLE

    printable = re.compile("[\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _NOT_PRINTABLE.finditer(text)] == [
        at for at, char in enumerate(text) if not printable.match(char)]


def test_own_front_matter_reads_as_yaml_does() -> None:
    """policydiff's own `key: "JSON"` front matter is read without YAML, to the same values."""
    import json
    import random

    from policydiff.parse.markdown import _own_front_matter

    rng = random.Random(3)
    alphabet = 'abc "\\/\t\n\x7f\x85\xa0é😀#:-{}[]\u2028\x01' + "'"
    for _ in range(2000):
        fields = {rng.choice(["title", "version", "effective_date", "yes", "on", "last_updated"]):
                  "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 4))}
        raw = "".join(f"{key}: {json.dumps(value, ensure_ascii=rng.random() < 0.2)}\n" for key, value in fields.items())
        own = _own_front_matter(raw)
        if own is not None:
            assert own == _yaml_front_matter(raw), raw
    for path in sorted([*CORPUS.rglob("*.md"), *REALWORLD.rglob("*.md")]):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            raw = text.split("\n---", 1)[0][4:] + "\n"
            own = _own_front_matter(raw)
            assert own is None or own == _yaml_front_matter(raw), path
