"""The leader lock: one holder at a time per instance, the others told so; what an
implementation of veille.leader.LeaderLock (fcntl here, an advisory lock on PostgreSQL)
must do. Taking over after a crash: tests/collect/test_worker.py, with real processes."""

import threading

from veille.leader import FileLeaderLock, lead


def test_one_holder_at_a_time_until_it_lets_go(tmp_path):
    first, second = FileLeaderLock(tmp_path / "lock"), FileLeaderLock(tmp_path / "lock")
    assert not lead(first, lambda: None)  # free: taken without waiting
    assert first.try_acquire()  # it holds it already
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def test_leading_says_it_waits_then_returns_once_the_holder_lets_go(tmp_path):
    holder, waiter = FileLeaderLock(tmp_path / "lock"), FileLeaderLock(tmp_path / "lock")
    holder.try_acquire()
    told, led = threading.Event(), threading.Event()

    def wait_to_lead() -> None:
        if lead(waiter, told.set):
            led.set()

    thread = threading.Thread(target=wait_to_lead)
    thread.start()
    assert told.wait(10)
    assert not led.is_set()
    holder.release()
    assert led.wait(10)
    thread.join()
    assert not holder.try_acquire()
    waiter.release()
