"""Facets and filters over index fields, declared in one list.

A facet is counted over a whole result set and selecting one of its values filters the
search. Search, the API and the UI iterate over FACETS, so a new one is one entry here.
"""

from dataclasses import dataclass

from whoosh import query, sorting


@dataclass(frozen=True)
class Facet:
    param: str
    field: str
    label: str
    counted: bool = True
    # Tags are stored lower-cased (processing.normalise_tags): "Moselle" must find "moselle".
    lowercase: bool = False

    def counter(self) -> sorting.FieldFacet:
        return sorting.FieldFacet(self.field, maptype=sorting.Count)

    def filter(self, values: tuple[str, ...]) -> query.Query:
        """Match any of `values` (values of one facet are alternatives)."""
        if self.lowercase:
            values = tuple(value.lower() for value in values)
        return query.Or([query.Term(self.field, value) for value in values])


FACETS: tuple[Facet, ...] = (
    Facet("source", "source", "Source"),
    Facet("kind", "kind", "Type"),
    Facet("tag", "tags", "Mot-clé", counted=False, lowercase=True),
)
