"""`policydiff notice OLD NEW`: draft the email that tells users about a material change. Nothing is sent."""

from __future__ import annotations

import argparse
import sys

from policydiff.commands import SubParsers, add_parser
from policydiff.commands.check import notice_check, pair_arguments
from policydiff.commands.shell import deliver, one_line
from policydiff.errors import ExitCode


def register(subparsers: SubParsers) -> None:
    notice = add_parser(
        subparsers, "notice",
        description="Draft a notice email for the material changes from OLD to NEW: a summary grouped by topic, "
                    "the effective date, links, what readers can do and a contact. Nothing is sent. Refuses when "
                    "the effective date breaks the notice window unless --force. Exit status: 0 when drafted, 1 "
                    "when refused (window too short, or nothing material to announce), 2 on error.",
        examples=["policydiff notice terms-3.2.txt terms-4.0.txt --notice-date 2025-11-20 --effective 2025-12-20",
                  "policydiff notice privacy@2.0 privacy@latest --format eml -o notice.eml"])
    pair_arguments(notice)
    notice.add_argument("--company", metavar="NAME", help="who the email is from (default: config, else the name "
                                                          "the policy gives itself)")
    notice.add_argument("--url", metavar="URL", help="where the full new policy is published")
    notice.add_argument("--redline-url", metavar="URL", help="where the comparison of the two versions is published")
    notice.add_argument("--contact", metavar="ADDRESS", help="where readers write with questions "
                                                             "(default: config, else the policy's own)")
    notice.add_argument("--from", dest="sender", metavar="ADDRESS", help="the From header of an eml draft")
    notice.add_argument("--template", action="append", metavar="FILE",
                        help="a Jinja2 template replacing the built-in one for the format (for eml: a .html "
                             "template replaces the HTML part, any other the text part); repeatable")
    notice.add_argument("--format", choices=("eml", "markdown", "text", "html"), default="text",
                        help="output format (default: text)")
    notice.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    notice.add_argument("--force", action="store_true",
                        help="draft even when the effective date breaks the notice window (with a warning in "
                             "the draft)")
    notice.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from policydiff.notice.draft import DraftOptions, draft_notice

    result, check, config = notice_check(args)
    settings = config.notice
    options = DraftOptions(company=args.company or settings.company, url=args.url or settings.url,
                           redline_url=args.redline_url or settings.redline_url,
                           contact=args.contact or settings.contact, sender=args.sender or settings.sender,
                           templates=tuple(args.template or ()), force=args.force)
    draft = draft_notice(result, check, args.format, options)
    for warning in draft.warnings:
        sys.stderr.write(f"policydiff: warning: {one_line(warning)}\n")
    deliver(draft.text, args.output)
    if args.output is not None and args.output != "-":
        sys.stderr.write(f"policydiff: draft written to {one_line(args.output)}\n")
    return ExitCode.OK
