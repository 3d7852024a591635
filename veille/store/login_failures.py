"""The repository of failed sign-ins: one count per scope ("pair": an email from an address;
"address": every email from it, under the email ""), read and written inside the serialised
transaction of veille/accounts/signins.py."""

from dataclasses import asdict
from datetime import datetime

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from ..models import FailureCount
from .rows import from_row
from .schema import login_failures

PAIR, ADDRESS = "pair", "address"


def get(conn: Connection, scope: str, address: str, email: str = "") -> FailureCount | None:
    row = conn.execute(select(login_failures).where(_key(scope, address, email))).mappings().first()
    return from_row(FailureCount, row) if row else None


def put(conn: Connection, scope: str, address: str, email: str, count: FailureCount) -> None:
    if not conn.execute(update(login_failures).where(_key(scope, address, email))
                        .values(**asdict(count))).rowcount:
        conn.execute(insert(login_failures).values(scope=scope, address=address, email=email,
                                                   **asdict(count)))


def forget(conn: Connection, scope: str, address: str, email: str = "") -> None:
    conn.execute(delete(login_failures).where(_key(scope, address, email)))


def forget_older(conn: Connection, scope: str, since_before: datetime, now: datetime) -> None:
    """Delete the counts of `scope` begun before `since_before` and locking nothing now."""
    conn.execute(delete(login_failures).where(
        login_failures.c.scope == scope, login_failures.c.since < since_before,
        or_(login_failures.c.locked_until.is_(None), login_failures.c.locked_until <= now)))


def _key(scope: str, address: str, email: str):
    return and_(login_failures.c.scope == scope, login_failures.c.address == address,
                login_failures.c.email == email)
