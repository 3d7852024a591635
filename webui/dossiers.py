"""Dossiers in the web UI: create one, put items in it from their page, take them out,
print it or export it as CSV."""

import io

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from veille import dossiers
from veille.models import LOCAL_TIME
from veille.store import dossiers as dossier_store
from veille.store.schema import utcnow

from .context import instance

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")


class NewDossierForm(FlaskForm):
    name = StringField("Nom", validators=[InputRequired(), Length(max=300)])
    description = TextAreaField("Description", validators=[Length(max=2000)])


class AddToDossierForm(FlaskForm):
    dossier = IntegerField("Dossier", validators=[InputRequired()])
    item_id = HiddenField(validators=[InputRequired()])
    note = StringField("Note", validators=[Length(max=2000)])


@bp.get("")
def index():
    with instance().engine.connect() as conn:
        found = dossier_store.all_dossiers(conn)
    return render_template("dossiers/index.html", dossiers=found, form=NewDossierForm())


@bp.post("/new")
def create():
    form = NewDossierForm()
    if form.validate_on_submit():
        dossiers.create(instance(), form.name.data, form.description.data or "",
                        current_user.user.email)
        flash("Dossier créé.")
    return redirect(url_for("dossiers.index"))


@bp.get("/<int:dossier_id>")
def show(dossier_id: int):
    dossier, entries = _contents(dossier_id)
    return render_template("dossiers/show.html", dossier=dossier, entries=entries,
                           form=FlaskForm())


@bp.post("/add")
def add():
    form = AddToDossierForm()
    if form.validate_on_submit():
        dossier = _dossier(form.dossier.data)
        dossiers.put(instance(), dossier.name, form.item_id.data, form.note.data or "", None,
                     current_user.user.email)
        flash(f"Ajouté au dossier « {dossier.name} ».")
    return redirect(url_for("items.show", item_id=form.item_id.data))


@bp.post("/<int:dossier_id>/remove/<item_id>")
def remove(dossier_id: int, item_id: str):
    if FlaskForm().validate_on_submit():
        dossiers.take_out(instance(), _dossier(dossier_id).name, item_id,
                          current_user.user.email)
    return redirect(url_for("dossiers.show", dossier_id=dossier_id))


@bp.get("/<int:dossier_id>/print")
def printable(dossier_id: int):
    dossier, entries = _contents(dossier_id)
    return dossiers.printable(dossier, entries, utcnow().astimezone(LOCAL_TIME).date())


@bp.get("/<int:dossier_id>/export.csv")
def export_csv(dossier_id: int):
    dossier, entries = _contents(dossier_id)
    out = io.StringIO()
    dossiers.write_csv(entries, out)
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=dossier-{dossier.id}.csv"})


def _dossier(dossier_id: int) -> dossier_store.Dossier:
    with instance().engine.connect() as conn:
        return dossier_store.get(conn, dossier_id)


def _contents(dossier_id: int):
    return dossiers.contents(instance(), _dossier(dossier_id).name)
