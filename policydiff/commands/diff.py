"""`policydiff diff OLD NEW`: load both versions (files, git revisions or recorded versions), diff, render."""

from __future__ import annotations

import argparse
import os
import sys
import time

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.shell import add_max_size, count, deliver, team_settings, terminal_width
from policydiff.errors import ExitCode
from policydiff.model import Diff

FORMATS = ("text", "markdown", "json", "unified", "html")


def register(subparsers: SubParsers) -> None:
    diff = add_parser(
        subparsers, "diff",
        description="Compare two versions of a policy clause by clause. OLD and NEW are file paths or git "
                    "REV:PATH (as `git show` takes them). Exit status: 0, or 1 when --fail-on finds changes of "
                    "that kind; 2 on error.")
    diff.add_argument("old", metavar="OLD", help="old version: a file, or REV:PATH from the current git repository")
    diff.add_argument("new", metavar="NEW", help="new version: a file, or REV:PATH")
    diff.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    diff.add_argument("--material-only", action="store_true", help="list material changes only")
    diff.add_argument("--context", type=count, default=None, metavar="N",
                      help="unchanged clauses to show around each change (default: 0; unified: 3)")
    diff.add_argument("--fail-on", choices=("material", "any"), default=None,
                      help="exit 1 when material changes (or any changes) are found")
    diff.add_argument("--no-color", action="store_true", help="no colour in text output (also: NO_COLOR)")
    diff.add_argument("--timings", action="store_true", help="print milliseconds per stage to stderr")
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_max_size(diff)
    diff.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use (default: the "
                                                       "nearest one in this directory or its parents)")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.api import diff_documents
    from policydiff.gcpause import paused_gc
    from policydiff.sources import load_document

    team = team_settings(args)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    with paused_gc():
        old = load_document(args.old, args.max_size, timings)
        new = load_document(args.new, args.max_size, timings)
        result = diff_documents(old, new, timings, rules=team.rules)
    render_start = time.perf_counter()
    to_stdout = args.output in (None, "-")
    to_terminal = to_stdout and sys.stdout.isatty()
    color = args.format == "text" and not args.no_color and to_stdout and wants_color()
    output = render_diff(result, args.format, material_only=args.material_only, context=args.context, color=color,
                         width=terminal_width() if to_terminal else None)
    deliver(output, args.output, styled=color)
    result.timings["render"] = (time.perf_counter() - render_start) * 1000
    if args.timings:
        stages = ("read", "parse", "align", "classify", "render")
        parts = " ".join(f"{stage}={result.timings.get(stage, 0.0):.1f}ms" for stage in stages)
        total = (time.perf_counter() - start) * 1000
        sys.stderr.write(f"timings: {parts} total={total:.1f}ms\n")
    summary = result.summary()
    if args.fail_on == "material" and summary["material"]:
        return ExitCode.CHANGES
    if args.fail_on == "any" and result.changes:
        return ExitCode.CHANGES
    return ExitCode.OK


def render_diff(diff: Diff, fmt: str, *, material_only: bool = False, context: int | None = None,
                color: bool = False, width: int | None = None) -> str:
    """The diff in one output format; `width` is the terminal's, for the text format's section rules."""
    if fmt == "json":
        from policydiff.render.diff_json import render_json_diff

        return render_json_diff(diff, material_only=material_only)
    if fmt == "markdown":
        from policydiff.render.diff_markdown import render_markdown_diff

        return render_markdown_diff(diff, material_only=material_only, context=context or 0)
    if fmt == "html":
        from policydiff.render.diff_html import render_html_diff

        return render_html_diff(diff, material_only=material_only, context=context or 0)
    if fmt == "unified":
        from policydiff.render.diff_unified import render_unified

        return render_unified(diff, context=3 if context is None else context)
    from policydiff.render.diff_text import RULE_WIDTH, render_text_diff

    return render_text_diff(diff, color=color, material_only=material_only, context=context or 0,
                            width=width or RULE_WIDTH)


def wants_color() -> bool:
    """Colour for a terminal, unless NO_COLOR; FORCE_COLOR (or CLICOLOR_FORCE) asks for it anywhere."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
