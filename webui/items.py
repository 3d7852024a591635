"""The page of one item: its content, every source that brought it, the same story elsewhere."""

from flask import Blueprint, render_template

from veille.store import items as item_store
from veille.store import stories

from .context import instance

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.get("/<item_id>")
def show(item_id: str):
    with instance().engine.connect() as conn:
        item = item_store.get(conn, item_id)
        also_in = item_store.sources_of(conn, item_id)[1:]
        story = stories.members(conn, item.story_id) if item.story_id else []
    retold = [member for member in story if member.id != item.id]
    return render_template("items/show.html", item=item, also_in=also_in, retold=retold)
