"""Sources for documentalists: their health, adding one (tried first: its entries are
fetched and shown, nothing stored), editing, pausing, deleting, collecting one now, and
OPML import and export. Every change goes through veille.sources.sourcebook, into the audit log."""

from collections import Counter

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from veille.collect.health import Health
from veille.errors import ConfigError, ParseError, VeilleError
from veille.models import Source, SourceReport
from veille.sources import sourcebook
from veille.store import items as item_store
from veille.store import sources as source_store

from . import problems
from .context import instance
from .sourceform import (
    KIND_NAMES,
    KINDS,
    STATUSES,
    SourceForm,
    every_fr,
    form_data,
    moment_fr,
)

bp = Blueprint("sources", __name__, url_prefix="/sources")
LATEST = 20  # items shown on a source's page
OPML_FILE = "veille-sources.opml"
# How the summary above the list counts the sources of each status (singular, plural).
TALLIES = {
    "ok": lambda n: ngettext("%(num)d en service", "%(num)d en service", n),
    "failing": lambda n: ngettext("%(num)d en échec", "%(num)d en échec", n),
    "paused": lambda n: ngettext("%(num)d en pause", "%(num)d en pause", n),
    "new": lambda n: ngettext("%(num)d nouvelle", "%(num)d nouvelles", n),
    "disabled": lambda n: ngettext("%(num)d désactivée", "%(num)d désactivées", n),
}


class OpmlForm(FlaskForm):
    document = FileField(_l("Fichier OPML (export d'un lecteur de flux ou d'un autre veille)"),
                         validators=[FileRequired(_l("Choisissez un fichier OPML."))])


@bp.context_processor
def words():
    return {"source_kinds": KINDS, "source_kind_names": KIND_NAMES,
            "source_statuses": STATUSES}


bp.add_app_template_filter(moment_fr)
bp.add_app_template_filter(every_fr)


@bp.get("")
def index():
    return _index(OpmlForm(formdata=None))


def _index(opml_form: OpmlForm, error: problems.Problem | None = None):
    listing = sourcebook.listing(instance())
    return render_template("sources/index.html", listing=listing, summary=_summary(listing),
                           opml_form=opml_form, error=error)


def _summary(listing: list[Health]) -> str:
    """"12 sources, 10 en service, 2 en échec": how many, then how many of each status."""
    tally = Counter(found.status for found in listing)
    parts = [ngettext("%(num)d source", "%(num)d sources", len(listing))]
    parts += [said(tally[status]) for status, said in TALLIES.items() if tally[status]]
    return ", ".join(parts)


@bp.get("/new")
def new():
    form = SourceForm(formdata=None, every=instance().settings.sources.default_every)
    return _form_page(form, None)


@bp.post("/test")
def test():
    """Fetch and read the source of the form, store nothing, show its first entries."""
    form = SourceForm()
    editing = _edited(form)
    if not form.validate_on_submit():
        return _form_page(form, editing), 400
    try:
        source = form.source(instance())
        source.id = editing.id if editing else None
        found = sourcebook.preview(instance(), source)
    except VeilleError as exc:
        return _form_page(form, editing, error=problems.of(exc))
    return _form_page(form, editing, preview=found)


@bp.post("/add")
def create():
    form = SourceForm()
    if not form.validate_on_submit():
        return _form_page(form, None), 400
    try:
        added = sourcebook.add(instance(), form.source(instance()), _actor())
    except ConfigError as exc:
        return _form_page(form, None, error=problems.of(exc)), 400
    flash(gettext("Source « %(name)s » enregistrée. Collectez-la maintenant pour voir ses "
                  "articles, ou attendez sa première collecte.", name=added.name))
    return redirect(url_for("sources.show", source_id=added.id))


@bp.route("/<int:source_id>/edit", methods=["GET", "POST"])
def edit(source_id: int):
    with instance().engine.connect() as conn:
        current = source_store.get(conn, source_id)
    form = SourceForm(data=form_data(current))
    if not form.validate_on_submit():
        return _form_page(form, current), 400 if form.is_submitted() else 200
    try:
        changed = sourcebook.change(instance(), source_id, form.source(instance()), _actor())
    except ConfigError as exc:
        return _form_page(form, current, error=problems.of(exc)), 400
    flash(gettext("Source « %(name)s » modifiée.", name=changed.name))
    return redirect(url_for("sources.show", source_id=source_id))


