"""The search's vocabulary (index.vocabulary) from the referentials the store holds: what
the name of a place means ("Moselle" is the département 57) and which ROME jobs a text
names, read as the taggers read items, so that a search and the tags agree."""

from collections.abc import Sequence

from sqlalchemy import Connection, Engine

from ..enrich.matcher import read, words
from ..index.vocabulary import JobMention
from ..refdata import COMMUNE, DEPARTEMENT, EPCI, GEO, REGION
from ..store import referentials as referential_store
from . import itemtags
from .releases import PerRelease


class StoreVocabulary:
    """Reads the store when asked (a search that names no place nor job costs nothing);
    the tables it builds are kept per process until another release is imported
    (releasecache)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def place_keys(self, name: str) -> tuple[str, ...]:
        """The région or département of that name, else the EPCI, else the communes ("Metz"
        → commune:57463); names compared as the taggers compare words (case, accents,
        hyphens)."""
        with self.engine.connect() as conn:
            return (_places.get(conn) or {}).get(" ".join(words(name)), ())

    def jobs(self, text: str) -> Sequence[JobMention]:
        with self.engine.connect() as conn:
            taggers = itemtags.taggers(conn)
        if taggers is None:
            return ()
        return [JobMention(tag.said, tag.rome) for tag in taggers.jobs.tag(read(text))]


def _place_table(conn: Connection) -> dict[str, tuple[str, ...]]:
    """Place keys by name as the taggers compare words. The widest kind of place wins a
    name: a commune has a département's name only when no département is meant (Vienne,
    the département, not the commune)."""
    table: dict[str, tuple[str, ...]] = {}
    for kind in (COMMUNE, EPCI, DEPARTEMENT, REGION):
        named: dict[str, list[str]] = {}
        for code, name in referential_store.place_names(conn, kind):
            named.setdefault(" ".join(words(name)), []).append(f"{kind}:{code}")
        table.update({name: tuple(keys) for name, keys in named.items()})
    return table


_places = PerRelease((GEO,), _place_table)
