"""Sessions of the people signed in, kept in the database so that they can end.

The cookie carries a random secret; the database keeps its SHA-256 with the account, when the
session began and when it was last used. A session is refused (and deleted) once unused for
`[web] session_idle` or begun more than `[web] session_max` ago; signing out deletes it; a
password or role change deletes every session of the account (veille/accounts/users.py), and so
does deleting the account (the rows go with it). Its last use is written at most once a
minute, not at every request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..durations import parse_duration
from ..instance import Instance
from ..models import User
from ..settings import Settings
from ..store import sessions as session_store
from ..store.schema import utcnow

TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta  # a session unused this long has ended
    longest: timedelta  # a session begun this long ago has ended


def lifetimes(settings: Settings) -> Lifetimes:
    """The lifetimes the settings give (ConfigError for a bad duration)."""
    return Lifetimes(timedelta(seconds=parse_duration(settings.web.session_idle)),
                     timedelta(seconds=parse_duration(settings.web.session_max)))


def start(instance: Instance, user_id: int, now: datetime | None = None) -> str:
    """Begin a session of the account and return its secret (for the cookie); the sessions
    that have ended meanwhile are deleted."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    limits = lifetimes(instance.settings)
    with instance.engine.begin() as conn:
        session_store.expire(conn, now - limits.idle, now - limits.longest)
        session_store.add(conn, _hash(token), user_id, now)
    return token


def user_of(instance: Instance, token: str, now: datetime | None = None) -> User | None:
    """The account whose session this secret opens; None when it has ended, or never was."""
    now = now or utcnow()
    limits = lifetimes(instance.settings)
    with instance.engine.connect() as conn:
        found = session_store.find(conn, _hash(token))
    if found is None:
        return None
    if found.last_seen_at <= now - limits.idle or found.created_at <= now - limits.longest:
        end(instance, token)
        return None
    if now - found.last_seen_at >= TOUCH_EVERY:
        with instance.engine.begin() as conn:
            session_store.touch(conn, _hash(token), now)
    return found.user


def end(instance: Instance, token: str) -> None:
    """End this session (signing out)."""
    with instance.engine.begin() as conn:
        session_store.end(conn, _hash(token))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
