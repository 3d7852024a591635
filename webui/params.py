"""Reading search parameters from a request, the same way for the API, pages and feeds."""

from datetime import date

from werkzeug.datastructures import MultiDict

from veille.errors import InvalidRequest
from veille.index.facets import FACETS
from veille.index.search import SORTS, SearchQuery
from veille.models import KINDS
from veille.settings import Settings

MAX_QUERY_CHARS = 1000
MAX_PAGE = 1000
# Days whose Paris midnight and next midnight exist as UTC datetimes (the index's bounds).
FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 30)


def search_query(args: MultiDict, settings: Settings, limit: int | None = None) -> SearchQuery:
    """Return the query the parameters ask for, or raise InvalidRequest saying what is wrong."""
    config = settings.search
    q = args.get("q", "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidRequest(f"la requête dépasse {MAX_QUERY_CHARS} caractères")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise InvalidRequest(f"sort doit valoir {' ou '.join(SORTS)}")
    filters = {f.param: tuple(v for v in args.getlist(f.param) if v) for f in FACETS}
    unknown_kinds = set(filters["kind"]) - set(KINDS)
    if unknown_kinds:
        raise InvalidRequest(f"kind doit valoir {' ou '.join(KINDS)}")
    return SearchQuery(
        q=q,
        page=_whole(args, "page", 1, MAX_PAGE),
        limit=limit or _whole(args, "limit", config.page_size, config.max_page_size),
        sort=sort,
        date_from=_day(args, "from"),
        date_to=_day(args, "to"),
        filters={name: values for name, values in filters.items() if values},
    )


def _whole(args: MultiDict, name: str, default: int, maximum: int) -> int:
    raw = args.get(name, "")
    if raw == "":
        return default
    # ASCII only: "²" is a digit to str.isdigit but not a number to int().
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise InvalidRequest(f"{name} doit être un nombre entier de 1 à {maximum}")
    return int(raw)


def _day(args: MultiDict, name: str) -> date | None:
    raw = args.get(name, "")
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidRequest(f"{name} doit être une date AAAA-MM-JJ, reçu {raw!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidRequest(f"{name} doit être une date entre {FIRST_DAY} et {LAST_DAY}")
    return day
