"""The lists of bulletin subscribers, for documentalists: one per theme, its subscribers
(confirmed, awaiting confirmation, unsubscribed), an import and an export as CSV, an address
taken off, the list deleted (after a confirmation page). Each change is logged."""

import io

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from veille.diffuse import subscriberlists
from veille.errors import InvalidRequest
from veille.store import subscribers as subscriber_store

from .context import instance
from .forms import ConfirmForm
from .language import translated

bp = Blueprint("bulletinlists", __name__, url_prefix="/bulletins/listes")
STATUS_LABELS = {"confirmed": _l("confirmé"), "pending": _l("en attente de confirmation"),
                 "unsubscribed": _l("désabonné")}


class NewListForm(FlaskForm):
    name = StringField(_l("Nom de la liste (le thème des bulletins)"),
                       validators=[InputRequired(), Length(max=subscriberlists.NAME_CHARS)])
    description = TextAreaField(_l("Description, montrée à qui s'abonne"),
                                validators=[Length(max=2000)])


class ImportForm(FlaskForm):
    file = FileField(_l("Fichier CSV (une colonne « email », ou les adresses en première "
                        "colonne)"), validators=[FileRequired(_l("Choisissez un fichier."))])


class RemoveForm(FlaskForm):
    email = HiddenField(validators=[InputRequired()])


@bp.get("")
def index():
    with instance().engine.connect() as conn:
        found = subscriber_store.lists(conn)
    return render_template("bulletinlists/index.html", lists=found, form=NewListForm())


@bp.post("/new")
def create():
    form = NewListForm()
    if form.validate_on_submit():
        try:
            made = subscriberlists.create(instance(), form.name.data,
                                          form.description.data or "", _actor())
        except InvalidRequest as refused:
            flash(translated(str(refused)))
        else:
            flash(gettext("Liste « %(name)s » créée.", name=made.name))
            return redirect(url_for("bulletinlists.show", list_id=made.id))
    return redirect(url_for("bulletinlists.index"))


@bp.get("/<int:list_id>")
def show(list_id: int):
    with instance().engine.connect() as conn:
        found = subscriber_store.get_list(conn, list_id)
        members = subscriber_store.members(conn, list_id)
    return render_template("bulletinlists/show.html", found=found, members=members,
                           statuses=STATUS_LABELS, import_form=ImportForm(),
                           remove_form=RemoveForm())


@bp.post("/<int:list_id>/import")
def import_csv(list_id: int):
    form = ImportForm()
    if form.validate_on_submit():
        text = form.file.data.read().decode("utf-8-sig", errors="replace")
        done = subscriberlists.import_csv(instance(), list_id, text, _actor())
        flash(ngettext("%(num)d adresse ajoutée ; déjà abonnées : %(already)d ; "
                       "désabonnées, laissées telles quelles : %(left)d.",
                       "%(num)d adresses ajoutées ; déjà abonnées : %(already)d ; "
                       "désabonnées, laissées telles quelles : %(left)d.",
                       done.added, already=done.already, left=done.unsubscribed))
        for line, text in done.refused[:20]:
            flash(gettext("Ligne %(line)d refusée : « %(text)s » n'est pas une adresse.",
                          line=line, text=text))
    return redirect(url_for("bulletinlists.show", list_id=list_id))


@bp.get("/<int:list_id>/export.csv")
def export_csv(list_id: int):
    out = io.StringIO()
    subscriberlists.export_csv(instance(), list_id, out)
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=abonnes-{list_id}.csv"})


@bp.post("/<int:list_id>/remove")
def remove(list_id: int):
    form = RemoveForm()
    if form.validate_on_submit():
        subscriberlists.remove(instance(), list_id, form.email.data, _actor())
        flash(gettext("%(email)s retiré de la liste.", email=form.email.data))
    return redirect(url_for("bulletinlists.show", list_id=list_id))


@bp.route("/<int:list_id>/delete", methods=["GET", "POST"])
def delete(list_id: int):
    form = ConfirmForm()
    if form.confirmed_now():
        gone = subscriberlists.delete(instance(), list_id, _actor())
        flash(gettext("Liste « %(name)s » supprimée.", name=gone.name))
        return redirect(url_for("bulletinlists.index"))
    with instance().engine.connect() as conn:
        found = subscriber_store.get_list(conn, list_id)
        count = len(subscriber_store.members(conn, list_id))
    return render_template("bulletinlists/delete.html", found=found, count=count, form=form)


def _actor() -> str:
    return current_user.user.email
