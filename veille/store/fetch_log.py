"""The fetch log: one row per collection attempt of a source."""

from datetime import datetime

from sqlalchemy import Connection, insert, select

from ..models import SourceReport
from .schema import fetch_log, utcnow


def record(
    conn: Connection, report: SourceReport, started_at: datetime, http_status: int | None
) -> None:
    if report.failed:
        outcome = "error"
    else:
        outcome = "not_modified" if report.not_modified else "ok"
    conn.execute(
        insert(fetch_log).values(
            source_id=report.source_id,
            started_at=started_at,
            finished_at=utcnow(),
            outcome=outcome,
            http_status=http_status,
            fetched=report.fetched,
            new=report.new,
            updated=report.updated,
            unchanged=report.unchanged,
            error=report.error,
        )
    )


def recent(conn: Connection, source_id: int, limit: int = 20) -> list[dict]:
    rows = conn.execute(
        select(fetch_log)
        .where(fetch_log.c.source_id == source_id)
        .order_by(fetch_log.c.id.desc())
        .limit(limit)
    ).mappings()
    return [dict(row) for row in rows]
