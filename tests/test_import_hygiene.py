"""Imports run one way, and every command loads only what it needs.

The import contracts (pyproject.toml, [tool.importlinter]) fail on any upward import, any import
cycle, and GitPython, Textual or a format reader imported outside its package. Then every command
runs in a fresh interpreter: none but `review` may load Textual or Rich, nothing loads GitPython
without reading git, and `--help` loads no heavy module at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, ROOT

HEAVY = ("textual", "git", "rich", "docx", "pypdf", "rapidfuzz", "charset_normalizer", "pyarrow", "dask", "distributed")
TERMINAL_UI = ("textual", "rich")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
TERMS = [str(CORPUS / "tallyhq-terms" / f"v{version}.txt") for version in ("3.0", "3.1", "3.2", "4.0")]
PRIVACY = str(CORPUS / "brightdesk-privacy" / "v1.0.md")


def test_import_contracts_hold() -> None:
    code = ("from importlinter.cli import lint_imports\n"
            f"raise SystemExit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, "
            "no_logo=True))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"})
    assert result.returncode == 0, f"an import breaks a contract of [tool.importlinter]:\n{result.stdout}{result.stderr}"


def loaded_modules(*runs: list[str], cwd: Path | None = None) -> set[str]:
    """The modules loaded after running these command lines one after another in one fresh interpreter."""
    code = (
        "import sys, json\n"
        "from policydiff.cli import main\n"
        f"for argv in {list(runs)!r}:\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd,
                            env={**os.environ, **GIT_ENV, "NO_COLOR": "1"})
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def packages(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {module for module in modules if module.split(".")[0] in names}


@pytest.fixture(scope="module")
def git_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with two commits of a terms file, and a policy repository inside it."""
    root = tmp_path_factory.mktemp("hygiene")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    for source in TERMS[2:]:
        (root / "terms.txt").write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(["git", "add", "terms.txt"], cwd=root, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", "terms"], cwd=root, check=True, env=env)
    return root


def test_help_is_light() -> None:
    modules = loaded_modules(["--help"])
    assert not packages(modules, HEAVY + ("markdown_it", "markdown_it_pyrs", "yaml", "orjson"))


def test_diffing_files_loads_no_repository_code() -> None:
    """Naming a file is not naming a recorded version: the repository code loads for DOC@REV only."""
    modules = loaded_modules(["diff", TERMS[1], TERMS[2], "--format", "json"])
    assert "orjson" in modules or "json" in modules
    assert not {"policydiff.store.repo", "policydiff.store.lock", "policydiff.store.recovery"} & modules


def test_every_commands_help_is_light() -> None:
    from policydiff.commands import COMMANDS

    modules = loaded_modules(*([name, "--help"] for name in COMMANDS))
    assert not packages(modules, HEAVY + ("markdown_it", "markdown_it_pyrs", "yaml", "jinja2"))
    assert {f"policydiff.commands.{module}" for module, _ in COMMANDS.values()} <= modules  # each one registered


def test_scan_help_is_light() -> None:
    modules = loaded_modules(["scan", "--help"])
    assert not packages(modules, HEAVY + ("markdown_it", "markdown_it_pyrs", "yaml", "jinja2"))


def test_scan_to_json_lines_loads_neither_git_nor_the_extras(git_repo: Path, tmp_path: Path) -> None:
    """A local scan reads blobs with git plumbing and writes JSON Lines: no GitPython, pyarrow, Dask or Textual."""
    modules = loaded_modules(["scan", str(git_repo), "-o", str(tmp_path / "out.jsonl"), "--glob", "terms.txt",
                              "--jobs", "1"])
    assert "policydiff.scan.work" in modules and "policydiff.api" in modules
    assert not packages(modules, ("git", "textual", "rich", "pyarrow", "dask", "distributed"))


def test_show_loads_only_what_it_reads() -> None:
    modules = loaded_modules(["show", TERMS[0], "--format", "json"])
    assert not packages(modules, HEAVY + ("markdown_it", "markdown_it_pyrs"))
    modules = loaded_modules(["show", PRIVACY])
    assert ("markdown_it_pyrs" in modules) != ("markdown_it" in modules)  # one Markdown reader, the compiled one where installed
    assert not packages(modules, HEAVY)


def test_library_import_is_light() -> None:
    result = subprocess.run([sys.executable, "-c", "import policydiff, sys, json; "
                             "print(json.dumps(sorted(sys.modules)))"], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout))
    assert "policydiff.parse" not in modules and "textual" not in modules


