"""A territory's page (`/territoires/departement:57`: a région, a département, a bassin
d'emploi, an EPCI or a commune), the CSV of its hiring needs, and the finder that leads to
it (`/territoires?q=metz`). The page lists items that may not be published, so it answers
like the job brief: to those who see everything, the others asked to sign in."""

from datetime import datetime

from flask import Blueprint, abort, render_template, request
from flask_babel import lazy_gettext as _l

from veille.analyse import placefinder, territories, trends
from veille.errors import InvalidRequest
from veille.models import LOCAL_TIME

from .access import sign_in_unless_sees_everything
from .context import instance
from .downloads import csv_download
from .filters import day_label
from .metiers import INDICATORS

bp = Blueprint("territoires", __name__, url_prefix="/territoires")
bp.before_request(sign_in_unless_sees_everything)
KINDS = {"region": _l("Région"), "departement": _l("Département"),
         "bassin": _l("Bassin d'emploi (enquête BMO)"), "epci": _l("Intercommunalité"),
         "commune": _l("Commune")}
TABLES = {"projets": _l("Les métiers qui recrutent le plus"),
          "difficiles": _l("Les recrutements les plus difficiles"),
          "saisonniers": _l("Les métiers les plus saisonniers")}


@bp.get("")
def index():
    q = request.args.get("q", "").strip()
    found = placefinder.find(instance(), q) if q else []
    return render_template("territoires/index.html", q=q, found=found, kinds=KINDS)


@bp.get("/<key>")
def show(key: str):
    today = datetime.now(LOCAL_TIME).date()
    found = territories.territory(instance(), key, today)
    if found is None:
        abort(404)
    return render_template("territoires/show.html", territory=found, kinds=KINDS,
                           tables=TABLES, rule=territories, trend_rule=trends,
                           day=day_label(today), indicators=INDICATORS)


@bp.get("/<key>/besoins.csv")
def needs_csv(key: str):
    """Every BMO job of the territory, in the order of one of its tables (`tri`)."""
    order = request.args.get("tri", "projets")
    if order not in territories.ORDERS:
        raise InvalidRequest(f"tri doit valoir {' ou '.join(territories.ORDERS)}")
    return csv_download(f"besoins-{key.replace(':', '-')}-{order}.csv",
                        lambda out: territories.write_csv(instance(), key, order, out))
