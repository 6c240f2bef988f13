"""A draft as a real MIME message: text and HTML alternatives, headers folded and encoded.

The message is built with the standard library's EmailMessage, so encodings (RFC 2047 subjects,
quoted-printable UTF-8 bodies) are right by construction. Header values are folded to one line
before they are set, and the From address is parsed by the email package's address parser and must be
exactly one address (parse_sender): a policy title or an option cannot smuggle in a Bcc header or a
spoofed display name. `X-Unsent: 1` makes mail clients open the file as a draft to send.
"""

from __future__ import annotations

import email.policy
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage

from policydiff.errors import InputError
from policydiff.safe import data_safe, terminal_safe


def build_message(subject: str, text: str, html: str, *, sender: str | None = None) -> str:
    """The .eml text of a draft (CRLF line ends, as RFC 5322 wants)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = _one_line(terminal_safe(subject))
    if sender:
        message["From"] = parse_sender(sender)
    message["X-Unsent"] = "1"
    message["X-Policydiff-Draft"] = "review before sending"
    message.set_content(data_safe(text), subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(data_safe(html), subtype="html", charset="utf-8", cte="quoted-printable")
    # The same draft is the same file: a boundary from the content, not a random one (a review diff of two
    # drafts shows only what changed, and golden tests can compare the message whole).
    message.set_boundary("policydiff-" + hashlib.sha256(f"{subject}\n{text}\n{html}".encode()).hexdigest()[:32])
    return message.as_string()


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def parse_sender(value: str) -> Address:
    """The one address a From header may carry, parsed by the email package's own address parser.

    Refused, each with its reason: line breaks and control characters, anything the parser flags as a
    defect (`<a@x> Bcc: b@evil`), more or fewer than one address, a group, a comment (`evil@evil (Legal
    <legal@x>)` reads as a display name in some mail clients), an encoded word, a display name that holds
    an address, an address without a dot in its domain. `"Evil, Inc" <a@x>` is one address and is kept,
    its display name quoted as it must be."""
    import email.policy

    def refuse(problem: str) -> InputError:
        return InputError("--from", f"{problem}: {value!r}")

    if any(ord(char) < 32 or 0x7f <= ord(char) <= 0x9f for char in value):
        raise refuse("line breaks and control characters are not allowed")
    if "=?" in value:
        raise refuse("encoded words (=?…?=) are not allowed; write the name as it is")
    if _has_comment(value):
        raise refuse("comments in parentheses are not allowed (mail clients may show them as the name)")
    try:
        header = email.policy.default.header_factory("From", value)
    except (ValueError, IndexError, TypeError) as error:
        raise refuse(f"not an address ({error})") from None
    if header.defects:
        raise refuse(f"not one well-formed address ({header.defects[0]})")
    if len(header.groups) != 1 or header.groups[0].display_name is not None or len(header.addresses) != 1:
        raise refuse(f"exactly one address is needed, not {len(header.addresses)} (or a group)")
    address = header.addresses[0]
    if not address.username or "." not in address.domain.strip("."):
        raise refuse("an address is name@domain.tld")
    if any(char in address.display_name for char in "@<>"):
        raise refuse("a display name may not hold an address")
    return Address(display_name=address.display_name, username=address.username, domain=address.domain)


def _has_comment(value: str) -> bool:
    """A "(" outside a quoted string: an RFC 5322 comment."""
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "(" and not quoted:
            return True
    return False
