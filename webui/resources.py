"""Documentalists add documents to the catalogue by upload or by address; the files are
served back as downloads, never as pages.

Uploads are refused past `[resources] max_file_mb` (413), their format is read from their
content (catalogue, filetext), they are kept under a name made from their bytes (the name
they came with is data), and they come back as attachments, with `nosniff`, under the
media type their content has.
"""

import io

from flask import (
    Blueprint,
    Flask,
    Response,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField, TextAreaField, URLField
from wtforms.validators import URL, InputRequired, Length

from veille.errors import FetchError
from veille.fetch.client import Fetcher
from veille.library import bookmarks, catalogue, dublincore
from veille.library.filetext import UnsupportedFormat
from veille.store import resources as resource_store

from . import problems
from .context import instance

bp = Blueprint("resources", __name__, url_prefix="/resources")
ADDED = {"new": _l("Ressource ajoutée au catalogue."), "updated": _l("Ressource mise à jour."),
         "unchanged": _l("Ce fichier est déjà au catalogue : voici sa ressource.")}
# Room for the form's other fields besides the file.
FORM_OVERHEAD = 64 * 1024
UNSUPPORTED = _l("Ce fichier n'est pas un document que veille sait lire : PDF, DOCX, ODT, "
                 "HTML, texte ou Markdown.")


def register(app: Flask) -> None:
    """The blueprint, and the size past which a request is refused (413) before it is read."""
    max_mb = app.extensions["veille"].settings.resources.max_file_mb
    app.config["MAX_CONTENT_LENGTH"] = max_mb * 2**20 + FORM_OVERHEAD
    app.register_blueprint(bp)


class UploadForm(FlaskForm):
    document = FileField(_l("Document (PDF, DOCX, ODT, HTML, texte, Markdown)"),
                         validators=[FileRequired(_l("Choisissez un fichier."))])


class BookmarkForm(FlaskForm):
    address = URLField(_l("Adresse d'une page ou d'un document en ligne"),
                       validators=[InputRequired(), URL(require_tld=False), Length(max=2000)])


@bp.route("/new", methods=["GET", "POST"])
def new():
    form, bookmark = UploadForm(), BookmarkForm(formdata=None)
    if not form.validate_on_submit():
        return _page(form, bookmark)
    upload = form.document.data
    try:
        added = catalogue.add_file(instance(), upload.read(), upload.filename or "", "upload",
                                   actor=current_user.user.email)
    except UnsupportedFormat:
        return _page(form, bookmark, UNSUPPORTED), 400
    return _added(added)


@bp.post("/bookmark")
def bookmark():
    """A web page as a bookmark with its main text, or a document at an address."""
    form, bookmark_form = UploadForm(formdata=None), BookmarkForm()
    if not bookmark_form.validate_on_submit():
        return _page(form, bookmark_form), 400
    try:
        with Fetcher(instance().settings.fetch) as fetcher:
            added = bookmarks.add_url(instance(), fetcher, bookmark_form.address.data,
                                      current_user.user.email)
    except UnsupportedFormat:
        return _page(form, bookmark_form, UNSUPPORTED), 400
    except FetchError as exc:
        return _page(form, bookmark_form, problems.of(exc)), 400
    return _added(added)


def _page(upload: UploadForm, bookmark_form: BookmarkForm,
          error: str | problems.Problem | None = None):
    return render_template("resources/new.html", form=upload, bookmark=bookmark_form,
                           error=error)


def _added(added: catalogue.Added):
    """Index the resource added (and logged), and show it."""
    instance().sync_index()
    flash(str(ADDED[added.status]))
    return redirect(url_for("items.show", item_id=added.resource.id))


class RecordForm(FlaskForm):
    """The Dublin Core elements of a record, as a documentalist edits them."""

    title = StringField(_l("Titre"), validators=[InputRequired(), Length(max=500)])
    creator = StringField(_l("Auteur"), validators=[Length(max=500)])
    subject = StringField(_l("Sujets (séparés par des points-virgules)"),
                          validators=[Length(max=2000)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    publisher = StringField(_l("Éditeur"), validators=[Length(max=500)])
    date = StringField(_l("Date (AAAA-MM-JJ)"), validators=[Length(max=64)])
    type = StringField(_l("Type"), validators=[Length(max=200)])
    identifier = StringField(_l("Identifiant (adresse, ISBN…)"), validators=[Length(max=2000)])
    language = StringField(_l("Langue"), validators=[Length(max=35)])
    coverage = StringField(_l("Couverture (territoire)"), validators=[Length(max=500)])
    rights = StringField(_l("Droits"), validators=[Length(max=500)])


@bp.route("/<resource_id>/edit", methods=["GET", "POST"])
def edit(resource_id: str):
    with instance().engine.connect() as conn:
        record = resource_store.get(conn, resource_id)
    form = RecordForm(data={**_as_row(record), "subject": "; ".join(record.subject)})
    if not form.validate_on_submit():
        return render_template("resources/edit.html", form=form, record=record)
    row = {name: form[name].data or "" for name in dublincore.ELEMENTS if name in form}
    edited = dublincore.with_elements(record, row)
    if catalogue.update_record(instance(), edited, current_user.user.email):
        instance().sync_index()
        flash(gettext("Notice enregistrée."))
    return redirect(url_for("items.show", item_id=record.id))


def _as_row(record) -> dict:
    return {name: getattr(record, name) for name in dublincore.ELEMENTS}


@bp.get("/export.csv")
def export_csv():
    """The catalogue as CSV, as `veille resources export-csv` writes it."""
    out = io.StringIO()
    dublincore.write_csv(_records(), out)
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=catalogue.csv"})


@bp.get("/export.xml")
def export_dc():
    """The catalogue as Dublin Core XML (OAI-DC records)."""
    return Response(dublincore.oai_dc(_records()), mimetype="application/xml", headers={
        "Content-Disposition": "attachment; filename=catalogue-oai-dc.xml"})


def _records():
    with instance().engine.connect() as conn:
        return resource_store.all_records(conn)


@bp.get("/<resource_id>/file")
def file(resource_id: str):
    with instance().engine.connect() as conn:
        record = resource_store.get(conn, resource_id)
    return send_file(catalogue.stored_file(instance(), record), mimetype=record.format,
                     as_attachment=True, download_name=record.file_name or "document")
