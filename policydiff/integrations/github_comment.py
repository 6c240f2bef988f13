"""Post `policydiff pr`'s report as one pull-request comment, and keep editing that same comment.

A policy PR is pushed to many times; a new comment per push buries the conversation, so the report
carries a hidden marker and every run updates the comment that has it. Only our own comment is
edited: a reviewer who pastes the marker into a reply must not have their words replaced.

Stdlib only (urllib, json) so the GitHub Action needs nothing beyond policydiff itself. Inputs come
from the environment the way GitHub Actions sets it (GITHUB_TOKEN, GITHUB_REPOSITORY,
GITHUB_EVENT_PATH, GITHUB_API_URL); flags override. Exit status 0 on success, 2 on any failure,
with one line on stderr that never contains the token.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


class CommentError(Exception):
    """A failure worth one line on stderr; str() is that line."""


@dataclass(frozen=True, slots=True)
class GitHub:
    """Just enough of the REST API: authenticated JSON requests that stay on one API origin."""

    api: str
    """Base URL without a trailing slash, e.g. https://api.github.com."""
    token: str

    def request(self, method: str, url: str, payload: Mapping[str, Any] | None = None) -> tuple[Any, str]:
        """Send one request; return the decoded JSON and the Link header (for pagination)."""
        if not url.startswith(self.api + "/"):  # never send the token to a host the API did not name
            raise CommentError(f"GitHub API: refusing to follow a link off {self.api}: {url}")
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "policydiff-github-comment", "Content-Type": "application/json"})
        req.add_unredirected_header("Authorization", f"Bearer {self.token}")  # not forwarded on redirect
        route = urllib.parse.urlsplit(url).path
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                raw, link = response.read(), response.headers.get("Link", "")
        except urllib.error.HTTPError as exc:
            raise CommentError(f"GitHub API: {method} {route} → {exc.code} {exc.reason}{self._why(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise CommentError(f"GitHub API: cannot reach {self.api}: {getattr(exc, 'reason', exc)}") from None
        try:
            return (json.loads(raw) if raw.strip() else None), link
        except ValueError:
            raise CommentError(f"GitHub API: {method} {route} returned something other than JSON") from None

    def _why(self, exc: urllib.error.HTTPError) -> str:
        """GitHub's own one-line explanation ("Resource not accessible by integration"), if any."""
        try:
            message = str(json.loads(exc.read()).get("message", ""))
        except (ValueError, AttributeError, OSError):
            return ""
        if self.token:
            message = message.replace(self.token, "***")
        message = " ".join(message.split())[:200]  # one line, whatever the server sent
        return f": {message}" if message else ""


def fit_body(body: str, marker: str = MARKER, limit: int = MAX_BODY) -> str:
    """The body as GitHub will accept it: starting with the marker and at most `limit` characters.

    `policydiff pr` already keeps within the limit; this is the last line of defence. The cut falls
    at a line end, closes a code fence left open and says visibly that the report was cut.
    """
    if marker not in body:
        body = f"{marker}\n{body}"
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


def find_ours(gh: GitHub, repo: str, pr: int, marker: str) -> int | None:
    """The id of our marker comment on the PR, or None: the author must be us, not a reviewer quoting it."""
    url: str | None = f"{gh.api}/repos/{repo}/issues/{pr}/comments?per_page=100"
    marked: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        if url is None:
            break
        page, link = gh.request("GET", url)
        marked += [c for c in page or [] if isinstance(c, dict) and marker in str(c.get("body") or "")]
        found = NEXT_LINK_RE.search(link)
        url = found.group(1) if found else None
    if not marked:
        return None
    try:
        who = gh.request("GET", f"{gh.api}/user")[0]
        me = who.get("login") if isinstance(who, dict) else None
    except CommentError:  # the Actions token and app tokens may not ask who they are
        me = None
    for comment in marked:
        user = comment.get("user")
        if isinstance(user, dict) and _written_by(user, me) and str(comment.get("id", "")).isdigit():
            return int(comment["id"])
    return None


def _written_by(user: Mapping[str, Any], me: str | None) -> bool:
    """Whether a comment's author is this token: by login when GitHub told us, else a bot account."""
    if me:
        return user.get("login") == me
    return user.get("login") == BOT_LOGIN or user.get("type") == "Bot"


def run(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    """Resolve the inputs, then create or update the comment (or say which, under --dry-run)."""
    try:
        text = sys.stdin.read() if args.body == "-" else Path(args.body).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommentError(f"cannot read the comment body {args.body}: {exc}") from None
    if not text.strip():
        raise CommentError(f"the comment body {args.body} is empty")
    body = fit_body(text, args.marker)
    repo = valid_repo(args.repo or env.get("GITHUB_REPOSITORY"))
    pr = positive_int(args.pr) if args.pr else pull_request_number(env.get("GITHUB_EVENT_PATH"))
    api = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
    if urllib.parse.urlsplit(api).scheme not in ("http", "https"):
        raise CommentError(f"GITHUB_API_URL is not an http(s) URL: {api!r}")
    token = env.get("GITHUB_TOKEN", "").strip()
    if not token and not args.dry_run:
        raise CommentError("GITHUB_TOKEN is not set: it is needed to comment on the pull request")
    gh = GitHub(api, token)
    existing = find_ours(gh, repo, pr, args.marker) if token else None
    if args.dry_run:
        plan = (f"would update comment {existing}" if existing else "would create a comment") if token \
            else "would create or update the marked comment (no GITHUB_TOKEN, so existing comments were not read)"
        print(f"policydiff: dry run: {plan} on {repo}#{pr}", file=sys.stderr)
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        return 0
    if existing:
        result, _ = gh.request("PATCH", f"{api}/repos/{repo}/issues/comments/{existing}", {"body": body})
        print(f"policydiff: updated comment {existing} on {repo}#{pr}: {(result or {}).get('html_url', '')}")
    else:
        result, _ = gh.request("POST", f"{api}/repos/{repo}/issues/{pr}/comments", {"body": body})
        print(f"policydiff: created comment on {repo}#{pr}: {(result or {}).get('html_url', '')}")
    return 0


def main(argv: list[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Command-line entry point; every failure is one line on stderr and exit status 2."""
    parser = argparse.ArgumentParser(prog="python -m policydiff.integrations.github_comment",
                                     description="Create or update policydiff's comment on a pull request.")
    parser.add_argument("--body", required=True, metavar="FILE", help="Markdown to post ('-' reads stdin)")
    parser.add_argument("--marker", default=MARKER, help="hidden text that identifies the comment to update")
    parser.add_argument("--repo", metavar="OWNER/NAME", help="default: $GITHUB_REPOSITORY")
    parser.add_argument("--pr", metavar="N", help="pull request number; default: from $GITHUB_EVENT_PATH")
    parser.add_argument("--dry-run", action="store_true", help="print the body and the plan; change nothing")
    args = parser.parse_args(argv)
    try:
        if not args.marker.strip():
            raise CommentError("--marker must not be empty")
        return run(args, os.environ if env is None else env)
    except CommentError as exc:
        print(f"policydiff: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
