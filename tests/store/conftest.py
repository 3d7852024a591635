"""A bare store (database schema only, no index) for the repository tests."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from veille.instance import DATABASE_FILE
from veille.store.database import connect, sqlite_url


@pytest.fixture
def engine(tmp_path: Path, instance_template: Path) -> Engine:
    """A new database at the newest schema: a copy of the template instance's."""
    shutil.copy(instance_template / DATABASE_FILE, tmp_path / DATABASE_FILE)
    engine = connect(sqlite_url(tmp_path / DATABASE_FILE))
    yield engine
    engine.dispose()
