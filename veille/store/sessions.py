"""The sessions repository: one row a signed-in session, found by the hash of its secret."""

from datetime import datetime

from sqlalchemy import Connection, delete, insert, or_, select, update

from ..models import Session, User
from .rows import from_row
from .schema import sessions, users


def add(conn: Connection, token_hash: str, user_id: int, at: datetime) -> None:
    conn.execute(insert(sessions).values(token_hash=token_hash, user_id=user_id, created_at=at,
                                         last_seen_at=at))


def find(conn: Connection, token_hash: str) -> Session | None:
    """The session whose secret hashes so, with its account; None when there is none."""
    row = conn.execute(
        select(users, sessions.c.created_at.label("began_at"), sessions.c.last_seen_at)
        .join(sessions, sessions.c.user_id == users.c.id)
        .where(sessions.c.token_hash == token_hash)
    ).mappings().first()
    if row is None:
        return None
    return Session(from_row(User, row), row["began_at"], row["last_seen_at"])


def touch(conn: Connection, token_hash: str, at: datetime) -> None:
    conn.execute(update(sessions).where(sessions.c.token_hash == token_hash)
                 .values(last_seen_at=at))


def end(conn: Connection, token_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))


def end_all(conn: Connection, user_id: int) -> None:
    """End every session of the account."""
    conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def expire(conn: Connection, unused_since: datetime, begun_before: datetime) -> None:
    """Delete the sessions last used before `unused_since` or begun before `begun_before`."""
    conn.execute(delete(sessions).where(or_(sessions.c.last_seen_at < unused_since,
                                            sessions.c.created_at < begun_before)))
