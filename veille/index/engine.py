"""The search engine an instance holds (`instance.index`): what veille asks of one.

The store is the source of truth; the engine keeps a derived index of its items, written
from the store (`sync`, `rebuild`) and searched with veille's query language (querylang.py
reads the text into the tree every engine evaluates). Views, commands, alerts and trends
call these methods only, never an engine's files: the embedded engine is Whoosh
(whoosh/engine.py); a PostgreSQL one is to answer the same conformance tests
(tests/index/conformance/). An engine that cannot read its index raises IndexUnavailable.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

from .facets import FacetValues
from .search import SearchPage, SearchQuery, Similar

if TYPE_CHECKING:  # numpy loads with the engine, not with this interface
    import numpy as np

Progress = Callable[[int], None]  # told how many more items were indexed
# What to do about an index that cannot be searched (IndexUnavailable's messages say it).
REMEDY = "`veille index rebuild` restores it (a running scheduler does so by itself)"
State = Literal["available", "missing", "outdated", "unreadable"]


@dataclass(frozen=True)
class IndexStatus:
    """What `veille index status` says of the index."""

    state: State  # outdated: of another veille; all but available are rebuilt by a sync
    items: int  # the items it holds (0 unless available)
    rebuilding: bool  # a rebuild is writing a fresh index, to be swapped in


class SearchEngine(Protocol):
    def search(self, request: SearchQuery) -> SearchPage:
        """The page of results `request` asks for, with its facets' counts: each facet's
        `request.facet_limit` values first in its order (veille.index.facets), the selected
        ones always, and how many values it has in all."""
        ...

    def facet_values(self, request: SearchQuery, param: str, prefix: str = "") -> FacetValues:
        """The values of facet `param` having a word that starts with `prefix`
        (facets.prefix_matcher), counted among what `request` finds (the facet's own
        selection aside): its `request.facet_limit` first in the facet's order, and how many
        match in all. A value among thousands, as the search page's "plus…" finds it."""
        ...

    def matching_days(self, request: SearchQuery) -> "np.ndarray":
        """The French days of publication (date ordinals) of every item `request` finds,
        its filters applied: what trends count."""
        ...

    def counts_within(self, request: SearchQuery, params: list[str],
                      windows: list[tuple[date, date]]) -> dict[str, list[dict[str, int]]]:
        """For each facet of `params` and each window of days (first and last, included),
        how many items `request` finds have each value, its own selection aside as facets
        count: which jobs and places rose this month."""
        ...

    def similar(self, item_id: str, limit: int = 5) -> list[Similar]:
        """The `limit` items closest to `item_id` by their words; none if it is not indexed."""
        ...

    def warm(self) -> None:
        """Build the caches a first search reads (web processes at start, the writer after
        a commit), so that no user's search pays for them; nothing if the index cannot be
        read (a search then says why)."""
        ...

    def create(self) -> None:
        """Create an empty index unless there is one."""
        ...

    def sync(self, progress: Progress | None = None) -> int:
        """Index what the store holds and the index lacks, remove what the store deleted;
        return how many items were indexed. A missing, unreadable or outdated index is
        rebuilt first. One writer at a time: others wait for it ([index] lock_timeout)."""
        ...

    def rebuild(self, progress: Progress | None = None) -> int:
        """Recreate the index from the store, readers seeing the old one until it is done;
        return how many items it holds."""
        ...

    def status(self) -> IndexStatus:
        """Whether the index can be searched, how many items it holds, whether a rebuild
        is under way."""
        ...
