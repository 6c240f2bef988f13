"""The subcommands, one module each: `register(subparsers)` adds its parser, `run(args) -> int` runs it.

COMMANDS is the index: every command in `policydiff --help` order, the module that implements it,
and the one line `--help` lists it with. cli.py imports only the module of the command that runs,
so start-up and `--help` stay light; a command module imports what it needs inside `run`.

Every command's help ends with examples (`add_parser(..., examples=...)`), and every positional
that names a policy says the three ways to name one (`POLICY_NAMES`). A mistyped option or choice
gets a "did you mean" (Parser.error); a mistyped command is caught earlier, in cli.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from importlib import import_module
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~5 ms of `--help`); mypy reads it as True
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from _typeshed import SupportsWrite

COMMANDS: dict[str, tuple[str, str | None]] = {
    "show": ("show", "print a policy's clause tree (outline or JSON)"),
    "diff": ("diff", "clause-level diff of two policy versions"),
    "lint": ("lint", "what one policy version commits to, and its own problems"),
    "check": ("check", "is a material change given the notice the old version promised?"),
    "notice": ("notice", "draft the email that tells users about a material change"),
    "pr": ("pr", "one Markdown comment for every policy file a pull request changes"),
    "scan": ("scan", "classify every change of a whole versions archive, as a dataset (JSON Lines, Parquet)"),
    "hook": ("hook", "pre-commit entry points: lint or check each staged policy file"),
    "review": ("review", "review a diff in the terminal: mark, comment, override, export"),
    "init": ("init", "create (or adopt) a git repository as a policy repository"),
    "add": ("add", "record a file as the next version of a document"),
    "log": ("log", "the recorded versions of a document, with change summaries"),
    "history": ("history", "the life of one clause across all versions"),
    "import": ("importer", "bring an existing history into a policy repository"),
    "fsck": ("fsck", "check every recorded version has its commit, tag and trailers; repair what can be"),
    "git-setup": ("gitsetup", "make plain `git diff` show clause-level diffs of policy files"),
    "completion": ("completion", "print a shell completion script (bash, zsh or fish)"),
    "git-diff": ("gitdiff", None),  # no help line: git calls it, people do not
}
"""Command name → (module in policydiff.commands, its line in `policydiff --help`)."""

HIDDEN = frozenset(name for name, (_, summary) in COMMANDS.items() if summary is None)
"""Commands no one types: never listed, suggested or completed."""

POLICY_NAMES = "a file, git REV:PATH (as `git show` names it) or DOC@VERSION (a recorded version: privacy@2.1, " \
               "privacy@latest, privacy@2026-03-15, privacy@~1)"
"""How every command that reads a policy says what it accepts."""

if TYPE_CHECKING:
    SubParsers = Any
    """argparse's subparsers action (its class is private)."""
else:
    SubParsers = object


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, except that indented lines (the examples) are kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for block in text.split("\n"):
            if block.startswith(" ") or not block:
                paragraphs.append(indent + block)
            else:
                paragraphs.append(super()._fill_text(block, width, indent))
        return "\n".join(paragraphs)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors suggest the option or choice the user probably meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}{suggestion(message, self)}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Usage errors quote what was typed: printed with its control characters escaped."""
        from policydiff.safe import terminal_safe

        super()._print_message(terminal_safe(message, visible=True), file)


def suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    """"; did you mean --color?" for argparse's message about an unknown option or a bad choice."""
    import difflib  # only on the way to an error: a command that parses never loads it

    unknown = re.search(r"unrecognized arguments: (.+)$", message)
    if unknown:
        options = sorted(_option_strings(parser))
        typed = [word.split("=", 1)[0] for word in unknown.group(1).split() if word.startswith("--")]
        hints = []
        for word in typed:
            close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
            if close:
                hints.append(close[0] if len(typed) == 1 else f"{word} → {close[0]}")
        return f"; did you mean {', '.join(hints)}?" if hints else ""
    choice = re.search(r"invalid choice: '([^']*)' \(choose from (.+)\)", message)
    if choice:
        choices = [part.strip(" '") for part in choice.group(2).split(",")]
        close = difflib.get_close_matches(choice.group(1), [c for c in choices if c not in HIDDEN], n=1, cutoff=0.5)
        return f"; did you mean '{close[0]}'?" if close else ""
    return ""


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option of the parser and of the subcommand parsers it holds."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(option for option in action.option_strings if option.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.update(_option_strings(sub))
    return found


def add_parser(subparsers: SubParsers, name: str, *, examples: Sequence[str] = (),
               **options: Any) -> argparse.ArgumentParser:
    """The parser of one command, listed in `--help` with its line from COMMANDS, its help ending
    with `examples` (each a command line, with an optional "  # what it does")."""
    summary = COMMANDS[name][1]
    if summary is not None:
        options["help"] = summary
    if examples:
        options["epilog"] = "examples:\n" + "\n".join(f"  {example}" for example in examples)
    options.setdefault("formatter_class", HelpFormatter)
    parser: argparse.ArgumentParser = subparsers.add_parser(name, **options)
    return parser


def build_parser(command: str | None = None, *, everything: bool = False) -> argparse.ArgumentParser:
    """The whole parser, with the full arguments of `command` (every other command is listed only);
    `everything` registers every command's arguments (for the shell completion script)."""
    parser = Parser(
        prog="policydiff",
        description="Read privacy policies, terms and AI terms as clause trees; diff them clause by clause.",
        epilog="examples:\n  policydiff diff old.md new.md\n  policydiff review privacy@2.0 privacy@latest\n"
               "  policydiff COMMAND --help       # every option of one command, with examples",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, _) in COMMANDS.items():
        if name == command or everything:
            import_module(f"policydiff.commands.{module}").register(subparsers)
        else:
            add_parser(subparsers, name)
    return parser
