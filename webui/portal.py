"""The employers' portal, public: what documentalists published, by sector and territory,
its search and its feeds. Nothing else of the store is reachable from here: what a visitor
sees of a search and of an item is veille.curate.visitors' rule (published items, the portal's
facets; parameters the portal does not offer are left out of its pages' searches)."""

from flask import Blueprint, render_template, request

from veille.curate import visitors
from veille.curate.sectors import SECTORS
from veille.index.facets import FACETS
from veille.index.search import one_per_story

from .context import instance
from .feeds import atom
from .params import results, search_query
from .search import url_with

bp = Blueprint("portal", __name__, url_prefix="/portail")
PORTAL_FACETS = tuple(facet for facet in FACETS if facet.param in visitors.FACETS)


@bp.get("")
def index():
    query = search_query(request.args, instance().settings, visitor=True, lenient=True)
    return render_template("portal/index.html", page=results(one_per_story(query)),
                           facets=PORTAL_FACETS,
                           sectors=SECTORS, url_with=url_with)


@bp.get("/flux.atom")
def feed():
    return atom(request.args, "portal.item", "portal.index", visitor=True, lenient=True)


@bp.get("/<item_id>")
def item(item_id: str):
    with instance().engine.connect() as conn:
        shown, curation = visitors.item(conn, item_id)
    return render_template("portal/item.html", item=shown, curation=curation, sectors=SECTORS)
