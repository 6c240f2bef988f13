"""Post `policydiff pr`'s report as one pull-request comment, and keep editing that same comment.

A policy PR is pushed to many times; a new comment per push buries the conversation, so the report
starts with a hidden marker and every run updates the comment that starts with it. Only a comment
that is provably our own is edited: one written by the token's own login (GET /user), or, when the
token may not ask who it is (the Actions GITHUB_TOKEN), one written by github-actions[bot] whose
marker carries this workflow's key (a hash of the workflow file's path). Anything else, a reviewer
quoting the marker or another bot's comment holding it, is left alone and a new comment is posted.

Requests never leave the API's origin: a redirect or a pagination link to another origin is an error,
not a request with the token (nor a comment id chosen by another server). The token is checked for
characters a token cannot have before it is used, and is redacted from every line printed.

Stdlib only (urllib, json) so the GitHub Action needs nothing beyond policydiff itself. Inputs come
from the environment the way GitHub Actions sets it (GITHUB_TOKEN, GITHUB_REPOSITORY,
GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_WORKFLOW_REF); flags override. Exit status 0 on success,
2 on any failure, with one line on stderr that never contains the token.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import sys
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from policydiff.integrations.github_api import TOKEN_RE, CommentError, GitHub, clean, redact

MARKER = "<!-- policydiff:pr-comment -->"
MAX_BODY = 65_536
"""GitHub rejects comment bodies longer than this many characters (HTTP 422)."""
TRUNCATED_NOTE = ("\n\n---\n> **Note:** this report was cut to fit GitHub's 65,536-character comment limit; "
                  "the full report is in the workflow run's job summary.\n")
BOT_LOGIN = "github-actions[bot]"
"""Who the Actions GITHUB_TOKEN comments as; that token cannot call GET /user to say so itself."""
MAX_PAGES = 50
REPO_RE = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
NEXT_LINK_RE = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def workflow_key(env: Mapping[str, str]) -> str | None:
    """This workflow's key: a hash of the workflow file's path (GITHUB_WORKFLOW_REF without its @ref, so every
    push and branch of a pull request shares it), else of the repository and workflow name; None outside CI."""
    ref = env.get("GITHUB_WORKFLOW_REF", "").split("@", 1)[0]
    name = ref or (f"{env.get('GITHUB_REPOSITORY', '')}:{env['GITHUB_WORKFLOW']}" if env.get("GITHUB_WORKFLOW")
                   else "")
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16] if name else None


def keyed(marker: str, key: str | None) -> str:
    """The marker with this workflow's key in it: `<!-- policydiff:pr-comment key=3f2a… -->`."""
    if not key:
        return marker
    if marker.endswith("-->"):
        return f"{marker[:-3].rstrip()} key={key} -->"
    return f"{marker} key={key}"


def _stem(marker: str) -> str:
    """What every version of the marker starts with, keyed or not."""
    return marker[:-3].rstrip() if marker.endswith("-->") else marker


def fit_body(body: str, marker: str = MARKER, limit: int = MAX_BODY, key: str | None = None) -> str:
    """The body as GitHub will accept it: starting with the (keyed) marker and at most `limit` characters.

    `policydiff pr` already keeps within the limit; this is the last line of defence. The cut falls
    at a line end, closes a code fence left open and says visibly that the report was cut.
    """
    first = keyed(marker, key)
    if body.startswith(marker):
        body = first + body[len(marker):]
    elif not body.startswith(first):
        body = f"{first}\n{body}"
    marker = first
    if len(body) <= limit:
        return body
    room = limit - len(TRUNCATED_NOTE) - len("\n```")
    head = body[:room]
    if "\n" in head[len(marker):]:
        head = head[: head.rfind("\n")]
    if (head.count("\n```") + head.startswith("```")) % 2 == 1:  # cut inside a code block: close it
        head += "\n```"
    return head + TRUNCATED_NOTE


def pull_request_number(event_path: str | None) -> int:
    """The PR number from the Actions event payload: pull_request.number, or a PR's issue.number."""
    if not event_path:
        raise CommentError("no pull request: pass --pr N or run in a GitHub Actions pull_request event")
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommentError(f"cannot read the GitHub event file {event_path}: {exc}") from None
    pr = event.get("pull_request") if isinstance(event, dict) else None
    issue = event.get("issue") if isinstance(event, dict) else None
    if isinstance(pr, dict) and pr.get("number") is not None:
        return positive_int(str(pr["number"]))
    if isinstance(issue, dict) and issue.get("pull_request") and issue.get("number") is not None:
        return positive_int(str(issue["number"]))
    raise CommentError("not a pull-request event: the event payload has no pull request number (pass --pr N)")


def positive_int(text: str) -> int:
    """A PR number as GitHub writes it; anything else would address some other API route."""
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise CommentError(f"not a pull request number: {text!r}")
    return int(text)


def valid_repo(text: str | None) -> str:
    """OWNER/NAME, with nothing that could walk the URL into another API route."""
    if not text or not REPO_RE.fullmatch(text) or any(part in (".", "..") for part in text.split("/")):
        raise CommentError(f"not a repository (OWNER/NAME): {text!r}; pass --repo or set GITHUB_REPOSITORY")
    return text


