"""The JSON API: `/api/search` (its shape is a contract, see DESIGN.md) and `/api/trends`
(the same search counted by week or month). Visitors who are not signed in search what was
published to the portal, unless `[web] public_search`."""

from flask import Blueprint, jsonify, request

from veille.index.search import page_as_json, search
from veille.trends import interval_of

from .access import sees_everything
from .context import instance
from .params import search_query
from .trends import trend, trend_as_json

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    veille = instance()
    query = search_query(request.args, veille.settings, published_only=not sees_everything())
    page = search(veille.index_dir, query)
    return jsonify(page_as_json(page))


@bp.get("/trends")
def trends_json():
    veille = instance()
    query = search_query(request.args, veille.settings, published_only=not sees_everything())
    return jsonify(trend_as_json(trend(query, interval_of(request.args.get("interval")))))
