"""An instance: the folder holding one Maison's files and settings, its database (SQLite in
the folder, or PostgreSQL: `[store] url`) and its search index."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import Engine

from .errors import VeilleError
from .index.engine import Progress, SearchEngine
from .settings import Settings
from .store import copying, migrate
from .store.database import connect, reaching, shown, sqlite_url
from .store.leaderlock import AdvisoryLeaderLock, FileLeaderLock, LeaderLock

DATABASE_FILE = "veille.db"
INDEX_DIR = "index"
LEADER_FILE = "scheduler.lock"


@dataclass
class Instance:
    settings: Settings
    engine: Engine  # the store's (SQLAlchemy)

    @property
    def root(self) -> Path:
        return self.settings.instance_dir

    @property
    def index_dir(self) -> Path:
        return self.root / INDEX_DIR

    @cached_property
    def index(self) -> SearchEngine:
        """The search engine (veille.index.engine), loaded when first asked for (commands
        that do not search go without it): on PostgreSQL, tables of the store's database;
        else the Whoosh index in `index_dir`."""
        if self.engine.dialect.name == "postgresql":
            from .index.postgres.engine import PostgresEngine

            return PostgresEngine(self.engine, self.engine, self.settings.index.lock_timeout)
        from .index.whoosh.engine import WhooshEngine

        return WhooshEngine(self.index_dir, self.engine, self.settings.index.lock_timeout)

    @cached_property
    def leader_lock(self) -> LeaderLock:
        """The lock the one process running the scheduler holds (veille.store.leaderlock), held as
        long as this instance lives once taken: on PostgreSQL, an advisory lock of the
        store's database (the web processes and the worker may run on several hosts);
        else a file of the instance folder."""
        if self.engine.dialect.name == "postgresql":
            return AdvisoryLeaderLock(self.engine)
        return FileLeaderLock(self.root / LEADER_FILE)

    def close(self) -> None:
        """Close the store's connections (its pool), as a command does once it is done: on
        PostgreSQL a connection left to the garbage collector is a session the server keeps
        until the process dies, and a ResourceWarning."""
        self.engine.dispose()

    def sync_index(self, progress: Progress | None = None) -> int:
        """Index what the store holds and the index lacks (SearchEngine.sync)."""
        return self.index.sync(progress)


def store_url(settings: Settings) -> str:
    """The database `[store] url` names, else the SQLite file of the instance folder."""
    return settings.store.url or sqlite_url(settings.instance_dir / DATABASE_FILE)


def create_instance(settings: Settings) -> Instance:
    """Create the folder, the database tables and the index where missing; keep what exists."""
    root = settings.instance_dir
    root.mkdir(parents=True, exist_ok=True)
    engine = connect(store_url(settings))
    with reaching(engine):
        migrate.upgrade(engine)
    instance = Instance(settings, engine)
    instance.index.create()
    return instance


def open_instance(settings: Settings) -> Instance:
    """Open an existing instance; say how to create one when there is none."""
    root = settings.instance_dir
    engine = connect(store_url(settings))
    if not _initialised(root, engine):
        raise VeilleError(
            f"no veille instance in {root} (database {shown(engine)}): run `veille init` "
            "first (or set VEILLE_INSTANCE to the folder of an existing one)"
        )
    if not migrate.is_current(engine):
        migrate.upgrade(engine)
    return Instance(settings, engine)


def _initialised(root: Path, engine: Engine) -> bool:
    """Whether `veille init` made this instance: on SQLite its database file and index
    folder are there (a connection would create an empty file); on PostgreSQL the folder
    is, and the database has a schema."""
    if engine.dialect.name == "sqlite":
        return (root / DATABASE_FILE).is_file() and (root / INDEX_DIR).is_dir()
    if not root.is_dir():
        return False
    with reaching(engine):
        return migrate.revision(engine) is not None


def move_store(instance: Instance, url: str, progress: copying.Progress) -> list[copying.Count]:
    """Copy the instance's database into the empty PostgreSQL database `url` (resuming a
    copy that stopped), check each table's counts and build the search engine there; the
    instance folder's files stay where they are. Returns each table's counts."""
    target = connect(url)
    try:
        counts = copying.copy_store(instance.engine, target, progress)
        differing = [count for count in counts if not count.equal]
        if differing:
            raise VeilleError("counts differ after the copy (run it again to resume): " + "; ".join(
                f"{c.table} {c.source} in the source, {c.target} copied" for c in differing))
        store = SimpleNamespace(**{**vars(instance.settings.store), "url": url})
        moved = Instance(Settings(**{**vars(instance.settings), "store": store}), target)
        moved.index.create()
        items = next(count.source for count in counts if count.table == "items")
        with progress("indexing", items) as advance:
            moved.index.rebuild(advance)
        copying.finish(target)
        return counts
    finally:
        target.dispose()
