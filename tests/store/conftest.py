"""A bare store (database schema only, no index) for the repository tests, on SQLite and
on PostgreSQL."""

import pytest
from sqlalchemy import Engine

from veille.store.database import connect, sqlite_url


@pytest.fixture
def engine(store_url: str) -> Engine:
    engine = connect(store_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def blank_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of a new, empty database, once on each database veille runs on."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "blank.db")
    return request.getfixturevalue("postgres").database()
