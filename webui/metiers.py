"""The advisor's brief per ROME job (`/metiers/H2913`), its version to print and bring to a
diagnostic, the CSV of its hiring needs (BMO survey), and the finder that leads to it
(`/metiers?q=soudeur`).

The brief lists items that may not be published, so it answers like the search page: to
those who see everything (`access.sees_everything`). Other visitors are asked to sign in,
not sent to the portal as the search sends them: the portal has nothing like a brief, and
who opens one is an advisor whose session ended."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from veille.analyse import jobbrief, jobneeds
from veille.models import LOCAL_TIME
from veille.refdata import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE
from veille.store.schema import utcnow

from .access import sign_in_unless_sees_everything
from .context import endpoint, instance
from .downloads import csv_download
from .filters import day_label

bp = Blueprint("metiers", __name__, url_prefix="/metiers")
SKILL_KINDS = {SAVOIR_FAIRE: _l("Savoir-faire"), SAVOIR_ETRE: _l("Savoir-être professionnels"),
               SAVOIR: _l("Savoirs")}
# The statistics' indicators (veille/collectors/francetravail_stats.py) as the brief names
# them; another one is shown by its code.
INDICATORS = {
    "DE_1/A": _l("Demandeurs d'emploi de catégorie A"),
    "DE_1/ABC": _l("Demandeurs d'emploi de catégories A, B, C"),
    "DE_1/ABCDE": _l("Demandeurs d'emploi de toutes catégories"),
    "OFF_1": _l("Offres d'emploi du trimestre"),
    "DYN_1": _l("Dynamique de l'emploi"),
}


bp.before_request(sign_in_unless_sees_everything)


@bp.get("")
def index():
    veille = instance()
    q = request.args.get("q", "").strip()
    imported = _rome_imported()
    found = jobbrief.find(veille, q) if q and imported else []
    return render_template("metiers/index.html", q=q, found=found, imported=imported)


@bp.get("/<code>")
def show(code: str):
    return _brief(code, "metiers/show.html")


@bp.get("/<code>/imprimer")
def printable(code: str):
    return _brief(code, "metiers/printable.html")


def _brief(code: str, template: str):
    """The brief in `template`; ROME codes are written in capitals, other spellings are
    sent there (a code typed by hand), and a code the store does not know answers 404 with
    the way to find the right one."""
    if code != code.upper():
        return redirect(url_for(endpoint(), code=code.upper()), 301)
    veille = instance()
    today = utcnow().astimezone(LOCAL_TIME).date()
    found = jobbrief.brief(veille, code, today)
    if found is None:
        return render_template("metiers/unknown.html", code=code,
                               imported=_rome_imported()), 404
    return render_template(template, brief=found, day=day_label(found.day),
                           skill_kinds=SKILL_KINDS, needs=jobneeds.job_needs(veille, code),
                           indicators=INDICATORS)


@bp.get("/<code>/besoins.csv")
def needs_csv(code: str):
    """The brief's table of hiring needs as a spreadsheet; 404 without one."""
    found = jobneeds.job_needs(instance(), code.upper())
    if found is None:
        abort(404)
    return csv_download(f"besoins-{code.upper()}-{found.year}.csv",
                        lambda out: jobneeds.write_csv(found, out))


def _rome_imported() -> bool:
    """Whether the store holds the ROME: without it, the pages say how to import it."""
    with instance().engine.connect() as conn:
        return jobbrief.rome_release(conn) is not None
