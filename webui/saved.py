"""Saved searches in the web UI: save the search on screen, list one's own and the team's,
rename, share, set the email alert, delete (the owner only); the Atom feed of each, opened
by its token (feed readers do not sign in, and nothing internal is reachable without it)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField
from wtforms.validators import AnyOf, DataRequired, Length

from veille.diffuse import saved_searches
from veille.diffuse.saved_searches import ALERT_LABELS, MAX_NAME
from veille.index.args import kept
from veille.models import ALERTS

from .context import instance
from .feeds import atom
from .forms import ShareForm
from .language import translated

bp = Blueprint("saved", __name__)


class NameForm(FlaskForm):
    name = StringField(_l("Nom"), filters=[lambda text: text.strip() if text else text],
                       validators=[DataRequired(), Length(max=MAX_NAME)])


class AlertForm(FlaskForm):
    # The page's <select> offers ALERT_LABELS; a plain field spares WTForms' choice objects.
    alert = StringField(_l("Alerte par courriel"), validators=[AnyOf(ALERTS)])


@bp.get("/saved")
def index():
    person = current_user.user
    found = saved_searches.visible(instance(), person)
    return render_template(
        "saved/index.html",
        mine=[saved for saved in found if saved.user_id == person.id],
        team=[saved for saved in found if saved.user_id != person.id],
        alert_labels={value: translated(label) for value, label in ALERT_LABELS.items()},
        describe=describe,
        search_path=saved_searches.search_path,
    )


@bp.post("/saved/new")
def create():
    form = NameForm()
    if not form.validate_on_submit():
        flash(gettext("Donnez un nom à la recherche pour l'enregistrer."))
        return redirect(url_for("search.index", **kept(request.form)))
    saved = saved_searches.create(instance(), current_user.user, form.name.data, request.form)
    flash(gettext("Recherche « %(name)s » enregistrée.", name=saved.name))
    return redirect(url_for("saved.index", _anchor=f"recherche-{saved.id}"))


@bp.post("/saved/<int:saved_id>/rename")
def rename(saved_id: int):
    form = NameForm()
    if form.validate_on_submit():
        saved_searches.rename(instance(), saved_id, form.name.data, by=current_user.user)
        flash(gettext("Recherche renommée."))
    return _back(saved_id)


@bp.post("/saved/<int:saved_id>/share")
def share(saved_id: int):
    form = ShareForm()
    if form.validate_on_submit():
        shared = form.shared.data == "1"
        saved_searches.share(instance(), saved_id, shared, by=current_user.user)
        flash(gettext("Recherche partagée avec l'équipe.") if shared
              else gettext("Recherche rendue privée."))
    return _back(saved_id)


@bp.post("/saved/<int:saved_id>/alert")
def alert(saved_id: int):
    form = AlertForm()
    if form.validate_on_submit():
        saved_searches.set_alert(instance(), saved_id, form.alert.data, by=current_user.user)
        flash(gettext("Alerte par courriel : %(alert)s.",
                      alert=translated(ALERT_LABELS[form.alert.data])))
    return _back(saved_id)


@bp.post("/saved/<int:saved_id>/delete")
def delete(saved_id: int):
    if FlaskForm().validate_on_submit():
        saved_searches.delete(instance(), saved_id, by=current_user.user)
        flash(gettext("Recherche supprimée."))
    return redirect(url_for("saved.index"))


@bp.get("/feeds/saved/<int:saved_id>.atom")
def feed(saved_id: int):
    saved = saved_searches.with_token(instance(), saved_id, request.args.get("token", ""))
    return atom(MultiDict(saved.query), "items.show", "search.index", title=saved.name)


@bp.app_template_global()
def search_to_save() -> list[tuple[str, str]]:
    """The arguments of the search on screen worth saving, as (name, value) pairs."""
    return [(name, value) for name, values in kept(request.args).items() for value in values]


@bp.app_template_global()
def name_to_save() -> str:
    """A name for the search on screen: its words, else what its filters say."""
    words = request.args.get("q", "").strip()
    if words:
        return words
    described = describe(kept(request.args))
    return described[:1].upper() + described[1:]


def describe(query: dict[str, list[str]]) -> str:
    """A saved search's query in words, in the visitor's language, codes by their names."""
    return saved_searches.described(instance(), query, translate=translated)


def _back(saved_id: int):
    return redirect(url_for("saved.index", _anchor=f"recherche-{saved_id}"))
