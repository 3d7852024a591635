"""Facets and filters over the documents' fields, declared in one list.

A facet's selected values filter the results (values of one facet are alternatives, facets
combine). Its counts are taken over the results of every *other* filter, so that selecting
"DARES" still shows how many items the other sources would give ("disjunctive" facets).
Search, the API and the UI iterate over FACETS, so a new facet is one entry here; each
engine selects and counts them its way (Whoosh: whoosh/facets.py, over its columns).
"""

from dataclasses import dataclass

from ..i18n import N_


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
