"""The item tags repository: the taggers' tags of each item ("auto", replaced when the item
is tagged again) and a documentalist's edits ("manual": an added tag, or the removal of an
automatic one), which re-tagging leaves alone. The caller holds the transaction.

Kinds: "rome" (H2913), "domaine" (H29), "grand_domaine" (H), "skill" (an OGR code) and
"place" (a place key, "commune:57463", "departement:57": the places named and those they
lie in, models of `enrich.tagging.Tags.place_keys`).
"""

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, and_, delete, insert, select, update

from ..errors import InvalidRequest
from . import audit
from .items import get as get_item
from .schema import item_tags, items

KINDS = ("rome", "domaine", "grand_domaine", "skill", "place")
AUTO, MANUAL = "auto", "manual"

# A tag: (kind, value).
Tag = tuple[str, str]


def replace_auto(conn: Connection, tagged: Mapping[str, Iterable[Tag]]) -> None:
    """Make the automatic tags of each item of `tagged` (by id) the ones given."""
    ids = list(tagged)
    if not ids:
        return
    conn.execute(delete(item_tags).where(and_(item_tags.c.item_id.in_(ids),
                                              item_tags.c.origin == AUTO)))
    rows = [{"item_id": item_id, "kind": kind, "value": value, "origin": AUTO, "removed": False}
            for item_id, tags in tagged.items() for kind, value in dict.fromkeys(tags)]
    if rows:
        conn.execute(insert(item_tags), rows)


def auto_of(conn: Connection, item_id: str) -> set[Tag]:
    """The automatic tags of an item, removed or not."""
    rows = conn.execute(select(item_tags.c.kind, item_tags.c.value).where(
        and_(item_tags.c.item_id == item_id, item_tags.c.origin == AUTO)))
    return {(row.kind, row.value) for row in rows}


def effective_of(conn: Connection, ids: list[str] | None = None) -> dict[str, dict[str, tuple]]:
    """The tags of each item that has some (all items when `ids` is None), by kind: the
    automatic ones not removed by hand, then the ones added by hand."""
    query = select(item_tags).order_by(item_tags.c.item_id, item_tags.c.origin,
                                       item_tags.c.kind, item_tags.c.value)
    if ids is not None:
        query = query.where(item_tags.c.item_id.in_(ids))
    auto: dict[str, dict[Tag, None]] = {}
    added: dict[str, dict[Tag, None]] = {}
    removed: dict[str, set[Tag]] = {}
    for row in conn.execute(query):
        tag = (row.kind, row.value)
        if row.origin == AUTO:
            auto.setdefault(row.item_id, {})[tag] = None
        elif row.removed:
            removed.setdefault(row.item_id, set()).add(tag)
        else:
            added.setdefault(row.item_id, {})[tag] = None
    found: dict[str, dict[str, tuple]] = {}
    for item_id in dict.fromkeys([*auto, *added]):
        kept = [tag for tag in auto.get(item_id, {}) if tag not in removed.get(item_id, set())]
        kept += [tag for tag in added.get(item_id, {}) if tag not in kept]
        by_kind: dict[str, tuple] = {}
        for kind, value in kept:
            by_kind[kind] = (*by_kind.get(kind, ()), value)
        if by_kind:
            found[item_id] = by_kind
    return found


def edit(conn: Connection, item_id: str, add: Iterable[Tag], remove: Iterable[Tag],
         actor: str) -> bool:
    """A documentalist adds and removes tags of an item: logged, the index follows. A
    removal of an automatic tag is kept as such (re-tagging will not bring it back); a
    removal of a tag added by hand forgets the addition. Returns whether anything changed."""
    get_item(conn, item_id)
    add, remove = list(dict.fromkeys(add)), list(dict.fromkeys(remove))
    for kind, _ in add + remove:
        if kind not in KINDS:
            raise InvalidRequest(f"unknown tag kind {kind!r}: {', '.join(KINDS)}")
    before = effective_of(conn, [item_id]).get(item_id, {})
    for kind, value in remove:
        _forget_manual(conn, item_id, kind, value)
        conn.execute(insert(item_tags).values(item_id=item_id, kind=kind, value=value,
                                              origin=MANUAL, removed=True))
    for kind, value in add:
        _forget_manual(conn, item_id, kind, value)
        conn.execute(insert(item_tags).values(item_id=item_id, kind=kind, value=value,
                                              origin=MANUAL, removed=False))
    after = effective_of(conn, [item_id]).get(item_id, {})
    if after == before:
        return False
    conn.execute(update(items).where(items.c.id == item_id).values(indexed=False))
    audit.record(conn, actor, "tag", f"item:{item_id}",
                 {"added": [f"{k}:{v}" for k, v in add],
                  "removed": [f"{k}:{v}" for k, v in remove]})
    return True


def _forget_manual(conn: Connection, item_id: str, kind: str, value: str) -> None:
    conn.execute(delete(item_tags).where(and_(
        item_tags.c.item_id == item_id, item_tags.c.kind == kind, item_tags.c.value == value,
        item_tags.c.origin == MANUAL)))
