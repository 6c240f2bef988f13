"""A draft as a real MIME message: text and HTML alternatives, headers folded and encoded.

The message is built with the standard library's EmailMessage, so encodings (RFC 2047 subjects,
quoted-printable UTF-8 bodies) are right by construction. Header values are folded to one line
before they are set, and the From address must be exactly one address: a policy title or an option
cannot smuggle in a Bcc header. `X-Unsent: 1` makes mail clients open the file as a draft to send.
"""

from __future__ import annotations

import email.policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr

from policydiff.errors import InputError
from policydiff.safe import data_safe, terminal_safe


def build_message(subject: str, text: str, html: str, *, sender: str | None = None) -> str:
    """The .eml text of a draft (CRLF line ends, as RFC 5322 wants)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = _one_line(terminal_safe(subject))
    if sender:
        message["From"] = _address(sender)
    message["X-Unsent"] = "1"
    message["X-Policydiff-Draft"] = "review before sending"
    message.set_content(data_safe(text), subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(data_safe(html), subtype="html", charset="utf-8", cte="quoted-printable")
    return message.as_string()


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def _address(value: str) -> Address:
    flat = _one_line(value)
    if flat != value.strip() or "," in flat or ";" in flat:
        raise InputError("--from", f"not a single email address: {value!r}")
    name, address = parseaddr(flat)
    local, at, domain = address.partition("@")
    if not at or not local or "." not in domain or any(ch.isspace() for ch in address):
        raise InputError("--from", f"not a single email address: {value!r}")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as error:
        raise InputError("--from", f"not a usable email address: {value!r} ({error})") from None
