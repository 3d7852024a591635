"""What people read for a tag's code: "H2913" is "Soudage manuel", "departement:57" is
"Moselle", "commune:57463" is "Metz (57)", "bassin:4431" is "METZ (bassin d'emploi)".
Facets, the item page and the advisor's brief show labels; the API keeps the codes.

Labels are read from the store per call, only for the codes asked about (a page shows a
few dozen), so a re-import is seen at once and nothing is cached.
"""

from collections.abc import Iterable

from sqlalchemy import Connection, Table, select

from ..enrich.placenames import BASSIN, COMMUNE, DEPARTEMENT, EPCI, REGION
from ..store import labourmarket
from ..store.schema import (
    geo_communes,
    geo_departements,
    geo_epcis,
    geo_regions,
    rome_domaines,
    rome_grands_domaines,
    rome_metiers,
    rome_skills,
)

# Kinds of tag (store.tags.KINDS, and the search's facet names) and the table of their codes.
_CODES: dict[str, tuple[Table, str]] = {
    "rome": (rome_metiers, "label"),
    "domaine": (rome_domaines, "label"),
    "grand_domaine": (rome_grands_domaines, "label"),
    "skill": (rome_skills, "label"),
}
_PLACES: dict[str, Table] = {COMMUNE: geo_communes, EPCI: geo_epcis,
                             DEPARTEMENT: geo_departements, REGION: geo_regions}
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
    if kind not in _CODES:
        return {}
    table, column = _CODES[kind]
    rows = conn.execute(select(table.c.code, table.c[column]).where(table.c.code.in_(codes)))
    return {row[0]: row[1] for row in rows}


def place_labels(conn: Connection, keys: list[str]) -> dict[str, str]:
    """Places by key: a commune with its département's code ("Metz (57)", since many
    communes share a name), a bassin d'emploi as such (its name is often a town's), the
    others by their name."""
    by_kind: dict[str, list[str]] = {}
    for key in keys:
        kind, _, code = key.partition(":")
        if kind in (*_PLACES, BASSIN):
            by_kind.setdefault(kind, []).append(code)
    found: dict[str, str] = {}
    if BASSIN in by_kind:
        names = labourmarket.bassin_names(conn)
        found.update({f"{BASSIN}:{code}": bassin_label(names[code])
                      for code in by_kind.pop(BASSIN) if code in names})
    for kind, codes in by_kind.items():
        table = _PLACES[kind]
        columns = [table.c.code, table.c.name]
        if kind == COMMUNE:
            columns.append(table.c.departement)
        for row in conn.execute(select(*columns).where(table.c.code.in_(codes))):
            name = f"{row.name} ({row.departement})" if kind == COMMUNE else row.name
            found[f"{kind}:{row.code}"] = name
    return found


def bassin_label(name: str) -> str:
    """A bassin d'emploi as pages name it: "METZ (bassin d'emploi)"."""
    return f"{name} (bassin d'emploi)"


def facet_labels(conn: Connection, facets: dict[str, list[tuple[str, int]]]
                 ) -> dict[str, dict[str, str]]:
    """The labels of the tag facets' values of a search page, by facet."""
    return {name: labels(conn, kind, (value for value, _ in facets.get(name, ())))
            for name, kind in FACET_KINDS.items() if facets.get(name)}
