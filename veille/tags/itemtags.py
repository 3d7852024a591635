"""Tagging items as they are stored: the ROME jobs (with their domaines), skills and places
each new or changed item names (enrich.tagging), kept in the store's item tags.

The taggers are those of the referentials the store holds (storetaggers). Without the ROME
and the geography in the store, items are not tagged; with the BMO's bassins, a commune's
place keys hold its bassin d'emploi.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine

from ..enrich.tagging import Tags
from ..errors import InvalidRequest, VeilleError
from ..instance import Instance
from ..models import Item
from ..refdata import (
    BASSIN,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    REGION,
    Commune,
    Departement,
    Epci,
)
from ..store import daily, labourmarket
from ..store import items as item_store
from ..store import referentials as referential_store
from ..store import tags as tag_store
from .storetaggers import taggers

PLACE = "place"
# Kinds of items whose tags their source gives (an API's job and place: `given`), never the
# taggers.
GIVEN = ("offre",)

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
    items = [item for item in items if item.kind not in GIVEN]
    if not items:
        return 0
    found = taggers(conn)
    if found is None:
        return 0
    tag_store.replace_auto(conn, {item.id: as_rows(found.tag(item.title, item.content_text))
                                  for item in items})
    return len(items)


def given(conn: Connection, tagged: dict[str, list[str]]) -> None:
    """Tag items with what their source says ("rome:H2913", "lieu:commune:57463"), as
    automatic tags: a job brings its domaines, a place the places it lies in (with the
    referentials loaded; without, the job and the place alone)."""
    tag_store.replace_auto(conn, {item_id: sorted({row for text in texts
                                                   for row in _given_rows(conn, text)})
                                  for item_id, texts in tagged.items()})


def _given_rows(conn: Connection, text: str) -> list[tag_store.Tag]:
    try:
        return _added(conn, text)
    except InvalidRequest:  # a place the geography does not hold (or none loaded)
        return [_parsed(text)]


# What people write before the colon of a tag ("lieu:57", "rome:H2913").
KIND_NAMES = {"rome": "rome", "metier": "rome", "domaine": "domaine",
              "grand_domaine": "grand_domaine", "skill": "skill", "lieu": "place",
              "place": "place"}


@dataclass(frozen=True)
class Edited:
    changed: bool  # whether the item's tags changed
    tags: dict[str, tuple]  # the item's tags afterwards, by kind (store.tags.effective_of)


def edit(instance: Instance, item_id: str, add: Iterable[str], remove: Iterable[str],
         actor: str) -> Edited:
    """A documentalist's additions and removals of an item's tags, written "kind:value"
    ("rome:H2913", "lieu:57", "lieu:commune:57463"), kept across re-tagging: stored with
    their audit entry in one transaction, then indexed, so the next search finds them. An
    added job brings its domaine and grand domaine, an added place the département and
    région it lies in (a commune, its EPCI and bassin); a bare place code removed is every
    place of the item with that code. NotFound for an unknown item, InvalidRequest for a tag
    it cannot read (nothing changed)."""
    with instance.engine.begin() as conn:
        item_store.get(conn, item_id)
        current = tag_store.effective_of(conn, [item_id]).get(item_id, {})
        added = [tag for text in add for tag in _added(conn, text)]
        removed = [tag for text in remove for tag in _removed(current, text)]
        removed += _domaines_left(conn, current, added, removed)
        daily.remove(conn, [item_id])  # counted again with its tags as edited
        changed = tag_store.edit(conn, item_id, added, removed, actor)
        daily.add(conn, [item_id])
        tags = tag_store.effective_of(conn, [item_id]).get(item_id, {})
    instance.sync_index()
    return Edited(changed, tags)


def _domaines_left(conn: Connection, current: dict[str, tuple], added: list[tag_store.Tag],
                   removed: list[tag_store.Tag]) -> list[tag_store.Tag]:
    """The domaines and grands domaines only the removed jobs brought: a job removed takes
    them along, unless another job of the item lies in them too."""
    gone = {value for kind, value in removed if kind == "rome"}
    if not gone:
        return []
    kept = ({*current.get("rome", ())} - gone) | {value for kind, value in added
                                                  if kind == "rome"}
    metiers = referential_store.metiers(conn, gone | kept)
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
        metier = referential_store.metiers(conn, [value.upper()]).get(value.upper())
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
    for each in (COMMUNE, EPCI, DEPARTEMENT, REGION):
        found = referential_store.places(conn, each, [code]) if kind in ("", each) else {}
        if code in found:
            return [(PLACE, key) for key in _lies_in(conn, found[code])]
    if kind in ("", BASSIN) and code in labourmarket.bassin_names(conn):
        return [(PLACE, f"{BASSIN}:{code}")]
    return None


def _lies_in(conn: Connection, place: referential_store.Place) -> list[str]:
    """The keys of a place and of the places it lies in (a commune's EPCI and bassin
    d'emploi among them)."""
    if isinstance(place, Commune):
        bassin = labourmarket.bassins_of(conn, [place.code]).get(place.code)
        return [f"{COMMUNE}:{place.code}", f"{DEPARTEMENT}:{place.departement}",
                f"{REGION}:{place.region}", *([f"{EPCI}:{place.epci}"] if place.epci else []),
                *([f"{BASSIN}:{bassin}"] if bassin else [])]
    if isinstance(place, Departement):
        return [f"{DEPARTEMENT}:{place.code}", f"{REGION}:{place.region}"]
    return [f"{EPCI if isinstance(place, Epci) else REGION}:{place.code}"]


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
            daily.remove(conn, ids)  # counted again as tagged now
            tag_items(conn, batch)
            daily.add(conn, ids)
            after = tag_store.effective_of(conn, ids)
            changed = [item_id for item_id in ids if before.get(item_id) != after.get(item_id)]
            item_store.mark_unindexed(conn, changed)
        done += len(batch)
        last = ids[-1]
        if progress:
            progress(len(batch))
