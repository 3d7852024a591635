"""Items like a given one ("more like this"): its key words, those of its content that are
frequent in it and rare elsewhere (tf × idf, as Whoosh's more_like), searched again."""

from sqlalchemy import Connection, select, text

from ..querytree import Words
from ..search import Similar
from .queries import compiled
from .schema import search_items as items
from .search import idf_of

KEY_TERMS = 12


def similar_items(conn: Connection, item_id: str, limit: int = 5) -> list[Similar]:
    """The `limit` items closest to `item_id` by their words; none if it is not indexed."""
    held = conn.execute(text(
        "SELECT lexeme, coalesce(array_length(positions, 1), 1) FROM search_items, "
        "unnest(words) WHERE id = :id"), {"id": item_id}).all()
    if not held:
        return []
    words = Words(tuple((term,) for term, _ in held), every=False)
    idf = idf_of(conn, words)
    key = sorted(held, key=lambda pair: (-pair[1] * idf("w", pair[0]), pair[0]))[:KEY_TERMS]
    found = compiled(Words(tuple((term,) for term, _ in key), every=False), idf)
    rows = conn.execute(
        select(items.c.id, items.c.title, items.c.source, items.c.kind, items.c.published)
        .where(found.where, items.c.id != item_id)
        .order_by(found.score.desc(),
                  items.c.published.desc())
        .limit(limit)).all()
    return [Similar(*found_row) for found_row in rows]
