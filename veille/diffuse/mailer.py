"""Sending email (alerts, watch bulletins) through the SMTP server of the `[smtp]` settings.

One function builds a message with a plain-text part and, when given, an HTML one (mail
readers that show no HTML, and screen readers, get the text); another sends messages over
one connection. Addresses are checked before anything is sent, so that a typo in a mailing
list is reported by name rather than as an SMTP error half-way through.
"""

import re
import smtplib
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from ..errors import VeilleError

# What an address must look like to be sent to: local part, @, a domain with a dot or a
# bare host (local servers); no spaces, commas or angle brackets (header injection).
ADDRESS = re.compile(r"[^@\s,<>\"]+@[^@\s,<>\"]+")
SECURITY = ("starttls", "tls", "none")


class MailError(VeilleError):
    """The message could not be sent: no SMTP server set, a refused address, a server error."""

    kind = "mail_failed"


@dataclass(frozen=True)
class Mail:
    to: tuple[str, ...]
    subject: str
    text: str
    html: str = ""
    headers: tuple[tuple[str, str], ...] = ()  # more headers (List-Unsubscribe…), one line each
    sender_name: str = "veille"


def check_address(address: str) -> str:
    """The address, stripped; MailError if it is not one."""
    address = address.strip()
    if not ADDRESS.fullmatch(address):
        raise MailError(f"not an email address: {address!r}", "mail_address")
    return address


def parse_addresses(text: str) -> tuple[str, ...]:
    """Addresses separated by commas, semicolons, spaces or lines; each checked, in order,
    without repeats."""
    found = [check_address(part) for part in re.split(r"[\s,;]+", text) if part]
    return tuple(dict.fromkeys(found))


def build(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((mail.sender_name, sender))
    message["To"] = ", ".join(check_address(address) for address in mail.to)
    message["Subject"] = " ".join(mail.subject.split())  # no line breaks in a header
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    for name, value in mail.headers:
        if "\n" in value or "\r" in value:
            raise MailError(f"header {name} holds a line break")
        message[name] = value
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    return message


def send(smtp_settings, mails: Iterable[Mail],
         accepted: Callable[[Mail], None] = lambda mail: None) -> int:
    """Send each mail through the configured server, over one connection; return how many
    were sent. `accepted` is called with each mail as soon as the server took it, so that
    a caller can remember who got one when the server fails later in the batch. MailError
    when no server is set or the server refuses."""
    mails = list(mails)
    if not mails:
        return 0
    if not smtp_settings.host:
        raise MailError("no SMTP server: set [smtp] host (or VEILLE_SMTP_HOST)", "mail_unset")
    if smtp_settings.security not in SECURITY:
        raise MailError(f"[smtp] security must be one of {', '.join(SECURITY)}", "config")
    messages = [build(mail, smtp_settings.sender) for mail in mails]
    try:
        with _connect(smtp_settings) as server:
            for mail, message in zip(mails, messages, strict=True):
                server.send_message(message)
                accepted(mail)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"SMTP server {smtp_settings.host}:{smtp_settings.port}: {exc}") from exc
    return len(messages)


def _connect(smtp_settings) -> smtplib.SMTP:
    host, port, timeout = smtp_settings.host, smtp_settings.port, smtp_settings.timeout
    if smtp_settings.security == "tls":
        server: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                                context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
        if smtp_settings.security == "starttls":
            server.starttls(context=ssl.create_default_context())
    if smtp_settings.username:
        server.login(smtp_settings.username, smtp_settings.password)
    return server
