"""Searching a Whoosh index: the request's tree evaluated over every document at once
(evaluate.py), filtered, counted and ordered with numpy over the columns (columns.py), then
the page's stored fields read and their snippets made (snippets.py).
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from ...errors import IndexUnavailable
from ...models import LOCAL_TIME
from .. import querylang
from ..facets import FACETS, FacetValues, facet_named
from ..search import FEW_RESULTS, TIE_DIGITS, Hit, SearchPage, SearchQuery
from ..snippets import Highlighter
from . import proximity, readers, spelling
from .columns import Columns, columns
from .evaluate import Evaluator
from .facets import facet_counts, facet_mask
from .postings import Postings, postings
from .queries import whoosh_query
from .schema import from_index_time

WARMING = SearchQuery(q="emploi")
_warmed: dict[Path, tuple] = {}  # index folder → the version last warmed


def search(index_dir: Path, request: SearchQuery) -> SearchPage:
    """Run `request` against the index at `index_dir`; IndexUnavailable if it cannot."""
    return _reading(index_dir, lambda searcher, version: _search(searcher, version, request))


def matching_days(index_dir: Path, request: SearchQuery) -> np.ndarray:
    """The French days of publication (date ordinals) of every item `request` finds, its
    filters applied: what trends count."""

    def days(searcher: Searcher, version: tuple) -> np.ndarray:
        selection = _select(searcher, version, request)
        return selection.table.day[selection.kept]

    return _reading(index_dir, days)


def counts_within(index_dir: Path, request: SearchQuery, params: list[str],
                  windows: list[tuple[date, date]]) -> dict[str, list[dict[str, int]]]:
    """For each facet of `params` and each window of days (first and last, included), how
    many items `request` finds have each value of the facet, its own selection aside as
    facets count: which jobs and places rose this month. One selection for them all."""
    facets = [f for f in FACETS if f.param in params]

    def count(searcher: Searcher, version: tuple) -> dict[str, list[dict[str, int]]]:
        selected = _select(searcher, version, request)
        day = selected.table.day
        within = [(day >= first.toordinal()) & (day <= last.toordinal())
                  for first, last in windows]
        found = {}
        for facet in facets:
            among = _others(selected, facet.param)
            found[facet.param] = [
                dict(facet_counts(facet, selected.table, among & days).values)
                for days in within]
        return found

    return _reading(index_dir, count)


def facet_values(index_dir: Path, request: SearchQuery, param: str,
                 prefix: str = "") -> FacetValues:
    """The values of facet `param` having a word starting with `prefix`, counted among what
    `request` finds, the facet's own selection aside (SearchEngine.facet_values)."""
    facet = facet_named(param)

    def values(searcher: Searcher, version: tuple) -> FacetValues:
        selected = _select(searcher, version, request)
        return facet_counts(facet, selected.table, _others(selected, param),
                            request.facet_limit, prefix=prefix)

    return _reading(index_dir, values)


def warm(index_dir: Path) -> None:
    """Build the caches of the index version now current (SearchEngine.warm): the columns,
    the field lengths, the spelling vocabulary, what a first search reads. A search like a
    user's first (a word, by relevance, every facet counted) builds them all; nothing to do
    when the version is the one last warmed."""

    def build(searcher: Searcher, version: tuple) -> None:
        if _warmed.get(index_dir) != version:
            _search(searcher, version, WARMING)
            _warmed[index_dir] = version

    try:
        _reading(index_dir, build)
    except IndexUnavailable:
        pass  # nothing to warm: the searches say why


def _reading(index_dir: Path, read):
    searcher = readers.current_searcher(index_dir)
    try:
        return read(searcher, readers.version(index_dir, searcher))
    except readers.READ_ERRORS as exc:
        readers.forget(index_dir)
        raise readers.unavailable(index_dir, exc) from exc


@dataclass
class _Selection:
    """What a request selects: the documents matched before facet filters, each facet's
    selection, and those kept by all of them."""

    table: Columns
    arrays: Postings
    parsed: querylang.ParsedQuery
    score: np.ndarray
    matched: np.ndarray
    chosen: dict[str, np.ndarray]
    kept: np.ndarray


