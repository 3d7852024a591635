"""The employers' portal, public: what documentalists published, by sector and territory,
its search and its feeds. Nothing else of the store is reachable from here: every search
is limited to published items and an item's page answers only for a published one."""

from flask import Blueprint, abort, render_template, request

from veille.index.facets import FACETS
from veille.index.search import search
from veille.sectors import SECTORS
from veille.store import curation as curation_store
from veille.store import items as item_store

from .context import instance
from .feeds import atom
from .params import search_query
from .search import url_with

bp = Blueprint("portal", __name__, url_prefix="/portail")
PORTAL_FACETS = tuple(facet for facet in FACETS if facet.param in ("sector", "place"))


@bp.get("")
def index():
    veille = instance()
    page = search(veille.index_dir,
                  search_query(_portal_args(), veille.settings, published_only=True))
    return render_template("portal/index.html", page=page, facets=PORTAL_FACETS,
                           sectors=SECTORS, url_with=url_with)


@bp.get("/flux.atom")
def feed():
    return atom(_portal_args(), "portal.item", "portal.index", published_only=True)


@bp.get("/<item_id>")
def item(item_id: str):
    with instance().engine.connect() as conn:
        curation = curation_store.of_items(conn, [item_id]).get(item_id)
        if curation is None or not curation.published or curation.hidden:
            abort(404)
        shown = item_store.get(conn, item_id)
    return render_template("portal/item.html", item=shown, curation=curation, sectors=SECTORS)


def _portal_args():
    """The request's arguments the portal knows: words, its facets, the page; internal
    filters (source, tag…) are not offered here."""
    known = {"q", "page", "sort", *(facet.param for facet in PORTAL_FACETS)}
    args = request.args.copy()
    for name in set(args) - known:
        args.poplist(name)
    return args
