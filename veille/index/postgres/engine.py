"""The PostgreSQL search engine (veille.index.engine.SearchEngine): tables of a PostgreSQL
database (schema.py), written from the store (writer.py) and searched in SQL (search.py).

On an instance whose store is PostgreSQL, the tables lie in the store's own database
(`db` is `store`); any process may search, one at a time writes (an advisory lock).
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError

from ...errors import IndexUnavailable
from ..engine import REMEDY, IndexStatus, Progress
from ..facets import FacetValues
from ..search import SearchPage, SearchQuery, Similar
from . import search, writer
from .similar import similar_items
from .terms import vocabulary


@dataclass(frozen=True)
class PostgresEngine:
    store: Engine  # the database the tables are written from
    db: Engine  # the database holding the tables
    lock_timeout: float  # seconds a writer waits for another ([index] lock_timeout)

    def search(self, request: SearchQuery) -> SearchPage:
        return self._reading(search.search, request)

    def facet_values(self, request: SearchQuery, param: str, prefix: str = "") -> FacetValues:
        return self._reading(search.facet_values, request, param, prefix)

    def matching_days(self, request: SearchQuery) -> np.ndarray:
        return self._reading(search.matching_days, request)

    def counts_within(self, request: SearchQuery, params: list[str],
                      windows: list[tuple[date, date]]) -> dict[str, list[dict[str, int]]]:
        return self._reading(search.counts_within, request, params, windows)

    def similar(self, item_id: str, limit: int = 5) -> list[Similar]:
        return self._reading(similar_items, item_id, limit)

    def warm(self) -> None:
        """Read the one cache this engine keeps in a process: the vocabulary "did you mean"
        reads (terms.py), with the pool's first connection. The rest a first search reads
        is the tables' pages, in PostgreSQL's shared buffers: read once by any process (or
        kept since the last commit), they are warm for every web process, so there is
        nothing else to build here. Nothing if the tables are not there: a search says why."""
        try:
            self._reading(vocabulary)
        except IndexUnavailable:
            pass  # nothing to warm: the searches say why

    def create(self) -> None:
        writer.create(self.db)

    def sync(self, progress: Progress | None = None) -> int:
        return writer.sync(self.store, self.db, self.lock_timeout, progress)

    def rebuild(self, progress: Progress | None = None) -> int:
        return writer.rebuild(self.store, self.db, self.lock_timeout, progress)

    def status(self) -> IndexStatus:
        return writer.status(self.db)

    def _reading(self, read, *args):
        """`read(conn, *args)`; IndexUnavailable when the tables are not there."""
        try:
            with self.db.connect() as conn:
                return read(conn, *args)
        except ProgrammingError as exc:
            if "search_" not in str(exc.orig):
                raise
            raise IndexUnavailable(
                f"the search tables of {self.db.url.render_as_string(hide_password=True)} "
                f"cannot be read: {REMEDY}") from None
