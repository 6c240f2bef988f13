"""The `policydiff` command: a thin dispatcher over one module per subcommand (policydiff/commands/).

`main(argv) -> int` builds the parser from the command index, imports only the module of the
command that runs (so `policydiff --help` loads argparse and little else, never Textual or
GitPython), runs it, and maps every error to the exit-code contract: stdout carries the data,
stderr the diagnostics, and every PolicydiffError becomes one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING
from importlib import import_module

from policydiff.commands import COMMANDS, add_parser
from policydiff.commands.shell import one_line, write
from policydiff.errors import ExitCode, PolicydiffError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class _Parser(argparse.ArgumentParser):
    """argparse, whose usage errors quote what was typed: shown with its control characters escaped."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        from policydiff.safe import terminal_safe

        super()._print_message(terminal_safe(message, visible=True), file)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, with the full arguments of `command` (every other command is listed only)."""
    parser = _Parser(
        prog="policydiff",
        description="Read privacy policies, terms and AI terms as clause trees; diff them clause by clause.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, _) in COMMANDS.items():
        if name == command:
            import_module(f"policydiff.commands.{module}").register(subparsers)
        else:
            add_parser(subparsers, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command(arguments))
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


def _command(arguments: list[str]) -> str | None:
    """The subcommand the arguments name: the first one that is not an option (the program's own
    options take no values)."""
    return next((argument for argument in arguments if not argument.startswith("-")), None)


if __name__ == "__main__":
    raise SystemExit(main())
