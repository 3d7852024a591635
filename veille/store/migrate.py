"""Schema migrations (Alembic): every instance is brought to the schema this code expects.

Instances made before migrations existed hold the tables of revision 0001 without Alembic's
version table: they are stamped 0001 and then upgraded like any other.

Opening an instance only checks that its database is at HEAD, one query without Alembic:
importing Alembic costs more than opening an instance and searching it, so it is imported
only when a migration runs.
"""

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"
# The newest revision, that of the last file of migrations/versions (a test checks it is
# Alembic's head): a new migration changes it.
HEAD = "0026"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`, the newest schema by default (creating it if empty)."""
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        if _current(conn) is None and inspect(conn).has_table("items"):
            command.stamp(config, BASELINE)
        command.upgrade(config, revision)


def is_current(engine: Engine) -> bool:
    """Whether the database is at HEAD, the schema this code expects."""
    return revision(engine) == HEAD


def revision(engine: Engine) -> str | None:
    """The revision the database is at; None when it has no schema yet."""
    with engine.connect() as conn:
        return _current(conn)


def _current(conn: Connection) -> str | None:
    """The revision the database is at; None when Alembic never ran on it."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
