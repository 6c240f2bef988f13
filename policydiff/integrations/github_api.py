"""The GitHub REST API as the comment poster needs it: JSON requests that never leave the API's origin.

Kept apart from the poster's logic (github_comment.py) because this is where the token is handled:
every request carries it only to the API's own origin (a redirect elsewhere is an error, never a
request), and every message that could hold it passes through `redact` before it is printed.
Standard library only, like the poster: the GitHub Action installs nothing else.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TOKEN_RE = re.compile(r"[\x21-\x7e]+")
"""A token is printable ASCII without spaces: a CR, LF or non-Latin-1 character would break (or inject into)
the Authorization header, and http.client's error would print the token."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
        req.add_unredirected_header("Authorization", f"Bearer {self.token}")
        route = urllib.parse.urlsplit(url).path
        opener = urllib.request.build_opener(_SameOrigin(self.api, self.token))
        try:
            with opener.open(req, timeout=30) as response:
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


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the API's origin (scheme, host, port), with the token; any other is an
    error: a server elsewhere must never choose what is read, nor which comment is then edited."""

    def __init__(self, api: str, token: str) -> None:
        super().__init__()
        self.origin = _origin(api)
        self.token = token

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        target = urllib.parse.urljoin(req.full_url, newurl)
        if req.get_method() != "GET":  # urllib would turn a redirected POST into a GET and lose the comment
            raise CommentError(f"GitHub API: {req.get_method()} {urllib.parse.urlsplit(req.full_url).path} was "
                               f"redirected ({code}); refusing to follow a redirected write")
        if _origin(target) != self.origin:
            raise CommentError(f"GitHub API: {req.get_method()} {urllib.parse.urlsplit(req.full_url).path} was "
                               f"redirected to another origin ({_origin(target)}); refusing to follow it")
        new = super().redirect_request(req, fp, code, msg, headers, target)
        if new is not None:
            new.add_unredirected_header("Authorization", f"Bearer {self.token}")
        return new


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def clean(text: str) -> str:
    """One line of printable text: a server's words (a reason phrase, a message) cannot drive the terminal."""
    return " ".join(_CONTROL.sub(" ", text).split())


def redact(text: str, token: str) -> str:
    """The token (as sent, or URL-quoted) replaced by ***, wherever a message or a server's reply put it."""
    if len(token) < 4:
        return text
    for form in {token, urllib.parse.quote(token, safe=""), urllib.parse.quote_plus(token)}:
        text = text.replace(form, "***")
    return text
