"""The search's vocabulary (index.vocabulary) from the referentials the store holds: what
the name of a place means ("Moselle" is the département 57) and which ROME jobs a text
names, read as the taggers read items, so that a search and the tags agree."""

import threading
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, select

from . import itemtags
from .enrich.matcher import read, words
from .enrich.placenames import COMMUNE, DEPARTEMENT, EPCI, REGION
from .index.vocabulary import JobMention
from .referentials.models import GEO
from .store import referentials as referential_store
from .store.schema import geo_communes, geo_departements, geo_epcis, geo_regions

_lock = threading.Lock()
_places: dict[tuple, dict[str, tuple[str, ...]]] = {}


class StoreVocabulary:
    """Reads the store when asked (a search that names no place nor job costs nothing);
    the tables it builds are kept per process until another release is imported."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def place_keys(self, name: str) -> tuple[str, ...]:
        """The région or département of that name, else the EPCI, else the communes ("Metz"
        → commune:57463); names compared as the taggers compare words (case, accents,
        hyphens)."""
        with self.engine.connect() as conn:
            return _place_table(conn).get(" ".join(words(name)), ())

    def jobs(self, text: str) -> Sequence[JobMention]:
        with self.engine.connect() as conn:
            taggers = itemtags.taggers(conn)
        if taggers is None:
            return ()
        return [JobMention(tag.said, tag.rome) for tag in taggers.jobs.tag(read(text))]


def _place_table(conn: Connection) -> dict[str, tuple[str, ...]]:
    stored = referential_store.stored_version(conn, GEO)
    if stored is None:
        return {}
    with _lock:
        if stored.stamp not in _places:
            table: dict[str, tuple[str, ...]] = {}
            # The widest kind of place wins a name: a commune has a département's name only
            # when no département is meant (Vienne, the département, not the commune).
            for kind, source in ((COMMUNE, geo_communes), (EPCI, geo_epcis),
                                 (DEPARTEMENT, geo_departements), (REGION, geo_regions)):
                named: dict[str, list[str]] = {}
                for row in conn.execute(select(source.c.code, source.c.name)):
                    named.setdefault(" ".join(words(row.name)), []).append(f"{kind}:{row.code}")
                table.update({name: tuple(keys) for name, keys in named.items()})
            _places.clear()
            _places[stored.stamp] = table
        return _places[stored.stamp]
