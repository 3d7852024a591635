"""The leader lock: one holder at a time per instance, the others told so; what each
implementation of veille.store.leaderlock.LeaderLock (fcntl on the embedded instance, an
advisory lock on PostgreSQL) must do. Taking over after a crash: tests/collect/test_worker.py,
with real processes, and below on PostgreSQL when the holder's connection ends."""

import threading
from collections.abc import Callable, Iterator

import pytest

from tests.postgres import end_holders_session
from veille.instance import Instance
from veille.settings import load_settings
from veille.store.database import connect
from veille.store.leaderlock import (
    AdvisoryLeaderLock,
    FileLeaderLock,
    LeaderLock,
    lead,
)


@pytest.fixture(params=["file", "postgres"])
def new_lock(request: pytest.FixtureRequest, tmp_path) -> Iterator[Callable[[], LeaderLock]]:
    """Makes locks of one instance, as processes of it would each hold theirs: on a file of
    its folder, or on its PostgreSQL store."""
    if request.param == "file":
        yield lambda: FileLeaderLock(tmp_path / "lock")
        return
    engine = connect(request.getfixturevalue("postgres").database())
    yield lambda: AdvisoryLeaderLock(engine)
    engine.dispose()


def test_a_holder_knows_it_holds_the_lock_until_it_lets_go(new_lock):
    holder = new_lock()
    assert not holder.holds()
    assert holder.try_acquire()
    assert holder.holds()
    holder.release()
    assert not holder.holds()


def test_one_holder_at_a_time_until_it_lets_go(new_lock):
    first, second = new_lock(), new_lock()
    assert not lead(first, lambda: None)  # free: taken without waiting
    assert first.try_acquire()  # it holds it already
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def waiting_to_lead(waiter: LeaderLock) -> tuple[threading.Event, threading.Event,
                                                  threading.Thread]:
    """Leading with `waiter` in a thread: events set when it says it waits and once it leads."""
    told, led = threading.Event(), threading.Event()

    def wait_to_lead() -> None:
        if lead(waiter, told.set):
            led.set()

    thread = threading.Thread(target=wait_to_lead)
    thread.start()
    return told, led, thread


def test_leading_says_it_waits_then_returns_once_the_holder_lets_go(new_lock):
    holder, waiter = new_lock(), new_lock()
    holder.try_acquire()
    told, led, thread = waiting_to_lead(waiter)
    assert told.wait(10)
    assert not led.is_set()
    holder.release()
    assert led.wait(10)
    thread.join()
    assert not holder.try_acquire()
    waiter.release()


def test_on_postgresql_a_waiter_takes_over_when_the_holders_connection_ends(postgres):
    engine = connect(postgres.database())
    try:
        holder, waiter = AdvisoryLeaderLock(engine), AdvisoryLeaderLock(engine)
        assert holder.try_acquire()
        told, led, thread = waiting_to_lead(waiter)
        assert told.wait(10)
        assert not led.is_set()
        assert holder.holds()
        end_holders_session(engine)
        assert led.wait(10)
        thread.join()
        assert not holder.holds()  # the scheduler checks this, not to run beside the waiter
        assert not AdvisoryLeaderLock(engine).try_acquire()
        holder.release()  # its session has ended: nothing to let go
        waiter.release()
    finally:
        engine.dispose()


def test_on_postgresql_processes_of_one_store_share_its_lock_whatever_their_folders(postgres,
                                                                                   tmp_path):
    """Web processes and the worker of a PostgreSQL store may run on several hosts, each
    with a folder of its own: the store's advisory lock is the one they share."""
    engine = connect(postgres.database())
    try:
        first, second = (Instance(load_settings(env={"VEILLE_INSTANCE": str(tmp_path / name)}),
                                  engine).leader_lock for name in ("a", "b"))
        assert first.try_acquire()
        assert not second.try_acquire()
        first.release()
        assert second.try_acquire()
        second.release()
    finally:
        engine.dispose()
