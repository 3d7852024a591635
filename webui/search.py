"""The search page, home of the advisors. Visitors who are not signed in are sent to the
employers' portal, unless `[web] public_search` opens it to all."""

from flask import Blueprint, redirect, render_template, request, url_for

from veille.index.facets import FACETS
from veille.index.search import one_per_story
from veille.tags import labels as taglabels

from .access import sees_everything
from .context import endpoint, instance
from .filters import FACET_VALUES_SHOWN
from .params import search_query

bp = Blueprint("search", __name__)


@bp.get("/")
def home():
    return redirect(url_for("search.index" if sees_everything() else "portal.index"))


@bp.get("/search")
def index():
    if not sees_everything():
        return redirect(url_for("portal.index", **request.args.to_dict(flat=False)))
    veille = instance()
    query = search_query(request.args, veille.settings)
    page = veille.index.search(one_per_story(query))
    shown = {name: values[:FACET_VALUES_SHOWN] for name, values in page.facets.items()}
    with veille.engine.connect() as conn:
        labels = taglabels.facet_labels(conn, shown)
        synonyms = taglabels.labels(conn, "rome", page.synonyms)
    return render_template("search/index.html", page=page, facets=FACETS, url_with=url_with,
                           labels=labels, synonyms=synonyms)


def url_with(**changes) -> str:
    """This search's URL (of the page asked for: search or portal) with some parameters
    changed (None removes one); back to page 1 unless the page is what changes.
    `toggle=(name, value)` adds or removes one value."""
    args = request.args.copy()
    args.pop("page", None)
    toggle = changes.pop("toggle", None)
    if toggle:
        name, value = toggle
        values = args.getlist(name)
        values = [v for v in values if v != value] if value in values else [*values, value]
        args.setlist(name, values)
    for name, value in changes.items():
        args.pop(name, None)
        if value is not None:
            args[name] = value
    # mypy checks the **dict against url_for's _anchor and _external too: the arguments of a
    # search are none of them.
    return url_for(endpoint(), **args.to_dict(flat=False))  # type: ignore[arg-type]
