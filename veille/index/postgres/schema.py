"""The tables of the PostgreSQL engine and how an Item becomes one of their rows.

They are derived, like the Whoosh index: kept out of the store's schema and migrations,
created by the engine, and dropped and rebuilt from the store when SCHEMA_VERSION changes.
One row an item (`search_items`), with its vectors (vectors.py) under GIN indexes, its
facets' values as columns and arrays, its story, and what a hit shows; the stored vocabulary
(`search_terms`: how many items hold each term, for "did you mean", idf and similar items);
the engine's state (`search_state`: the schema version, and a version of the contents that
each write raises, for the caches of the processes).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    DDL,
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    cast,
    event,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.types import TypeDecorator

from ...models import LOCAL_TIME, Curation, Item
from ...store.schema import UTCDateTime
from ..querylang import fold
from ..search import local_day
from .vectors import Vectors, item_vectors

# 1: the first; 2: each item's story (store/stories.py), to group by story; 3: an acronym
# written with full stops is one word (text/french.py); 4: an index on each facet's column
# (facets selected are then found without reading every item); 5: feminine adjectives in
# -aise and -oise meet their masculine (text/french.py); 6: the stored vocabulary's pages
# half filled, so that a write's counts are rewritten in place (HOT updates, no new index
# entries), and the vectors never compressed. A version of another number is rebuilt from
# the store (writer.sync).
SCHEMA_VERSION = 6


class Vector(TypeDecorator):
    """A tsvector written from its literal (vectors.py)."""

    impl = TSVECTOR
    cache_ok = True

    def bind_expression(self, bindvalue):
        return cast(bindvalue, TSVECTOR)


metadata = MetaData()
Strings = ARRAY(Text)

search_items = Table(
    "search_items",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("source_folded", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("story", String, nullable=False),  # its story's id (store/stories.py), or its own
    Column("published", UTCDateTime, nullable=False),
    Column("day", Integer, nullable=False),  # the French day of publication, a date ordinal
    Column("month", String, nullable=False),  # "2026-03", French time
    Column("tags", Strings, nullable=False),
    Column("tags_folded", Strings, nullable=False),
    Column("marks", Strings, nullable=False),
    Column("sectors", Strings, nullable=False),
    Column("places", Strings, nullable=False),
    Column("rome", Strings, nullable=False),
    Column("domaine", Strings, nullable=False),
    Column("lieu", Strings, nullable=False),
    Column("skill", Strings, nullable=False),
    Column("words", Vector, nullable=False),
    Column("exact", Vector, nullable=False),
    Index("ix_search_items_words", "words", postgresql_using="gin"),
    Index("ix_search_items_exact", "exact", postgresql_using="gin"),
    Index("ix_search_items_published", "published"),
    Index("ix_search_items_day", "day"),
    Index("ix_search_items_story", "story"),
    *(Index(f"ix_search_items_{name}", name) for name in ("source", "kind", "month")),
    *(Index(f"ix_search_items_{name}", name, postgresql_using="gin")
      for name in ("tags", "tags_folded", "marks", "sectors", "places", "rome", "domaine",
                   "lieu", "skill")),
)

# The vectors are stored as they are: PostgreSQL's compression gives up on them, after
# trying each one (a fifth of writing a row).
event.listen(search_items, "after_create", DDL(
    "ALTER TABLE search_items ALTER COLUMN words SET STORAGE EXTERNAL, "
    "ALTER COLUMN exact SET STORAGE EXTERNAL"))

# field: "w" for the terms of `words`, "e" for those of `exact`.
search_terms = Table(
    "search_terms",
    metadata,
    Column("field", String(1), primary_key=True),
    Column("term", Text, primary_key=True),
    Column("found_in", Integer, nullable=False),  # how many items hold the term
    postgresql_with={"fillfactor": 50},
)

search_state = Table(
    "search_state",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", BigInteger, nullable=False),
)


@dataclass(frozen=True)
class Row:
    """An item's row of `search_items`, and the lexemes of its vectors (for the stored
    vocabulary's counts)."""

    columns: dict[str, Any]
    lexemes: dict[str, tuple[str, ...]]  # vectors.Vectors.lexemes


def row(item: Item, curation: Curation | None = None,
        item_tags: Mapping[str, tuple[str, ...]] | None = None) -> Row:
    """The row of `item`, with the tags and marks documentalists gave it and its item tags
    by kind (store.tags.effective_of): what whoosh/schema.py's document holds."""
    vectors = item_vectors(item.title, item.content_text)
    return Row(_columns(item, curation, item_tags or {}, vectors), vectors.lexemes)


def _columns(item: Item, curation: Curation | None,
             item_tags: Mapping[str, tuple[str, ...]], vectors: Vectors) -> dict[str, Any]:
    tags = list(dict.fromkeys(item.tags + (curation.tags if curation else ())))
    return {
        "id": item.id,
        "title": item.title,
        "url": item.url,
        "summary": item.summary,
        "content": item.content_text,
        "source": item.source,
        "source_folded": fold(item.source),
        "kind": item.kind,
        "story": item.story_id or item.id,
        "published": item.dated,
        "day": local_day(item.dated),
        "month": item.dated.astimezone(LOCAL_TIME).strftime("%Y-%m"),
        "tags": tags,
        "tags_folded": [fold(tag) for tag in tags],
        "marks": list(curation.marks if curation else ()),
        "sectors": list(curation.sectors if curation else ()),
        "places": list(curation.places if curation else ()),
        "rome": list(item_tags.get("rome", ())),
        "domaine": list(item_tags.get("domaine", ())),
        "lieu": list(item_tags.get("place", ())),
        "skill": list(item_tags.get("skill", ())),
        "words": vectors.words,
        "exact": vectors.exact,
    }
