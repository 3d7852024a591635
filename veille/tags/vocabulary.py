"""The search's vocabulary (index.vocabulary) from the referentials the store holds: what
the name of a place means ("Moselle" is the département 57, "bassin de Metz" the BMO's
bassin d'emploi 4431) and which ROME jobs a text names, read as the taggers read items, so
that a search and the tags agree."""

from collections.abc import Sequence

from sqlalchemy import Connection, Engine

from ..enrich.matcher import read, words
from ..index.vocabulary import JobMention
from ..refdata import BASSIN, BASSINS, BMO, COMMUNE, DEPARTEMENT, EPCI, GEO, REGION
from ..store import labourmarket
from ..store import referentials as referential_store
from . import storetaggers
from .releases import PerRelease


class StoreVocabulary:
    """Reads the store when asked (a search that names no place nor job costs nothing);
    the tables it builds are kept per process until another release is imported
    (releasecache)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def place_keys(self, name: str) -> tuple[str, ...]:
        """The région or département of that name, else the EPCI, else the communes ("Metz"
        → commune:57463); a bassin d'emploi when named as one ("bassin de Metz", "bassin
        d'emploi de Metz", "bassin houiller"); names compared as the taggers compare words
        (case, accents, hyphens)."""
        with self.engine.connect() as conn:
            return (_places.get(conn) or {}).get(" ".join(words(name)), ())

    def jobs(self, text: str) -> Sequence[JobMention]:
        with self.engine.connect() as conn:
            taggers = storetaggers.taggers(conn)
        if taggers is None:
            return ()
        return [JobMention(tag.said, tag.rome) for tag in taggers.jobs.tag(read(text))]

    def has_job(self, code: str) -> bool:
        with self.engine.connect() as conn:
            return bool(referential_store.metiers(conn, [code]))


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
    for code, name in labourmarket.bassin_names(conn).items():
        for spelling in bassin_spellings(name):
            table[spelling] = (*table.get(spelling, ()), f"{BASSIN}:{code}")
    return table


# How a bassin d'emploi is named, before its own name: "bassin de Metz", "bassin d'emploi
# de Metz", "bassin d'emploi Metz", "bassin Metz".
_BASSIN_WORDS = ("bassin", "bassin d emploi")
_LINKS = ("", "de", "du", "des", "d", "de la", "de l")
_ARTICLES = ("le", "la", "les", "l")


def bassin_spellings(name: str) -> set[str]:
    """The ways a search names the bassin `name` ("METZ", "BASSIN HOUILLER"), as the
    taggers' words: always as a bassin, never by its name alone (which is a town's)."""
    own = words(name)
    if own[:1] == ("bassin",):
        own = own[1:]
    bare = own[1:] if own[:1] and own[0] in _ARTICLES else own
    return {" ".join(word for word in (lead, link, *part) if word)
            for lead in _BASSIN_WORDS for link in _LINKS for part in {own, bare}}


_places = PerRelease((GEO,), _place_table, optional=(BASSINS, BMO))
