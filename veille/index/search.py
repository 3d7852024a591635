"""Searching the index: a SearchQuery in, a SearchPage of plain data out.

The JSON API, the HTML pages, the Atom feeds and the CLI all call `search`, so they agree.
"""

import html
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal

from whoosh import highlight, qparser, query
from whoosh import index as whoosh_index
from whoosh.searching import Hit as WhooshHit

from ..models import LOCAL_TIME
from .facets import FACETS
from .schema import from_index_time, to_index_time

Sort = Literal["relevance", "date"]
SORTS: tuple[Sort, ...] = ("relevance", "date")
SEARCHED_FIELDS = ("title", "content")


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.limit))


def search(index_dir: Path, request: SearchQuery) -> SearchPage:
    """Run `request` against the index at `index_dir`."""
    ix = whoosh_index.open_dir(index_dir)
    parsed = parse_query(request.q, ix.schema)
    ranked = request.sort == "relevance" and request.q.strip() != ""
    with ix.searcher() as searcher:
        results = searcher.search(
            parsed,
            limit=request.page * request.limit,
            filter=_filter(request),
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
        return SearchPage(query=request, total=len(results), hits=hits, facets=facets)


def parse_query(text: str, schema) -> query.Query:
    """Return the query for `text`: every document when it is blank, none when it holds
    no searchable word (only stop words, say)."""
    if not text.strip():
        return query.Every()
    parser = qparser.MultifieldParser(SEARCHED_FIELDS, schema)
    # Field names are not part of the language yet: "métier:soudeur" searches both words.
    parser.remove_plugin_class(qparser.FieldsPlugin)
    return parser.parse(text)


def _filter(request: SearchQuery) -> query.Query | None:
    parts = [f.filter(request.filters[f.param]) for f in FACETS if request.filters.get(f.param)]
    if request.date_from or request.date_to:
        parts.append(query.DateRange("published", *_utc_bounds(request)))
    return query.And(parts) if parts else None


def _utc_bounds(request: SearchQuery) -> tuple[datetime | None, datetime | None]:
    """Whole local days: `date_from` from its midnight, `date_to` to its last microsecond."""
    start = end = None
    if request.date_from:
        start = to_index_time(datetime.combine(request.date_from, time(), tzinfo=LOCAL_TIME))
    if request.date_to:
        next_day = datetime.combine(request.date_to + timedelta(days=1), time(), tzinfo=LOCAL_TIME)
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
