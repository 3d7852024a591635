"""Exactly one scheduler per instance: the process holding the instance's leader lock runs
the collections, alerts, bulletins and index upkeep; another waits and takes over when the
first dies.

The lock dies with its holder, whatever kills it (kill -9 included): the embedded instance
locks a file of its folder with fcntl, which the kernel releases with the process; a store on
PostgreSQL holds a session advisory lock of its database on a connection kept open while
leading, which the server releases when that session ends (a lost connection too), so that
the web processes and the worker may run on several hosts. Both are a `LeaderLock`
(Instance.leader_lock), the store's lock, kept with it. A session may also end under a live
holder (the server restarted, the network cut): `holds` says whether the lock is still
held, which the scheduler checks (veille.collect.scheduler) so as never to run beside the
process that took over.
"""

import fcntl
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from .database import (
    holds_leader_lock,
    release_leader_lock,
    try_leader_lock,
    wait_leader_lock,
)

SCHEDULER_KEY = 0x76656953  # "veiS": the advisory lock of the one scheduler


class AdvisoryLeaderLock:
    """A LeaderLock on a PostgreSQL store: the session advisory lock `key`, held by a
    connection of its own kept open while leading (autocommit: no transaction left open)."""

    def __init__(self, engine: Engine, key: int = SCHEDULER_KEY) -> None:
        self.engine, self.key = engine, key
        self._conn: Connection | None = None

    def try_acquire(self) -> bool:
        return self._lock(try_leader_lock)

    def acquire(self) -> None:
        self._lock(_waiting)

    def _lock(self, take: Callable[[Connection, int], bool]) -> bool:
        if self._conn is not None:
            return True
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            held = take(conn, self.key)
        except BaseException:  # interrupted while waiting (Ctrl+C)
            conn.close()
            raise
        if not held:
            conn.close()
            return False
        self._conn = conn
        return True

    def holds(self) -> bool:
        if self._conn is None:
            return False
        try:
            return holds_leader_lock(self._conn, self.key)
        except DBAPIError:  # the session has ended, and the lock with it
            self._conn.close()
            self._conn = None
            return False

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            release_leader_lock(self._conn, self.key)
        except DBAPIError:
            pass  # the session has ended, and the lock with it
        finally:
            self._conn.close()
            self._conn = None


def _waiting(conn: Connection, key: int) -> bool:
    wait_leader_lock(conn, key)
    return True


class LeaderLock(Protocol):
    def try_acquire(self) -> bool:
        """Take the lock if free, without waiting; whether this process now holds it."""
        ...

    def acquire(self) -> None:
        """Take the lock, waiting as long as another process holds it."""
        ...

    def holds(self) -> bool:
        """Whether this process holds the lock still."""
        ...

    def release(self) -> None:
        """Let another process take the lock."""
        ...


class FileLeaderLock:
    """A LeaderLock on a file: fcntl's lock, held while the file stays open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def try_acquire(self) -> bool:
        return self._lock(fcntl.LOCK_EX | fcntl.LOCK_NB)

    def acquire(self) -> None:
        self._lock(fcntl.LOCK_EX)

    def _lock(self, operation: int) -> bool:
        if self._handle is not None:
            return True
        handle = open(self.path, "a")  # noqa: SIM115 - open as long as the lock is held
        try:
            fcntl.flock(handle, operation)
        except BlockingIOError:
            handle.close()
            return False
        except BaseException:  # interrupted while waiting (Ctrl+C)
            handle.close()
            raise
        self._handle = handle
        return True

    def holds(self) -> bool:
        return self._handle is not None  # the kernel releases it with the process only

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def lead(lock: LeaderLock, on_waiting: Callable[[], None]) -> bool:
    """Return once this process holds `lock`; if another holds it, call `on_waiting` first
    (to say so) and wait for it to end. Whether it had to wait."""
    if lock.try_acquire():
        return False
    on_waiting()
    lock.acquire()
    return True
