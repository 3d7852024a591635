"""The audit log: who changed what, and when; read back whole (`veille audit`) or filtered
by person, action and days (the console's `/admin/audit`)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select

from .schema import audit_log, utcnow


@dataclass
class Entry:
    at: datetime
    actor: str
    action: str
    target: str
    details: dict


@dataclass(frozen=True)
class Filter:
    """Which entries to read: by whom, of which action, from and before which instants
    (each None: any)."""

    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    before: datetime | None = None


def record(conn: Connection, actor: str, action: str, target: str, details: dict) -> None:
    conn.execute(insert(audit_log).values(at=utcnow(), actor=actor, action=action,
                                          target=target, details=details))


def latest(conn: Connection, limit: int) -> list[Entry]:
    return find(conn, Filter(), limit)


def find(conn: Connection, wanted: Filter, limit: int, offset: int = 0) -> list[Entry]:
    """The entries `wanted` selects, the latest first."""
    query = (select(audit_log).where(*_conditions(wanted))
             .order_by(audit_log.c.id.desc()).limit(limit).offset(offset))
    return [Entry(row.at, row.actor, row.action, row.target, row.details)
            for row in conn.execute(query)]


def count(conn: Connection, wanted: Filter) -> int:
    query = select(func.count()).select_from(audit_log).where(*_conditions(wanted))
    return conn.execute(query).scalar_one()


def actors(conn: Connection) -> list[str]:
    """Everyone who appears in the log, in alphabetical order."""
    return list(conn.execute(select(audit_log.c.actor).distinct().order_by(audit_log.c.actor))
                .scalars())


def actions(conn: Connection) -> list[str]:
    """Every action the log holds, in alphabetical order."""
    return list(conn.execute(select(audit_log.c.action).distinct()
                             .order_by(audit_log.c.action)).scalars())


def _conditions(wanted: Filter) -> list:
    conditions = []
    if wanted.actor:
        conditions.append(audit_log.c.actor == wanted.actor)
    if wanted.action:
        conditions.append(audit_log.c.action == wanted.action)
    if wanted.since:
        conditions.append(audit_log.c.at >= wanted.since)
    if wanted.before:
        conditions.append(audit_log.c.at < wanted.before)
    return conditions
