"""The Whoosh schema and how an Item becomes an index document."""

from datetime import UTC, datetime

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from ..models import Item
from . import analysis


def build_schema() -> Schema:
    french = analysis.french()
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=french, stored=True, field_boost=2.0),
        content=TEXT(analyzer=french, stored=True),
        exact=TEXT(analyzer=analysis.exact()),
        source=ID(stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        tags=KEYWORD(stored=True, commas=True, scorable=True),
        published=DATETIME(stored=True, sortable=True),
        url=STORED(),
        summary=STORED(),
    )


def document(item: Item) -> dict:
    """The fields of `item` as the index holds them (dates as naive UTC, Whoosh's form)."""
    return {
        "id": item.id,
        "title": item.title,
        "content": item.content_text,
        "exact": f"{item.title}\n{item.content_text}",
        "source": item.source,
        "kind": item.kind,
        "tags": ",".join(item.tags),
        "published": to_index_time(item.published),
        "url": item.url,
        "summary": item.summary,
    }


def to_index_time(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_index_time(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)
