"""What visitors who are not signed in see of the store: the employers' portal, nothing else
(unless `[web] public_search` opens the whole search to them: `open_to_all`).

The portal shows what documentalists published. Its search takes words, the sectors and
territories they gave (its two facets), an order and a page; each result shows its title,
kind, source, day and snippet and leads to the item's page, which adds the sectors,
territories, original link and text. One rule answers visitors on the portal and on
`/api/search`, `/api/trends` and `/feeds/search.atom` (once the Maison has accounts, or with
`[web] public_search = "no"`): the Maison's tags, the other facets (sources, kinds, months,
jobs and places tagged), their filters and their fields in the query language (`tag:`,
`source:`, `rome:`…) are the team's, and reach no visitor.
"""

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import Connection

from ..errors import ConfigError, InvalidRequest, NotFound
from ..index.args import ArgLists, Args, query_from_args
from ..index.engine import SearchEngine
from ..index.facets import FacetValues, facet_named
from ..index.search import SearchPage, SearchQuery
from ..index.vocabulary import Vocabulary
from ..instance import Instance
from ..models import Curation, Item
from ..store import curation as curation_store
from ..store import items as item_store
from ..store import users as user_store

FACETS = ("sector", "place")
# What a visitor's search may say: the portal's words, facets, order and page, the API's
# page size, and the days (every result shows its day; a trend needs a span).
ARGS = ("q", "sort", "page", "limit", "from", "to", "group", "story", "facet_limit", *FACETS)
# The query language's fields over what a result shows: title, kind, day.
QUERY_FIELDS = frozenset({"title", "type", "since", "before"})
PUBLIC_SEARCH = ("auto", "yes", "no")  # the values of `[web] public_search`


def check_public_search(mode: str) -> None:
    """Refuse (ConfigError) a `[web] public_search` that is none of PUBLIC_SEARCH."""
    if mode not in PUBLIC_SEARCH:
        raise ConfigError(f"[web] public_search must be one of {', '.join(PUBLIC_SEARCH)}, "
                          f"got {mode!r}")


def open_to_all(instance: Instance) -> bool:
    """Whether visitors who are not signed in search every item as the Maison's people do:
    `[web] public_search` "yes", or "auto" while nobody has an account (one person's tool,
    which nobody could sign in to). Otherwise they see what the portal shows."""
    mode = instance.settings.web.public_search
    if mode == "auto":
        with instance.engine.connect() as conn:
            return not user_store.any_user(conn)
    return mode == "yes"


def query(args: Args, search_settings, limit: int | None = None,
          vocabulary: Vocabulary | None = None, *, strict: bool = True,
          own: Iterable[str] = ()) -> SearchQuery:
    """The search a visitor asks for: published items, the arguments of ARGS. Another
    argument with a value is refused (InvalidRequest naming it) or, unless `strict`, left out
    (the portal's pages, which any link may reach); `own` names the caller's own arguments
    (a trend's interval), neither searched nor refused."""
    others = sorted(name for name in args.keys()
                    if name not in ARGS and name not in own and any(args.getlist(name)))
    if others and strict:
        raise InvalidRequest(f"paramètres réservés à l'équipe : {', '.join(others)} "
                             f"(ceux des visiteurs : {', '.join(ARGS)})")
    kept = ArgLists({name: args.getlist(name) for name in ARGS})
    return replace(query_from_args(kept, search_settings, limit, True, vocabulary),
                   fields=QUERY_FIELDS)


def answer(index: SearchEngine, query: SearchQuery) -> SearchPage:
    """What `query` finds, as its asker may see it: a visitor's query (`query()`: over
    published items) gets what `search` shows them, anyone else's the whole page."""
    return search(index, query) if query.published_only else index.search(query)


def search(index: SearchEngine, visitor_query: SearchQuery) -> SearchPage:
    """The page of results a visitor sees: the portal's facets, results without tags, and a
    "did you mean" only when it finds published items (it comes from every item's words)."""
    found = index.search(visitor_query)
    suggestion = found.suggestion
    if suggestion and not index.search(replace(visitor_query, q=suggestion, page=1)).total:
        suggestion = None
    return replace(found, hits=[replace(hit, tags=()) for hit in found.hits],
                   facets={name: found.facets[name] for name in FACETS},
                   suggestion=suggestion)


def facet_values(index: SearchEngine, query: SearchQuery, param: str,
                 prefix: str = "") -> FacetValues:
    """The values of facet `param` having a word starting with `prefix`, among what `query`
    finds (SearchEngine.facet_values), as its asker may see them: a visitor's query (over
    published items) may name the portal's facets only (InvalidRequest for the others)."""
    facet_named(param)
    if query.published_only and param not in FACETS:
        raise InvalidRequest(f"facette réservée à l'équipe : {param} "
                             f"(celles des visiteurs : {', '.join(FACETS)})")
    return index.facet_values(query, param, prefix)


def item(conn: Connection, item_id: str) -> tuple[Item, Curation]:
    """A published item and its publication (sectors, territories); NotFound for any other
    (never published, taken off, or hidden)."""
    curation = curation_store.of_items(conn, [item_id]).get(item_id)
    if curation is None or not curation.published or curation.hidden:
        raise NotFound(f"no published item {item_id}")
    return item_store.get(conn, item_id), curation
