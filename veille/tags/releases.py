"""Values built from the referentials the store holds (the taggers, tables of names), kept
in the process until another release of them is imported: they take up to seconds to
build, and every batch of items or search reads them. `referential_versions` says which
release each referential is at (its import's stamp), so a re-import is seen at once."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import Connection

from ..store import referentials as referential_store

T = TypeVar("T")


class PerRelease(Generic[T]):
    """The value `build` makes from the store, for the releases of `names` it holds."""

    def __init__(self, names: tuple[str, ...], build: Callable[[Connection], T]) -> None:
        self._names = names
        self._build = build
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: T | None = None

    def get(self, conn: Connection) -> T | None:
        """The value for the releases the store holds now; None without one of them."""
        stored = {version.name: version for version in referential_store.versions(conn)}
        if any(name not in stored for name in self._names):
            return None
        key = tuple(stored[name].stamp for name in self._names)
        with self._lock:  # one build at a time: the others wait for it, and share it
            if key != self._key:
                self._value, self._key = self._build(conn), key
            return self._value
