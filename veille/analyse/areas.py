"""Where the BMO survey's figures of a place are: a région, a département and a bassin
d'emploi have their own column in the survey's rows; a commune has its bassin's figures,
an EPCI those of the bassins its communes are in (a commune's figures are its labour
market's: the survey goes no finer than the bassin)."""

from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from ..errors import InvalidRequest
from ..refdata import BASSIN, COMMUNE, DEPARTEMENT, EPCI, REGION
from ..store import labourmarket
from ..store.labourmarket import Area
from ..tags import entry, labels

NATIONAL = Area()
KINDS = (REGION, DEPARTEMENT, BASSIN, EPCI, COMMUNE)  # widest first


@dataclass(frozen=True)
class Place:
    """A place as pages and the API name it, and where its figures are."""

    key: str  # "departement:57"
    label: str  # "Moselle"
    area: Area

    @property
    def kind(self) -> str:
        return self.key.partition(":")[0]

    @property
    def code(self) -> str:
        return self.key.partition(":")[2]


def place(engine: Engine, text: str) -> Place:
    """The place `text` names (a key, an INSEE code, a name: tags.entry.place), with its
    figures' area; InvalidRequest when it names none or several."""
    key, label = entry.place(engine, text)
    with engine.connect() as conn:
        return Place(key, label, area(conn, key))


def of_key(conn: Connection, key: str) -> Place | None:
    """The place of a key ("bassin:4431"), None when the referentials know none."""
    label = labels.place_labels(conn, [key]).get(key)
    return Place(key, label, area(conn, key)) if label else None


def area(conn: Connection, key: str) -> Area:
    """Where the survey's figures of the place `key` are (no code: outside the survey)."""
    kind, _, code = key.partition(":")
    if kind in (REGION, DEPARTEMENT, BASSIN):
        return Area(kind, (code,))
    if kind == COMMUNE:
        bassin = labourmarket.bassins_of(conn, [code]).get(code)
        return Area(BASSIN, (bassin,) if bassin else ())
    if kind == EPCI:
        return Area(BASSIN, tuple(labourmarket.bassins_of_epci(conn, code)))
    raise InvalidRequest(f"« {key} » n'est pas un lieu (region:44, departement:57, "
                         "bassin:4431, epci:…, commune:57463)")
