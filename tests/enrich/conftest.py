"""The whole ROME 4.0 and France's geography, imported once for the session from the shared
data, and the taggers built from them (some ten seconds in all, then milliseconds a test)."""

from pathlib import Path

import pytest

from tests.referentials.subset import ROME_DIR
from veille.enrich.tagging import Taggers
from veille.referentials.importing import import_folder
from veille.referentials.models import Geo, Rome
from veille.store import migrate
from veille.store import referentials as store
from veille.store.database import connect, sqlite_url


@pytest.fixture(scope="session")
def referentials(tmp_path_factory, shared_data: Path) -> tuple[Rome, Geo]:
    """The ROME and the geography as the taggers read them back from a store."""
    engine = connect(sqlite_url(tmp_path_factory.mktemp("referentials") / "veille.db"))
    try:
        migrate.upgrade(engine)
        import_folder(engine, shared_data / ROME_DIR)
        import_folder(engine, shared_data / "geo-fr")
        with engine.connect() as conn:
            return store.load_rome(conn), store.load_geo(conn)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def taggers(referentials: tuple[Rome, Geo]) -> Taggers:
    return Taggers(*referentials)
