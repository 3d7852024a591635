"""The admin's pages: the accounts (add one, change its role or password, delete it) and the
settings in force (read-only: they come from the config file and the environment)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField
from wtforms.validators import InputRequired, Length

from veille.accounts import users as accounts
from veille.diffuse import links
from veille.errors import InvalidRequest
from veille.settings import SETTINGS
from veille.store import users as user_store

from .context import instance, site_url
from .settingtexts import DESCRIPTIONS

bp = Blueprint("admin", __name__, url_prefix="/admin")
ROLE_LABELS = {"advisor": _l("conseiller"), "documentalist": _l("documentaliste"),
               "admin": _l("administrateur")}


def _roles() -> list[SelectChoice]:
    return [SelectChoice(role, label) for role, label in ROLE_LABELS.items()]


def _password(label) -> PasswordField:
    return PasswordField(label, validators=[
        InputRequired(), Length(min=accounts.MIN_PASSWORD, message=_l(
            "Un mot de passe a au moins %(min)d caractères.", min=accounts.MIN_PASSWORD))])


class NewUserForm(FlaskForm):
    email = EmailField(_l("Adresse électronique"), validators=[InputRequired()])
    role = SelectField(_l("Rôle"), choices=_roles(), default="advisor")
    password = _password(_l("Mot de passe initial (à changer par la personne)"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Rôle"), choices=_roles())


class PasswordForm(FlaskForm):
    password = _password(_l("Nouveau mot de passe"))


@bp.get("/users")
def users():
    with instance().engine.connect() as conn:
        people = user_store.all_users(conn)
    return render_template("admin/users.html", people=people, new_form=NewUserForm(),
                           role_form=RoleForm(), password_form=PasswordForm(),
                           role_labels=ROLE_LABELS)


@bp.post("/users/new")
def add():
    form = NewUserForm()
    if form.validate_on_submit():
        _try(accounts.add_user, form.email.data, form.role.data, form.password.data, _me(),
             done=gettext("Compte %(email)s créé.", email=form.email.data))
    else:
        _refused(form)
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/role")
def role(user_id: int):
    form = RoleForm()
    if form.validate_on_submit():
        _try(accounts.change_role, user_id, form.role.data, _me(),
             done=gettext("Rôle changé."))
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/password")
def password(user_id: int):
    form = PasswordForm()
    if form.validate_on_submit():
        _try(accounts.change_password, user_id, form.password.data, _me(),
             done=gettext("Mot de passe changé."))
    else:
        _refused(form)
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/delete")
def delete(user_id: int):
    if FlaskForm().validate_on_submit():
        if user_id == current_user.user.id:
            flash(gettext("Vous ne pouvez pas supprimer votre propre compte."))
        else:
            _try(accounts.remove_user, user_id, _me(), done=gettext("Compte supprimé."))
    return redirect(url_for("admin.users"))


@bp.get("/settings")
def settings():
    values = instance().settings
    rows = [(setting, _shown(setting, getattr(getattr(values, setting.section), setting.key)),
             DESCRIPTIONS[f"{setting.section}.{setting.key}"]) for setting in SETTINGS]
    return render_template("admin/settings.html", rows=rows, links=_links(values.web))


def _shown(setting, value) -> str:
    if setting.secret:  # the page says whether one is set, never what it is
        return gettext("(défini)") if value else gettext("(vide)")
    return str(value).lower() if isinstance(value, bool) else str(value)


def _links(web) -> str:
    """Where the links of emails start, as the page says under the settings."""
    if web.base_url:
        return gettext("Les liens des courriels (alertes, bulletins) commencent par "
                       "%(url)s ([web] base_url).", url=web.base_url)
    return gettext("[web] base_url est vide : les liens des courriels envoyés depuis une page "
                   "commencent par l'adresse de cette page (ici %(here)s), ceux des alertes "
                   "envoyées par le planificateur par l'adresse où veille est servi "
                   "(%(served)s).", here=site_url(), served=links.served_url(web))


def _try(change, *args, done: str) -> None:
    try:
        change(instance(), *args)
    except InvalidRequest as error:
        flash(gettext("Refusé : %(detail)s", detail=str(error)))
    else:
        flash(done)


def _refused(form: FlaskForm) -> None:
    for messages in form.errors.values():
        for message in messages:
            flash(gettext("Refusé : %(detail)s", detail=message))


def _me() -> str:
    return current_user.user.email
