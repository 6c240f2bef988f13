"""The PR comment poster against a fake GitHub API on localhost, and action.yml's shape and scripts.

The fake keeps comments in memory and records every request, so each test states what GitHub would
have been asked and what the pull request ends up showing. `policydiff pr` is stood in for by a
fixed Markdown report (PR_REPORT) until its output can be used directly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from policydiff.integrations.github_comment import MARKER, MAX_BODY, fit_body, keyed, main, workflow_key

from .conftest import ROOT

TOKEN = "ghs_s3cr3tTOKENvalue0123456789"
REPO = "acme/policies"
WORKFLOW_REF = "acme/policies/.github/workflows/policydiff.yml@refs/pull/7/merge"
KEY = workflow_key({"GITHUB_WORKFLOW_REF": WORKFLOW_REF})
OURS = keyed(MARKER, KEY)
"""The marker this workflow's comment starts with: the Actions token cannot say who it is, the key can."""
BOT = {"login": "github-actions[bot]", "type": "Bot"}
PR_REPORT = f"""{MARKER}
## policydiff: 1 material change in 1 policy

### BrightDesk Privacy Policy · `privacy.md`
| Clause | Change | Materiality |
|---|---|---|
| 3/p1 | modified | **material** (expands) · needs fresh consent |

```diff
- We do not sell your personal information.
+ We do not sell your personal information, except to our advertising partners.
```
"""


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGitHub:
    """Issue comments of one repository, kept in memory, with the requests that touched them."""

    url: str = ""
    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    page_size: int = 100
    author: dict[str, str] = field(default_factory=lambda: dict(BOT))
    """Who POST /comments writes as: the token's identity."""
    user: dict[str, str] | None = None
    """What GET /user returns; None answers 403 as it does for the Actions token."""
    fail_status: int | None = None
    fail_reason: str | None = None
    """The HTTP reason phrase of a failure (a server may put anything there)."""
    next_link_host: str | None = None
    redirect_comments: str | None = None
    """Where GET .../comments is redirected (302), if anywhere."""

    def add(self, body: str, user: dict[str, str]) -> int:
        self.comments.append({"id": len(self.comments) + 1, "body": body, "user": dict(user)})
        return len(self.comments)

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method != "GET"]


class Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output quiet
        pass

    def reply(self, status: int, payload: Any, link: str = "", reason: str | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status, reason)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if link:
            self.send_header("Link", link)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self) -> None:
        fake, parts = self.fake, urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body: dict[str, Any] = json.loads(self.rfile.read(length)) if length else {}
        fake.requests.append(Request(self.command, parts.path, parse_qs(parts.query),
                                     {k.lower(): v for k, v in self.headers.items()}, body))
        if fake.fail_status:
            return self.reply(fake.fail_status, {"message": f"Resource not accessible by integration ({TOKEN})"},
                              reason=fake.fail_reason)
        if fake.redirect_comments and parts.path.endswith("/comments") and self.command == "GET":
            self.send_response(302)
            self.send_header("Location", fake.redirect_comments + parts.path + "?" + parts.query)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if parts.path.startswith("/repos/acme/renamed/"):  # a renamed repository: GitHub redirects, same origin
            self.send_response(301)
            self.send_header("Location", parts.path.replace("/acme/renamed/", "/acme/policies/") + "?" + parts.query)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if parts.path == "/user":
            return self.reply(200, fake.user) if fake.user else self.reply(403, {"message": "Resource not accessible"})
        if match := re.fullmatch(r"/repos/acme/policies/issues/(\d+)/comments", parts.path):
            if self.command == "POST":
                new = fake.add(body["body"], fake.author)
                return self.reply(201, {**fake.comments[new - 1], "html_url": f"https://github.test/c/{new}"})
            page = int(parse_qs(parts.query).get("page", ["1"])[0])
            size = min(fake.page_size, int(parse_qs(parts.query).get("per_page", ["30"])[0]))
            chunk = fake.comments[(page - 1) * size: page * size]
            more = page * size < len(fake.comments)
            host = fake.next_link_host or fake.url
            link = f'<{host}{parts.path}?per_page={size}&page={page + 1}>; rel="next"' if more else ""
            return self.reply(200, chunk, link)
        if (match := re.fullmatch(r"/repos/acme/policies/issues/comments/(\d+)", parts.path)) and \
                self.command == "PATCH":
            for comment in fake.comments:
                if comment["id"] == int(match.group(1)):
                    comment["body"] = body["body"]
                    return self.reply(200, {**comment, "html_url": "https://github.test/c/x"})
        return self.reply(404, {"message": "Not Found"})

    do_GET = do_POST = do_PATCH = handle_any


