"""Start-up stays light: --help and show never import Textual, GitPython or the format readers."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import CORPUS

HEAVY = ("textual", "git", "rich", "docx", "pypdf", "rapidfuzz", "charset_normalizer")


def loaded_modules(argv: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        "from policydiff.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_is_light() -> None:
    modules = loaded_modules(["--help"])
    assert not {m for m in modules if m.split(".")[0] in HEAVY + ("markdown_it", "yaml")}


def test_show_loads_only_what_it_reads() -> None:
    modules = loaded_modules(["show", str(CORPUS / "tallyhq-terms" / "v3.0.txt"), "--format", "json"])
    assert not {m for m in modules if m.split(".")[0] in HEAVY + ("markdown_it",)}
    modules = loaded_modules(["show", str(CORPUS / "brightdesk-privacy" / "v1.0.md")])
    assert "markdown_it" in modules
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


def test_library_import_is_light() -> None:
    result = subprocess.run([sys.executable, "-c", "import policydiff, sys, json; "
                             "print(json.dumps(sorted(sys.modules)))"], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout))
    assert "policydiff.parse" not in modules and "textual" not in modules


def test_check_and_notice_never_load_textual() -> None:
    old, new = str(CORPUS / "tallyhq-terms" / "v3.2.txt"), str(CORPUS / "tallyhq-terms" / "v4.0.txt")
    modules = loaded_modules(["check", old, new, "--format", "json"])
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich", "jinja2", "docx", "pypdf")}
    modules = loaded_modules(["notice", old, new, "--notice-date", "2025-10-01"])
    assert "jinja2" in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich", "docx", "pypdf")}
