"""Reading search parameters from a request, the same way for the API, pages and feeds (and,
through `veille.index.args`, for the email alerts of saved searches), and answering a search
as its asker may see it."""

from collections.abc import Iterable

from werkzeug.datastructures import MultiDict

from veille.curate import visitors
from veille.index.args import query_from_args
from veille.index.search import SearchPage, SearchQuery
from veille.settings import Settings
from veille.tags.vocabulary import StoreVocabulary

from .context import instance


def search_query(
    args: MultiDict, settings: Settings, limit: int | None = None, visitor: bool = False,
    lenient: bool = False, own: Iterable[str] = (),
) -> SearchQuery:
    """Return the query the parameters ask for, or raise InvalidRequest saying what is wrong.
    A `visitor` (not signed in, the search not open to all) searches as veille.curate.visitors
    says: published items, the portal's parameters; another one is refused, or left out
    when `lenient` (the portal's pages); `own` names the caller's own (a trend's interval)."""
    vocabulary = StoreVocabulary(instance().engine)
    if visitor:
        return visitors.query(args, settings.search, limit, vocabulary, strict=not lenient,
                              own=own)
    return query_from_args(args, settings.search, limit, vocabulary=vocabulary)


def results(query: SearchQuery) -> SearchPage:
    """What `query` finds, as its asker sees it: a visitor's query (over published items)
    gets what veille.curate.visitors shows them."""
    return visitors.answer(instance().index, query)
