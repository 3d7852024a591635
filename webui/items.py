"""The page of one item."""

from flask import Blueprint, render_template

from veille.store import items as item_store

from .context import instance

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.get("/<item_id>")
def show(item_id: str):
    with instance().engine.connect() as conn:
        item = item_store.get(conn, item_id)
    return render_template("items/show.html", item=item)
