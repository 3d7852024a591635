"""An instance: the folder holding one Maison's database and index, with its settings."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine

from .errors import VeilleError
from .index.engine import Progress, SearchEngine
from .leader import FileLeaderLock, LeaderLock
from .settings import Settings
from .store import migrate
from .store.database import connect, sqlite_url

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
        """The search engine (veille.index.engine): the Whoosh index in `index_dir`, loaded
        when first asked for (commands that do not search go without it)."""
        from .index.whoosh.engine import WhooshEngine

        return WhooshEngine(self.index_dir, self.engine, self.settings.index.lock_timeout)

    @cached_property
    def leader_lock(self) -> LeaderLock:
        """The lock the one process running the scheduler holds (veille.leader), held as
        long as this instance lives once taken."""
        return FileLeaderLock(self.root / LEADER_FILE)

    def sync_index(self, progress: Progress | None = None) -> int:
        """Index what the store holds and the index lacks (SearchEngine.sync)."""
        return self.index.sync(progress)


def create_instance(settings: Settings) -> Instance:
    """Create the folder, the database tables and the index where missing; keep what exists."""
    root = settings.instance_dir
    root.mkdir(parents=True, exist_ok=True)
    engine = connect(sqlite_url(root / DATABASE_FILE))
    migrate.upgrade(engine)
    instance = Instance(settings, engine)
    instance.index.create()
    return instance


def open_instance(settings: Settings) -> Instance:
    """Open an existing instance; say how to create one when there is none."""
    root = settings.instance_dir
    if not (root / DATABASE_FILE).is_file() or not (root / INDEX_DIR).is_dir():
        raise VeilleError(
            f"no veille instance in {root}: run `veille init` first "
            "(or set VEILLE_INSTANCE to the folder of an existing one)"
        )
    engine = connect(sqlite_url(root / DATABASE_FILE))
    if not migrate.is_current(engine):
        migrate.upgrade(engine)
    return Instance(settings, engine)
