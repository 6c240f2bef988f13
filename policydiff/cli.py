"""The `policydiff` command: a thin dispatcher over one module per subcommand (policydiff/commands/).

`main(argv) -> int` builds the parser from the command index, imports only the module of the
command that runs (so `policydiff --help` loads argparse and little else, never Textual or
GitPython), runs it, and maps every error to the exit-code contract: stdout carries the data,
stderr the diagnostics, and every PolicydiffError becomes one line and exit status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from policydiff.commands import COMMANDS, HIDDEN, build_parser
from policydiff.commands.shell import one_line, write
from policydiff.errors import ExitCode, PolicydiffError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True
if TYPE_CHECKING:
    from typing import NoReturn


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = _command(arguments)
    if command is not None and command not in COMMANDS:
        sys.stderr.write(f"policydiff: error: {unknown_command(command)}\n")
        return ExitCode.TROUBLE
    parser = build_parser(command)
    args = parser.parse_args(arguments)
    if args.version:
        from policydiff import __version__

        write(f"policydiff {__version__}")
        return ExitCode.OK
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.TROUBLE
    try:
        return int(args.run(args))
    except PolicydiffError as error:
        sys.stderr.write(f"policydiff: error: {one_line(str(error))}\n")
        return int(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("policydiff: interrupted\n")
        return 130
    except Exception as error:  # a bug: still one line, with a way to see the traceback
        import os

        if os.environ.get("POLICYDIFF_DEBUG"):
            raise
        sys.stderr.write(f"policydiff: internal error: {type(error).__name__}: {one_line(str(error))} "
                         "(please report it; POLICYDIFF_DEBUG=1 shows the traceback)\n")
        return int(ExitCode.TROUBLE)


def run() -> NoReturn:
    """The `policydiff` program (`python -m policydiff` and the console script): `main`, then exit. Every
    object left at exit is moved out of the garbage collector's reach first (gc.freeze), so that the
    interpreter's last collection does not walk the whole heap only to exit (~12 ms after a large diff);
    what the program wrote is already flushed, and exit handlers still run. The patterns a run compiles
    are kept for the next, and so are the package's parsed TOML tables (patterncache.py), when a command
    runs: the program's own `--help` and `--version` neither read nor write that file."""
    cache = None
    if _command(sys.argv[1:]) is not None:  # `policydiff`, `--help`, `--version` compile next to nothing
        from policydiff import patterncache

        cache = patterncache.start()
    try:
        code = main()
    finally:
        if cache is not None:
            from policydiff import patterncache

            patterncache.stop(cache)
    import gc

    gc.freeze()
    raise SystemExit(code)


def unknown_command(word: str) -> str:
    """"unknown command 'dif'; did you mean 'diff'?" (hidden commands are never suggested)."""
    import difflib

    names = [name for name in COMMANDS if name not in HIDDEN]
    close = difflib.get_close_matches(word, names, n=2, cutoff=0.6)
    if close:
        return f"unknown command {word!r}; did you mean {' or '.join(repr(name) for name in close)}?"
    return f"unknown command {word!r}; the commands are: {', '.join(names)} (policydiff --help says more)"


def _command(arguments: list[str]) -> str | None:
    """The subcommand the arguments name: the first one that is not an option (the program's own
    options take no values)."""
    return next((argument for argument in arguments if not argument.startswith("-")), None)


if __name__ == "__main__":
    run()
