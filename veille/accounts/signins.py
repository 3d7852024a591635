"""Signing in, with failed attempts limited in the database (so that every web process and
every restart shares the counts).

An attempt is counted as a failure *before* its password is checked, in a serialised
transaction, so that attempts sent at once are checked no more than the limit allows; a
success takes it back. Counts are kept per email and address: FREE_FAILURES failures, then
each further failure locks that email from that address for FIRST_LOCK, doubled at each one
up to LONGEST_LOCK, until a success clears it; the count is forgotten PAIR_WINDOW after it
began. Someone who fails on a colleague's email locks out only themselves, from their own
address. Per address, whatever the email, `[web] login_failures_per_address` failures in
ADDRESS_WINDOW make it wait for the window's end: a ceiling high enough for a whole office
behind one address. Behind a reverse proxy, `client_address` tells who is signing in.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from ..errors import VeilleError
from ..fetch.netguard import Network
from ..instance import Instance
from ..models import FailureCount, User, stored_id
from ..store import login_failures as store
from ..store.database import serialised
from ..store.schema import utcnow
from . import sessions, users

FREE_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
PAIR_WINDOW = timedelta(days=1)
ADDRESS_WINDOW = timedelta(minutes=15)
# Longest email and address kept as a count's key (longer input is cut).
EMAIL_KEPT, ADDRESS_KEPT = 320, 64


class TooManyAttempts(VeilleError):
    """Too many failed sign-ins: `wait` seconds before the next attempt is checked."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"too many failed sign-ins: try again in {wait} s")
        self.wait = wait


@dataclass(frozen=True)
class NewSession:
    user: User
    token: str  # the new session's secret, for the cookie (veille/accounts/sessions.py)


def sign_in(instance: Instance, email: str, password: str, address: str,
            now: datetime | None = None) -> NewSession | None:
    """Open a session for these email and password, tried from `address`; None when they
    are wrong; TooManyAttempts while this email from this address, or this address, waits."""
    now = now or utcnow()
    email, address = users.normalise_email(email)[:EMAIL_KEPT], address[:ADDRESS_KEPT]
    limit = instance.settings.web.login_failures_per_address
    with serialised(instance.engine) as conn:
        _count(conn, email, address, now, limit)
    user = users.authenticate(instance, email, password)
    if user is None:
        return None
    with serialised(instance.engine) as conn:
        _take_back(conn, email, address, now, limit)
    return NewSession(user, sessions.start(instance, stored_id(user), now))


def _count(conn, email: str, address: str, now: datetime, limit: int) -> None:
    """Count this attempt as failed, unless the pair or the address must wait."""
    pair = _current(store.get(conn, store.PAIR, address, email), now, PAIR_WINDOW)
    whole = _current(store.get(conn, store.ADDRESS, address), now, ADDRESS_WINDOW)
    locked = [c.locked_until for c in (pair, whole) if c.locked_until and c.locked_until > now]
    if locked:
        raise TooManyAttempts(ceil((max(locked) - now).total_seconds()))
    store.put(conn, store.PAIR, address, email, pair_failed(pair, now))
    store.put(conn, store.ADDRESS, address, "", address_failed(whole, limit))


def _take_back(conn, email: str, address: str, now: datetime, limit: int) -> None:
    """A success: this pair starts again, the address's count loses this attempt, and the
    counts that have run out are deleted."""
    store.forget(conn, store.PAIR, address, email)
    whole = store.get(conn, store.ADDRESS, address)
    if whole is not None:
        store.put(conn, store.ADDRESS, address, "", address_failed(whole, limit, -1))
    store.forget_older(conn, store.PAIR, now - PAIR_WINDOW, now)
    store.forget_older(conn, store.ADDRESS, now - ADDRESS_WINDOW, now)


def _current(count: FailureCount | None, now: datetime, window: timedelta) -> FailureCount:
    """The count in force: a new one when none was kept or the kept one ran out."""
    if count is None or (count.since <= now - window
                         and not (count.locked_until and count.locked_until > now)):
        return FailureCount(0, now)
    return count


def pair_failed(count: FailureCount, now: datetime) -> FailureCount:
    """One more failure of an email from an address: from the FREE_FAILURES-th on, a lock
    that doubles at each further one, up to LONGEST_LOCK."""
    failures = count.failures + 1
    if failures < FREE_FAILURES:
        return FailureCount(failures, count.since)
    lock = min(FIRST_LOCK * 2 ** min(failures - FREE_FAILURES, 16), LONGEST_LOCK)
    return FailureCount(failures, count.since, now + lock)


def address_failed(count: FailureCount, limit: int, more: int = 1) -> FailureCount:
    """`more` failures from an address (-1: one taken back): at `limit`, it waits for the
    end of its window."""
    failures = max(count.failures + more, 0)
    locked = count.since + ADDRESS_WINDOW if failures >= limit else None
    return FailureCount(failures, count.since, locked)


def client_address(peer: str | None, forwarded_for: str | None,
                   trusted: tuple[Network, ...]) -> str:
    """Who sent the request: the peer, unless it is a trusted proxy; then, going through
    X-Forwarded-For from its end (each proxy appends whom it got the request from), the
    first address that is not a trusted proxy (or the first one listed, if all are)."""
    address = peer or ""
    for hop in reversed((forwarded_for or "").split(",")):
        if not _within(address, trusted) or not _is_address(hop.strip()):
            return address
        address = hop.strip()
    return address


def _within(address: str, networks: tuple[Network, ...]) -> bool:
    if not _is_address(address):
        return False
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return any(ip in network for network in networks)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    return True
