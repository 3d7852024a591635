"""The audit log: who changed what, and when."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select

from .schema import audit_log, utcnow


@dataclass
class Entry:
    at: datetime
    actor: str
    action: str
    target: str
    details: dict


def record(conn: Connection, actor: str, action: str, target: str, details: dict) -> None:
    conn.execute(insert(audit_log).values(at=utcnow(), actor=actor, action=action,
                                          target=target, details=details))


def latest(conn: Connection, limit: int) -> list[Entry]:
    rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit))
    return [Entry(row.at, row.actor, row.action, row.target, row.details) for row in rows]
