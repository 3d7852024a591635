"""A search as arguments (`q`, `sort`, `from`, `to` and the facets' parameters): read into a
SearchQuery the same way by the web pages, the API, the feeds and the email alerts, and kept
as such by saved searches (`{"q": ["soudeur"], "source": ["DARES"]}`)."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol, overload

from ..errors import InvalidRequest
from ..models import KINDS
from .facets import FACETS, MAX_FACET_LIMIT
from .search import GROUPS, SORTS, SearchQuery
from .vocabulary import Vocabulary, place_keys, rome_codes

MAX_QUERY_CHARS = 1000
YES = frozenset({"oui", "yes", "1", "true", "on"})
NO = frozenset({"non", "no", "0", "false", "off"})
MAX_PAGE = 1000
# Days whose Paris midnight and next midnight exist as UTC datetimes (the index's bounds).
FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 30)


def search_args() -> tuple[str, ...]:
    """The arguments that say what a search finds (not which page of it)."""
    return ("q", "sort", "from", "to", "synonymes", "story", *(facet.param for facet in FACETS))


class Args(Protocol):
    """What a search is read from: a request's MultiDict, or `ArgLists`."""

    @overload
    def get(self, name: str, /) -> str | None: ...

    @overload
    def get(self, name: str, default: str, /) -> str: ...

    def getlist(self, name: str) -> list[str]: ...

    def keys(self) -> Iterable[str]: ...


class ArgLists:
    """Arguments kept as lists of values by name, read like a request's."""

    def __init__(self, lists: Mapping[str, Sequence[str]]) -> None:
        self.lists = lists

    def get(self, name: str, default: str = "") -> str:
        values = self.lists.get(name) or [default]
        return values[0]

    def getlist(self, name: str) -> list[str]:
        return list(self.lists.get(name, ()))

    def keys(self) -> Iterable[str]:
        return self.lists.keys()


def kept(args: Args) -> dict[str, list[str]]:
    """The arguments of a search worth keeping: its own (no page, limit or strangers), in
    their order, without empty values."""
    found = {name: [value for value in args.getlist(name) if value] for name in search_args()}
    return {name: values for name, values in found.items() if values}


def query_from_args(
    args: Args, search_settings, limit: int | None = None, published_only: bool = False,
    vocabulary: Vocabulary | None = None,
) -> SearchQuery:
    """Return the query the arguments ask for, or raise InvalidRequest saying what is wrong;
    `published_only` keeps it to what documentalists published (the employers' portal).
    A `lieu` is a place key, an INSEE code or a name the vocabulary knows ("Moselle"), a
    `rome` a ROME code or a job's name ("soudeur");
    `synonymes=non` searches the words typed only (no other appellations of a job);
    `facet_limit` says how many values of each facet to answer (FACET_LIMIT by default)."""
    q = (args.get("q", "") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidRequest(f"la requête dépasse {MAX_QUERY_CHARS} caractères")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise InvalidRequest(f"sort doit valoir {' ou '.join(SORTS)}")
    filters = {f.param: tuple(v for v in args.getlist(f.param) if v) for f in FACETS}
    filters["lieu"] = tuple(dict.fromkeys(
        key for value in filters["lieu"] for key in place_keys(value, vocabulary)))
    # A job named rather than coded ("soudeur") is its codes; a name naming none stays as
    # written, and finds nothing.
    filters["rome"] = tuple(dict.fromkeys(
        code for value in filters["rome"]
        for code in rome_codes(value, vocabulary) or (value.strip(),)))
    group = args.get("group") or ""
    if group and group not in GROUPS:
        raise InvalidRequest(f"group doit valoir {' ou '.join(GROUPS)}")
    unknown_kinds = set(filters["kind"]) - set(KINDS)
    if unknown_kinds:
        raise InvalidRequest(f"kind doit valoir {' ou '.join(KINDS)}")
    return SearchQuery(
        q=q,
        page=_whole(args, "page", 1, MAX_PAGE),
        limit=limit or _whole(args, "limit", search_settings.page_size,
                              search_settings.max_page_size),
        sort=sort,
        date_from=_day(args, "from"),
        date_to=_day(args, "to"),
        filters={name: values for name, values in filters.items() if values},
        published_only=published_only,
        vocabulary=vocabulary,
        synonyms=_yes_or_no(args, "synonymes", True),
        group=bool(group),
        story=(args.get("story") or "").strip() or None,
        facet_limit=_whole(args, "facet_limit", SearchQuery.facet_limit, MAX_FACET_LIMIT),
    )


def _yes_or_no(args: Args, name: str, default: bool) -> bool:
    raw = (args.get(name, "") or "").strip().lower()
    if not raw:
        return default
    if raw in YES or raw in NO:
        return raw in YES
    raise InvalidRequest(f"{name} doit valoir oui ou non, reçu {raw!r}")


def _whole(args: Args, name: str, default: int, maximum: int) -> int:
    raw = args.get(name, "") or ""
    if raw == "":
        return default
    # ASCII only: "²" is a digit to str.isdigit but not a number to int().
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise InvalidRequest(f"{name} doit être un nombre entier de 1 à {maximum}")
    return int(raw)


def _day(args: Args, name: str) -> date | None:
    raw = args.get(name, "") or ""
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise InvalidRequest(f"{name} doit être une date AAAA-MM-JJ, reçu {raw!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidRequest(f"{name} doit être une date entre {FIRST_DAY} et {LAST_DAY}")
    return day
