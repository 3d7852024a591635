"""Searching the PostgreSQL engine's tables: the request's tree compiled to SQL (queries.py),
its filters, the facets counted over the matches in one statement, the page ordered by
score (or date), one row per story when grouped (a window numbering each story's rows in
the page's order), its snippets made as for every engine (snippets.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from math import log

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Numeric,
    Text,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
    union_all,
)

from ...models import LOCAL_TIME
from .. import querylang
from ..facets import FACETS, Facet, FacetValues, as_stored, bounded, facet_named
from ..querytree import Node, Phrase, Term, Words
from ..search import FEW_RESULTS, TIE_DIGITS, Hit, SearchPage, SearchQuery
from ..snippets import Highlighter
from .queries import Compiled, compiled
from .schema import search_items as items
from .schema import search_state, search_terms
from .terms import vocabulary

MULTI_VALUED = ("tags", "sectors", "places", "rome", "domaine", "lieu", "skill")


@dataclass
class Selection:
    """What a request selects: the matches before facet filters, each facet's selection."""

    parsed: querylang.ParsedQuery
    found: Compiled
    matched: ColumnElement[bool]
    chosen: dict[str, ColumnElement[bool]]

    def kept(self, aside: str = "") -> ColumnElement[bool]:
        """The matches every facet selection keeps, but `aside`'s."""
        return and_(self.matched, *(where for p, where in self.chosen.items() if p != aside))

    def counted(self, params: Iterable[str]) -> ColumnElement[bool]:
        """The matches the counts of the facets `params` (and of the kept ones) read: those
        every selection keeps but one of theirs. Browsing with three facets selected at
        20,000 items, the facets' statement had read every item (185 ms) for the ~3,000
        that two of the selections keep."""
        asides = [param for param in params if param in self.chosen] or [""]
        return and_(self.matched, or_(*(
            and_(true(), *(where for p, where in self.chosen.items() if p != aside))
            for aside in asides)))


def search(conn: Connection, request: SearchQuery) -> SearchPage:
    selected = select_for(conn, request)
    counted = facet_counts(conn, selected, [f for f in FACETS if f.counted], [None],
                           Bound(request.facet_limit, request.filters))
    matches = counted.kept[0]
    facets = {f.param: bounded(f, counted.facets[f.param][0], request.facet_limit,
                               request.filters.get(f.param, ()), total=counted.totals[f.param][0])
              for f in FACETS if f.counted}
    parsed = selected.parsed
    ranked = request.sort == "relevance" and parsed.scored
    rows = conn.execute(_page(selected, request, ranked)).mappings().all()
    sizes = _story_sizes(conn, selected, {row["story"] for row in rows})
    highlighter = Highlighter(parsed)
    hits = [_hit(row, float(row["score"]) if ranked else None, highlighter, sizes[row["story"]],
                 request.published_only) for row in rows]
    total = _stories(conn, selected) if request.group else matches
    suggestion = vocabulary(conn).suggest(request.q, parsed.words, few=matches < FEW_RESULTS)
    return SearchPage(request, total, hits,
                      {param: counted.values for param, counted in facets.items()},
                      {param: counted.total for param, counted in facets.items()},
                      suggestion, parsed.jobs, parsed.unread)


def _page(selected: Selection, request: SearchQuery, ranked: bool):
    """The page's rows by score (ties: the newest) or by date; grouped, each story's first
    in that order stands for it. Ranked, the page's ids are picked from the matches' ids,
    dates and scores (each score computed once: behind OFFSET 0, PostgreSQL does not copy
    its expression into the ORDER BY, where ts_rank read every match's vector again), and
    only the page's rows are read whole (a common word's page at 20,000 items: 84 -> 43
    ms)."""
    kept = select(items.c.id, items.c.story, items.c.published,
                  selected.found.score.label("score")).where(selected.kept())
    found = (kept.offset(0) if ranked else kept).subquery()
    order = _order(found, ranked)
    offset = (request.page - 1) * request.limit
    if request.group:
        ranked_in_story = func.row_number().over(partition_by=found.c.story, order_by=order)
        every = select(found.c.id, found.c.score, found.c.published,
                       ranked_in_story.label("in_story")).subquery()
        page = select(every.c.id, every.c.score, every.c.published).where(
            every.c.in_story == 1)
        page_order = _order(every, ranked)
    else:
        page, page_order = select(found.c.id, found.c.score, found.c.published), order
    top = page.order_by(*page_order).limit(request.limit).offset(offset).subquery()
    return (select(items.c.id, items.c.title, items.c.url, items.c.source, items.c.kind,
                   items.c.published, items.c.tags, items.c.content, items.c.summary,
                   items.c.story, top.c.score).join(top, top.c.id == items.c.id)
            .order_by(*_order(top, ranked)))


def _order(rows, ranked: bool) -> list:
    """The page's order over `rows` (their id, published and score): by score rounded to
    TIE_DIGITS (ties: the newest), or by date."""
    return ([func.round(cast(rows.c.score, Numeric), TIE_DIGITS).desc()] if ranked else []
            ) + [rows.c.published.desc(), rows.c.id]


