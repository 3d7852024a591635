"""Personal notes in the web UI: anyone signed in writes a private note on an item from its
page (apart from the documentalists' curation note, which is the team's) and finds all of
theirs on "Mes notes". Nobody else ever sees them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField

from veille.curate import notes
from veille.store.notes import Note

from .context import instance

bp = Blueprint("notes", __name__)
FROM_LIST = "notes"  # the `from` field of a form on /notes: go back there


class NoteForm(FlaskForm):
    # The length is checked by veille.curate.notes, which says so in French.
    text = TextAreaField(_l("Texte de ma note"), id="my-note-text")


def form_for(note: Note | None) -> NoteForm:
    """The item page's form, holding the person's note if they wrote one."""
    return NoteForm(text=note.text if note else "")


@bp.get("/notes")
def index():
    page = notes.mine(instance(), current_user.user, request.args.get("page", 1, type=int))
    return render_template("notes/index.html", page=page, form=FlaskForm())


@bp.post("/items/<item_id>/note")
def save(item_id: str):
    form = NoteForm()
    if not form.validate_on_submit():
        abort(400)
    kept = notes.write(instance(), current_user.user, item_id, form.text.data or "")
    flash(gettext("Note enregistrée.") if kept else gettext("Note supprimée."))
    return redirect(url_for("items.show", item_id=item_id, _anchor="ma-note"))


@bp.post("/items/<item_id>/note/delete")
def delete(item_id: str):
    if not FlaskForm().validate_on_submit():
        abort(400)
    if notes.erase(instance(), current_user.user, item_id):
        flash(gettext("Note supprimée."))
    if request.form.get("from") == FROM_LIST:
        return redirect(url_for("notes.index"))
    return redirect(url_for("items.show", item_id=item_id, _anchor="ma-note"))
