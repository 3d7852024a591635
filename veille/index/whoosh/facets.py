"""Facets (veille.index.facets) over the columns of a Whoosh index: the documents having the
values selected, and the counts of each value among a set of documents, with numpy. A facet
of thousands of values gives its first ones without sorting them all (`np.argpartition`)."""

import numpy as np

from ..facets import Facet, FacetValues, as_stored, in_order, prefix_matcher
from .columns import MULTI_VALUED, Columns


def facet_mask(facet: Facet, columns: Columns, values: tuple[str, ...]) -> np.ndarray:
    """Documents having any of `values`."""
    values = as_stored(facet, values)
    if facet.column in MULTI_VALUED:
        occurrences = columns.multi[facet.column]
        wanted = _codes_of(occurrences.values, values)
        selected = np.zeros(len(columns.live), dtype=bool)
        selected[occurrences.docs[np.isin(occurrences.codes, wanted)]] = True
        return selected
    codes = columns.single[facet.column]
    return np.isin(codes.codes, _codes_of(codes.values, values))


def facet_counts(facet: Facet, columns: Columns, among: np.ndarray, limit: int | None = None,
                 selected: tuple[str, ...] = (), prefix: str = "") -> FacetValues:
    """The values of the documents in the mask `among` with their counts, in the facet's
    order (most frequent first, equal counts by value; periods newest first): the first
    `limit` (all if None) and the `selected` ones (0 if none has them); those having a word
    starting with `prefix` only, if given. Its total counts the values found in all."""
    if facet.column in MULTI_VALUED:
        occurrences = columns.multi[facet.column]
        values, rank = occurrences.values, occurrences.rank
        found = _count(occurrences.codes, among[occurrences.docs], len(values))
    else:
        codes = columns.single[facet.column]
        values, rank = codes.values, codes.rank
        found = _count(codes.codes, among, len(values))
    present = found > 0
    if prefix:
        matches = prefix_matcher(prefix)
        present &= np.fromiter(map(matches, values), dtype=bool, count=len(values))
    assert rank is not None  # the columns of an index version rank their values (columns._read)
    chosen = np.flatnonzero(present)
    total = len(chosen)
    if limit is not None and total > limit:
        chosen = _first(chosen, _order_keys(facet, found, rank, chosen), limit)
    pairs = {values[code]: int(found[code]) for code in chosen}
    wanted = as_stored(facet, selected)
    known = dict(zip(values, range(len(values)), strict=True)) if wanted else {}
    for value in wanted:
        pairs.setdefault(value, int(found[known[value]]) if value in known else 0)
    return FacetValues(in_order(facet, pairs), total)


def _order_keys(facet: Facet, found: np.ndarray, rank: np.ndarray, codes: np.ndarray
                ) -> np.ndarray:
    """A key per code of `codes`, the greater first in the facet's order: the count, then
    the value (as one int64: counts × values + the reverse rank); for periods, the value."""
    if facet.newest_first:
        return rank[codes].astype(np.int64)
    size = len(rank)
    return found[codes].astype(np.int64) * size + (size - 1 - rank[codes])


def _first(codes: np.ndarray, keys: np.ndarray, limit: int) -> np.ndarray:
    """The `limit` codes of the greatest keys (keys are unique), unsorted."""
    return codes[np.argpartition(-keys, limit - 1)[:limit]]


def _count(codes: np.ndarray, selected: np.ndarray, size: int) -> np.ndarray:
    """How many of `codes` are `selected`, by code. Counting code × 2 + selected in one
    bincount spares selecting codes[selected], slow on a mask of scattered documents."""
    return np.bincount(codes.astype(np.intp) * 2 + selected, minlength=2 * size)[1::2]


def _codes_of(known: list[str], values: tuple[str, ...]) -> np.ndarray:
    wanted = set(values)
    return np.array([code for code, value in enumerate(known) if value in wanted], dtype=np.int32)
