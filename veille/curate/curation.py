"""Curating collected items: star, tag, note, hide, publish to the employers' portal. The
store first (with the audit log), then the index, so that a curation change is found by the
next search."""

from dataclasses import replace

from ..errors import InvalidRequest
from ..instance import Instance
from ..models import Curation
from ..store import curation as curation_store
from ..text.labels import normalise_tags
from .sectors import SECTORS

MAX_PLACE_CHARS = 100


def curate(
    instance: Instance,
    item_id: str,
    actor: str,
    *,
    star: bool | None = None,
    hide: bool | None = None,
    note: str | None = None,
    add_tags: tuple[str, ...] = (),
    remove_tags: tuple[str, ...] = (),
) -> Curation:
    """Change what is given (None leaves it as it is); the item's curation afterwards.
    NotFound for an unknown item."""
    with instance.engine.begin() as conn:
        current = curation_store.get(conn, item_id)
        removed = set(normalise_tags(remove_tags))
        tags = tuple(tag for tag in normalise_tags(current.tags + add_tags) if tag not in removed)
        changed = replace(
            current,
            starred=current.starred if star is None else star,
            hidden=current.hidden if hide is None else hide,
            note=current.note if note is None else note.strip(),
            tags=tags,
        )
        curation_store.save(conn, changed, actor)
        result = curation_store.get(conn, item_id)
    instance.sync_index()
    return result


def show_again(instance: Instance, item_ids: list[str], actor: str) -> int:
    """Bring hidden items back into searches (each change logged); how many were hidden.
    Unknown ids are skipped: the item may have gone since the page listed it."""
    shown = 0
    with instance.engine.begin() as conn:
        for found in curation_store.of_items(conn, list(item_ids)).values():
            if found.hidden:
                shown += curation_store.save(conn, replace(found, hidden=False), actor)
    instance.sync_index()
    return shown


def publish(
    instance: Instance,
    item_id: str,
    actor: str,
    published: bool,
    sectors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> Curation:
    """Put the item on the employers' portal under `sectors` (codes of SECTORS) and `places`,
    or take it off (`published` False keeps its sectors and places for next time)."""
    unknown = sorted(set(sectors) - set(SECTORS))
    if unknown:
        raise InvalidRequest(f"secteur inconnu : {', '.join(unknown)}")
    names = tuple(dict.fromkeys(" ".join(place.split()) for place in places if place.strip()))
    if any(len(name) > MAX_PLACE_CHARS for name in names):
        raise InvalidRequest(f"un territoire tient en {MAX_PLACE_CHARS} caractères")
    with instance.engine.begin() as conn:
        current = curation_store.get(conn, item_id)
        ordered = tuple(code for code in SECTORS if code in sectors)
        changed = replace(current, published=published, sectors=ordered, places=names)
        curation_store.save(conn, changed, actor)
        result = curation_store.get(conn, item_id)
    instance.sync_index()
    return result
