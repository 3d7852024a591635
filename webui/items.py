"""The page of one item: its content, every source that brought it, the same story elsewhere."""

from flask import Blueprint, render_template

from veille.errors import IndexUnavailable
from veille.index.similar import Similar, similar_items
from veille.store import items as item_store
from veille.store import resources as resource_store
from veille.store import stories

from .context import instance

bp = Blueprint("items", __name__, url_prefix="/items")
SIMILAR = 5


@bp.get("/<item_id>")
def show(item_id: str):
    with instance().engine.connect() as conn:
        item = item_store.get(conn, item_id)
        record = resource_store.by_id(conn, item_id) if item.kind == "resource" else None
        also_in = item_store.sources_of(conn, item_id)[1:]
        story = stories.members(conn, item.story_id) if item.story_id else []
    retold = [member for member in story if member.id != item.id]
    told_ids = {member.id for member in story}
    similar = [s for s in _similar(item_id, SIMILAR + len(retold)) if s.id not in told_ids]
    return render_template(
        "items/show.html", item=item, also_in=also_in, retold=retold, similar=similar[:SIMILAR],
        record=record,
    )


def _similar(item_id: str, limit: int) -> list[Similar]:
    """Similar items, or none while the index is unavailable: the item itself is in the store."""
    try:
        return similar_items(instance().index_dir, item_id, limit)
    except IndexUnavailable:
        return []
