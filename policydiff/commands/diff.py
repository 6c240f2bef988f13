"""`policydiff diff OLD NEW`: load both versions (files, git revisions or recorded versions), diff, render."""

from __future__ import annotations

import argparse
import os
import sys
import time

from typing import TYPE_CHECKING

from policydiff.commands import POLICY_NAMES, SubParsers, add_parser
from policydiff.commands.pager import page, pager_command
from policydiff.commands.shell import (add_max_size, add_tracked, count, deliver, reading_notes, team_settings,
                                       terminal_width)
from policydiff.errors import ExitCode, PolicydiffError
from policydiff.model import Diff, Document
from policydiff.render.wrap import RULE_WIDTH, SIDE_BY_SIDE_MIN

if TYPE_CHECKING:
    from policydiff.config import Config
    from policydiff.notice.window import NoticeCheck

FORMATS = ("text", "markdown", "json", "unified", "html", "docx")
COLOR_MODES = ("auto", "always", "never")


def register(subparsers: SubParsers) -> None:
    diff = add_parser(
        subparsers, "diff",
        description="Compare two versions of a policy clause by clause. With one Word file that has tracked "
                    "changes, compare the version before them with the version after them. In a terminal the text "
                    "is wrapped to its width and paged (through $POLICYDIFF_PAGER, $PAGER or less -FRX, as git "
                    "does). Exit status: 0, or 1 when --fail-on finds changes of that kind; 2 on error.",
        examples=["policydiff diff privacy-2025.md privacy-2026.md",
                  "policydiff diff HEAD~1:legal/privacy.md legal/privacy.md   # a file against its last commit",
                  "policydiff diff privacy@2.0 privacy@latest --material-only",
                  "policydiff diff old.md new.md --side-by-side --width 200",
                  "policydiff diff old.md new.md --format html -o redline.html",
                  "policydiff diff draft.docx --format docx -o redline.docx   # a draft's tracked changes"])
    diff.add_argument("old", metavar="OLD", help=f"the old version: {POLICY_NAMES}")
    diff.add_argument("new", metavar="NEW", nargs="?", default=None,
                      help="the new version, named the same ways (omit it to diff a Word draft's tracked changes)")
    diff.add_argument("--format", choices=FORMATS, default="text",
                      help="output format (default: text); html is the whole document as a redline, docx a Word "
                           "document with tracked changes (needs -o FILE)")
    diff.add_argument("--material-only", action="store_true", help="list material changes only")
    diff.add_argument("--changes-only", action="store_true",
                      help="html: the changes and their sections only, not the whole document")
    diff.add_argument("--context", type=count, default=None, metavar="N",
                      help="unchanged clauses to show around each change (default: 0; unified: 3)")
    diff.add_argument("--fail-on", choices=("material", "any"), default=None,
                      help="exit 1 when material changes (or any changes) are found")
    diff.add_argument("--color", "--colour", choices=COLOR_MODES, default=None, dest="color",
                      help="colour in text output: auto (in a terminal, unless NO_COLOR is set), always, never "
                           "(default: auto)")
    diff.add_argument("--no-color", action="store_const", const="never", dest="color", help="the same as --color=never")
    diff.add_argument("--width", type=columns, default=None, metavar="N",
                      help="wrap text output to N columns (default: the terminal's width; piped output is not wrapped)")
    diff.add_argument("--side-by-side", "-y", action="store_true",
                      help=f"old words left, new words right (text output; needs {SIDE_BY_SIDE_MIN}+ columns)")
    diff.add_argument("--no-pager", action="store_true", help="never page the output (it is paged only in a terminal)")
    diff.add_argument("--timings", action="store_true", help="print milliseconds per stage to stderr")
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    diff.add_argument("--notice-date", metavar="DATE", help="html and docx: the day users are told, for the notice "
                                                            "verdict (default: NEW's last-updated date)")
    diff.add_argument("--effective", metavar="DATE", help="html and docx: when NEW takes effect (default: NEW's own)")
    add_max_size(diff)
    add_tracked(diff)
    diff.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use (default: the "
                                                         "nearest one in this directory or its parents)")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.api import diff_documents
    from policydiff.commands.pairing import warn_about_pair
    from policydiff.gcpause import paused_gc
    from policydiff.safe import output_safe
    from policydiff.sources import load_document

    if args.format == "docx" and not args.output:
        raise PolicydiffError("--format docx writes a Word file: give it a name with -o FILE")
    if args.format == "docx" and (args.changes_only or args.material_only):
        raise PolicydiffError("--format docx is the whole document with tracked changes: --changes-only and "
                              "--material-only apply to the other formats")
    _import_stages()  # so that --timings times the work, not the imports
    team = team_settings(args)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    with paused_gc():
        if args.new is None:
            old, new = tracked_versions(args.old, args.max_size, timings)
        else:
            old = load_document(args.old, args.max_size, timings, args.tracked)
            new = load_document(args.new, args.max_size, timings, args.tracked)
        result = diff_documents(old, new, timings, rules=team.rules)
    if args.new is None:  # one draft: say once what is compared, and what was left out
        sys.stderr.write(f"policydiff: note: {args.old}: its tracked changes rejected (OLD) against accepted (NEW)\n")
        reading_notes(*(note for note in (new,) if any(n.startswith("Word comments") for n in new.notes)),
                      only="Word comments")
    else:
        reading_notes(old, new)
        warn_about_pair(result, args.old, args.new)
    render_start = time.perf_counter()
    to_stdout = args.output in (None, "-")
    to_terminal = to_stdout and sys.stdout.isatty()
    output: str | bytes
    color = False
    if args.format in ("html", "docx"):
        output = render_redline(result, args, team.config)
    else:
        color = args.format == "text" and use_color(args.color, to_terminal)
        width = args.width or (terminal_width() if to_terminal else None)
        if args.side_by_side and args.format == "text" and (width or 2 * RULE_WIDTH) < SIDE_BY_SIDE_MIN:
            sys.stderr.write(f"policydiff: note: --side-by-side needs {SIDE_BY_SIDE_MIN} columns, this is {width}: "
                             "showing one column\n")
        output = render_diff(result, args.format, material_only=args.material_only, context=args.context,
                             color=color, width=width, side_by_side=args.side_by_side)
    result.timings["render"] = (time.perf_counter() - render_start) * 1000
    pager = pager_command(os.environ, to_terminal, args.no_pager) if isinstance(output, str) else None
    if pager is None or not isinstance(output, str) or not page(output_safe(output, styled=color), pager):
        deliver(output, args.output, styled=color)
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


