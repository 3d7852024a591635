"""Shared fixtures: a test instance in a temporary folder, the loopback feed server, the
loopback SMTP server, the CLI runner and the Flask app, the whole ROME and geography with the
taggers built from them. Every test runs offline against real components.

A new instance is a copy of one made once for the session (`instance_template`): running the
migrations for each of the hundreds of tests that need an instance would take a minute and a
half. The migrations themselves run for real in tests/store/test_migrate.py, in the tests of
the migrations that move data, and in the tests of `veille init`."""

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from click.testing import CliRunner
from flask import Flask
from jinja2.bccache import Bucket, BytecodeCache

from tests import postgres as pg
from tests.feedserver import FeedServer
from tests.postgres import Postgres, server_or_skip
from tests.referentials.subset import BMO_DIR, FAP_DIR, ROME_DIR
from tests.smtpserver import Mailbox, SmtpServer
from veille.cli import cli
from veille.enrich.tagging import Taggers
from veille.instance import DATABASE_FILE, Instance, create_instance, open_instance
from veille.refdata import Geo, Rome
from veille.referentials.importing import Report, import_folder
from veille.settings import load_settings
from veille.store import migrate
from veille.store import referentials as referential_store
from veille.store.database import connect, sqlite_url
from webui import create_app

DATA = Path(__file__).parent / "data"
FEEDS = DATA / "feeds"
ROOT = Path(__file__).parents[1]
# The loopback feed server's address ({port}) written in forms an HTTP client may misread or
# not read at all: octal or zero-padded IPv4, IPv4 inside IPv6, digits of other scripts, an
# unclosed bracket, a port that is no number, a broken IDNA label. Every edge must refuse each
# with its own message (never a 500 or a traceback) and fetch nothing.
HOSTILE_ADDRESSES = (
    "http://127.000.000.001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://١٢٧.0.0.1:{port}/",
    "http://１２７.０.０.１:{port}/",
    "http://[::1:{port}/",
    "http://127.0.0.1:{port}x/",
    "http://xn--zz:{port}/",
)
# The shared open data (../shared/data/README.md) lives beside the main checkout; a clone made
# elsewhere (CI clones into a temporary folder) finds it through VEILLE_SHARED_DATA or there.
SHARED_DATA_CANDIDATES = (ROOT.parent / "shared" / "data", Path("/work/shared/data"))
T = TypeVar("T")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL server (tests/postgres.py), leave out the tests that need one;
    the end of the run says how many, in one line. CI (VEILLE_TEST_POSTGRES_REQUIRED)
    keeps them, to fail."""
    if pg.SERVER or pg.REQUIRED:
        return
    left = [item for item in items if pg.needs_server(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [item for item in items if not pg.needs_server(item)]
        config.stash[_LEFT_OUT] = len(left)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if config.stash.get(_LEFT_OUT, 0):
        terminalreporter.write_line(f"{config.stash[_LEFT_OUT]} tests skipped: {pg.MISSING}")


_LEFT_OUT = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """pytest's own process drops the run's PostgreSQL databases, those its xdist workers
    made too, once they have all stopped (tests/postgres.py says why not each worker)."""
    if pg.SERVER and not hasattr(session.config, "workerinput"):
        pg.drop_run()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data folder: $VEILLE_SHARED_DATA, else ../shared/data of the checkout."""
    named = os.environ.get("VEILLE_SHARED_DATA")
    candidates = (Path(named),) if named else SHARED_DATA_CANDIDATES
    found = next((path for path in candidates if (path / "README.md").is_file()), None)
    assert found, f"no shared data in {', '.join(map(str, candidates))}: set VEILLE_SHARED_DATA"
    return found


@pytest.fixture(scope="session")
def smtp_server():
    """One SMTP server on loopback for the whole run: every test instance sends to it."""
    with SmtpServer() as server:
        yield server


@pytest.fixture
def mailbox(smtp_server: SmtpServer) -> Mailbox:
    """What the SMTP server received during this test, empty at its start."""
    smtp_server.mailbox.clear()
    return smtp_server.mailbox


