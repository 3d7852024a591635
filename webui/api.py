"""The JSON API: `/api/search` (its shape is a contract, see DESIGN.md). Visitors who are not
signed in search what was published to the portal, unless `[web] public_search`."""

from flask import Blueprint, jsonify, request

from veille.index.search import page_as_json, search

from .access import sees_everything
from .context import instance
from .params import search_query

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    veille = instance()
    query = search_query(request.args, veille.settings, published_only=not sees_everything())
    page = search(veille.index_dir, query)
    return jsonify(page_as_json(page))
