"""Opening the database: SQLite under the instance by default, tuned for one writer; or
PostgreSQL (`[store] url`), for several processes and a network of Maisons."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from ..errors import ConfigError, VeilleError

# The key of PostgreSQL's advisory lock that `serialised` transactions take there.
SERIALISED_LOCK = 0x7665696C  # "veil"
DIALECTS = ("sqlite", "postgresql")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def connect(url: str) -> Engine:
    """Return an engine: on SQLite with WAL, so that readers never wait for the writer; on
    PostgreSQL with connections checked before use (a restarted server is reconnected to)."""
    try:
        dialect = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise ConfigError(f"[store] url is not a database URL: {exc}") from None
    if dialect not in DIALECTS:
        raise ConfigError(f"[store] url: veille runs on SQLite or PostgreSQL, not {dialect}")
    if dialect == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def shown(engine: Engine) -> str:
    """The database's URL as messages may show it: without its password."""
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def reaching(engine: Engine) -> Iterator[None]:
    """A database that cannot be reached (a server down, a wrong name, a refused role) as a
    message naming it, without a password."""
    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise VeilleError(f"cannot reach the database {shown(engine)}: {reason}") from None


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
        else:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERIALISED_LOCK})")
        yield conn


def try_leader_lock(conn: Connection, key: int) -> bool:
    """Take PostgreSQL's session advisory lock `key` on `conn`, unless another session holds
    it: the lock is held as long as `conn` lives, so the holder's death (even kill -9) frees
    it for a waiting process to take over (the one worker of several web processes)."""
    return bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({int(key)})").scalar())


def wait_leader_lock(conn: Connection, key: int) -> None:
    """Take the lock of try_leader_lock, waiting as long as another session holds it."""
    conn.exec_driver_sql(f"SELECT pg_advisory_lock({int(key)})")


def holds_leader_lock(conn: Connection, key: int) -> bool:
    """Whether the session of `conn` holds the lock of try_leader_lock (a bigint key shows
    in pg_locks as its high and low halves)."""
    return bool(conn.exec_driver_sql(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        f"AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = {int(key)}"
    ).scalar())


def release_leader_lock(conn: Connection, key: int) -> None:
    """Let another session take the lock of try_leader_lock."""
    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({int(key)})")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
