"""A bare store (database schema only, no index) for the repository tests."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from veille.store import migrate
from veille.store.database import connect, sqlite_url


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = connect(sqlite_url(tmp_path / "veille.db"))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()
