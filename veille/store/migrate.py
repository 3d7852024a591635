"""Schema migrations (Alembic): every instance is brought to the schema this code expects.

Instances made before migrations existed hold the tables of revision 0001 without Alembic's
version table: they are stamped 0001 and then upgraded like any other.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`, the newest schema by default (creating it if empty)."""
    with engine.begin() as conn:
        config = _config(conn)
        if _current(conn) is None and inspect(conn).has_table("items"):
            command.stamp(config, BASELINE)
        command.upgrade(config, revision)


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        return _current(conn) == ScriptDirectory.from_config(_config(conn)).get_current_head()


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config
