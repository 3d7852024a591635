"""Dossiers in the web UI: one's own (private until shared), the team's and those colleagues
shared; create one, put items in it from their page, take them out, rename, share, delete,
print it or export it as CSV. Who sees and changes what is veille/diffuse/dossiers.py's rule: a
private dossier of someone else answers 404, a change one may not make 403."""

import io
from collections.abc import Callable

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from veille.diffuse import dossiers, maison
from veille.errors import InvalidRequest
from veille.models import LOCAL_TIME
from veille.store.dossiers import MAX_NAME, Dossier
from veille.store.schema import utcnow

from .context import instance
from .forms import ShareForm
from .language import translated
from .maison import logo_url
from .policy import policy

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")


class NewDossierForm(FlaskForm):
    name = StringField(_l("Nom"), validators=[InputRequired(), Length(max=MAX_NAME)])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    shared = BooleanField(_l("Partager avec l'équipe (sinon, vous seul le voyez)"))


class AddToDossierForm(FlaskForm):
    dossier = IntegerField(_l("Dossier"), validators=[InputRequired()])
    item_id = HiddenField(validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Length(max=2000)])


class RenameForm(FlaskForm):
    name = StringField(_l("Nouveau nom"), validators=[InputRequired(), Length(max=MAX_NAME)])


@bp.get("")
def index():
    person = current_user.user
    found = dossiers.visible(instance(), person)
    return render_template(
        "dossiers/index.html", form=NewDossierForm(),
        mine=[dossier for dossier in found if dossier.owner_id == person.id],
        team=[dossier for dossier in found if dossier.team],
        colleagues=[dossier for dossier in found
                    if not dossier.team and dossier.owner_id != person.id])


@bp.post("/new")
def create():
    form = NewDossierForm()
    if form.validate_on_submit():
        try:
            made = dossiers.create(instance(), form.name.data, form.description.data or "",
                                   current_user.user.email, current_user.user,
                                   shared=form.shared.data)
        except InvalidRequest as error:
            flash(translated(str(error)))
            return redirect(url_for("dossiers.index"))
        flash(gettext("Dossier créé."))
        return redirect(url_for("dossiers.show", dossier_id=made.id))
    return redirect(url_for("dossiers.index"))


@bp.get("/<int:dossier_id>")
def show(dossier_id: int):
    dossier, entries = dossiers.contents(instance(), _seen(dossier_id))
    person = current_user.user
    return render_template("dossiers/show.html", dossier=dossier, entries=entries,
                           form=FlaskForm(), rename_form=RenameForm(name=dossier.name),
                           changes=dossiers.may_change(person, dossier),
                           mine=dossier.owner_id == person.id)


@bp.post("/add")
def add():
    form = AddToDossierForm()
    if form.validate_on_submit():
        dossier = _change(dossiers.put, form.dossier.data, form.item_id.data,
                          form.note.data or "", None)
        flash(gettext("Ajouté au dossier « %(name)s ».", name=dossier.name))
    return redirect(url_for("items.show", item_id=form.item_id.data))


@bp.post("/<int:dossier_id>/remove/<item_id>")
def remove(dossier_id: int, item_id: str):
    if FlaskForm().validate_on_submit():
        _change(dossiers.take_out, dossier_id, item_id)
    return redirect(url_for("dossiers.show", dossier_id=dossier_id))


@bp.post("/<int:dossier_id>/rename")
def rename(dossier_id: int):
    form = RenameForm()
    if form.validate_on_submit():
        try:
            _change(dossiers.rename, dossier_id, form.name.data)
            flash(gettext("Dossier renommé."))
        except InvalidRequest as error:
            flash(translated(str(error)))
    return redirect(url_for("dossiers.show", dossier_id=dossier_id))


@bp.post("/<int:dossier_id>/share")
def share(dossier_id: int):
    form = ShareForm()
    if form.validate_on_submit():
        shared = form.shared.data == "1"
        _change(dossiers.share, dossier_id, shared)
        flash(gettext("Dossier partagé avec l'équipe.") if shared
              else gettext("Dossier rendu privé."))
    return redirect(url_for("dossiers.show", dossier_id=dossier_id))


@bp.post("/<int:dossier_id>/delete")
def delete(dossier_id: int):
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("dossiers.show", dossier_id=dossier_id))
    dossier = _change(dossiers.delete, dossier_id)
    flash(gettext("Dossier « %(name)s » supprimé (ses documents restent dans veille).",
                  name=dossier.name))
    return redirect(url_for("dossiers.index"))


@bp.get("/<int:dossier_id>/print")
def printable(dossier_id: int):
    """The dossier to print, as `veille dossiers export` writes it: its style inside, which
    the page's security policy allows by its hash (and no other inline style)."""
    dossier, entries = dossiers.contents(instance(), _seen(dossier_id))
    page = dossiers.printable(dossier, entries, utcnow().astimezone(LOCAL_TIME).date(),
                              maison.of(instance().settings), logo_url())
    return Response(page, mimetype="text/html",
                    headers={"Content-Security-Policy": policy(dossiers.PRINT_STYLE)})


@bp.get("/<int:dossier_id>/export.csv")
def export_csv(dossier_id: int):
    dossier, entries = dossiers.contents(instance(), _seen(dossier_id))
    out = io.StringIO()
    dossiers.write_csv(entries, out)
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=dossier-{dossier.id}.csv"})


def _seen(dossier_id: int) -> Dossier:
    """The dossier, if the person signed in sees it (NotFound, hence 404, otherwise)."""
    return dossiers.seen(instance(), dossier_id, current_user.user)


def _change(change: Callable, dossier_id: int, *args) -> Dossier:
    """Make the change as the person signed in: 404 for a dossier they do not see, 403 for
    one they may only read (Forbidden). Returns the dossier as it was before."""
    dossier = _seen(dossier_id)
    person = current_user.user
    change(instance(), dossier, *args, person.email, by=person)
    return dossier
