"""The search page, home of the advisors. Visitors who are not signed in are sent to the
employers' portal, unless `[web] public_search` opens it to all."""

from dataclasses import replace

from flask import Blueprint, redirect, render_template, request, url_for

from veille.index.facets import FACETS, FacetValues
from veille.index.search import SearchPage, SearchQuery, one_per_story
from veille.tags import labels as taglabels

from .access import sees_everything
from .context import endpoint, instance
from .filters import FACET_VALUES_SHOWN
from .params import search_query

bp = Blueprint("search", __name__)
MORE_SHOWN = 30  # values a facet's "plus…" lists, those whose words start as typed


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
    shown = shown_values(page)
    more = more_values(query, request.args.get("plus", ""), request.args.get("valeurs", ""))
    with veille.engine.connect() as conn:
        labels = taglabels.facet_labels(conn, {**shown, **{
            param: found.values for param, found in more.items()}})
        synonyms = taglabels.labels(conn, "rome", page.synonyms)
    return render_template("search/index.html", page=page, facets=FACETS, url_with=url_with,
                           shown=shown, more=more, labels=labels, synonyms=synonyms)


def shown_values(page: SearchPage) -> dict[str, list[tuple[str, int]]]:
    """Each facet's values the page lists: its first ones, and those selected."""
    selected = {param: {value.lower() for value in values}
                for param, values in page.query.filters.items()}
    return {param: [(value, count) for at, (value, count) in enumerate(values)
                    if at < FACET_VALUES_SHOWN or value.lower() in selected.get(param, ())]
            for param, values in page.facets.items()}


def more_values(query: SearchQuery, param: str, prefix: str) -> dict[str, FacetValues]:
    """What a facet's "plus…" found (`plus=tag&valeurs=sou`): its values whose words start
    as typed, among the search's results; nothing when no facet is named."""
    if not any(facet.param == param and facet.counted for facet in FACETS):
        return {}
    found = instance().index.facet_values(replace(query, facet_limit=MORE_SHOWN), param,
                                          prefix.strip())
    return {param: found}


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
