"""The Maison's identity on pages: `maison` (name, address, contacts) and `maison_logo()`
(the logo's address, "" without one) in every template, and the logo file itself."""

from flask import Blueprint, Response, abort, url_for

from veille.diffuse import maison

from .context import instance

bp = Blueprint("maison", __name__, url_prefix="/maison")


@bp.app_context_processor
def identity() -> dict:
    return {"maison": maison.of(instance().settings), "maison_logo": logo_url}


def logo_url(external: bool = False) -> str:
    """Where the logo is served, "" when there is none to show."""
    if maison.logo(instance().settings) is None:
        return ""
    return url_for("maison.logo", _external=external)


@bp.get("/logo")
def logo():
    found = maison.logo(instance().settings)
    if found is None:
        abort(404)
    return Response(found.content, mimetype=found.mimetype,
                    headers={"Cache-Control": "public, max-age=3600"})
