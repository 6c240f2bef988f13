"""Run `policydiff` as a normal user from a test that runs as root.

The sandbox (and some CI) runs the suite as root, for whom a 0444 file or an untraversable folder is
no obstacle, so a permission test would prove nothing. `as_nobody(argv)` forks, drops to `nobody`
in the child and runs `cli.main(argv)` there. The interpreter may live where `nobody` cannot read
(a pyenv under /root), so the child imports everything the commands import lazily before it drops
its privileges. Skipped with the reason where the suite is not root or there is no `nobody`.
"""

from __future__ import annotations

import importlib
import os
import stat
import pkgutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

_STDLIB = ("argparse", "codecs", "contextlib", "csv", "dataclasses", "datetime", "difflib", "email", "email.policy",
           "email.headerregistry", "email.message", "email.utils", "encodings.idna", "encodings.utf_16",
           "encodings.utf_32", "encodings.cp1252", "errno", "fcntl", "fnmatch", "gc", "hashlib", "html", "html.parser", "importlib.readers", "importlib.resources",
           "io", "json", "locale", "math", "platform", "shutil", "signal", "socket", "stat", "string", "subprocess",
           "tempfile", "textwrap", "tomllib", "unicodedata", "uuid", "zipfile", "zlib", "git", "yaml", "jinja2",
           "jinja2.sandbox", "markdown_it", "rapidfuzz", "rapidfuzz.distance", "charset_normalizer", "docx", "pypdf")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def nobody() -> tuple[int, int]:
    """The uid and gid of `nobody`, or skip: the test needs a root parent that can drop to it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user; as a normal user the plain test covers this")
    import pwd

    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user to drop privileges to")
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    if not all(folder.stat().st_mode & stat.S_IXOTH for folder in (corpus, *corpus.parents)):
        pytest.skip(f"{corpus} is in a folder other users cannot enter (a checkout under a private "
                    "temporary folder): `nobody` could not read the corpus the test runs on")
    return entry.pw_uid, entry.pw_gid


def _preload() -> None:
    import policydiff

    for name in _STDLIB:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    for module in pkgutil.walk_packages(policydiff.__path__, "policydiff."):
        if not module.name.startswith(("policydiff.tui", "policydiff.integrations", "policydiff.__main__")):
            importlib.import_module(module.name)


def as_nobody(argv: list[str], cwd: Path) -> Result:
    """`policydiff ARGV` in cwd as `nobody`: exit status, stdout and stderr."""
    uid, gid = nobody()
    _preload()
    with tempfile.TemporaryDirectory() as scratch:
        out, err = Path(scratch) / "out", Path(scratch) / "err"
        for path in (out, err):
            path.touch(mode=0o666)
            path.chmod(0o666)
        os.chmod(scratch, 0o755)
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 99
            try:
                import sys

                os.chdir(cwd)
                out_fd, err_fd = os.open(out, os.O_WRONLY), os.open(err, os.O_WRONLY)
                os.dup2(out_fd, 1)
                os.dup2(err_fd, 2)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
                from policydiff.cli import main

                code = main(argv)
                sys.stdout.flush()
                sys.stderr.flush()
            except SystemExit as error:
                code = error.code if isinstance(error.code, int) else 2
            except BaseException as error:  # report anything, never unwind into pytest
                os.write(2, f"child failed: {type(error).__name__}: {error}\n".encode())
            finally:
                os._exit(code if isinstance(code, int) else 98)
        _, status = os.waitpid(pid, 0)
        return Result(os.waitstatus_to_exitcode(status), out.read_text(encoding="utf-8"),
                      err.read_text(encoding="utf-8"))
