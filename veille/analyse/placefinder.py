"""The territory finder (`/territoires?q=`): the régions, départements, bassins d'emploi,
EPCI and communes whose name or code has a word starting with each word typed, case,
accents and link words aside ("bassin de metz", "moselle", "sarreb", "4431"). The 37,000
names are cut into words once per release of the geography and the bassins; each word
typed is looked up by bisection among the sorted words, so a search reads the few names
that hold them."""

from bisect import bisect_left
from dataclasses import dataclass

from sqlalchemy import Connection

from ..enrich.matcher import words
from ..instance import Instance
from ..refdata import BASSIN, BASSINS, BMO, COMMUNE, DEPARTEMENT, EPCI, GEO, REGION
from ..store import labourmarket
from ..store import referentials as referential_store
from ..tags.labels import bassin_label
from ..tags.releases import PerRelease

SHOWN = 50  # places the finder lists
# Words a place's name is looked up without ("bassin de Metz": "bassin", "metz").
LINKS = frozenset(words("de du des d la le les l en"))


@dataclass(frozen=True)
class Found:
    key: str  # "bassin:4431"
    label: str  # "METZ (bassin d'emploi)"

    @property
    def kind(self) -> str:
        return self.key.partition(":")[0]


@dataclass(frozen=True)
class _Names:
    """Every place (key, label, words), widest kinds first, and where each word is."""

    places: list[tuple[str, str, tuple[str, ...]]]
    words: list[str]  # sorted
    holders: dict[str, set[int]]  # word → the places whose name holds it

    def starting(self, part: str) -> set[int]:
        """The places holding a word that starts with `part`."""
        first = bisect_left(self.words, part)
        last = bisect_left(self.words, part + "\U0010ffff", first)
        return set().union(*(self.holders[word] for word in self.words[first:last]))


def find(instance: Instance, text: str) -> list[Found]:
    """The places whose name has a word starting with each word of `text`, the exact names
    first, then régions, départements, bassins, EPCI and communes; SHOWN at most."""
    wanted = _words(text)
    if not wanted:
        return []
    with instance.engine.connect() as conn:
        names = _names.get(conn)
    if names is None:
        return []
    chosen = set.intersection(*(names.starting(part) for part in wanted))
    ranked = sorted(chosen, key=lambda index: (names.places[index][2] != wanted, index))
    return [Found(*names.places[index][:2]) for index in ranked[:SHOWN]]


def _names_of(conn: Connection) -> _Names:
    places = [*_named(conn, REGION), *_named(conn, DEPARTEMENT)]
    for code, name in sorted(labourmarket.bassin_names(conn).items(), key=lambda pair: pair[1]):
        own = _words(name)
        places.append((f"{BASSIN}:{code}", bassin_label(name),
                       own if own[:1] == ("bassin",) else ("bassin", *own)))
    places += _named(conn, EPCI)
    places += [(f"{COMMUNE}:{code}", f"{name} ({departement})", _words(name))
               for code, name, departement in sorted(
                   referential_store.commune_names(conn), key=lambda row: row[1])]
    holders: dict[str, set[int]] = {}
    for index, (key, _, held) in enumerate(places):
        for word in (*held, key.partition(":")[2].lower()):  # its code finds it too
            holders.setdefault(word, set()).add(index)
    return _Names(places, sorted(holders), holders)


def _named(conn: Connection, kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    rows = sorted(referential_store.place_names(conn, kind), key=lambda row: row[1])
    return [(f"{kind}:{code}", name, _words(name)) for code, name in rows]


def _words(name: str) -> tuple[str, ...]:
    return tuple(word for word in words(name) if word not in LINKS)


_names = PerRelease((GEO,), _names_of, optional=(BASSINS, BMO))
