"""The embedded search engine (veille.index.engine.SearchEngine): a Whoosh index in the
instance's folder, searched with numpy (search.py) and written from the store (writer.py).

Several threads of a process share one engine: each keeps its own searcher (readers.py);
one process writes at a time, holding the index's lock. The writer (and the parts of the
store it reads) is imported by the methods that write: a search never loads it.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from ..engine import IndexStatus, Progress
from ..facets import FacetValues
from ..search import SearchPage, SearchQuery, Similar
from . import search
from .similar import similar_items


@dataclass(frozen=True)
class WhooshEngine:
    folder: Path  # the index's folder; its lock and version files lie beside it
    store: Engine  # the database the index is written from
    lock_timeout: float  # seconds a writer waits for another ([index] lock_timeout)

    def search(self, request: SearchQuery) -> SearchPage:
        return search.search(self.folder, request)

    def facet_values(self, request: SearchQuery, param: str, prefix: str = "") -> FacetValues:
        return search.facet_values(self.folder, request, param, prefix)

    def matching_days(self, request: SearchQuery) -> np.ndarray:
        return search.matching_days(self.folder, request)

    def counts_within(self, request: SearchQuery, params: list[str],
                      windows: list[tuple[date, date]]) -> dict[str, list[dict[str, int]]]:
        return search.counts_within(self.folder, request, params, windows)

    def similar(self, item_id: str, limit: int = 5) -> list[Similar]:
        return similar_items(self.folder, item_id, limit)

    def warm(self) -> None:
        search.warm(self.folder)

    def create(self) -> None:
        from . import writer

        writer.create(self.folder)

    def sync(self, progress: Progress | None = None) -> int:
        from . import writer

        return writer.sync(self.store, self.folder, self.lock_timeout, progress)

    def rebuild(self, progress: Progress | None = None) -> int:
        from . import writer

        return writer.rebuild(self.store, self.folder, self.lock_timeout, progress)

    def status(self) -> IndexStatus:
        from . import writer

        return writer.status(self.folder)
