"""`veille worker` runs the scheduler of an instance alone: a second one waits, says so, and
takes over when the first dies, even of kill -9 (real processes; the loopback feed server
counts the collections)."""

from tests.concurrency import until
from tests.liveserver import VeilleProcess
from tests.scheduling import collections, once_a_tick, seconds_for, watch


def test_a_second_worker_waits_and_takes_over_when_the_first_is_killed(instance, feed_server):
    watch(instance, feed_server)
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
