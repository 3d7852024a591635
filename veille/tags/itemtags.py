"""Tagging items as they are stored: the ROME jobs (with their domaines), skills and places
each new or changed item names (enrich.tagging), kept in the store's item tags.

The taggers take seconds to build, so each process builds them once, from the referentials
the store holds, and builds them again when `referential_versions` says another release was
imported. Without the ROME and the geography in the store, items are not tagged; with the
BMO's bassins, a commune's place keys hold its bassin d'emploi.
"""

from collections.abc import Callable, Iterable

from sqlalchemy import Connection, Engine, select, update

from ..enrich.placenames import BASSIN, COMMUNE, DEPARTEMENT, EPCI, REGION
from ..enrich.tagging import Taggers, Tags
from ..errors import InvalidRequest, VeilleError
from ..models import Item
from ..refdata import BASSINS, GEO, ROME
from ..store import items as item_store
from ..store import labourmarket
from ..store import referentials as referential_store
from ..store import tags as tag_store
from ..store.schema import geo_communes, geo_departements, geo_epcis, geo_regions, rome_metiers
from ..store.schema import items as item_table
from .releases import PerRelease

PLACE = "place"

_taggers = PerRelease((ROME, GEO), lambda conn: Taggers(
    referential_store.load_rome(conn), referential_store.load_geo(conn),
    labourmarket.commune_bassins(conn)), optional=(BASSINS,))


def taggers(conn: Connection) -> Taggers | None:
    """The taggers for the referentials the store holds; None without the ROME and the
    geography. Built once per release of them (and of the bassins) and process."""
    return _taggers.get(conn)


def as_rows(tags: Tags) -> list[tag_store.Tag]:
    """The item tags rows of what the taggers found."""
    rows = [("rome", code) for code in tags.rome]
    rows += [("domaine", code) for code in tags.domaines]
    rows += [("grand_domaine", code) for code in tags.grands_domaines]
    rows += [("skill", tag.code) for tag in tags.skills]
    rows += [("place", key) for key in sorted(tags.place_keys)]
    return rows


def tag_items(conn: Connection, items: Iterable[Item]) -> int:
    """Tag `items` with the current referentials (their automatic tags replaced, the
    documentalists' edits kept); how many were tagged (0 without referentials)."""
    items = list(items)
    if not items:
        return 0
    found = taggers(conn)
    if found is None:
        return 0
    tag_store.replace_auto(conn, {item.id: as_rows(found.tag(item.title, item.content_text))
                                  for item in items})
    return len(items)


# What people write before the colon of a tag ("lieu:57", "rome:H2913").
KIND_NAMES = {"rome": "rome", "metier": "rome", "domaine": "domaine",
              "grand_domaine": "grand_domaine", "skill": "skill", "lieu": "place",
              "place": "place"}


def edit(conn: Connection, item_id: str, add: Iterable[str], remove: Iterable[str],
         actor: str) -> bool:
    """A documentalist's additions and removals of an item's tags, written "kind:value"
    ("rome:H2913", "lieu:57", "lieu:commune:57463"): logged, kept across re-tagging, the
    index follows. An added job brings its domaine and grand domaine, an added place the
    département and région it lies in (a commune, its EPCI and bassin); a bare place code
    removed is every place of the item with that code. Whether the item's tags changed."""
    item_store.get(conn, item_id)
    current = tag_store.effective_of(conn, [item_id]).get(item_id, {})
    added = [tag for text in add for tag in _added(conn, text)]
    removed = [tag for text in remove for tag in _removed(current, text)]
    removed += _domaines_left(conn, current, added, removed)
    return tag_store.edit(conn, item_id, added, removed, actor)


def _domaines_left(conn: Connection, current: dict[str, tuple], added: list[tag_store.Tag],
                   removed: list[tag_store.Tag]) -> list[tag_store.Tag]:
    """The domaines and grands domaines only the removed jobs brought: a job removed takes
    them along, unless another job of the item lies in them too."""
    gone = {value for kind, value in removed if kind == "rome"}
    if not gone:
        return []
    kept = ({*current.get("rome", ())} - gone) | {value for kind, value in added
                                                  if kind == "rome"}
    rows = conn.execute(select(rome_metiers).where(rome_metiers.c.code.in_(gone | kept)))
    metiers = {row.code: row for row in rows}
    still = {(kind, getattr(metiers[code], kind)) for code in kept if code in metiers
             for kind in ("domaine", "grand_domaine")}
    brought = {(kind, getattr(metiers[code], kind)) for code in gone if code in metiers
               for kind in ("domaine", "grand_domaine")}
    return sorted(tag for tag in brought - still if tag[1] in current.get(tag[0], ()))


