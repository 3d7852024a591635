"""The JSON API: `/api/search` (its shape is a contract, see DESIGN.md)."""

from flask import Blueprint, jsonify, request

from veille.index.search import page_as_json, search

from .context import instance
from .params import search_query

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    veille = instance()
    page = search(veille.index_dir, search_query(request.args, veille.settings))
    return jsonify(page_as_json(page))
