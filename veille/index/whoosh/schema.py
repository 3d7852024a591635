"""The Whoosh schema and how an Item becomes an index document."""

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, Schema

from ...models import LOCAL_TIME, Curation, Item
from ...text.french import exact_term, french_term
from ..search import local_day
from .analysis import TermText

# Raised whenever the schema, the analysis or the files change: an index of another version
# is rebuilt from the store (writer.sync), since its documents would not match the queries.
# 5: segments in separate files (bulk.BulkWriter), not compound ones that readers copy.
# 6: each segment's postings also as arrays (arrays.py), which search reads.
# 7: curation: documentalists' tags and the marks field (starred, hidden, noted, tagged).
# 8: publication: the "published" mark, sectors and places.
# 9: the item tags (itemtags.py): ROME jobs, domaines and places (lieu).
# 10: places as keys ("departement:57"), not bare codes (44 is a région and a département).
# 11: the skills tagged (skill), for their facet, filter and trend.
# 12: the analysis in veille.text.french (the pickled schema names its term functions),
#     Snowball 3's French stems (PyStemmer), œ, æ and ß spelt out ("oeuvre" finds "œuvre").
# 13: the fields in veille.index.whoosh.analysis (the pickled schema names their module).
# 14: typography as typed (veille.text.typography): every apostrophe elides ("l‘école"),
#     compatibility characters are plain ("XIXᵉ" → "xixe", "m²" → "m2"), a soft hyphen
#     stays inside its word, numbers grouped by thin spaces are one.
# 15: each item's story (store/stories.py): one result per story, a story's items; the
#     title without a field boost (ranking.py).
# 16: an acronym written with full stops is one word ("S.N.C.F." is "sncf": text/french.py).
# 17: feminine adjectives in -aise and -oise meet their masculine ("anglaise", "anglais").
SCHEMA_VERSION = 17


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        # No boost: a title is short, BM25 already weighs its words more (ranking.py).
        title=TermText(french_term, stored=True),
        # No positions: phrases are matched on `exact`, and snippets analyse the text again.
        content=TermText(french_term, stored=True, phrase=False),
        exact=TermText(exact_term),
        source=ID(stored=True, sortable=True),
        kind=ID(stored=True, sortable=True),
        story=ID(stored=True, sortable=True),  # its story's id (store/stories.py), or its own
        tags=KEYWORD(stored=True, commas=True, scorable=True),
        # models.Curation.marks: "hidden" leaves an item out of searches, "published" puts
        # it on the employers' portal, under its sectors (sectors.SECTORS) and places.
        marks=KEYWORD(commas=True),
        sectors=KEYWORD(commas=True),
        places=KEYWORD(commas=True),
        # The item tags (store.tags, automatic ones not removed plus manual ones): ROME codes
        # (H2913), domaines (H29), and the keys of the places named and of the EPCI,
        # départements and régions they lie in ("commune:57463", "departement:57"), so that
        # lieu=57 finds Metz.
        rome=KEYWORD(commas=True),
        domaine=KEYWORD(commas=True),
        lieu=KEYWORD(commas=True),
        skill=KEYWORD(commas=True),  # ROME skill codes (OGR), as the taggers found them
        published=DATETIME(stored=True, sortable=True),
        # The French day (date ordinal) and month ("2026-03") of publication, as columns:
        # date filters, date order and the period facet read them for every document at once.
        day=NUMERIC(int, bits=32, sortable=True),
        month=ID(sortable=True),
        url=STORED(),
        summary=STORED(),
    )


def document(item: Item, curation: Curation | None = None,
             item_tags: Mapping[str, tuple[str, ...]] | None = None) -> dict:
    """The fields of `item` as the index holds them (dates as naive UTC, Whoosh's form),
    with the tags and marks documentalists gave it and its item tags by kind
    (store.tags.effective_of)."""
    tags = item.tags + (curation.tags if curation else ())
    item_tags = item_tags or {}
    return {
        "id": item.id,
        "title": item.title,
        "content": item.content_text,
        "exact": f"{item.title}\n{item.content_text}",
        "source": item.source,
        "kind": item.kind,
        "story": item.story_id or item.id,
        "tags": ",".join(dict.fromkeys(tags)),
        "marks": ",".join(curation.marks if curation else ()),
        "sectors": ",".join(curation.sectors if curation else ()),
        "places": ",".join(curation.places if curation else ()),
        "rome": ",".join(item_tags.get("rome", ())),
        "domaine": ",".join(item_tags.get("domaine", ())),
        "lieu": ",".join(item_tags.get("place", ())),
        "skill": ",".join(item_tags.get("skill", ())),
        "published": to_index_time(item.dated),
        "day": local_day(item.dated),
        "month": item.dated.astimezone(LOCAL_TIME).strftime("%Y-%m"),
        "url": item.url,
        "summary": item.summary,
    }


def to_index_time(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_index_time(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _version_file(index_dir: Path) -> Path:
    """Beside the index (Whoosh owns the files inside): the schema version it was built with."""
    return index_dir.with_name(f"{index_dir.name}.version")


def mark_current_schema(index_dir: Path) -> None:
    _version_file(index_dir).write_text(str(SCHEMA_VERSION), encoding="ascii")


def built_with_current_schema(index_dir: Path) -> bool:
    version = _version_file(index_dir)
    return version.is_file() and version.read_text(encoding="ascii").strip() == str(SCHEMA_VERSION)
