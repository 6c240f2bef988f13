"""What every command shares: stdout writes, one-line messages, width, argument types, team config.

Only the standard library loads here, because cli.py imports this module at start-up.
"""

from __future__ import annotations

import argparse
import sys
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True

if TYPE_CHECKING:
    from datetime import date

    from policydiff.classify.rules import Rules
    from policydiff.config import Config
    from policydiff.store.repo import PolicyRepository

MEGABYTE = 1024 * 1024
MAX_MEGABYTES = 4096
"""The largest --max-size (as config.MAX_SIZE_MB): a limit is held in memory, so inf is no limit at all."""


def megabytes(value: str) -> int:
    """An argparse type: a size in megabytes, as bytes."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if not number > 0 or number > MAX_MEGABYTES:  # "nan" and "inf" are floats too
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_MEGABYTES}")
    return int(number * MEGABYTE)


def add_max_size(parser: argparse.ArgumentParser) -> None:
    """--max-size for a command whose default comes from the team configuration (see team_settings)."""
    parser.add_argument("--max-size", type=megabytes, default=None, metavar="MB",
                        help="refuse files larger than this many megabytes (default: 20, or max_size_mb in config)")


def add_tracked(parser: argparse.ArgumentParser) -> None:
    """--tracked, for a command that reads policy files: how to read a Word draft with tracked changes."""
    parser.add_argument("--tracked", choices=("accepted", "rejected"), default="accepted",
                        help="read a Word file's tracked changes as accepted (default: the text as it reads "
                             "with every change made) or rejected (the text before them)")


def reading_notes(*documents: object, only: str | None = None) -> None:
    """Tell stderr how each Word input was read: its tracked changes resolved, its comments ignored."""
    for document in documents:
        for note in getattr(document, "notes", ()):
            if note.startswith((only,) if only else ("tracked changes", "Word comments")):
                sys.stderr.write(f"policydiff: note: {getattr(document, 'source', '')}: {note}\n")


class Team:
    """A team's configuration and the classification rules it gives, for one command run.

    (A plain class: cli.py imports this module at start-up, and dataclasses costs 20 ms to import.)"""

    __slots__ = ("config", "rules")

    def __init__(self, config: Config, rules: Rules) -> None:
        self.config = config
        self.rules = rules


def team_settings(args: argparse.Namespace) -> Team:
    """Load the team configuration (--config, else the nearest one) and its rules; settle --max-size."""
    from pathlib import Path

    from policydiff.classify.rules import Rules
    from policydiff.config import find_config, load_config

    config = load_config(Path(args.config)) if args.config else find_config()
    if args.max_size is None:
        args.max_size = int((config.max_size_mb or 20) * MEGABYTE)
    return Team(config, Rules.from_config(config))


def count(value: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def repository(args: argparse.Namespace) -> PolicyRepository:
    """The policy repository named by --repo, else the one containing the current directory."""
    from pathlib import Path

    from policydiff.store.repo import PolicyRepository

    return PolicyRepository.open(Path(args.repo)) if getattr(args, "repo", None) else PolicyRepository.open()


def terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def write(text: str, *, styled: bool = False) -> None:
    """Data to stdout, with a final newline, never a control sequence but the colour codes of
    `styled` output (safe.output_safe); a closed pipe (`policydiff show x | head`) is fine."""
    from policydiff.safe import output_safe

    text = output_safe(text, styled=styled)
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        pass


def deliver(text: str | bytes, output: str | None, *, styled: bool = False) -> None:
    """The command's data (text, or a binary file's bytes): to `-o FILE` when one is given
    (files.write_output: atomically for a regular file, through a symlink, straight into a device or
    FIFO), else (and for `-o -`) to stdout. Text never carries a control sequence but the colour codes
    of `styled` output."""
    if isinstance(text, bytes):
        if output is None or output == "-":
            try:
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
                sys.stdout.flush()
            except BrokenPipeError:
                pass
            return
        from policydiff.files import write_output

        write_output(output, text)
        return
    if output is None or output == "-":
        write(text, styled=styled)
        return
    from policydiff.files import write_output
    from policydiff.safe import output_safe

    write_output(output, output_safe(text, styled=styled))


def iso(value: date | None) -> str | None:
    """A date as YYYY-MM-DD, None for none."""
    return value.isoformat() if value is not None else None


def one_line(message: str) -> str:
    """A message for stderr: one line, any control character in it (a file name's) shown as an escape."""
    from policydiff.safe import terminal_safe

    return " ".join(terminal_safe(message, visible=True).split())
