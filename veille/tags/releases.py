"""Values built from the referentials the store holds (the taggers, tables of names), kept
in the process until another release of them is imported: they take up to seconds to
build, and every batch of items or search reads them. `referential_versions` says which
release each referential is at (its import's stamp), so a re-import is seen at once. A value
may also read referentials it can do without (the BMO's bassins): their imports build it
again too."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy import Connection

from ..refdata import kind_of
from ..store import referentials as referential_store

T = TypeVar("T")


class PerRelease(Generic[T]):
    """The value `build` makes from the store, for the releases of `names` it holds (and of
    the `optional` kinds of referential it holds any of: "bmo" stands for every year)."""

    def __init__(self, names: tuple[str, ...], build: Callable[[Connection], T],
                 optional: tuple[str, ...] = ()) -> None:
        self._names = names
        self._optional = optional
        self._build = build
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._value: T | None = None

    def get(self, conn: Connection) -> T | None:
        """The value for the releases the store holds now; None without one of them."""
        stored = {version.name: version for version in referential_store.versions(conn)}
        if any(name not in stored for name in self._names):
            return None
        key = (*(stored[name].stamp for name in self._names),
               *(version.stamp for name, version in sorted(stored.items())
                 if kind_of(name) in self._optional))
        with self._lock:  # one build at a time: the others wait for it, and share it
            if key != self._key:
                self._value, self._key = self._build(conn), key
            return self._value
