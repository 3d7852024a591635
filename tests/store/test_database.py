"""Opening the database, and PostgreSQL's leader lock."""

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from tests.concurrency import until
from veille.store.database import try_leader_lock

KEY = 0x7465_7374


def test_one_session_holds_the_leader_lock_until_its_connection_ends(postgres):
    engine = create_engine(postgres.database(), poolclass=NullPool)
    first, second = engine.connect(), engine.connect()
    assert try_leader_lock(first, KEY)
    assert not try_leader_lock(second, KEY)
    first.close()  # as a killed worker's connection ends
    # Its server process lets the lock go as it exits, a moment after the connection closed.
    assert until(lambda: try_leader_lock(second, KEY), 10)
    second.close()
    engine.dispose()
