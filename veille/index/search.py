"""What a search asks and what it answers, as plain data: a SearchQuery in, a SearchPage out.

Every engine (engine.py) speaks these types, and the JSON API, the HTML pages, the Atom feeds,
the alerts and the CLI read them, so they agree whichever engine answers.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Literal

from ..models import LOCAL_TIME
from .facets import FACET_LIMIT, FacetValues
from .querylang import Unread
from .vocabulary import Vocabulary

# Scores equal to this many decimals are a tie, which the newest item wins.
TIE_DIGITS = 6
# Below this many results a search offers its spelling corrections ("Vouliez-vous dire");
# above, only for a word no document holds: a rare word is as likely meant as mistyped.
FEW_RESULTS = 3
Sort = Literal["relevance", "date"]
SORTS: tuple[Sort, ...] = ("relevance", "date")
GROUPS = ("story",)  # what `group` may collapse results by


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
    with_hidden: bool = False  # items documentalists hid are left out unless asked for
    published_only: bool = False  # the employers' portal: what documentalists published
    # Only these items, when given (alerts: which of the items new since the last one match).
    ids: frozenset[str] | None = None
    # What names of places and jobs mean (the referentials the store holds), and whether a
    # job named also finds its other appellations (querylang: synonyms).
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)
    synonyms: bool = True
    # The fields of the query language `q` may use (querylang; None: all): the others'
    # values are searched as words (visitors.QUERY_FIELDS).
    fields: frozenset[str] | None = None
    # One result per story (near-duplicates, store/stories.py): the best-ranked of each, or
    # the newest when sorted by date, `total` then counting stories; facets still count items.
    group: bool = False
    # Only the items of this story (what "et N autres sources" opens): a story's id, or the
    # id of an item of it (a story's id is its first item's, which may not be published).
    story: str | None = None
    # The values of each facet answered: the most frequent, the selected ones always too.
    facet_limit: int = FACET_LIMIT


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
    # The story it belongs to (its own id when alone); for a search of published items only
    # (visitors), its own id, which `story` takes too: the story's first item may be unpublished.
    story: str = ""
    story_size: int = 1  # the items of its story this search finds, itself included


@dataclass
class SearchPage:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]  # each facet's values answered (facet_limit)
    # How many values each facet has in all, among the results (its own selection aside).
    facet_totals: dict[str, int] = field(default_factory=dict)
    # The query with its unknown words corrected ("did you mean"), if any: offered when the
    # search finds fewer than FEW_RESULTS, or when a word is in no document at all.
    suggestion: str | None = None
    # The ROME jobs whose other appellations were searched too (querylang: synonyms).
    synonyms: tuple[str, ...] = ()
    # The fields of the text that could not be read, searched as words (querylang.Unread).
    unread: tuple[Unread, ...] = ()

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.limit))


@dataclass(frozen=True)
class Similar:
    """An item like another ("more like this"), as the item's page lists it."""

    id: str
    title: str
    source: str
    kind: str
    published: datetime


def one_per_story(query: SearchQuery) -> SearchQuery:
    """The query as the pages and feeds ask it: one result per story (near-duplicates told
    by several outlets), unless it opens one story's items."""
    return replace(query, group=query.story is None)


def local_day(moment: datetime) -> int:
    """The French calendar day of `moment`, as a date ordinal: what date filters compare."""
    return moment.astimezone(LOCAL_TIME).date().toordinal()


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
                "story": {"id": hit.story, "size": hit.story_size},
            }
            for hit in page.hits
        ],
        "facets": {name: [[value, count] for value, count in counts]
                   for name, counts in page.facets.items()},
        "facet_totals": {name: page.facet_totals.get(name, len(counts))
                         for name, counts in page.facets.items()},
    }


def facet_values_as_json(param: str, prefix: str, found: FacetValues) -> dict:
    """The JSON form of `/api/facets`: some values of a facet, and how many match in all."""
    return {"name": param, "prefix": prefix,
            "values": [[value, count] for value, count in found.values], "total": found.total}
