"""A real SMTP server on loopback for the tests (aiosmtpd): it keeps what it receives."""

import email
import email.policy
import socket
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Mailbox:
    """aiosmtpd handler: every message accepted, parsed, kept in order; but mail to an
    address of `refused` is refused (550), as a server fails part-way through a list."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.refused:
            return "550 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def clear(self) -> None:
        self.messages.clear()
        self.envelopes.clear()
        self.refused.clear()


class SmtpServer:
    """`with SmtpServer() as server:` listens on 127.0.0.1:server.port until the block ends."""

    def __init__(self) -> None:
        self.mailbox = Mailbox()
        self.port = _free_port()
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def _free_port() -> int:
    """A port nobody listens on now (aiosmtpd checks its server by connecting to the port it
    was given, so it cannot be given 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