def find_ours(gh: GitHub, repo: str, pr: int, marker: str, key: str | None = None) -> int | None:
    """The id of a comment provably ours, or None (a new one is posted): see the module docstring."""
    url: str | None = f"{gh.api}/repos/{repo}/issues/{pr}/comments?per_page=100"
    marked: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        if url is None:
            break
        page, link = gh.request("GET", url)
        marked += [c for c in page or [] if isinstance(c, dict) and str(c.get("body") or "").startswith(_stem(marker))]
        found = NEXT_LINK_RE.search(link)
        url = found.group(1) if found else None
    if not marked:
        return None
    try:
        who = gh.request("GET", f"{gh.api}/user")[0]
        me = who.get("login") if isinstance(who, dict) else None
    except CommentError:  # the Actions token and app tokens may not ask who they are
        me = None
    ours = keyed(marker, key)
    for comment in marked:
        user = comment.get("user")
        body = str(comment.get("body") or "")
        if not isinstance(user, dict) or not str(comment.get("id", "")).isdigit():
            continue
        if me and user.get("login") == me and (body.startswith(ours) or body.startswith(marker)):
            return int(comment["id"])
        if not me and key and user.get("login") == BOT_LOGIN and user.get("type") == "Bot" and body.startswith(ours):
            return int(comment["id"])
    return None


def run(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Resolve the inputs, then create or update the comment (or say which, under --dry-run)."""
    try:
        if args.body != "-" and not stat.S_ISREG(os.stat(args.body).st_mode):
            raise CommentError(f"the comment body {args.body} is not a regular file")  # a FIFO would hang
        text = sys.stdin.read(MAX_BODY * 8) if args.body == "-" else Path(args.body).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommentError(f"cannot read the comment body {args.body}: {exc}") from None
    if not text.strip():
        raise CommentError(f"the comment body {args.body} is empty")
    repo = valid_repo(args.repo or env.get("GITHUB_REPOSITORY"))
    pr = positive_int(args.pr) if args.pr else pull_request_number(env.get("GITHUB_EVENT_PATH"))
    api = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    if urllib.parse.urlsplit(api).scheme not in ("http", "https"):
        raise CommentError(f"GITHUB_API_URL is not an http(s) URL: {api!r}")
    token = env.get("GITHUB_TOKEN", "").strip()
    if not token and not args.dry_run:
        raise CommentError("GITHUB_TOKEN is not set: it is needed to comment on the pull request")
    if token and not TOKEN_RE.fullmatch(token):
        raise CommentError("GITHUB_TOKEN holds characters a token cannot have (spaces, line breaks, control or "
                           "non-ASCII characters): check how the secret was set")
    key = args.key or workflow_key(env)
    body = fit_body(text, args.marker, key=key)
    gh = GitHub(api, token)
    existing = find_ours(gh, repo, pr, args.marker, key) if token else None
    if args.dry_run:
        plan = (f"would update comment {existing}" if existing else "would create a comment") if token \
            else "would create or update the marked comment (no GITHUB_TOKEN, so existing comments were not read)"
        print(f"policydiff: dry run: {plan} on {repo}#{pr}", file=sys.stderr)
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        return 0
    if existing:
        result, _ = gh.request("PATCH", f"{api}/repos/{repo}/issues/comments/{existing}", {"body": body})
        print(f"policydiff: updated comment {existing} on {repo}#{pr}: {_url(result)}")
    else:
        result, _ = gh.request("POST", f"{api}/repos/{repo}/issues/{pr}/comments", {"body": body})
        print(f"policydiff: created comment on {repo}#{pr}: {_url(result)}")
    return 0


def _url(result: Any) -> str:
    return clean(str(result.get("html_url", ""))) if isinstance(result, dict) else ""


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Command-line entry point; every failure is one line on stderr and exit status 2."""
    parser = argparse.ArgumentParser(prog="python -m policydiff.integrations.github_comment",
                                     description="Create or update policydiff's comment on a pull request.")
    parser.add_argument("--body", required=True, metavar="FILE", help="Markdown to post ('-' reads stdin)")
    parser.add_argument("--marker", default=MARKER, help="hidden text that identifies the comment to update")
    parser.add_argument("--repo", metavar="OWNER/NAME", help="default: $GITHUB_REPOSITORY")
    parser.add_argument("--pr", metavar="N", help="pull request number; default: from $GITHUB_EVENT_PATH")
    parser.add_argument("--key", metavar="KEY", help="identifies this workflow's comment when the token cannot say "
                                                     "who it is (default: from $GITHUB_WORKFLOW_REF)")
    parser.add_argument("--dry-run", action="store_true", help="print the body and the plan; change nothing")
    args = parser.parse_args(argv)
    env = os.environ if env is None else env
    try:
        if not args.marker.strip():
            raise CommentError("--marker must not be empty")
        if args.key is not None and not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", args.key):
            raise CommentError("--key is letters, digits, '.', '-' or '_' (at most 64)")
        return run(args, env)
    except CommentError as exc:
        print(f"policydiff: {clean(redact(str(exc), env.get('GITHUB_TOKEN', '').strip()))}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
