"""`policydiff show FILE`: a policy's clause tree, as an outline or as policydiff.tree/1 JSON."""

from __future__ import annotations

import argparse

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.shell import MEGABYTE, add_tracked, megabytes, terminal_width, write
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    show = add_parser(subparsers, "show", description="Parse FILE and print its clause tree: an indented outline, "
                                                      "or the policydiff.tree/1 JSON contract.",
                      examples=["policydiff show privacy.md", "policydiff show privacy@latest --format json",
                                "policydiff show HEAD~1:legal/terms.txt --width 100"])
    show.add_argument("file", metavar="FILE", help=f"the policy: {POLICY_NAMES}; .txt, .md, .html, .docx or .pdf")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    show.add_argument("--max-size", type=megabytes, default=20 * MEGABYTE, metavar="MB",
                      help="refuse files larger than this many megabytes (default: 20)")
    add_tracked(show)
    show.add_argument("--width", type=int, default=None, help="outline width in columns (default: terminal)")
    show.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.gcpause import paused_gc
    from policydiff.sources import load_document

    with paused_gc():
        document = load_document(args.file, args.max_size, tracked=args.tracked)
    if args.format == "json":
        from policydiff.render.tree_json import render_tree_json

        output = render_tree_json(document)
    else:
        from policydiff.render.outline import render_outline

        output = render_outline(document, width=args.width or terminal_width())
    write(output)
    return ExitCode.OK