def _edited(form: SourceForm) -> Source | None:
    """The source an edit form is about (404 if it is no more), None for a new one."""
    if not (form.editing.data or "").isdigit():
        return None
    with instance().engine.connect() as conn:
        return source_store.get(conn, int(form.editing.data))


def _form_page(form: SourceForm, editing: Source | None,
               preview: sourcebook.Preview | None = None,
               error: problems.Problem | None = None):
    return render_template("sources/form.html", form=form, editing=editing,
                           preview=preview, error=error)


@bp.get("/<int:source_id>")
def show(source_id: int):
    found = sourcebook.listed(instance(), source_id)
    with instance().engine.connect() as conn:
        latest = item_store.latest(conn, LATEST, source_id)
        count = source_store.items_count(conn, source_id)
    return render_template("sources/show.html", found=found, source=found.source,
                           latest=latest, count=count, action_form=FlaskForm())


@bp.post("/<int:source_id>/pause")
def pause(source_id: int):
    return _set_paused(source_id, True,
                       _l("Source mise en pause : elle n'est plus collectée."))


@bp.post("/<int:source_id>/resume")
def resume(source_id: int):
    return _set_paused(source_id, False,
                       _l("Source reprise : elle sera collectée à nouveau."))


def _set_paused(source_id: int, paused: bool, message):
    if FlaskForm().validate_on_submit():
        sourcebook.set_paused(instance(), source_id, paused, _actor())
        flash(str(message))
    return redirect(url_for("sources.show", source_id=source_id))


@bp.post("/<int:source_id>/collect")
def collect(source_id: int):
    """Collect the source now, as the scheduler would, and say what it brought."""
    found = sourcebook.listed(instance(), source_id)
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("sources.show", source_id=source_id))
    if found.next_run is None:
        flash(gettext("Cette source est en pause : reprenez-la avant de la collecter."))
    else:
        flash(_collected(sourcebook.collect_now(instance(), source_id, _actor())))
    return redirect(url_for("sources.show", source_id=source_id))


def _collected(report: SourceReport) -> str:
    if report.failed:
        return gettext("La collecte a échoué. %(problem)s",
                       problem=problems.sentence(report.error_kind))
    if report.not_modified:
        return gettext("Collecte terminée : la source n'a pas changé depuis la dernière fois.")
    counts = {"fetched": report.fetched, "new": report.new, "updated": report.updated,
              "unchanged": report.unchanged, "blocked": report.blocked}
    if report.blocked:
        return gettext("Collecte terminée : %(fetched)s entrées lues, %(new)s nouvelles, "
                       "%(updated)s mises à jour, %(unchanged)s inchangées, %(blocked)s "
                       "écartées par les règles.", **counts)
    return gettext("Collecte terminée : %(fetched)s entrées lues, %(new)s nouvelles, "
                   "%(updated)s mises à jour, %(unchanged)s inchangées.", **counts)


@bp.route("/<int:source_id>/delete", methods=["GET", "POST"])
def delete(source_id: int):
    """A confirmation page; its form deletes the source and keeps its items."""
    form = FlaskForm()
    if not form.validate_on_submit():
        found = sourcebook.listed(instance(), source_id)
        with instance().engine.connect() as conn:
            count = source_store.items_count(conn, source_id)
        return render_template("sources/delete.html", source=found.source, count=count,
                               form=form)
    source, kept = sourcebook.remove(instance(), source_id, _actor())
    flash(ngettext("Source « %(name)s » supprimée. Son article reste dans la recherche.",
                   "Source « %(name)s » supprimée. Ses %(num)d articles restent dans la "
                   "recherche.", kept, name=source.name))
    return redirect(url_for("sources.index"))


@bp.get("/export.opml")
def export_opml():
    """Every source as OPML, as `veille sources export-opml` writes it."""
    return Response(sourcebook.export_opml(instance()), mimetype="text/x-opml", headers={
        "Content-Disposition": f"attachment; filename={OPML_FILE}"})


@bp.post("/import")
def import_opml():
    form = OpmlForm()
    if not form.validate_on_submit():
        return _index(form), 400
    try:
        imported = sourcebook.import_opml(instance(), form.document.data.read(), _actor())
    except ParseError as exc:
        error = problems.of(exc, gettext("Ce fichier n'a pas pu être lu comme un OPML."))
        return _index(form, error), 400
    return render_template("sources/imported.html", imported=imported)


def _actor() -> str:
    return current_user.user.email
