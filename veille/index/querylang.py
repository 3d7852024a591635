"""The query language of the search box, parsed leniently: nothing typed is ever an error.

Plain words go to ranking.plain_words; the operators around them are read here.
"""

from dataclasses import dataclass
from datetime import date

from whoosh import query
from whoosh.fields import Schema

from . import ranking


@dataclass(frozen=True)
class ParsedQuery:
    query: query.Query
    # Dates the text asked for ("depuis:7j", "avant:2026-03-01"), whole local days.
    since: date | None = None
    before: date | None = None


def parse(text: str, schema: Schema, today: date) -> ParsedQuery:
    """Every document for a blank text; none when it holds no searchable word."""
    if not text.strip():
        return ParsedQuery(query.Every())
    return ParsedQuery(ranking.plain_words(text, schema))
