"""Facets and filters over the documents' fields, declared in one list.

A facet's selected values filter the results (values of one facet are alternatives, facets
combine). Its counts are taken over the results of every *other* filter, so that selecting
"DARES" still shows how many items the other sources would give ("disjunctive" facets).
Search, the API and the UI iterate over FACETS, so a new facet is one entry here; each
engine selects and counts them its way (Whoosh: whoosh/facets.py, over its columns).

A facet may hold thousands of values (tags, feed categories, communes): a search answers its
`facet_limit` most frequent ones (a period facet: its latest), the selected ones always among
them, and how many it has in all; the others are found by the start of their words
(`SearchEngine.facet_values`). Equal counts go in the values' order (code points), so that
every engine answers the same values.
"""

import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InvalidRequest
from ..i18n import N_
from ..text.french import fold

FACET_LIMIT = 20  # the values of each facet a search answers, unless it asks for another
MAX_FACET_LIMIT = 200


@dataclass(frozen=True)
class Facet:
    param: str  # URL parameter and JSON key
    # The document field it counts: one value a document (source, kind, month) or several
    # (tags, sectors, places and the item tags: rome, domaine, lieu, skill).
    column: str
    label: str  # in French, marked for the web UI's translations (veille.i18n)
    counted: bool = True
    # Tags are stored lower-cased (processing.normalise_tags): "Moselle" must find "moselle".
    lowercase: bool = False
    newest_first: bool = False  # periods read better in time order than by count


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


@dataclass(frozen=True)
class FacetValues:
    """Values of a facet with their counts, in the facet's order, and how many values it
    has in all (those with a count, or matching the prefix asked for)."""

    values: list[tuple[str, int]]
    total: int


def facet_named(param: str) -> Facet:
    """The facet of parameter `param`; InvalidRequest naming the others if there is none."""
    for facet in FACETS:
        if facet.param == param:
            return facet
    raise InvalidRequest(f"facette inconnue : {param!r} "
                         f"(facettes : {', '.join(f.param for f in FACETS)})")


def prefix_matcher(prefix: str) -> Callable[[str], bool]:
    """Whether a value has a word starting with `prefix`, case and accents aside: "sou"
    finds "soudeur" and "aide soudure", "57" finds "departement:57" and "commune:57463"."""
    wanted = re.compile(r"(?<![^\W_])" + re.escape(fold(prefix).lower()))
    return lambda value: wanted.search(fold(value).lower()) is not None


def as_stored(facet: Facet, values: tuple[str, ...]) -> tuple[str, ...]:
    """Values as the engines hold them: tags lower-cased."""
    return tuple(value.lower() for value in values) if facet.lowercase else values


def in_order(facet: Facet, pairs: dict[str, int]) -> list[tuple[str, int]]:
    """Most frequent first, equal counts by value (code points); periods newest first."""
    if facet.newest_first:
        return sorted(pairs.items(), reverse=True)
    return sorted(pairs.items(), key=lambda pair: (-pair[1], pair[0]))


def bounded(facet: Facet, counted: list[tuple[str, int]], limit: int | None,
            selected: tuple[str, ...] = (), prefix: str = "",
            total: int | None = None) -> FacetValues:
    """Of every (value, count) of a facet, those a search answers (SearchPage.facets): the
    first `limit` in the facet's order (all if None), picked by a heap without sorting them
    all, and the `selected` ones (0 if no result has them); those having a word starting
    with `prefix` only, if given. For an engine that counts values itself, as PostgreSQL's:
    `total` says how many values there are in all when `counted` holds only the first
    `limit` and the selected ones (the database bounded them)."""
    if prefix:
        matches = prefix_matcher(prefix)
        counted = [pair for pair in counted if matches(pair[0])]
    if limit is None or len(counted) <= limit:
        first = counted
    elif facet.newest_first:
        first = heapq.nlargest(limit, counted)
    else:
        first = heapq.nsmallest(limit, counted, key=lambda pair: (-pair[1], pair[0]))
    pairs = dict(first)
    if selected:
        counts = dict(counted)
        for value in as_stored(facet, selected):
            pairs.setdefault(value, counts.get(value, 0))
    return FacetValues(in_order(facet, pairs), len(counted) if total is None else total)
