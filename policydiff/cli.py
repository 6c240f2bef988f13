"""The `policydiff` command: a thin shell over the library.

Only argparse and the error types load at start-up; each subcommand imports what it needs when it
runs, so `policydiff --help` stays fast and never loads Textual or GitPython. stdout carries the
data, stderr the diagnostics, and every PolicydiffError becomes one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from policydiff.commands.shell import MEGABYTE as _MEGABYTE
from policydiff.commands.shell import add_max_size
from policydiff.commands.shell import team_settings as _team_settings
from policydiff.commands.shell import megabytes as _megabytes
from policydiff.commands.shell import one_line as _one_line
from policydiff.commands.shell import terminal_width as _terminal_width
from policydiff.commands.shell import write as _write
from policydiff.errors import ExitCode, PolicydiffError



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

    diff = commands.add_parser(
        "diff", help="clause-level diff of two policy versions",
        description="Compare two versions of a policy clause by clause. OLD and NEW are file paths or git "
                    "REV:PATH (as `git show` takes them). Exit status: 0, or 1 when --fail-on finds changes of "
                    "that kind; 2 on error.")
    diff.add_argument("old", metavar="OLD", help="old version: a file, or REV:PATH from the current git repository")
    diff.add_argument("new", metavar="NEW", help="new version: a file, or REV:PATH")
    diff.add_argument("--format", choices=("text", "markdown", "json", "unified", "html"), default="text",
                      help="output format (default: text)")
    diff.add_argument("--material-only", action="store_true", help="list material changes only")
    diff.add_argument("--context", type=_count, default=None, metavar="N",
                      help="unchanged clauses to show around each change (default: 0; unified: 3)")
    diff.add_argument("--fail-on", choices=("material", "any"), default=None,
                      help="exit 1 when material changes (or any changes) are found")
    diff.add_argument("--no-color", action="store_true", help="no colour in text output (also: NO_COLOR)")
    diff.add_argument("--timings", action="store_true", help="print milliseconds per stage to stderr")
    diff.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_max_size(diff)
    diff.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use (default: the "
                                                        "nearest one in this directory or its parents)")
    diff.set_defaults(run=_run_diff)

    lint = commands.add_parser(
        "lint", help="what one policy version commits to, and its own problems",
        description="List a policy's commitments (change-notice rule, retention periods, response deadlines, "
                    "'we do not sell' statements, hosting region) and its problems (no change-notice clause, an "
                    "effective date sooner than its own notice period, dangling cross-references, page furniture). "
                    "Exit status: 0 when no problems are found, 1 when some are, 2 on error.")
    lint.add_argument("file", metavar="FILE", help="policy file, or git REV:PATH")
    lint.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_max_size(lint)
    lint.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    lint.set_defaults(run=_run_lint)

    check = commands.add_parser(
        "check", help="is a material change given the notice the old version promised?",
        description="Diff OLD and NEW, read the change-notice promise of OLD, and check that NEW's material changes "
                    "take effect no sooner than that promise allows. Exit status: 0 when compliant or nothing "
                    "material changed, 1 when not compliant, when changes need fresh consent, or when the window "
                    "cannot be checked; 2 on error.")
    _pair_arguments(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.set_defaults(run=_run_check)

    notice = commands.add_parser(
        "notice", help="draft the email that tells users about a material change",
        description="Draft a notice email for the material changes from OLD to NEW: a summary grouped by topic, "
                    "the effective date, links, what readers can do and a contact. Nothing is sent. Refuses when "
                    "the effective date breaks the notice window unless --force. Exit status: 0 when drafted, 1 "
                    "when refused (window too short, or nothing material to announce), 2 on error.")
    _pair_arguments(notice)
    notice.add_argument("--company", metavar="NAME", help="who the email is from (default: config, else the title)")
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
    notice.set_defaults(run=_run_notice)

    pr = commands.add_parser(
        "pr", help="one Markdown comment for every policy file a pull request changes",
        description="Find the policy files changed between BASE and HEAD, diff each clause by clause, check each "
                    "against its notice window, and print one pull-request comment (or JSON). Which paths are "
                    "policies: policy_paths in the config, else names such as policies/**, *privacy*, *terms*. "
                    "Exit status: 1 when the --fail-on condition holds, else 0; 2 on error.")
    pr.add_argument("paths", metavar="PATHS", nargs="*", help="only these files or folders (default: every policy)")
    pr.add_argument("--base", metavar="REV", help="the base revision (default: the merge base with the default branch)")
    pr.add_argument("--head", metavar="REV", help="the head revision (default: HEAD)")
    pr.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output (default: markdown)")
    pr.add_argument("--fail-on", choices=("material", "notice", "any", "never"), default="notice",
                    help="exit 1 when material changes are found, when a notice check fails (default), on any "
                         "change, or never")
    pr.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add_max_size(pr)
    pr.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    pr.set_defaults(run=_run_pr)

    hook = commands.add_parser("hook", help="pre-commit entry points: lint or check each staged policy file",
                               description="`hook lint FILE...` lints each file; `hook check FILE...` checks each "
                                           "file against its last committed version (HEAD). Exit status: 1 when any "
                                           "file has problems or fails its notice check, else 0; 2 on error.")
    hook.add_argument("action", choices=("lint", "check"))
    hook.add_argument("files", metavar="FILE", nargs="*")
    hook.add_argument("--max-size", type=_megabytes, default=None, metavar="MB", help=argparse.SUPPRESS)
    hook.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    hook.set_defaults(run=_run_hook)

    from policydiff.commands.review import add_review_parser

    add_review_parser(commands)

    init = commands.add_parser("init", help="create (or adopt) a git repository as a policy repository",
                               description="Create DIR (default: here) as a git repository for policy versions, or "
                                           "adopt an existing repository. Running it again changes nothing.")
    init.add_argument("dir", metavar="DIR", nargs="?", default=".")
    init.set_defaults(run=_run_init)

    add = commands.add_parser("add", help="record a file as the next version of a document",
                              description="Record FILE as the next version of DOC (a name such as privacy or "
                                          "ai-terms): stored as Markdown in policies/DOC.md, one commit with "
                                          "trailers, and a tag DOC/vVERSION. Version and dates default to what "
                                          "the document states.")
    add.add_argument("doc", metavar="DOC")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--version", dest="label", metavar="V", help="version label (default: the document's own)")
    add.add_argument("--effective", metavar="DATE", help="effective date, YYYY-MM-DD (default: the document's)")
    add.add_argument("--last-updated", metavar="DATE", help="last-updated date (default: the document's)")
    add.add_argument("--message", "-m", metavar="M", help="commit subject (default: 'DOC: version V')")
    add.add_argument("--repo", metavar="DIR", help="the policy repository (default: the one containing here)")
    add.add_argument("--force", action="store_true", help="record even a repeated label or dates going backwards")
    add.set_defaults(run=_run_add)

    log = commands.add_parser("log", help="the recorded versions of a document, with change summaries")
    log.add_argument("doc", metavar="DOC")
    log.add_argument("--format", choices=("text", "json"), default="text")
    log.add_argument("--repo", metavar="DIR")
    log.set_defaults(run=_run_log)

    history = commands.add_parser("history", help="the life of one clause across all versions",
                                  description="When CLAUSE (an id such as 7.2 or 3/p2, as in the latest version "
                                              "that has it) appeared, each change, moves and renumbering, and its "
                                              "removal.")
    history.add_argument("doc", metavar="DOC")
    history.add_argument("clause", metavar="CLAUSE")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.add_argument("--repo", metavar="DIR")
    history.set_defaults(run=_run_history)

    importer = commands.add_parser("import", help="bring an existing history into a policy repository",
                                   description="Record every version of SOURCE as DOC: a folder of files named by "
                                               "date (YYYY-MM-DD…), or a git repository with --path FILE (one "
                                               "version per commit). Dates are kept.")
    importer.add_argument("source", metavar="SOURCE")
    importer.add_argument("--doc", required=True, metavar="DOC")
    importer.add_argument("--path", metavar="FILE", help="the file's path inside a git repository SOURCE")
    importer.add_argument("--repo", metavar="DIR")
    importer.set_defaults(run=_run_import)

    setup = commands.add_parser("git-setup", help="make plain `git diff` show clause-level diffs of policy files")
    setup.add_argument("--pattern", action="append", metavar="GLOB",
                       help="paths that are policies (default: policies/*.md); repeatable")
    setup.set_defaults(run=_run_git_setup)

    driver = commands.add_parser("git-diff")  # no help: git calls it, people do not
    driver.add_argument("arguments", nargs="*")
    driver.set_defaults(run=_run_git_diff)
    return parser


def _run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.commands.importer import dated_sources, import_history

    repo = _repository(args)
    for line in import_history(repo, args.doc, dated_sources(Path(args.source), args.path)):
        _write(line)
    return ExitCode.OK


def _run_git_setup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.commands.gitsetup import DEFAULT_PATTERNS, git_setup

    for line in git_setup(Path.cwd(), tuple(args.pattern or DEFAULT_PATTERNS)):
        _write(line)
    return ExitCode.OK


def _run_git_diff(args: argparse.Namespace) -> int:
    from policydiff.commands.gitsetup import git_diff_driver

    if len(args.arguments) < 7:
        sys.stderr.write("policydiff: error: git-diff is called by git with 7 arguments (see git-setup)\n")
        return ExitCode.TROUBLE
    _write(git_diff_driver(args.arguments))
    return ExitCode.OK


def _repository(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pathlib import Path

    from policydiff.store.repo import PolicyRepository

    return PolicyRepository.open(Path(args.repo)) if getattr(args, "repo", None) else PolicyRepository.open()


def _run_init(args: argparse.Namespace) -> int:
    from pathlib import Path

    from policydiff.store.repo import PolicyRepository

    repo, created = PolicyRepository.init(Path(args.dir))
    _write(f"{'initialised' if created else 'already'} a policy repository in {repo.root}")
    return ExitCode.OK


def _run_add(args: argparse.Namespace) -> int:
    from policydiff.commands.store import add_version
    from policydiff.parse import parse_source
    from policydiff.read import read_path

    repo = _repository(args)
    source = read_path(args.file)
    result = add_version(args.doc, source, parse_source(source), repo=repo, version=args.label,
                         effective=args.effective, last_updated=args.last_updated, message=args.message,
                         force=args.force)
    _write(result.message)
    return ExitCode.OK


def _run_log(args: argparse.Namespace) -> int:
    from policydiff.commands.history import render_log

    _write(render_log(_repository(args), args.doc, args.format))
    return ExitCode.OK


def _run_history(args: argparse.Namespace) -> int:
    from policydiff.commands.history import render_history

    _write(render_history(_repository(args), args.doc, args.clause, args.format))
    return ExitCode.OK




def _run_lint(args: argparse.Namespace) -> int:
    from policydiff.sources import load_document
    from policydiff.lint import lint

    team = _team_settings(args)
    report = lint(load_document(args.file, args.max_size, {}), team.rules)
    if args.format == "json":
        from policydiff.render.lint_report import render_lint_json

        _write(render_lint_json(report))
    else:
        from policydiff.render.lint_report import render_lint_text

        _write(render_lint_text(report, width=_terminal_width()))
    return ExitCode.CHANGES if report.problems else ExitCode.OK


def _pair_arguments(parser: argparse.ArgumentParser) -> None:
    """OLD NEW and the options every notice command shares."""
    parser.add_argument("old", metavar="OLD", help="the version in force: a file, REV:PATH or DOC@VERSION")
    parser.add_argument("new", metavar="NEW", help="the new version: a file, REV:PATH or DOC@VERSION")
    parser.add_argument("--notice-date", metavar="DATE",
                        help="the day users are told, YYYY-MM-DD (default: NEW's last-updated date, as a stand-in)")
    parser.add_argument("--effective", metavar="DATE", help="when NEW takes effect (default: NEW's own date)")
    add_max_size(parser)
    parser.add_argument("--config", metavar="FILE", help="policydiff.toml or pyproject.toml to use")
    reviews = parser.add_mutually_exclusive_group()
    reviews.add_argument("--review", metavar="FILE", help="apply the materiality overrides of this review file "
                                                          "(default: NEW's review file from `policydiff review`, "
                                                          "if there is one)")
    reviews.add_argument("--no-review", action="store_true", help="ignore review decisions")














def _run_check(args: argparse.Namespace) -> int:
    from policydiff.commands.notice import run_check

    return run_check(args)


def _run_notice(args: argparse.Namespace) -> int:
    from policydiff.commands.notice import run_notice

    return run_notice(args)


def _run_hook(args: argparse.Namespace) -> int:
    from policydiff.commands.notice import run_hook

    return run_hook(args)


def _run_pr(args: argparse.Namespace) -> int:
    from policydiff.commands.pr import run_pr

    return run_pr(args)


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number



def _run_show(args: argparse.Namespace) -> int:
    from policydiff.gcpause import paused_gc
    from policydiff.sources import load_document

    with paused_gc():
        document = load_document(args.file, args.max_size)
    if args.format == "json":
        from policydiff.render.tree_json import render_tree_json

        output = render_tree_json(document)
    else:
        from policydiff.render.outline import render_outline

        output = render_outline(document, width=args.width or _terminal_width())
    _write(output)
    return ExitCode.OK


def _run_diff(args: argparse.Namespace) -> int:
    import time

    from policydiff.commands.diff import render_diff
    from policydiff.sources import load_document

    from policydiff.api import diff_documents
    from policydiff.gcpause import paused_gc

    team = _team_settings(args)
    start = time.perf_counter()
    timings: dict[str, float] = {}
    with paused_gc():
        old = load_document(args.old, args.max_size, timings)
        new = load_document(args.new, args.max_size, timings)
        result = diff_documents(old, new, timings, rules=team.rules)
    render_start = time.perf_counter()
    color = args.format == "text" and not args.no_color and args.output is None and _wants_color()
    output = render_diff(result, args.format, material_only=args.material_only, context=args.context, color=color)
    if args.output:
        from policydiff.files import write_atomic

        write_atomic(args.output, output)
    else:
        _write(output)
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


def _wants_color() -> bool:
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"






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
    except Exception as error:  # a bug: still one line, with a way to see the traceback
        import os

        if os.environ.get("POLICYDIFF_DEBUG"):
            raise
        sys.stderr.write(f"policydiff: internal error: {type(error).__name__}: {_one_line(str(error))} "
                         "(please report it; POLICYDIFF_DEBUG=1 shows the traceback)\n")
        return int(ExitCode.TROUBLE)




if __name__ == "__main__":
    raise SystemExit(main())
