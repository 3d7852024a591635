"""A bare store (database schema only, no index) for the repository tests."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from veille.store.database import connect, create_schema, sqlite_url


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = connect(sqlite_url(tmp_path / "veille.db"))
    create_schema(engine)
    yield engine
    engine.dispose()