@pytest.fixture
def veille_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, smtp_server: SmtpServer) -> Path:
    """Point veille at a fresh instance folder and the test config; allow loopback fetches
    without delay between them, and fail slow servers after one second; send email to the
    loopback SMTP server. Returns the instance folder."""
    for name in [n for n in os.environ if n.startswith("VEILLE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("VEILLE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("VEILLE_CONFIG", str(DATA / "config" / "veille.toml"))
    monkeypatch.setenv("VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS", "1")
    monkeypatch.setenv("VEILLE_FETCH_READ_TIMEOUT", "1")
    monkeypatch.setenv("VEILLE_FETCH_CONNECT_TIMEOUT", "1")
    monkeypatch.setenv("VEILLE_FETCH_PER_HOST_DELAY", "0")
    monkeypatch.setenv("VEILLE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("VEILLE_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("VEILLE_SMTP_SECURITY", "none")
    monkeypatch.setenv("VEILLE_SMTP_SENDER", "veille@maison.test")
    return tmp_path / "instance"


@pytest.fixture(scope="session")
def instance_template(tmp_path_factory) -> Path:
    """The folder of a new instance (database at the newest schema, empty index), made by
    `create_instance` once for the session, for tests to copy."""
    folder = tmp_path_factory.mktemp("template") / "instance"
    settings = load_settings(DATA / "config" / "veille.toml", env={"VEILLE_INSTANCE": str(folder)})
    create_instance(settings).engine.dispose()
    return folder


def copy_instance(template: Path, folder: Path) -> Instance:
    """The instance of `folder` (the test's, `veille_env`), made a copy of `template`'s."""
    shutil.copytree(template, folder, dirs_exist_ok=True)
    return open_instance(load_settings())


@pytest.fixture
def instance(veille_env: Path, instance_template: Path) -> Instance:
    """A new instance in the test's instance folder: a copy of `instance_template`."""
    return copy_instance(instance_template, veille_env)


@pytest.fixture(scope="session")
def postgres(request: pytest.FixtureRequest):
    """The PostgreSQL server of the tests (tests/postgres.py), for the whole run; skipped
    without one. A test's own databases are dropped when it ends (`own_databases`), the rest
    at the end of the run (`pytest_sessionfinish`)."""
    server = Postgres(server_or_skip())
    request.config.stash[_POSTGRES] = server
    yield server
    server.close()


_POSTGRES = pytest.StashKey[Postgres]()


@pytest.fixture(autouse=True)
def own_databases(request: pytest.FixtureRequest) -> Iterator[None]:
    """Drop the PostgreSQL databases the test made, or its function-scoped fixtures (set up
    after this one), when it ends (tests/postgres.py says why); those of wider fixtures stay."""
    server = request.config.stash.get(_POSTGRES, None)
    made = len(server.made) if server else 0
    yield
    server = request.config.stash.get(_POSTGRES, None)
    if server and len(server.made) > made:
        server.drop_since(made)


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new database at the code's schema, once on each database veille runs on."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / DATABASE_FILE)
        engine = connect(url)
        migrate.upgrade(engine)
        engine.dispose()
        return url
    return request.getfixturevalue("postgres").migrated()


@pytest.fixture(params=["sqlite", "postgres"])
def instance_on_store(request: pytest.FixtureRequest, veille_env: Path,
                      monkeypatch: pytest.MonkeyPatch) -> Iterator[Instance]:
    """A new instance, once embedded (SQLite, Whoosh) and once on PostgreSQL: then
    VEILLE_STORE_URL names its database, so the commands and processes the test starts
    open the same store."""
    if request.param == "sqlite":
        made = copy_instance(request.getfixturevalue("instance_template"), veille_env)
    else:
        monkeypatch.setenv("VEILLE_STORE_URL", request.getfixturevalue("postgres").migrated())
        made = create_instance(load_settings())
    yield made
    made.close()


@pytest.fixture
def feed_server():
    with FeedServer(FEEDS) as server:
        yield server


@pytest.fixture
def deep_opml() -> bytes:
    """An OPML file whose folders nest 5,000 levels deep around one feed: it breaks a
    recursive walk."""
    depth = 5_000
    return ('<?xml version="1.0"?><opml version="2.0"><head/><body>'
            + '<outline text="dossier">' * depth
            + '<outline text="Flux" xmlUrl="https://exemple.test/flux.rss"/>'
            + "</outline>" * depth + "</body></opml>").encode()


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, in memory: what a template compiles to, by its name and source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def compiled_templates() -> Iterator[None]:
    """Every app the tests make (hundreds) has a Jinja environment of its own, which would
    parse and compile the templates of each page again: they share one bytecode cache, so a
    template is compiled once for the run (a changed source is compiled again)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options", {**Flask.jinja_options,
                                               "bytecode_cache": CompiledTemplates()})
        yield


class Veille:
    """Runs `veille` commands in-process, as a user would type them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, expect: int = 0):
        result = self.runner.invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == expect, (result.stdout, result.stderr)
        return result


@pytest.fixture
def veille(veille_env: Path) -> Veille:
    return Veille()


@pytest.fixture
def app(instance: Instance):
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


# The whole ROME 4.0 and France's geography, imported once for the session from the shared
# data (some five seconds), and the taggers built from them (some three more, then
# milliseconds a test).

def once_for_run(tmp_path_factory: pytest.TempPathFactory, name: str,
                 build: Callable[[Path], T]) -> T:
    """What `build(folder)` makes in a new folder, made once for the run: when the tests run
    in xdist's workers (`make test`), by the first that asks for it, the others waiting for it
    and reading what it returned (pickled) rather than spending seconds making it again."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, made = shared / name, shared / f"{name}.pickle"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            folder.mkdir()
            made.write_bytes(pickle.dumps(build(folder)))
    return pickle.loads(made.read_bytes())


@pytest.fixture(scope="session")
def referentials_db(tmp_path_factory, shared_data: Path, instance_template: Path) -> Path:
    """A store (SQLite file) holding the whole ROME and geography, for tests to copy."""

    def build(folder: Path) -> Path:
        path = folder / DATABASE_FILE
        shutil.copy(instance_template / DATABASE_FILE, path)
        engine = connect(sqlite_url(path))
        try:
            import_folder(engine, shared_data / ROME_DIR)
            import_folder(engine, shared_data / "geo-fr")
        finally:
            engine.dispose()
        return path

    return once_for_run(tmp_path_factory, "referentials", build)


@pytest.fixture(scope="session")
def referentials(referentials_db: Path) -> tuple[Rome, Geo]:
    """The ROME and the geography as the taggers read them back from a store."""
    engine = connect(sqlite_url(referentials_db))
    try:
        with engine.connect() as conn:
            return referential_store.load_rome(conn), referential_store.load_geo(conn)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def taggers(referentials: tuple[Rome, Geo]) -> Taggers:
    return Taggers(*referentials)


@pytest.fixture
def tagging_instance(veille_env: Path, instance_template: Path, referentials_db: Path) -> Instance:
    """A test instance whose store holds the whole ROME and geography (a copy of
    `referentials_db`), so that what it stores is tagged. Not with `instance`: use one."""
    shutil.copytree(instance_template, veille_env, dirs_exist_ok=True)
    shutil.copy(referentials_db, veille_env / DATABASE_FILE)
    return open_instance(load_settings())


# The labour market beside them: FAP-2021 and the BMO 2024 with its bassins, imported once
# for the session into a copy of `referentials_db` (some 25 seconds: the workbook's 53,443
# rows read with openpyxl).

@pytest.fixture(scope="session")
def labour_import(tmp_path_factory, referentials_db: Path,
                  shared_data: Path) -> tuple[Path, list[Report]]:
    """A store holding the ROME, the geography, FAP-2021, the BMO 2024 and its bassins, and
    what importing the last three reported."""

    def build(folder: Path) -> tuple[Path, list[Report]]:
        path = folder / DATABASE_FILE
        shutil.copy(referentials_db, path)
        engine = connect(sqlite_url(path))
        try:
            reports = [report for named in (FAP_DIR, BMO_DIR)
                       for report in import_folder(engine, shared_data / named)]
        finally:
            engine.dispose()
        return path, reports

    return once_for_run(tmp_path_factory, "labour", build)


@pytest.fixture(scope="session")
def labour_db(labour_import: tuple[Path, list[Report]]) -> Path:
    return labour_import[0]


@pytest.fixture
def labour_instance(veille_env: Path, labour_db: Path) -> Instance:
    """A test instance whose store holds a copy of `labour_db`: what it stores is tagged
    (bassins among the places) and the BMO answers. Not with `instance`: use one."""
    veille_env.mkdir(parents=True)
    shutil.copy(labour_db, veille_env / DATABASE_FILE)
    return create_instance(load_settings())