def _parsed(text: str) -> tuple[str, str]:
    name, _, value = text.strip().partition(":")
    kind = KIND_NAMES.get(name.strip().lower())
    if kind is None or not value.strip():
        raise InvalidRequest(f"a tag is written kind:value with kind one of "
                             f"{', '.join(KIND_NAMES)}, e.g. rome:H2913 or lieu:57, not {text!r}")
    return kind, value.strip()


def _added(conn: Connection, text: str) -> list[tag_store.Tag]:
    kind, value = _parsed(text)
    if kind == "rome":
        metier = conn.execute(select(rome_metiers).where(
            rome_metiers.c.code == value.upper())).first()
        if metier is None:
            return [(kind, value.upper())]
        return [(kind, metier.code), ("domaine", metier.domaine),
                ("grand_domaine", metier.grand_domaine)]
    if kind != "place":
        return [(kind, value.upper() if kind in ("domaine", "grand_domaine") else value)]
    place_kind, _, code = value.rpartition(":")
    found = _place(conn, place_kind, code)
    if found is None:
        raise InvalidRequest(f"no place {value!r} in the geography the store holds "
                             "(an INSEE code: commune, département, région or EPCI)")
    return found


def _place(conn: Connection, kind: str, code: str) -> list[tag_store.Tag] | None:
    """The place keys of a place code (and of the places it lies in), None if unknown. A
    bare code is a commune, an EPCI, a département, a région, then a bassin d'emploi,
    whichever has it."""
    if kind in ("", COMMUNE):
        row = conn.execute(select(geo_communes).where(geo_communes.c.code == code)).first()
        if row:
            bassin = labourmarket.bassins_of(conn, [code]).get(code)
            return [(PLACE, f"{COMMUNE}:{code}"), (PLACE, f"{DEPARTEMENT}:{row.departement}"),
                    (PLACE, f"{REGION}:{row.region}"),
                    *([(PLACE, f"{EPCI}:{row.epci}")] if row.epci else []),
                    *([(PLACE, f"{BASSIN}:{bassin}")] if bassin else [])]
    if kind in ("", EPCI):
        if conn.execute(select(geo_epcis.c.code).where(geo_epcis.c.code == code)).first():
            return [(PLACE, f"{EPCI}:{code}")]
    if kind in ("", DEPARTEMENT):
        row = conn.execute(select(geo_departements)
                           .where(geo_departements.c.code == code)).first()
        if row:
            return [(PLACE, f"{DEPARTEMENT}:{code}"), (PLACE, f"{REGION}:{row.region}")]
    if kind in ("", REGION):
        if conn.execute(select(geo_regions.c.code).where(geo_regions.c.code == code)).first():
            return [(PLACE, f"{REGION}:{code}")]
    if kind in ("", BASSIN) and code in labourmarket.bassin_names(conn):
        return [(PLACE, f"{BASSIN}:{code}")]
    return None


def _removed(current: dict[str, tuple], text: str) -> list[tag_store.Tag]:
    kind, value = _parsed(text)
    if kind != "place":
        return [(kind, value.upper() if kind != "skill" else value)]
    if ":" in value:
        return [(kind, value)]
    return [(kind, key) for key in current.get(kind, ()) if key.rpartition(":")[2] == value]


def retag(engine: Engine, progress: Callable[[int], None] | None = None,
          batch_size: int = 500) -> int:
    """Tag every stored item again with the current referentials (the documentalists' edits
    kept); the items whose tags changed are indexed again. How many items were tagged."""
    with engine.connect() as conn:
        if taggers(conn) is None:
            raise VeilleError("no ROME and geography in the store: run "
                              "`veille referentials import DIR` first")
    done, last = 0, ""
    while True:
        with engine.begin() as conn:
            batch = [item for item, _ in item_store.page(conn, batch_size, last)]
            if not batch:
                return done
            ids = [item.id for item in batch]
            before = tag_store.effective_of(conn, ids)
            tag_items(conn, batch)
            after = tag_store.effective_of(conn, ids)
            changed = [item_id for item_id in ids if before.get(item_id) != after.get(item_id)]
            if changed:
                conn.execute(update(item_table).where(item_table.c.id.in_(changed))
                             .values(indexed=False))
        done += len(batch)
        last = ids[-1]
        if progress:
            progress(len(batch))
