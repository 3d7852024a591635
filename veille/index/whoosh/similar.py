"""Items like a given one ("more like this"): the key words of its text, searched again."""

from pathlib import Path

from ..search import Similar
from . import readers
from .schema import from_index_time

KEY_TERMS = 12


def similar_items(index_dir: Path, item_id: str, limit: int = 5) -> list[Similar]:
    """The `limit` items closest to `item_id` by their words; none if it is not indexed."""
    searcher = readers.current_searcher(index_dir)
    docnum = searcher.document_number(id=item_id)
    if docnum is None:
        return []
    found = searcher.more_like(docnum, "content", top=limit, numterms=KEY_TERMS, normalize=True)
    return [
        Similar(
            id=hit["id"],
            title=hit["title"],
            source=hit["source"],
            kind=hit["kind"],
            published=from_index_time(hit["published"]),
        )
        for hit in found
    ]
