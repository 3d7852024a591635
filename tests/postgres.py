"""PostgreSQL for the tests: the server `VEILLE_TEST_POSTGRES` names (an SQLAlchemy URL of
a database to connect to, e.g. postgresql+psycopg://veille@/postgres?host=/tmp/pg&port=5432;
`.ci/run` starts one), on which each test gets a database of its own, copied from a template
migrated once per run (CREATE DATABASE … TEMPLATE takes a fraction of migrating).

A test's own databases (made by the test or its function-scoped fixtures) are dropped when
it ends (`own_databases` in tests/conftest.py): DROP DATABASE slows down as databases pile up
on a server (a hundredth of a second each with a hundred of them, half a second with three
hundred), so dropping the run's 550 at its end took minutes. The databases of a run are named
after it (`RUN`); pytest's own process drops those left (templates, those of module-scoped
fixtures) once every test has run (`drop_run`), also those of xdist's workers (`make test`
runs `pytest -n logical`).

Without the variable the PostgreSQL tests are left out, one line at the end of the run
saying so, unless `VEILLE_TEST_POSTGRES_REQUIRED` is set (CI): then they fail, so CI never
passes without them.
"""

import itertools
import os
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from veille.store import migrate
from veille.store.database import connect
from veille.store.leaderlock import SCHEDULER_KEY

# Read at import: the tests' `veille_env` fixture clears every VEILLE_ variable.
SERVER = os.environ.get("VEILLE_TEST_POSTGRES", "")
REQUIRED = bool(os.environ.get("VEILLE_TEST_POSTGRES_REQUIRED"))
MISSING = "PostgreSQL tests need a server: set VEILLE_TEST_POSTGRES (.ci/run starts one)"
# The prefix of the run's databases: made by pytest's process, read by its xdist workers,
# which it starts afterwards with its environment.
RUN = os.environ.setdefault("VEILLE_TEST_POSTGRES_RUN", f"veille_t{os.getpid()}")


def needs_server(item: pytest.Item) -> bool:
    """Whether a collected test runs on PostgreSQL: one of its parameters is "postgres"
    (an engine, a store), or it asks for the server itself."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return "postgres" in params.values() or "postgres" in getattr(item, "fixturenames", ())


def server_or_skip() -> str:
    """The server's URL; the test is skipped without one (failed where it is required)."""
    if not SERVER:
        if REQUIRED:
            pytest.fail(f"{MISSING}; VEILLE_TEST_POSTGRES_REQUIRED is set", pytrace=False)
        pytest.skip(MISSING)
    return SERVER


class Postgres:
    """Databases of one process of the run on one server: made empty or from a template,
    named after the run and the process (an xdist worker, or pytest's own)."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.prefix = f"{RUN}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_"
        self.numbers = itertools.count()
        self.templates: dict[str, str] = {}
        self.made: list[str] = []  # the databases made and not dropped yet, templates aside

    def database(self, template: str | None = None) -> str:
        """The URL of a new database, empty or a copy of `template` (a database name)."""
        name = f"{self.prefix}{next(self.numbers)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{copy}"))
        self.made.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def template(self, name: str, fill: Callable[[str], None]) -> str:
        """The database name of the template `name`, made once by `fill(url)`."""
        if name not in self.templates:
            url = self.database()
            fill(url)
            self.templates[name] = self.made.pop()
        return self.templates[name]

    def migrated(self) -> str:
        """A new database at the schema of the code (a copy of the migrated template)."""
        return self.database(self.template("migrated", _migrate))

    def drop_since(self, made: int) -> None:
        """Drop the databases made after the first `made` ones (a test's own)."""
        names, self.made[made:] = self.made[made:], []
        with self.admin.connect() as conn:
            for name in reversed(names):
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def close(self) -> None:
        self.admin.dispose()


def drop_run() -> None:
    """Drop the databases of the run, once all its processes are done with them."""
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database "
                                      "WHERE starts_with(datname, :run)"),
                                 {"run": f"{RUN}_"}).scalars()
            for name in list(names):
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    finally:
        admin.dispose()


def _migrate(url: str) -> None:
    engine = connect(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def end_holders_session(engine: Engine) -> None:
    """End the session holding the scheduler's advisory lock of this test's database, as its
    process's death does (pg_locks lists every database's: tests beside it hold theirs)."""
    with engine.connect() as conn:
        ended = conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            "AND granted AND ((classid::bigint << 32) | objid::bigint) = :key "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
            {"key": SCHEDULER_KEY}).scalars().all()
    assert ended == [True]
