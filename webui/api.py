"""The JSON API: `/api/search` (its shape is a contract, see DESIGN.md), `/api/facets` (a
facet's values among a search's results, found by the start of their words), `/api/trends`
(the same search counted by week or month) and `/api/besoins` (the BMO survey's hiring needs
of a job in a place). Visitors who are not signed in search what was published to the portal,
as the portal shows it (veille.curate.visitors), unless `[web] public_search`; the BMO's
figures are public data, answered to all."""

from flask import Blueprint, jsonify, request

from veille.analyse import needs
from veille.analyse.trends import interval_of
from veille.curate import visitors
from veille.index.search import facet_values_as_json, page_as_json

from .access import sees_everything
from .context import instance
from .params import results, search_query
from .trends import trend, trend_as_json

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search_json():
    query = search_query(request.args, instance().settings, visitor=not sees_everything())
    return jsonify(page_as_json(results(query)))


@bp.get("/facets")
def facets_json():
    query = search_query(request.args, instance().settings, visitor=not sees_everything(),
                         own=("name", "prefix"))
    name, prefix = request.args.get("name", ""), request.args.get("prefix", "")
    found = visitors.facet_values(instance().index, query, name, prefix)
    return jsonify(facet_values_as_json(name, prefix, found))


@bp.get("/trends")
def trends_json():
    query = search_query(request.args, instance().settings, visitor=not sees_everything(),
                         own=("interval",))
    return jsonify(trend_as_json(trend(query, interval_of(request.args.get("interval")))))


@bp.get("/besoins")
def besoins_json():
    args = request.args
    found = needs.needs(instance(), args.get("rome"), args.get("lieu", ""), args.get("annee"))
    return jsonify(needs.needs_as_json(found))
