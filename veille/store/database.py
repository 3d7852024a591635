"""Opening the database: SQLite under the instance by default, tuned for one writer."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

# The key of PostgreSQL's advisory lock that `serialised` transactions take there.
SERIALISED_LOCK = 0x7665696C  # "veil"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def connect(url: str) -> Engine:
    """Return an engine; on SQLite, with WAL so that readers never wait for the writer."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def serialised(engine: Engine) -> Iterator[Connection]:
    """A transaction that runs alone among the serialised ones, so that what it reads stays
    true until it commits (is there another admin, how many failed sign-ins): on SQLite it
    takes the write lock at its start (BEGIN IMMEDIATE, waiting for it as long as
    busy_timeout says) instead of at its first write; on PostgreSQL it takes an advisory
    lock held until it ends."""
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERIALISED_LOCK})")
        yield conn


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