def tracked_versions(argument: str, max_size: int, timings: dict[str, float]) -> tuple[Document, Document]:
    """A Word draft's two versions: with its tracked changes rejected (old) and accepted (new)."""
    from dataclasses import replace

    from policydiff.parse import parse_source
    from policydiff.parse.docx import revision_count
    from policydiff.sources import read_source

    start = time.perf_counter()
    source = read_source(argument, max_size)
    timings["read"] = (time.perf_counter() - start) * 1000
    if source.format != "docx":
        raise PolicydiffError(f"{argument}: diff needs OLD and NEW; with one file, it must be a Word document with "
                              "tracked changes")
    if not revision_count(source.data, source.name):
        raise PolicydiffError(f"{argument}: this Word document has no tracked changes: give OLD and NEW to compare")
    start = time.perf_counter()
    old = parse_source(replace(source, name=f"{source.name} (changes rejected)", tracked="rejected"))
    new = parse_source(replace(source, name=f"{source.name} (changes accepted)", tracked="accepted"))
    timings["parse"] = (time.perf_counter() - start) * 1000
    return old, new


def render_redline(result: Diff, args: argparse.Namespace, config: Config) -> str | bytes:
    """The whole-document redline, HTML or Word, with the notice verdict on its cover."""
    notice = _notice(result, args, config)
    if args.format == "docx":
        from policydiff.render.diff_docx import render_docx_diff

        return render_docx_diff(result, notice=notice)
    from policydiff.render.diff_html import render_html_diff

    return render_html_diff(result, material_only=args.material_only, context=args.context or 0,
                            changes_only=args.changes_only, notice=notice)


def _notice(result: Diff, args: argparse.Namespace, config: Config) -> NoticeCheck:
    from policydiff.notice.dates import parse_date_option
    from policydiff.notice.window import check_notice

    notice_date = parse_date_option(args.notice_date, "--notice-date") if args.notice_date else None
    effective = parse_date_option(args.effective, "--effective") if args.effective else None
    return check_notice(result, notice_date=notice_date, effective=effective, settings=config.notice)


def render_diff(diff: Diff, fmt: str, *, material_only: bool = False, context: int | None = None,
                color: bool = False, width: int | None = None, side_by_side: bool = False) -> str:
    """The diff in one output format; `width` is what the text format wraps to (None: lines stay whole)."""
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
    from policydiff.render.diff_text import render_text_diff

    return render_text_diff(diff, color=color, material_only=material_only, context=context or 0,
                            width=width, side_by_side=side_by_side)


def _import_stages() -> None:
    """Import the parser, aligner and classifier before the stages are timed (the format reader is
    imported by the parse stage, once the input's format is known)."""
    import policydiff.align
    import policydiff.classify
    import policydiff.classify.xrefs
    import policydiff.parse  # noqa: F401


def use_color(mode: str | None, to_terminal: bool) -> bool:
    """--color: always and never say it; auto (the default) colours a terminal unless NO_COLOR is set
    or TERM is dumb, and FORCE_COLOR (or CLICOLOR_FORCE) asks for colour anywhere."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE"):
        return True
    return to_terminal and os.environ.get("TERM") != "dumb"


def columns(value: str) -> int:
    """An argparse type: a width of at least 20 columns."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of columns: {value!r}") from None
    if number < 20:
        raise argparse.ArgumentTypeError("must be 20 columns or more")
    return number