@pytest.mark.parametrize(("argv", "never"), [
    (["diff", TERMS[1], TERMS[2], "--format", "json"], ("textual", "git", "rich", "numpy")),
    (["diff", TERMS[1], TERMS[2], "--format", "html", "--context", "1"], ("textual", "git", "rich", "jinja2")),
    (["lint", TERMS[3]], ("textual", "git", "rich", "jinja2")),
    (["check", TERMS[2], TERMS[3], "--format", "json"], ("textual", "git", "rich", "jinja2", "docx", "pypdf")),
    (["hook", "lint", TERMS[3]], ("textual", "git", "rich", "jinja2")),
    (["review", TERMS[2], TERMS[3]], TERMINAL_UI),  # refused without a terminal, before Textual is needed
], ids=lambda value: value[0] if isinstance(value, list) else "")
def test_commands_on_files_load_neither_the_ui_nor_git(argv: list[str], never: tuple[str, ...]) -> None:
    assert not packages(loaded_modules(argv), never)


def test_notice_loads_its_templates_only() -> None:
    modules = loaded_modules(["notice", TERMS[2], TERMS[3], "--notice-date", "2025-10-01"])
    assert "jinja2" in modules
    assert not packages(modules, ("textual", "git", "rich", "docx", "pypdf"))


def test_git_commands_load_git_but_not_the_ui(git_repo: Path) -> None:
    modules = loaded_modules(["pr", "--base", "HEAD~1", "--head", "HEAD", "terms.txt"],
                             ["diff", "HEAD~1:terms.txt", "HEAD:terms.txt"], ["hook", "check", "terms.txt"],
                             ["git-setup"], ["git-diff", "terms.txt", TERMS[2], "0", "100644", TERMS[3], "0", "100644"],
                             cwd=git_repo)
    assert "git" in modules and not packages(modules, TERMINAL_UI)


def test_store_commands_load_git_but_not_the_ui(tmp_path: Path) -> None:
    (tmp_path / "dated").mkdir()
    (tmp_path / "dated" / "2025-09-01.txt").write_text(Path(TERMS[2]).read_text(encoding="utf-8"), encoding="utf-8")
    modules = loaded_modules(["init", "repo"], ["add", "terms", TERMS[2], "--repo", "repo"],
                             ["add", "terms", TERMS[3], "--repo", "repo"], ["log", "terms", "--repo", "repo"],
                             ["history", "terms", "14/p2", "--repo", "repo"],
                             ["import", "dated", "--doc", "other", "--repo", "repo"], cwd=tmp_path)
    assert "git" in modules and not packages(modules, TERMINAL_UI)


def test_reading_recorded_versions_needs_no_gitpython(tmp_path: Path) -> None:
    """log, history and DOC@VERSION read commits and blobs with plain git plumbing (store/plumbing.py)."""
    env = {**os.environ, **GIT_ENV}
    for argv in (["init", "repo"], ["add", "terms", TERMS[2], "--repo", "repo"], ["add", "terms", TERMS[3], "--repo", "repo"]):
        subprocess.run([sys.executable, "-m", "policydiff", *argv], cwd=tmp_path, env=env, check=True, capture_output=True)
    modules = loaded_modules(["log", "terms", "--repo", "repo"], ["history", "terms", "14/p2", "--repo", "repo"],
                             cwd=tmp_path)
    modules |= loaded_modules(["show", "terms@latest"], ["diff", "terms@~1", "terms@latest", "--format", "json"],
                              cwd=tmp_path / "repo")
    assert "policydiff.store.plumbing" in modules
    assert not packages(modules, ("git", "textual", "rich"))