@contextmanager
def serving() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    handler = type("BoundHandler", (Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with serving() as fake:
        yield fake


@pytest.fixture
def elsewhere() -> Iterator[FakeGitHub]:
    """Another server: what a redirect off the API would reach."""
    with serving() as fake:
        yield fake


@pytest.fixture
def env(tmp_path: Path, github: FakeGitHub) -> dict[str, str]:
    """The environment GitHub Actions gives a pull_request job."""
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "pull_request": {"number": 7}}), encoding="utf-8")
    return {"GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": REPO, "GITHUB_EVENT_PATH": str(event),
            "GITHUB_API_URL": github.url, "GITHUB_WORKFLOW_REF": WORKFLOW_REF}


def posted(text: str = PR_REPORT) -> str:
    """The body as this workflow posts it: its keyed marker first."""
    return fit_body(text, key=KEY)


def body_file(tmp_path: Path, text: str = PR_REPORT, name: str = "comment.md") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and TOKEN not in err, err
    return err


def test_first_run_creates_the_comment(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert [c["body"] for c in github.comments] == [posted()] and posted().startswith(OURS + "\n## policydiff")
    post = github.writes()[0]
    assert (post.method, post.path) == ("POST", "/repos/acme/policies/issues/7/comments")
    assert post.headers["authorization"] == f"Bearer {TOKEN}"
    assert post.headers["accept"] == "application/vnd.github+json"
    assert post.headers["x-github-api-version"] == "2022-11-28"
    assert post.headers["user-agent"]
    assert "created comment on acme/policies#7" in capsys.readouterr().out


def test_second_run_updates_the_same_comment(tmp_path: Path, env: dict[str, str], github: FakeGitHub) -> None:
    github.add("LGTM", {"login": "counsel", "type": "User"})
    assert main(["--body", body_file(tmp_path)], env) == 0
    revised = PR_REPORT.replace("1 material change", "2 material changes")
    assert main(["--body", body_file(tmp_path, revised)], env) == 0
    marked = [c for c in github.comments if OURS in c["body"]]
    assert len(marked) == 1 and marked[0]["body"] == posted(revised)
    assert [(r.method, r.path) for r in github.writes()] == [
        ("POST", "/repos/acme/policies/issues/7/comments"), ("PATCH", "/repos/acme/policies/issues/comments/2")]


def test_marker_comment_on_a_later_page_is_found(tmp_path: Path, env: dict[str, str], github: FakeGitHub) -> None:
    github.page_size = 2
    for n in range(3):
        github.add(f"review note {n}", {"login": "counsel", "type": "User"})
    ours = github.add(f"{OURS}\nold report", BOT)
    assert main(["--body", body_file(tmp_path)], env) == 0
    pages = [r.query.get("page", ["1"])[0] for r in github.requests if r.path.endswith("/issues/7/comments")]
    assert pages == ["1", "2"]
    assert [(r.method, r.path) for r in github.writes()] == [("PATCH", f"/repos/acme/policies/issues/comments/{ours}")]
    assert len(github.comments) == 4


def test_pagination_never_follows_a_link_to_another_host(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    github.page_size, github.next_link_host = 1, "http://attacker.invalid"
    github.add("one", BOT)
    github.add("two", BOT)
    assert main(["--body", body_file(tmp_path)], env) == 2
    assert "refusing to follow" in one_line_error(capsys)
    assert not github.writes()


def test_a_reviewer_quoting_the_marker_is_not_edited(tmp_path: Path, env: dict[str, str], github: FakeGitHub) -> None:
    quote = f"> {MARKER}\n> We do not sell… why was this changed?"
    github.add(quote, {"login": "counsel", "type": "User"})
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert github.comments[0]["body"] == quote
    assert [c["body"] for c in github.comments[1:]] == [posted()]


def test_a_personal_token_updates_only_its_own_comment(tmp_path: Path, env: dict[str, str],
                                                       github: FakeGitHub) -> None:
    me = {"login": "policy-bot", "type": "User"}
    github.user = github.author = me
    github.add(f"{MARKER}\nposted by the Actions token", BOT)
    mine = github.add(f"{MARKER}\nposted by me", me)
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert github.comments[0]["body"].endswith("posted by the Actions token")
    assert github.comments[mine - 1]["body"] == posted()


def test_a_redirect_to_another_origin_is_refused(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                 elsewhere: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere.add(f"{OURS}\nchosen by another server", BOT)  # it would like comment 1 to be edited
    github.add("the real first comment", {"login": "counsel", "type": "User"})
    github.redirect_comments = elsewhere.url
    assert main(["--body", body_file(tmp_path)], env) == 2
    assert "redirected to another origin" in one_line_error(capsys)
    assert not github.writes() and github.comments[0]["body"] == "the real first comment"
    assert all("authorization" not in r.headers for r in elsewhere.requests), "the token never left the API"


def test_a_redirect_within_the_api_is_followed_with_the_token(tmp_path: Path, env: dict[str, str],
                                                                github: FakeGitHub) -> None:
    ours = github.add(f"{OURS}\nold report", BOT)
    assert main(["--body", body_file(tmp_path), "--repo", "acme/renamed"], env) == 2  # the PATCH is not redirected
    reads = [r for r in github.requests if r.method == "GET" and r.path == "/repos/acme/policies/issues/7/comments"]
    assert reads and reads[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert github.comments[ours - 1]["body"] == f"{OURS}\nold report"


@pytest.mark.parametrize("author", [{"login": "other-bot[bot]", "type": "Bot"}, {"login": "github-actions[bot]",
                                                                                "type": "User"}])
def test_another_bots_comment_with_our_marker_is_never_edited(author: dict[str, str], tmp_path: Path,
                                                              env: dict[str, str], github: FakeGitHub) -> None:
    github.add(f"{OURS}\nnot ours", author)
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert github.comments[0]["body"] == f"{OURS}\nnot ours"
    assert [(r.method, r.path) for r in github.writes()] == [("POST", "/repos/acme/policies/issues/7/comments")]


def test_without_the_workflows_key_a_comment_cannot_be_proved_ours(tmp_path: Path, env: dict[str, str],
                                                                     github: FakeGitHub) -> None:
    github.add(f"{MARKER}\nposted by some workflow of this repository", BOT)  # the key-less marker
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert [r.method for r in github.writes()] == ["POST"]
    del env["GITHUB_WORKFLOW_REF"]
    github.add(f"{OURS}\nours, but nothing can say so", BOT)
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert [r.method for r in github.writes()] == ["POST", "POST"]


@pytest.mark.parametrize("token", [f"{TOKEN}\r\nX-Evil: 1", f"{TOKEN} extra", "ghs_tökén_ünicode_value", "ghs_☃"])
def test_a_token_with_characters_no_token_has_is_refused_before_use(token: str, tmp_path: Path, env: dict[str, str],
                                                                   github: FakeGitHub,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    env["GITHUB_TOKEN"] = token
    assert main(["--body", body_file(tmp_path)], env) == 2
    err = one_line_error(capsys)
    assert "GITHUB_TOKEN holds characters a token cannot have" in err and token.strip() not in err
    assert not github.requests


def test_a_reason_phrase_holding_the_token_is_redacted(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    github.fail_status, github.fail_reason = 403, f"Forbidden for {TOKEN} \x1b]0;pwned\x07"
    assert main(["--body", body_file(tmp_path)], env) == 2
    err = one_line_error(capsys)
    assert "403 Forbidden for ***" in err and "\x1b" not in err


def test_api_error_is_one_line_without_the_token(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    github.fail_status = 403
    assert main(["--body", body_file(tmp_path)], env) == 2
    err = one_line_error(capsys)
    assert "403" in err and "Resource not accessible by integration" in err
    assert not github.comments


def test_missing_token_fails_before_any_request(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    del env["GITHUB_TOKEN"]
    assert main(["--body", body_file(tmp_path)], env) == 2
    assert "GITHUB_TOKEN" in one_line_error(capsys)
    assert not github.requests


@pytest.mark.parametrize("event", [{"ref": "refs/heads/main", "commits": []}, {"issue": {"number": 3}}])
def test_an_event_without_a_pull_request_fails(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                               capsys: pytest.CaptureFixture[str], event: dict[str, Any]) -> None:
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    assert main(["--body", body_file(tmp_path)], env) == 2
    assert "not a pull-request event" in one_line_error(capsys)
    assert not github.requests


def test_an_issue_comment_event_on_a_pull_request_comments_there(tmp_path: Path, env: dict[str, str],
                                                                  github: FakeGitHub) -> None:
    event = {"issue": {"number": 7, "pull_request": {"url": "https://api.github.test/pulls/7"}}}
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    assert main(["--body", body_file(tmp_path)], env) == 0
    assert github.writes()[0].path == "/repos/acme/policies/issues/7/comments"


@pytest.mark.parametrize("flags", [["--repo", "../../x"], ["--repo", "acme/.."], ["--repo", "acme"],
                                   ["--repo", "acme/policies/issues"], ["--repo", "acme/p?x=1"],
                                   ["--pr=0"], ["--pr=-1"], ["--pr", "7/../../8"], ["--pr", "seven"]])
def test_bad_repo_or_pr_number_fails_before_any_request(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                                        capsys: pytest.CaptureFixture[str], flags: list[str]) -> None:
    assert main(["--body", body_file(tmp_path), *flags], env) == 2
    one_line_error(capsys)
    assert not github.requests


def test_unreadable_body_file_fails(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--body", str(tmp_path / "missing.md")], env) == 2
    assert "missing.md" in one_line_error(capsys)
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00bad")
    assert main(["--body", str(tmp_path / "binary.md")], env) == 2
    one_line_error(capsys)
    assert not github.requests


def test_oversized_body_is_cut_visibly_and_keeps_the_marker(tmp_path: Path, env: dict[str, str],
                                                             github: FakeGitHub) -> None:
    rows = "".join(f"- clause {n}: We may share your information with partners.\n" for n in range(4000))
    huge = PR_REPORT + "```diff\n" + rows + "```\n"
    assert len(huge) > MAX_BODY
    assert main(["--body", body_file(tmp_path, huge)], env) == 0
    body = github.comments[0]["body"]
    assert len(body) <= MAX_BODY and body.startswith(OURS)
    assert "65,536-character" in body and body.count("```") % 2 == 0


def test_fit_body_adds_a_missing_marker_and_leaves_short_bodies_alone() -> None:
    assert fit_body("## report\n") == f"{MARKER}\n## report\n"
    assert fit_body(PR_REPORT) == PR_REPORT


def test_dry_run_without_a_token_sends_nothing(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    del env["GITHUB_TOKEN"]
    assert main(["--body", body_file(tmp_path), "--dry-run"], env) == 0
    out, err = capsys.readouterr()
    assert out == posted() and "would create or update" in err
    assert not github.requests


def test_dry_run_with_a_token_only_reads(tmp_path: Path, env: dict[str, str], github: FakeGitHub,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    ours = github.add(f"{OURS}\nold report", BOT)
    assert main(["--body", body_file(tmp_path), "--dry-run"], env) == 0
    assert f"would update comment {ours} on acme/policies#7" in capsys.readouterr().err
    assert github.requests and not github.writes()
    assert github.comments[0]["body"] == f"{OURS}\nold report"


def test_runs_as_a_module_without_a_traceback(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "policydiff.integrations.github_comment", "--body", body_file(tmp_path),
               "--repo", REPO, "--pr", "7"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    dry = subprocess.run([*command, "--dry-run"], capture_output=True, text=True, env=clean, timeout=30)
    assert dry.returncode == 0 and dry.stdout == PR_REPORT
    real = subprocess.run(command, capture_output=True, text=True, env=clean, timeout=30)
    assert real.returncode == 2 and real.stderr.strip().count("\n") == 0 and "GITHUB_TOKEN" in real.stderr


# ── action.yml ──────────────────────────────────────────────────────────────────────────────────

ACTION = ROOT / "action.yml"


def action() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return spec


def steps() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = action()["runs"]["steps"]
    return result


def test_action_is_composite_with_the_promised_inputs_and_outputs() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"base", "head", "paths", "fail-on", "comment", "github-token", "python-version", "version"} <= set(
        spec["inputs"])
    assert spec["inputs"]["fail-on"]["default"] == "notice" and spec["inputs"]["comment"]["default"] == "true"
    assert spec["inputs"]["python-version"]["default"] == "3.11"
    assert set(spec["outputs"]) == {"verdict", "exit-code"}
    assert any(s.get("uses", "").startswith("actions/setup-python@v5") for s in steps())


def test_inputs_reach_scripts_only_through_env_with_or_if() -> None:
    text = ACTION.read_text(encoding="utf-8")
    assert text.count("${{ inputs.") == sum(
        str(v).count("${{ inputs.") for s in steps() for key in ("env", "with") for v in (s.get(key) or {}).values())
    for step in steps():
        assert "${{" not in step.get("run", ""), f"expression inside a run script: {step.get('name')}"
        for key, value in step.items():
            if key not in ("env", "with", "if"):
                assert "inputs." not in str(value), f"{step.get('name')}: inputs used in {key}"


def test_steps_run_policydiff_pr_then_the_comment_module_then_propagate_the_exit_code() -> None:
    runs = [s.get("run", "") for s in steps()]
    compare = next(s for s in steps() if "policydiff pr " in s.get("run", ""))
    assert "--format markdown" in compare["run"] and "--fail-on" in compare["run"]
    assert any("python -m policydiff.integrations.github_comment" in r for r in runs)
    assert any("GITHUB_STEP_SUMMARY" in r for r in runs)
    last = steps()[-1]
    assert "exit" in last["run"] and f"steps.{compare['id']}.outputs.exit-code" in str(last["env"])


# Run the action's shell steps for real, with a stand-in `policydiff pr` that writes PR_REPORT.
FAKE_POLICYDIFF = """#!{python}
import json, os, sys
args = sys.argv[1:]
open(os.environ["FAKE_ARGV"], "w").write(json.dumps(args))
if "-o" in args and int(os.environ["FAKE_CODE"]) < 2:
    open(args[args.index("-o") + 1], "w").write(os.environ["FAKE_REPORT"])
sys.exit(int(os.environ["FAKE_CODE"]))
"""


def run_action(tmp_path: Path, inputs: dict[str, str], code: int | None, extra_env: dict[str, str] | None = None,
               cwd: Path | None = None) -> tuple[dict[str, str], list[str], str, list[str]]:
    """Run every `run:` step except the install in order, as the runner would with `bash -eo pipefail`.

    `code` is the exit status of the stand-in `policydiff`; None runs this checkout's, through the
    interpreter running the tests (as `python` does too), whatever is on PATH. Returns the
    pr step's outputs, the argv the stand-in got, the job summary and the steps that ran with their
    exit statuses. `if:` conditions are taken as true; a failing step stops the job.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "policydiff"
    fake.write_text(FAKE_POLICYDIFF.format(python=sys.executable) if code is not None else
                    f'#!/bin/sh\nexec "{sys.executable}" -m policydiff "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    spec, outputs = action(), dict[str, str]()
    values = {**{k: str(v.get("default", "")) for k, v in spec["inputs"].items()}, **inputs}
    if "GITHUB_TOKEN" in (extra_env or {}) and "github-token" not in inputs:  # the runner evaluates github.token
        values["github-token"] = (extra_env or {})["GITHUB_TOKEN"]
    summary, ran = tmp_path / "summary.md", []
    base_env = {**os.environ, **(extra_env or {}), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
                "RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary), "FAKE_CODE": str(code or 0),
                "FAKE_ARGV": str(tmp_path / "argv.json"), "FAKE_REPORT": PR_REPORT}

    def evaluate(value: str) -> str:
        def one(match: re.Match[str]) -> str:
            kind, _, name = match.group(1).partition(".")
            return values[name] if kind == "inputs" else outputs.get(name.rpartition(".")[2], "")
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", one, value)

    for step in steps():
        if "run" not in step or step.get("id") == "install":
            continue
        output_file = tmp_path / f"output-{step['id']}"
        output_file.write_text("", encoding="utf-8")
        env = {**base_env, "GITHUB_OUTPUT": str(output_file),
               **{k: evaluate(str(v)) for k, v in (step.get("env") or {}).items()}}
        script = tmp_path / f"{step['id']}.sh"
        script.write_text(step["run"], encoding="utf-8")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], env=env,
                                cwd=cwd, capture_output=True, text=True, timeout=30)
        ran.append(f"{step['id']}={result.returncode}")
        if step["id"] == "pr":
            outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        if result.returncode:
            break
    argv = json.loads((tmp_path / "argv.json").read_text()) if code is not None else []
    return outputs, argv, summary.read_text() if summary.exists() else "", ran


@pytest.mark.parametrize(("code", "verdict"), [(0, "pass"), (1, "fail")])
def test_the_action_posts_summarises_and_ends_with_prs_exit_code(tmp_path: Path, env: dict[str, str],
                                                                 github: FakeGitHub, code: int, verdict: str) -> None:
    inputs = {"base": "abc123", "head": "def456", "paths": "policies/privacy.md\n  terms.md", "fail-on": "material"}
    outputs, argv, summary, ran = run_action(tmp_path, inputs, code, env)
    assert argv[0] == "pr" and argv[argv.index("--base") + 1] == "abc123" and argv[argv.index("--head") + 1] == "def456"
    assert argv[argv.index("--fail-on") + 1] == "material" and argv[argv.index("--format") + 1] == "markdown"
    assert argv[-3:] == ["--", "policies/privacy.md", "terms.md"]
    assert outputs["exit-code"] == str(code) and outputs["verdict"] == verdict
    assert summary == PR_REPORT and [c["body"] for c in github.comments] == [posted()]
    assert ran == ["pr=0", "summary=0", "comment=0", f"verdict={code}"]


def test_the_action_stops_at_once_when_pr_fails_and_keeps_inputs_out_of_the_shell(tmp_path: Path) -> None:
    hostile = '$(touch pwned); `touch pwned2`'
    outputs, argv, summary, ran = run_action(tmp_path, {"base": hostile, "paths": ""}, 2)
    assert argv[argv.index("--base") + 1] == hostile and "--" not in argv
    assert not (tmp_path / "pwned").exists() and not list(Path.cwd().glob("pwned*"))
    assert outputs["verdict"] == "error" and ran == ["pr=2"] and summary == ""


def test_the_action_with_the_real_policydiff_pr(tmp_path: Path, env: dict[str, str], github: FakeGitHub) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, env=git_env, check=True, capture_output=True,
                              text=True).stdout.strip()

    git("init", "-q")
    revisions = []
    for version in ("v2.0", "v2.1"):
        (repo / "privacy.md").write_bytes((ROOT / "corpus" / "brightdesk-privacy" / f"{version}.md").read_bytes())
        git("add", "privacy.md")
        git("commit", "-qm", version)
        revisions.append(git("rev-parse", "HEAD"))
    inputs = {"base": revisions[0], "head": revisions[1], "paths": "privacy.md"}
    outputs, _, summary, ran = run_action(tmp_path, inputs, None, env, cwd=repo)
    assert outputs["verdict"] == "fail" and ran[-1] == "verdict=1"  # v2.1 shortens the notice period to 15 days
    assert summary.startswith(MARKER) and [c["body"] for c in github.comments] == [posted(summary)]
