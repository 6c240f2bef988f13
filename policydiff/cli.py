"""The `policydiff` command: a thin shell over the library.

Only argparse and the error types load at start-up; each subcommand imports what it needs when it
runs, so `policydiff --help` stays fast and never loads Textual or GitPython. stdout carries the
data, stderr the diagnostics, and every PolicydiffError becomes one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from policydiff.errors import ExitCode, PolicydiffError

_MEGABYTE = 1024 * 1024


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policydiff",
        description="Read privacy policies, terms and AI terms as clause trees; diff them clause by clause.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = commands.add_parser("show", help="print a policy's clause tree (outline or JSON)",
                               description="Parse FILE and print its clause tree: an indented outline, "
                                           "or the policydiff.tree/1 JSON contract.")
    show.add_argument("file", metavar="FILE", help="policy file: .txt, .md, .html, .docx or .pdf")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    show.add_argument("--max-size", type=_megabytes, default=20 * _MEGABYTE, metavar="MB",
                      help="refuse files larger than this many megabytes (default: 20)")
    show.add_argument("--width", type=int, default=None, help="outline width in columns (default: terminal)")
    show.set_defaults(run=_run_show)
    return parser


def _megabytes(value: str) -> int:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(number * _MEGABYTE)


def _run_show(args: argparse.Namespace) -> int:
    from policydiff.parse import parse_file

    document = parse_file(args.file, max_bytes=args.max_size)
    if args.format == "json":
        from policydiff.render.tree_json import render_tree_json

        output = render_tree_json(document)
    else:
        from policydiff.render.outline import render_outline

        output = render_outline(document, width=args.width or _terminal_width())
    _write(output)
    return ExitCode.OK


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _write(text: str) -> None:
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `policydiff show x | head` is fine
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from policydiff import __version__

        _write(f"policydiff {__version__}")
        return ExitCode.OK
    if not getattr(args, "run", None):
        parser.print_help()
        return ExitCode.TROUBLE
    try:
        return int(args.run(args))
    except PolicydiffError as error:
        sys.stderr.write(f"policydiff: error: {_one_line(str(error))}\n")
        return int(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("policydiff: interrupted\n")
        return 130


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":
    raise SystemExit(main())
