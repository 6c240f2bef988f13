"""What `pip install .` ships: every data file the package reads at run time, and the console script."""

from __future__ import annotations

import fnmatch
import tomllib

import pytest

from .conftest import ROOT


def test_every_data_file_is_declared_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["policydiff"]
    package = ROOT / "policydiff"
    data_files = [p.relative_to(package).as_posix() for p in package.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data_files, "the package has data files (rules, schemas)"
    missing = [f for f in data_files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert not missing, f"not shipped by pip install: {missing}"


def test_console_script_points_at_run() -> None:
    """The console script and `python -m policydiff` run the same program: `cli.run` (main, then exit)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["scripts"]["policydiff"] == "policydiff.cli:run"
    assert "from policydiff.cli import run" in (ROOT / "policydiff" / "__main__.py").read_text(encoding="utf-8")


def test_run_exits_with_mains_status_its_heap_frozen(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import gc
    import sys

    from policydiff import __version__
    from policydiff.cli import run

    monkeypatch.setattr(sys, "argv", ["policydiff", "--version"])
    try:
        with pytest.raises(SystemExit) as exited:
            run()
        assert exited.value.code == 0 and gc.get_freeze_count() > 0
        assert capsys.readouterr().out == f"policydiff {__version__}\n"
    finally:
        gc.unfreeze()
