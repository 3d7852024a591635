"""An instance: the folder holding one Maison's database and index, with its settings."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from .errors import VeilleError
from .index.whoosh import writer
from .settings import Settings
from .store import migrate
from .store.database import connect, sqlite_url

DATABASE_FILE = "veille.db"
INDEX_DIR = "index"


@dataclass
class Instance:
    settings: Settings
    engine: Engine

    @property
    def root(self) -> Path:
        return self.settings.instance_dir

    @property
    def index_dir(self) -> Path:
        return self.root / INDEX_DIR

    def sync_index(self, progress: writer.Progress | None = None) -> int:
        """Index what the store holds and the index lacks (see `index.writer.sync`)."""
        return writer.sync(self.engine, self.index_dir, self.settings.index.lock_timeout, progress)


def create_instance(settings: Settings) -> Instance:
    """Create the folder, the database tables and the index where missing; keep what exists."""
    root = settings.instance_dir
    root.mkdir(parents=True, exist_ok=True)
    engine = connect(sqlite_url(root / DATABASE_FILE))
    migrate.upgrade(engine)
    writer.create(root / INDEX_DIR)
    return Instance(settings, engine)


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
