"""Where veille may connect: public addresses only, unless the settings allow more.

A feed URL is user input. Checking the host name before the request is not enough: DNS may
answer differently a moment later (rebinding), and redirects lead anywhere. So the check sits
in the connection itself: `GuardedBackend` resolves the host, keeps only the addresses the
policy allows and connects to one of those, for every connection of every redirect hop.
"""

import ipaddress
import socket
from dataclasses import dataclass

import httpcore
import httpx
from httpcore._backends.sync import SyncStream

from ..errors import ConfigError, FetchError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
ALLOW_HINT = (
    "set [fetch] allow_private_networks = true (or VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS=1), "
    "or list its network in [fetch] allowed_networks, to allow it"
)


@dataclass(frozen=True)
class AddressPolicy:
    allow_private: bool = False
    # Networks allowed although not public, e.g. one intranet server: "10.2.0.0/16".
    allowed_networks: tuple[Network, ...] = ()

    def allows(self, address: str) -> bool:
        if self.allow_private or is_public_address(address):
            return True
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        return any(ip in network for network in self.allowed_networks)


def parse_networks(text: str, setting: str = "[fetch] allowed_networks") -> tuple[Network, ...]:
    """Read a comma-separated list of networks ("10.2.0.0/16, 192.168.1.7"); a ConfigError
    naming `setting` for a bad one."""
    try:
        return tuple(ipaddress.ip_network(part.strip()) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"{setting}: {exc}") from None


def is_public_address(address: str) -> bool:
    """True when `address` is a globally routable unicast address.

    IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, 6to4 `2002::/16`) are
    judged by the IPv4 address they carry.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = _resolve(host, port)
        allowed = [info for info in addresses if self.policy.allows(info[4][0])]
        if not allowed:
            raise FetchError(
                f"refusing to connect to {host}: it is {addresses[0][4][0]}, "
                f"not a public address; {ALLOW_HINT}", "blocked_address"
            )
        error: OSError | None = None
        for family, kind, protocol, _, address in allowed:
            sock = socket.socket(family, kind, protocol)
            try:
                sock.settimeout(timeout)
                sock.connect(address)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return SyncStream(sock)
        if isinstance(error, TimeoutError):
            raise httpcore.ConnectTimeout(str(error))
        raise httpcore.ConnectError(f"cannot connect to {host}:{port}: {error}")


def guarded_transport(policy: AddressPolicy, limits: httpx.Limits) -> httpx.HTTPTransport:
    """An httpx transport whose connections all go through `GuardedBackend`."""
    transport = httpx.HTTPTransport(limits=limits, trust_env=False)
    # httpx builds its pool without a way to pass a backend; the pool reads this attribute
    # for every new connection (pinned httpx versions, checked by tests/test_netguard.py).
    transport._pool._network_backend = GuardedBackend(policy)
    return transport


def _resolve(host: str | bytes, port: int) -> list[tuple]:
    name = host.decode("ascii") if isinstance(host, bytes) else host
    try:
        return socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        # A FetchError of its own kind (httpx lets it through): the name is unknown.
        raise FetchError(f"cannot resolve {name}: {exc}", "unknown_host") from exc
