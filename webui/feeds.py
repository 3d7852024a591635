"""Machine-readable views of searches: the Atom feed of a search and OpenSearch. Visitors who
are not signed in get what was published to the portal, unless `[web] public_search`."""

from flask import Blueprint, render_template, request

from veille.index.search import one_per_story
from veille.store.schema import utcnow
from veille.text.xmltext import xml_chars

from .access import sees_everything
from .context import instance
from .params import results, search_query

bp = Blueprint("feeds", __name__)
FEED_ENTRIES = 50


@bp.get("/feeds/search.atom")
def search_atom():
    if sees_everything():
        return atom(request.args, "items.show", "search.index")
    return atom(request.args, "portal.item", "portal.index", visitor=True)


def atom(args, item_endpoint: str, page_endpoint: str, visitor: bool = False,
         title: str = "", lenient: bool = False):
    """The response of the Atom feed of the search `args` asks for, newest first; entries link
    to `item_endpoint`, the feed to the HTML page `page_endpoint` of the same search. The feed
    is titled `title`, or after the query. A `visitor`'s feed holds what the portal shows
    (params.search_query: its parameters refused or, when `lenient`, left out)."""
    veille = instance()
    page_args = args.to_dict(flat=False)
    args = args.copy()
    args["sort"] = "date"
    query = search_query(args, veille.settings, limit=FEED_ENTRIES, visitor=visitor,
                         lenient=lenient)
    page = results(one_per_story(query))
    updated = max((hit.published for hit in page.hits), default=utcnow())
    body = render_template("feeds/search.atom.xml", page=page, updated=updated,
                           item_endpoint=item_endpoint, page_endpoint=page_endpoint,
                           page_args=page_args, title=title)
    return xml_chars(body), 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.get("/opensearch.xml")
def opensearch():
    body = render_template("feeds/opensearch.xml")
    return body, 200, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}
