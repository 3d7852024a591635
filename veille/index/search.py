"""Searching the index: a SearchQuery in, a SearchPage of plain data out.

The JSON API, the HTML pages, the Atom feeds and the CLI all call `search`, so they agree.
"""

import html
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal

from whoosh import highlight, query
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from ..models import LOCAL_TIME
from . import querylang, readers, spelling
from .facets import FACETS
from .schema import from_index_time, to_index_time

Sort = Literal["relevance", "date"]
SORTS: tuple[Sort, ...] = ("relevance", "date")


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    page: int = 1
    limit: int = 20
    sort: Sort = "relevance"
    date_from: date | None = None
    date_to: date | None = None
    # Selected facet values by facet parameter name ("source", "kind", "tag").
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Hit:
    id: str
    title: str
    url: str
    source: str
    kind: str
    published: datetime
    tags: tuple[str, ...]
    snippet: str  # HTML: the text is escaped, matches are wrapped in <mark>
    score: float | None  # None when sorted by date


@dataclass
class SearchPage:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    # The query with its unknown words corrected ("did you mean"), if any.
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.limit))


def search(index_dir: Path, request: SearchQuery) -> SearchPage:
    """Run `request` against the index at `index_dir`; IndexUnavailable if it cannot."""
    searcher = readers.current_searcher(index_dir)
    try:
        return _search(searcher, readers.version(index_dir, searcher), request)
    except readers.READ_ERRORS as exc:
        readers.forget(index_dir)
        raise readers.unavailable(index_dir, exc) from exc


def _search(searcher: Searcher, version: tuple, request: SearchQuery) -> SearchPage:
    parsed = querylang.parse(request.q, searcher.schema, datetime.now(LOCAL_TIME).date())
    ranked = request.sort == "relevance" and parsed.scored
    results = searcher.search(
        parsed.query,
        limit=request.page * request.limit,
        filter=_filter(request, parsed),
        sortedby=None if ranked else "published",
        reverse=not ranked,
        groupedby={f.param: f.counter() for f in FACETS if f.counted},
    )
    results.fragmenter = highlight.ContextFragmenter(maxchars=300, surround=60)
    results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    start = (request.page - 1) * request.limit
    hits = [_hit(hit, ranked) for hit in results[start : start + request.limit]]
    facets = {
        f.param: sorted(results.groups(f.param).items(), key=lambda vc: (-vc[1], vc[0]))
        for f in FACETS
        if f.counted
    }
    suggestion = spelling.suggest(searcher, version, request.q, parsed.words)
    return SearchPage(request, len(results), hits, facets, suggestion)


def _filter(request: SearchQuery, parsed: querylang.ParsedQuery) -> query.Query | None:
    parts = [f.filter(request.filters[f.param]) for f in FACETS if request.filters.get(f.param)]
    since = max(filter(None, (request.date_from, parsed.since)), default=None)
    before = min(filter(None, (request.date_to, parsed.before)), default=None)
    if since or before:
        parts.append(query.DateRange("published", *_utc_bounds(since, before)))
    return query.And(parts) if parts else None


def _utc_bounds(since: date | None, before: date | None) -> tuple[datetime | None, datetime | None]:
    """Whole local days: `since` from its midnight, `before` to its last microsecond."""
    start = end = None
    if since:
        start = to_index_time(datetime.combine(since, time(), tzinfo=LOCAL_TIME))
    if before:
        next_day = datetime.combine(before + timedelta(days=1), time(), tzinfo=LOCAL_TIME)
        end = to_index_time(next_day) - timedelta(microseconds=1)
    return start, end


def _hit(hit: WhooshHit, ranked: bool) -> Hit:
    stored = hit.fields()
    snippet = hit.highlights("content", top=2) or html.escape(stored.get("summary", ""))
    return Hit(
        id=stored["id"],
        title=stored["title"],
        url=stored.get("url", ""),
        source=stored["source"],
        kind=stored["kind"],
        published=from_index_time(stored["published"]),
        tags=tuple(t for t in stored.get("tags", "").split(",") if t),
        snippet=snippet,
        score=hit.score if ranked else None,
    )


def page_as_json(page: SearchPage) -> dict:
    """The JSON form shared by `/api/search` and `veille search --json` (see DESIGN.md)."""
    return {
        "total": page.total,
        "page": page.query.page,
        "results": [
            {
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "source": hit.source,
                "kind": hit.kind,
                "published": hit.published.isoformat(),
                "snippet": hit.snippet,
                "score": hit.score,
            }
            for hit in page.hits
        ],
        "facets": {name: [[value, count] for value, count in counts]
                   for name, counts in page.facets.items()},
    }