def _story_sizes(conn: Connection, selected: Selection, stories: set[str]) -> dict[str, int]:
    """How many of the kept items each of `stories` holds."""
    if not stories:
        return {}
    return dict(conn.execute(
        select(items.c.story, func.count()).where(selected.kept(), items.c.story.in_(stories))
        .group_by(items.c.story)).all())


def _stories(conn: Connection, selected: Selection) -> int:
    """How many stories the kept items belong to."""
    return conn.execute(select(func.count(items.c.story.distinct()))
                        .where(selected.kept())).scalar_one()


def facet_values(conn: Connection, request: SearchQuery, param: str,
                 prefix: str = "") -> FacetValues:
    """The values of facet `param` having a word starting with `prefix`, counted among what
    `request` finds, the facet's own selection aside (SearchEngine.facet_values)."""
    facet = facet_named(param)
    # Words of the values are matched here: with a prefix, every value is read.
    bound = None if prefix else Bound(request.facet_limit, {})
    counted = facet_counts(conn, select_for(conn, request), [facet], [None], bound)
    return bounded(facet, counted.facets[param][0], request.facet_limit, prefix=prefix,
                   total=None if prefix else counted.totals[param][0])


def matching_days(conn: Connection, request: SearchQuery) -> np.ndarray:
    selected = select_for(conn, request)
    days = conn.execute(select(items.c.day).where(selected.kept())).scalars().all()
    return np.asarray(days, dtype=np.int64)


def counts_within(conn: Connection, request: SearchQuery, params: list[str],
                  windows: list[tuple[date, date]]) -> dict[str, list[dict[str, int]]]:
    selected = select_for(conn, request)
    facets = [f for f in FACETS if f.param in params]
    counted = facet_counts(conn, selected, facets, list(windows))
    return {param: [dict(pairs) for pairs in per_window]
            for param, per_window in counted.facets.items()}


def select_for(conn: Connection, request: SearchQuery) -> Selection:
    parsed = querylang.parse(request.q, datetime.now(LOCAL_TIME).date(), request.vocabulary,
                             request.synonyms, request.fields)
    found = compiled(parsed.tree, idf_of(conn, parsed.tree))
    _plan(conn, parsed)
    matched = [found.where, *_days(request, parsed)]
    if not request.with_hidden:
        matched.append(~items.c.marks.contains(["hidden"]))
    if request.published_only:
        matched.append(items.c.marks.contains(["published"]))
    if request.ids is not None:
        matched.append(items.c.id.in_(sorted(request.ids)))
    if request.story is not None:
        of_item = select(items.c.story).where(items.c.id == request.story).scalar_subquery()
        matched.append(items.c.story == func.coalesce(of_item, request.story))
    chosen = {f.param: _chosen(f, request.filters[f.param])
              for f in FACETS if request.filters.get(f.param)}
    return Selection(parsed, found, and_(*matched), chosen)


def _plan(conn: Connection, parsed: querylang.ParsedQuery) -> None:
    """How this transaction's statements run. Without JIT: the planner compiles a statement
    whose cost passes jit_above_cost (100,000: a scan of every row costs ~6,400 at 20,000
    items, so from about 300,000), and the compiling costs more than the statement (2 s on
    a browse at 20,000 items once a disabled scan's cost passed it). With words, through
    the GIN indexes rather than by testing each row: the planner counts `vector @@
    tsquery` as cheap, but each row tested fetches its whole vector from TOAST; a word
    8,071 of 20,000 items hold took 90 ms tested on each row, 9 ms through its index (its
    bitmap needs no vector to count), which the planner estimated the dearer."""
    conn.execute(text("SET LOCAL jit = off"))
    if parsed.scored:
        conn.execute(text("SET LOCAL enable_seqscan = off"))


def _days(request: SearchQuery, parsed: querylang.ParsedQuery) -> list[ColumnElement[bool]]:
    """Whole French days, from the latest "since" asked for to the earliest "until"."""
    since = max(filter(None, (request.date_from, parsed.since)), default=None)
    until = min(filter(None, (request.date_to, parsed.before)), default=None)
    return ([items.c.day >= since.toordinal()] if since else []) + (
        [items.c.day <= until.toordinal()] if until else [])


def _chosen(facet: Facet, values: tuple[str, ...]) -> ColumnElement[bool]:
    values = as_stored(facet, values)
    column = items.c[facet.column]
    if facet.column in MULTI_VALUED:
        return column.overlap(list(values))
    return column.in_(values)


Pairs = list[tuple[str, int]]


@dataclass(frozen=True)
class Bound:
    """The values of each facet the database answers: its first `limit` in the facet's
    order (facets.in_order) and the `selected` ones (by facet parameter), however many
    values it has."""

    limit: int
    selected: dict[str, tuple[str, ...]]