def _select(searcher: Searcher, version: tuple, request: SearchQuery) -> _Selection:
    parsed = querylang.parse(request.q, datetime.now(LOCAL_TIME).date(), request.vocabulary,
                             request.synonyms, request.fields)
    table = columns(searcher, version)
    arrays = postings(searcher.reader(), version)
    found = Evaluator(searcher, arrays).run(whoosh_query(parsed.tree))
    matched = table.live & found.mask & _day_mask(table, request, parsed)
    if not request.with_hidden:
        matched[arrays.term("marks", "hidden")[0]] = False
    if request.ids is not None:
        matched &= _among(searcher, len(matched), request.ids)
    if request.story is not None:
        matched &= _story_mask(searcher, table, request.story)
    if request.published_only:
        published = np.zeros_like(matched)
        published[arrays.term("marks", "published")[0]] = True
        matched &= published
    chosen = {f.param: facet_mask(f, table, request.filters[f.param])
              for f in FACETS if request.filters.get(f.param)}
    return _Selection(table, arrays, parsed, found.score, matched, chosen,
                      _all(matched, chosen.values()))


def _others(selected: _Selection, param: str) -> np.ndarray:
    """What a facet counts: the documents matched, kept by every other facet's selection."""
    return _all(selected.matched, (m for p, m in selected.chosen.items() if p != param))


def _search(searcher: Searcher, version: tuple, request: SearchQuery) -> SearchPage:
    selected = _select(searcher, version, request)
    table, kept, parsed = selected.table, selected.kept, selected.parsed
    facets = {
        f.param: facet_counts(f, table, _others(selected, f.param), request.facet_limit,
                              request.filters.get(f.param, ()))
        for f in FACETS
        if f.counted
    }
    ranked = request.sort == "relevance" and parsed.scored
    score = (proximity.boosted(selected.arrays, parsed.tree, kept, selected.score)
             if ranked else None)
    total = int(kept.sum())
    if request.group:
        page, total = _grouped(table, kept, score, request)
    elif score is not None:
        page = _ranked(table, kept, score, request)
    else:
        page = _newest(table, kept, request)
    stories = table.single["story"]
    sizes = np.bincount(stories.codes[kept], minlength=len(stories.values))
    highlighter = Highlighter(parsed)
    holding = _holding(selected.arrays, highlighter.terms, [docnum for docnum, _ in page])
    hits = [_hit(searcher.stored_fields(docnum), score, highlighter, docnum in holding,
                 int(sizes[stories.codes[docnum]]), request.published_only)
            for docnum, score in page]
    suggestion = spelling.suggest(searcher, version, request.q, parsed.words,
                                  few=int(kept.sum()) < FEW_RESULTS)
    return SearchPage(request, total, hits,
                      {param: counted.values for param, counted in facets.items()},
                      {param: counted.total for param, counted in facets.items()},
                      suggestion, parsed.jobs, parsed.unread)


def _day_mask(table: Columns, request: SearchQuery, parsed: querylang.ParsedQuery) -> np.ndarray:
    """Whole French days, from the latest "since" asked for to the earliest "until"."""
    since = max(filter(None, (request.date_from, parsed.since)), default=None)
    until = min(filter(None, (request.date_to, parsed.before)), default=None)
    mask = np.ones(len(table.day), dtype=bool)
    if since:
        mask &= table.day >= since.toordinal()
    if until:
        mask &= table.day <= until.toordinal()
    return mask


def _story_mask(searcher: Searcher, table: Columns, story: str) -> np.ndarray:
    """The documents of a story, named by its id or by the id of one of its items."""
    stories = table.single["story"]
    of_item = [docnum for docnum in searcher.document_numbers(id=story) if table.live[docnum]]
    if of_item:
        return stories.codes == stories.codes[of_item[0]]
    if story not in stories.values:
        return np.zeros(len(stories.codes), dtype=bool)
    return stories.codes == stories.values.index(story)


