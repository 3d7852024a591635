"""Machine-readable views of searches: the Atom feed of a search and OpenSearch."""

import re

from flask import Blueprint, render_template, request

from veille.index.search import search
from veille.store.schema import utcnow

from .context import instance
from .params import search_query

bp = Blueprint("feeds", __name__)
FEED_ENTRIES = 50
# Characters XML 1.0 forbids even escaped; stored text may hold them (feeds, imports, queries).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@bp.get("/feeds/search.atom")
def search_atom():
    veille = instance()
    args = request.args.copy()
    args["sort"] = "date"
    page = search(veille.index_dir, search_query(args, veille.settings, limit=FEED_ENTRIES))
    updated = max((hit.published for hit in page.hits), default=utcnow())
    body = xml_chars(render_template("feeds/search.atom.xml", page=page, updated=updated))
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


@bp.get("/opensearch.xml")
def opensearch():
    body = render_template("feeds/opensearch.xml")
    return body, 200, {"Content-Type": "application/opensearchdescription+xml; charset=utf-8"}


def xml_chars(text: str) -> str:
    """Drop the characters XML forbids, so that the feed stays well-formed whatever it quotes."""
    return NOT_XML.sub("", text)