@dataclass
class Counted:
    """What one statement counted, per window of days."""

    kept: list[int]  # the matches every selection keeps
    # Each facet's (value, count), its own selection aside, in no order (facets.bounded):
    # every value, or those of the Bound.
    facets: dict[str, list[Pairs]]
    totals: dict[str, list[int]]  # how many values each facet has in all


def facet_counts(conn: Connection, selected: Selection, facets: list[Facet],
                 windows: Sequence[tuple[date, date] | None], bound: Bound | None = None
                 ) -> Counted:
    """For each facet and window of days (None: all), (value, count) among the matches its
    own selection aside (only those of `bound`, if given, the database picking them), and
    the matches kept, in one statement."""
    flags = [selected.chosen[p].label(f"chosen_{p}") for p in selected.chosen]
    columns = {f.column for f in facets}
    matched = select(items.c.day, *(items.c[c] for c in sorted(columns)), *flags).where(
        selected.counted(f.param for f in facets)).cte("matched")
    parts = []
    for window_number, window in enumerate(windows):
        within = (matched.c.day.between(window[0].toordinal(), window[1].toordinal())
                  if window else true())
        for facet in [None, *facets]:
            aside = facet.param if facet else ""
            keep = and_(within, *(matched.c[f"chosen_{p}"] for p in selected.chosen
                                   if p != aside))
            parts.append(_counted(matched, facet, keep, window_number, bound))
    kept = [0 for _ in windows]
    found: dict[str, list[Pairs]] = {facet.param: [[] for _ in windows] for facet in facets}
    totals = {facet.param: [0 for _ in windows] for facet in facets}
    for param, window_number, value, count, total in conn.execute(union_all(*parts)):
        if param == "*":
            kept[window_number] = count
        else:
            found[param][window_number].append((value, count))
            totals[param][window_number] = total
    return Counted(kept, found, totals)


def _counted(matched, facet: Facet | None, keep, window_number: int, bound: Bound | None):
    """One facet's values among the `keep` rows of `matched` (None: how many rows), each
    with its count, the facet's number of values and its rank in the facet's order, grouped
    and ranked in one SELECT (a window over the groups)."""
    if facet is None:
        return select(literal("*"), literal(window_number), cast(literal(""), Text),
                      func.count(), literal(0)).select_from(matched).where(keep)
    column = matched.c[facet.column]
    if facet.column in MULTI_VALUED:
        held = func.unnest(column).table_valued("value", joins_implicitly=True).render_derived()
        value, rows = cast(held.c.value, Text), [matched, held]
    else:
        value, rows = cast(column, Text), [matched]
    ranked = select(value.label("value"), func.count().label("n"),
                    func.count().over().label("total"),
                    func.row_number().over(order_by=_facet_order(facet, value)).label("rank")
                    ).select_from(*rows).where(keep).group_by(value).subquery()
    chosen = (ranked.c.rank <= bound.limit if bound else true())
    wanted = as_stored(facet, bound.selected.get(facet.param, ())) if bound else ()
    return select(literal(facet.param), literal(window_number), ranked.c.value, ranked.c.n,
                  ranked.c.total).where(or_(chosen, ranked.c.value.in_(wanted)) if wanted
                                        else chosen)


def _facet_order(facet: Facet, value) -> list:
    """facets.in_order in SQL: values compared by code point (collation "C"), as Python
    compares strings."""
    by_point = value.collate("C")
    return [by_point.desc()] if facet.newest_first else [func.count().desc(), by_point]


def idf_of(conn: Connection, node: Node):
    """BM25's idf (Lucene's) of each term the tree scores, from the stored vocabulary."""
    wanted = sorted(set(_scored_terms(node)))
    key = tuple_(search_terms.c.field, search_terms.c.term)
    held = {(field, term): count for field, term, count in conn.execute(
        select(search_terms.c.field, search_terms.c.term, search_terms.c.found_in)
        .where(key.in_(wanted)))} if wanted else {}
    total = conn.execute(select(search_state.c.value).where(search_state.c.key == "items")
                         ).scalar_one()

    def idf(field: str, term: str) -> float:
        found_in = held.get((field, term), 0)
        return log(1 + (total - found_in + 0.5) / (found_in + 0.5))

    return idf


def _scored_terms(node: Node):
    if isinstance(node, Words):
        yield from (("w", term) for word in node.terms for term in word)
    elif isinstance(node, (Term, Phrase)) and node.field in ("title", "exact"):
        terms = (node.text,) if isinstance(node, Term) else node.terms
        yield from (("w" if node.field == "title" else "e", term) for term in terms)
    for part in getattr(node, "parts", ()):
        yield from _scored_terms(part)
    for child in ("part", "kept", "excluded"):
        if hasattr(node, child):
            yield from _scored_terms(getattr(node, child))


def _hit(found, score: float | None, highlighter: Highlighter, story_size: int,
         own_story: bool) -> Hit:
    return Hit(id=found["id"], title=found["title"], url=found["url"], source=found["source"],
               kind=found["kind"], published=found["published"], tags=tuple(found["tags"]),
               snippet=highlighter.snippet(found), score=score,
               story=found["id"] if own_story else found["story"], story_size=story_size)
