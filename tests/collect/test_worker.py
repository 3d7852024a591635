"""`veille worker` runs the scheduler of an instance alone: a second one waits, says so, and
takes over when the first dies, even of kill -9; a worker killed in the middle of storing a
collection loses and duplicates nothing once started again (real processes, on either
store; the loopback feed server counts the collections)."""

import sqlite3

import pytest
from sqlalchemy import select, text

from tests.concurrency import until
from tests.feedserver import FeedServer
from tests.liveserver import VeilleProcess
from tests.postgres import end_holders_session
from tests.scheduling import collections, once_a_tick, seconds_for, watch
from veille.index.search import SearchQuery
from veille.instance import DATABASE_FILE, Instance, open_instance
from veille.settings import load_settings
from veille.sources.watchlist import make_source
from veille.store import sources as source_store
from veille.store.schema import items

BIG_FEED = "/feeds/big.rss"
BIG = 2_000  # entries: storing them takes long enough for a kill to land in the middle


def test_a_second_worker_waits_and_takes_over_when_the_first_is_killed(instance_on_store,
                                                                      feed_server):
    watch(instance_on_store, feed_server)
    with VeilleProcess("worker") as first:
        assert first.said("collecting sources")
        assert until(lambda: collections(feed_server) >= 1, 30)
        with VeilleProcess("worker") as second:
            assert second.said("another process runs the scheduler"), second.lines
            assert once_a_tick(4, feed_server)
            assert not second.said("collecting sources", timeout=0)
            first.kill()
            assert second.said("collecting sources")
            assert seconds_for(2, feed_server) > 0


@pytest.mark.parametrize("instance_on_store", ["postgres"], indirect=True)
def test_a_worker_whose_lock_session_ends_stops_and_waits_while_another_takes_over(
        instance_on_store, feed_server, monkeypatch):
    """On PostgreSQL the lock's session may end under a live worker (the server restarted,
    the network cut): the waiting worker takes over, the first stops and waits in its turn,
    and each tick is collected once."""
    monkeypatch.setenv("VEILLE_SCHEDULER_LEAD_CHECK_EVERY", "1")
    watch(instance_on_store, feed_server)
    with VeilleProcess("worker") as first:
        assert first.said("collecting sources")
        with VeilleProcess("worker") as second:
            assert second.said("another process runs the scheduler"), second.lines
            end_holders_session(instance_on_store.engine)
            assert second.said("collecting sources"), second.lines
            assert first.said("no longer holds its lock"), first.lines
            assert first.said("another process runs the scheduler"), first.lines
            assert once_a_tick(4, feed_server)


def big_feed(count: int) -> bytes:
    """An RSS feed of `count` distinct entries."""
    entries = "".join(
        f"<item><title>Offre {n} : technicien de maintenance industrielle</title>"
        f"<link>https://exemple.test/offres/{n}</link>"
        f"<description>Poste numéro {n} à pourvoir en Moselle, atelier {n % 97}.</description>"
        f"<pubDate>Mon, 01 Jun 2026 10:00:00 +0200</pubDate></item>" for n in range(count))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Gros flux</title><link>https://exemple.test/</link>{entries}"
            "</channel></rss>").encode()


def writing(instance: Instance) -> bool:
    """Whether another process is in the middle of a transaction that writes the store: on
    PostgreSQL a session holding a transaction id; on SQLite the write lock taken."""
    if instance.engine.dialect.name == "postgresql":
        with instance.engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL "
                "AND pid <> pg_backend_pid() AND datname = current_database()")).scalar())
    probe = sqlite3.connect(instance.root / DATABASE_FILE, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:  # database is locked: a writer holds it
        return True
    finally:
        probe.close()


def stored_and_found() -> tuple[list[str], int]:
    """The addresses of the items the store holds, sorted (duplicates too), and how many items a
    search finds, as a new process of the instance sees them."""
    instance = open_instance(load_settings())
    try:
        with instance.engine.connect() as conn:
            urls = sorted(conn.execute(select(items.c.url)).scalars())
        return urls, instance.index.search(SearchQuery(limit=1)).total
    finally:
        instance.close()


@pytest.mark.slow
def test_a_worker_killed_while_storing_a_collection_loses_and_duplicates_nothing(
        instance_on_store, feed_server: FeedServer):
    feed_server.put(BIG_FEED, big_feed(BIG))
    with instance_on_store.engine.begin() as conn:
        source_store.add(conn, make_source(feed_server.url(BIG_FEED)))
    with VeilleProcess("worker") as first:
        assert until(lambda: feed_server.statuses(BIG_FEED), 30)
        assert until(lambda: writing(instance_on_store), 30), first.lines
        first.kill()
    urls, _ = stored_and_found()
    assert urls == []  # killed before its transaction committed: nothing of it was stored
    expected = sorted(f"https://exemple.test/offres/{n}" for n in range(BIG))
    with VeilleProcess("worker") as second:
        assert until(lambda: stored_and_found() == (expected, BIG), 120), second.lines
    assert stored_and_found() == (expected, BIG)
