"""Reading search parameters from a request, the same way for the API, pages and feeds (and,
through `veille.searchargs`, for the email alerts of saved searches)."""

from werkzeug.datastructures import MultiDict

from veille.index.search import SearchQuery
from veille.searchargs import query_from_args
from veille.settings import Settings
from veille.vocabulary import StoreVocabulary

from .context import instance


def search_query(
    args: MultiDict, settings: Settings, limit: int | None = None, published_only: bool = False
) -> SearchQuery:
    """Return the query the parameters ask for, or raise InvalidRequest saying what is wrong;
    `published_only` keeps it to what documentalists published (the employers' portal)."""
    return query_from_args(args, settings.search, limit, published_only,
                           StoreVocabulary(instance().engine))
