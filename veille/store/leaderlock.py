"""The leader lock (veille.leader.LeaderLock) of an instance whose store is PostgreSQL: a
session advisory lock of the store's database, held by a connection kept open while
leading, which the server releases when that session ends, whatever ends it (kill -9 of the
process, a lost connection): the web processes and the worker may run on several hosts."""

from collections.abc import Callable

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from .database import release_leader_lock, try_leader_lock, wait_leader_lock

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