def _among(searcher: Searcher, size: int, ids: frozenset[str]) -> np.ndarray:
    """The documents of these item ids (a replaced version's too: `live` leaves it out)."""
    mask = np.zeros(size, dtype=bool)
    for item_id in ids:
        mask[list(searcher.document_numbers(id=item_id))] = True
    return mask


def _all(base: np.ndarray, masks) -> np.ndarray:
    result = base
    for mask in masks:
        result = result & mask
    return result


def _ranked(
    table: Columns, kept: np.ndarray, score: np.ndarray, request: SearchQuery
) -> list[tuple[int, float | None]]:
    """The page of `kept` documents by score; among scores equal to TIE_DIGITS decimals the
    newest first (recency breaks ties, it never outweighs relevance)."""
    docs = _top(np.flatnonzero(kept), np.round(score, TIE_DIGITS), table.published, request)
    return [(int(docnum), float(score[docnum])) for docnum in docs]


def _newest(
    table: Columns, kept: np.ndarray, request: SearchQuery
) -> list[tuple[int, float | None]]:
    """The page of `kept` documents, newest first."""
    zero = np.zeros(len(table.published), dtype=np.float32)
    return [(int(docnum), None) for docnum in _top(np.flatnonzero(kept), zero, table.published,
                                                    request)]


def _top(docs: np.ndarray, first: np.ndarray, then: np.ndarray, request: SearchQuery):
    """The documents of the requested page, ordered by `first` then `then`, both descending;
    only the best page × limit are sorted."""
    wanted = request.page * request.limit
    if len(docs) > wanted:
        keys = first[docs].astype(np.float64)
        threshold = np.partition(keys, len(keys) - wanted)[len(keys) - wanted]
        docs = docs[keys >= threshold]  # ties at the threshold are all kept, for `then`
    return _ordered(docs, first, then)[(request.page - 1) * request.limit : wanted]


def _ordered(docs: np.ndarray, first: np.ndarray, then: np.ndarray) -> np.ndarray:
    return docs[np.lexsort((-then[docs], -first[docs].astype(np.float64)))]


def _grouped(table: Columns, kept: np.ndarray, score: np.ndarray | None,
             request: SearchQuery) -> tuple[list[tuple[int, float | None]], int]:
    """The page of stories: each story's first document in the page's order (by score then
    date, or by date), and how many stories `kept` holds."""
    first = (np.round(score, TIE_DIGITS) if score is not None
             else np.zeros(len(table.published), dtype=np.float32))
    docs = _ordered(np.flatnonzero(kept), first, table.published)
    _, at = np.unique(table.single["story"].codes[docs], return_index=True)
    leaders = docs[np.sort(at)]
    page = leaders[(request.page - 1) * request.limit : request.page * request.limit]
    return [(int(d), None if score is None else float(score[d])) for d in page], len(leaders)


def _holding(arrays: Postings, terms: frozenset[str], docs: list[int]) -> set[int]:
    """Those of `docs` whose content holds one of `terms` (the snippets' terms are the
    content field's): the others' text need not be scanned for a snippet."""
    wanted = np.asarray(docs, dtype=np.int32)
    holding: set[int] = set()
    for term in terms:
        ids = arrays.term("content", term)[0]
        if len(ids):
            at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
            holding.update(wanted[ids[at] == wanted].tolist())
    return holding


def _hit(stored: dict, score: float | None, highlighter: Highlighter, scan: bool,
         story_size: int, own_story: bool) -> Hit:
    return Hit(
        id=stored["id"],
        title=stored["title"],
        url=stored.get("url", ""),
        source=stored["source"],
        kind=stored["kind"],
        published=from_index_time(stored["published"]),
        tags=tuple(t for t in stored.get("tags", "").split(",") if t),
        snippet=highlighter.snippet(stored, scan),
        score=score,
        story=stored["id"] if own_story else stored.get("story", stored["id"]),
        story_size=story_size,
    )
