"""Facets (veille.index.facets) over the columns of a Whoosh index: the documents having the
values selected, and the counts of each value among a set of documents, with numpy."""

import numpy as np

from ..facets import Facet
from .columns import MULTI_VALUED, Columns


def facet_mask(facet: Facet, columns: Columns, values: tuple[str, ...]) -> np.ndarray:
    """Documents having any of `values`."""
    if facet.lowercase:
        values = tuple(value.lower() for value in values)
    if facet.column in MULTI_VALUED:
        occurrences = columns.multi[facet.column]
        wanted = _codes_of(occurrences.values, values)
        selected = np.zeros(len(columns.live), dtype=bool)
        selected[occurrences.docs[np.isin(occurrences.codes, wanted)]] = True
        return selected
    codes = columns.single[facet.column]
    return np.isin(codes.codes, _codes_of(codes.values, values))


def facet_counts(facet: Facet, columns: Columns, among: np.ndarray) -> list[tuple[str, int]]:
    """(value, count) of the documents in the mask `among`, most frequent first."""
    if facet.column in MULTI_VALUED:
        occurrences = columns.multi[facet.column]
        values = occurrences.values
        found = _count(occurrences.codes, among[occurrences.docs], len(values))
    else:
        values = columns.single[facet.column].values
        found = _count(columns.single[facet.column].codes, among, len(values))
    pairs = [(values[code], int(found[code])) for code in np.flatnonzero(found)]
    if facet.newest_first:
        return sorted(pairs, reverse=True)
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def _count(codes: np.ndarray, selected: np.ndarray, size: int) -> np.ndarray:
    """How many of `codes` are `selected`, by code. Counting code × 2 + selected in one
    bincount spares selecting codes[selected], slow on a mask of scattered documents."""
    return np.bincount(codes.astype(np.intp) * 2 + selected, minlength=2 * size)[1::2]


def _codes_of(known: list[str], values: tuple[str, ...]) -> np.ndarray:
    wanted = set(values)
    return np.array([code for code, value in enumerate(known) if value in wanted], dtype=np.int32)
