"""Jinja2 templates for notice drafts: the built-in ones, or a team's own file.

A template sets its subject with `{% set subject = ... %}` and renders the body; one render gives
both. Names a template uses but the draft does not provide are errors (StrictUndefined), so a typo
in a team's template fails loudly instead of sending "Dear ," to a million users. Templates run in
Jinja's sandbox, HTML templates autoescape, and the `md` filter escapes Markdown without adding
an invisible character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from policydiff.errors import InputError
from policydiff.files import read_regular
from policydiff.safe import markdown_draft_safe, output_safe

TEMPLATE_MAX_BYTES = 1024 * 1024
_BLANK_LINES = re.compile(r"\n{3,}")
"""A draft never has two blank lines in a row, whatever a template's conditional blocks leave behind."""
_BUILT_IN = {"text": "email.txt.j2", "html": "email.html.j2", "markdown": "email.md.j2"}


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str | None
    body: str


def render_template(fmt: str, path: Path | None, context: dict[str, Any]) -> Rendered:
    """Render the built-in template for fmt, or the file at path."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(autoescape=fmt == "html", undefined=jinja2.StrictUndefined,
                                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["md"] = markdown_draft_safe
    name = str(path) if path else _BUILT_IN[fmt]
    try:
        source = read_regular(path, TEMPLATE_MAX_BYTES).decode("utf-8") if path else (
            files("policydiff.notice").joinpath("templates", _BUILT_IN[fmt]).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(name, f"cannot read the template ({getattr(error, 'strerror', None) or error})") from None
    try:
        module = environment.from_string(source).make_module(context)
    except jinja2.TemplateSyntaxError as error:
        raise InputError(name, f"template error on line {error.lineno}: {error.message}") from None
    except jinja2.UndefinedError as error:
        raise InputError(name, f"template uses a name the draft does not provide: {error.message}") from None
    except jinja2.TemplateError as error:
        raise InputError(name, f"template error: {error}") from None
    subject = getattr(module, "subject", None)
    body = output_safe(str(module)).strip("\n") + "\n"  # a draft is read in a terminal, a mail client, a browser
    body = _BLANK_LINES.sub("\n\n", "\n".join(line.rstrip() for line in body.split("\n")))
    return Rendered(" ".join(output_safe(str(subject)).split()) if subject else None, body)
