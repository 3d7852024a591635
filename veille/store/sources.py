"""The sources repository: the watch list and each source's collection state."""

from sqlalchemy import Connection, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import ConfigError, NotFound
from ..models import Source
from .rows import from_row, inserted_id, to_row
from .schema import items, sources, utcnow


def add(conn: Connection, source: Source) -> Source:
    """Insert a new source; its URL must not be watched already."""
    existing = by_url(conn, source.url)
    if existing:
        raise ConfigError(
            f"{source.url} is already watched as source {existing.id} ({existing.name})"
        )
    values = to_row(source)
    values.pop("id")
    try:
        new_id = inserted_id(conn.execute(insert(sources).values(**values, created_at=utcnow())))
    except IntegrityError:
        raise ConfigError(f"{source.url} was added by someone else meanwhile") from None
    return get(conn, new_id)


def change(conn: Connection, source_id: int, source: Source) -> Source:
    """Give source `source_id` the name, URL, kind, interval, tags and options of `source`
    (another URL forgets the cache validators of the old one); return it as stored."""
    current = get(conn, source_id)
    values = {"name": source.name, "url": source.url, "kind": source.kind,
              "every": source.every, "tags": list(source.tags), "options": source.options}
    if source.url != current.url:
        existing = by_url(conn, source.url)
        if existing:
            raise ConfigError(
                f"{source.url} is already watched as source {existing.id} ({existing.name})"
            )
        values.update(etag=None, last_modified=None)
    conn.execute(update(sources).where(sources.c.id == source_id).values(**values))
    return get(conn, source_id)


def remove(conn: Connection, source_id: int) -> Source:
    """Delete a source and return it. Its items stay (without a source id); its own rules and
    fetch log go with it."""
    source = get(conn, source_id)
    conn.execute(delete(sources).where(sources.c.id == source_id))
    return source


def items_count(conn: Connection, source_id: int) -> int:
    """How many items the source brought first (those it shares with others count there)."""
    query = select(func.count()).select_from(items).where(items.c.source_id == source_id)
    return conn.execute(query).scalar_one()


def ensure(conn: Connection, source: Source) -> tuple[Source, bool]:
    """Add `source` unless its URL is already watched; return it and whether it is new."""
    existing = by_url(conn, source.url)
    return (existing, False) if existing else (add(conn, source), True)


def get(conn: Connection, source_id: int) -> Source:
    row = conn.execute(select(sources).where(sources.c.id == source_id)).mappings().first()
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    return from_row(Source, row)


def by_url(conn: Connection, url: str) -> Source | None:
    row = conn.execute(select(sources).where(sources.c.url == url)).mappings().first()
    return from_row(Source, row) if row else None


def all_sources(conn: Connection, active_only: bool = False) -> list[Source]:
    """Every source, or only the active ones: enabled and not paused."""
    query = select(sources).order_by(sources.c.id)
    if active_only:
        query = query.where(sources.c.enabled.is_(True), sources.c.paused_at.is_(None))
    return [from_row(Source, row) for row in conn.execute(query).mappings()]


def record_success(
    conn: Connection, source_id: int, etag: str | None, last_modified: str | None
) -> None:
    """Keep the cache validators of a successful fetch; clear the failure count, the last
    error (the fetch log keeps it) and the pause."""
    now = utcnow()
    conn.execute(
        update(sources)
        .where(sources.c.id == source_id)
        .values(
            etag=etag,
            last_modified=last_modified,
            error_count=0,
            last_error=None,
            last_error_at=None,
            last_error_kind=None,
            paused_at=None,
            last_success_at=now,
            last_fetched_at=now,
        )
    )


def record_failure(
    conn: Connection, source_id: int, error: str, kind: str | None, pause_after: int
) -> None:
    """Count a failure (its message and kind); the `pause_after`-th one in a row pauses the
    source."""
    now = utcnow()
    failures = sources.c.error_count + 1
    conn.execute(
        update(sources)
        .where(sources.c.id == source_id)
        .values(
            error_count=failures,
            last_error=error,
            last_error_kind=kind,
            last_error_at=now,
            last_fetched_at=now,
            paused_at=case((failures >= pause_after, func.coalesce(sources.c.paused_at, now)),
                           else_=sources.c.paused_at),
        )
    )


def set_paused(conn: Connection, source_id: int, paused: bool) -> None:
    """Pause a source by hand, or resume it (resuming forgets its failure count)."""
    get(conn, source_id)
    values = {"paused_at": utcnow()} if paused else {"paused_at": None, "error_count": 0}
    conn.execute(update(sources).where(sources.c.id == source_id).values(**values))
