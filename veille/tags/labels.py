"""What people read for a tag's code: "H2913" is "Soudage manuel", "departement:57" is
"Moselle", "commune:57463" is "Metz (57)", "bassin:4431" is "METZ (bassin d'emploi)".
Facets, the item page and the advisor's brief show labels; the API keeps the codes.

Labels are read from the store per call, only for the codes asked about (a page shows a
few dozen), so a re-import is seen at once and nothing is cached.
"""

from collections.abc import Iterable

from sqlalchemy import Connection

from ..refdata import BASSIN, Commune
from ..store import labourmarket
from ..store import referentials as referential_store

# The facets of the search (index.facets) that hold tags, by the kind of tag they hold.
FACET_KINDS = {"rome": "rome", "domaine": "domaine", "lieu": "place", "competence": "skill"}


def labels(conn: Connection, kind: str, codes: Iterable[str]) -> dict[str, str]:
    """The label of each code of `kind` ("rome", "domaine", "grand_domaine", "skill",
    "place") the store knows; codes it does not know are left out (shown as they are)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return {}
    if kind == "place":
        return place_labels(conn, codes)
    return referential_store.labels(conn, kind, codes)


def place_labels(conn: Connection, keys: list[str]) -> dict[str, str]:
    """Places by key: a commune with its département's code ("Metz (57)", since many
    communes share a name), a bassin d'emploi as such (its name is often a town's), the
    others by their name."""
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        kind, _, code = key.partition(":")
        if kind in (*referential_store.PLACES, BASSIN):
            by_kind.setdefault(kind, []).append(code)
    found: dict[str, str] = {}
    if BASSIN in by_kind:
        names = labourmarket.bassin_names(conn)
        found.update({f"{BASSIN}:{code}": bassin_label(names[code])
                      for code in by_kind.pop(BASSIN) if code in names})
    for kind, codes in by_kind.items():
        for code, place in referential_store.places(conn, kind, codes).items():
            found[f"{kind}:{code}"] = _named(place)
    return found


def _named(place: referential_store.Place) -> str:
    return f"{place.name} ({place.departement})" if isinstance(place, Commune) else place.name


def bassin_label(name: str) -> str:
    """A bassin d'emploi as pages name it: "METZ (bassin d'emploi)"."""
    return f"{name} (bassin d'emploi)"


def facet_labels(conn: Connection, facets: dict[str, list[tuple[str, int]]]
                 ) -> dict[str, dict[str, str]]:
    """The labels of the tag facets' values of a search page, by facet."""
    return {name: labels(conn, kind, (value for value, _ in facets.get(name, ())))
            for name, kind in FACET_KINDS.items() if facets.get(name)}
