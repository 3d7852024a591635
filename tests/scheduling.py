"""A source collected on a schedule by real processes, counted on the loopback feed server:
how many times, how fast."""

import time

from tests.concurrency import until
from tests.feedserver import RSS_FIXTURE, FeedServer
from veille.instance import Instance
from veille.sources.watchlist import make_source
from veille.store import sources as source_store

EVERY = 2  # seconds between two collections of the watched source


def watch(instance: Instance, feed_server: FeedServer) -> None:
    """Add a source of the feed server collected every EVERY seconds."""
    with instance.engine.begin() as conn:
        source_store.add(conn, make_source(feed_server.url(RSS_FIXTURE), every=f"{EVERY}s"))


def collections(feed_server: FeedServer) -> int:
    return len(feed_server.statuses(RSS_FIXTURE))


def seconds_for(count: int, feed_server: FeedServer) -> float:
    """How long the feed server takes to be collected `count` more times. Once a tick,
    `count` collections take `count - 1` intervals at least; two schedulers collecting the
    source would take about half as long."""
    started, before = time.monotonic(), collections(feed_server)
    assert until(lambda: collections(feed_server) >= before + count, 20 * count)
    return time.monotonic() - started


def once_a_tick(count: int, feed_server: FeedServer) -> bool:
    """Whether `count` more collections come once a tick, not more often."""
    return seconds_for(count, feed_server) >= (count - 1) * EVERY * 0.8
