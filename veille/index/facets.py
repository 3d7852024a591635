"""Facets and filters over document columns, declared in one list.

A facet's selected values filter the results (values of one facet are alternatives, facets
combine). Its counts are taken over the results of every *other* filter, so that selecting
"DARES" still shows how many items the other sources would give ("disjunctive" facets).
Search, the API and the UI iterate over FACETS, so a new facet is one entry here.
"""

from dataclasses import dataclass

import numpy as np

from ..i18n import N_
from .whoosh.columns import MULTI_VALUED, Columns


@dataclass(frozen=True)
class Facet:
    param: str  # URL parameter and JSON key
    column: str  # a column of columns.SINGLE_VALUED or columns.MULTI_VALUED
    label: str  # in French, marked for the web UI's translations (veille.i18n)
    counted: bool = True
    # Tags are stored lower-cased (processing.normalise_tags): "Moselle" must find "moselle".
    lowercase: bool = False
    newest_first: bool = False  # periods read better in time order than by count

    def mask(self, columns: Columns, values: tuple[str, ...]) -> np.ndarray:
        """Documents having any of `values`."""
        if self.lowercase:
            values = tuple(value.lower() for value in values)
        if self.column in MULTI_VALUED:
            occurrences = columns.multi[self.column]
            wanted = _codes_of(occurrences.values, values)
            selected = np.zeros(len(columns.live), dtype=bool)
            selected[occurrences.docs[np.isin(occurrences.codes, wanted)]] = True
            return selected
        codes = columns.single[self.column]
        return np.isin(codes.codes, _codes_of(codes.values, values))

    def counts(self, columns: Columns, among: np.ndarray) -> list[tuple[str, int]]:
        """(value, count) of the documents in the mask `among`, most frequent first."""
        if self.column in MULTI_VALUED:
            occurrences = columns.multi[self.column]
            values = occurrences.values
            found = _count(occurrences.codes, among[occurrences.docs], len(values))
        else:
            values = columns.single[self.column].values
            found = _count(columns.single[self.column].codes, among, len(values))
        pairs = [(values[code], int(found[code])) for code in np.flatnonzero(found)]
        if self.newest_first:
            return sorted(pairs, reverse=True)
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def _count(codes: np.ndarray, selected: np.ndarray, size: int) -> np.ndarray:
    """How many of `codes` are `selected`, by code. Counting code × 2 + selected in one
    bincount spares selecting codes[selected], slow on a mask of scattered documents."""
    return np.bincount(codes.astype(np.intp) * 2 + selected, minlength=2 * size)[1::2]


def _codes_of(known: list[str], values: tuple[str, ...]) -> np.ndarray:
    wanted = set(values)
    return np.array([code for code, value in enumerate(known) if value in wanted], dtype=np.int32)


FACETS: tuple[Facet, ...] = (
    Facet("source", "source", N_("Source")),
    Facet("kind", "kind", N_("Type")),
    Facet("month", "month", N_("Période"), newest_first=True),
    Facet("tag", "tags", N_("Mot-clé"), lowercase=True),
    # Given by documentalists when they publish an item to the employers' portal.
    Facet("sector", "sectors", N_("Secteur")),
    Facet("place", "places", N_("Territoire")),
    # The item tags (itemtags.py): ROME job codes, domaines, places' keys, skills' codes.
    Facet("rome", "rome", N_("Métier")),
    Facet("domaine", "domaine", N_("Domaine")),
    Facet("lieu", "lieu", N_("Lieu")),
    Facet("competence", "skill", N_("Compétence")),
)
