"""What `pip install .` ships: every data file the package reads at run time, and the console script."""

from __future__ import annotations

import fnmatch
import tomllib

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


def test_console_script_points_at_main() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["scripts"]["policydiff"] == "policydiff.cli:main"
