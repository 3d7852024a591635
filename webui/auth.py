"""Signing in and out: Flask-Login over the sessions of `veille.accounts.sessions`.

The session cookie is HttpOnly, SameSite=Lax, and Secure when `[web] https` says people
reach veille over HTTPS; it carries the secret of a session kept in the database (what
Flask-Login calls the user's id), so the session ends when the database says so: signing
out, a password or role change, the account's deletion, `[web] session_idle` and
`session_max`. Signing in starts a new session; failed attempts are limited by
`veille.accounts.signins`; every form carries a CSRF token (Flask-WTF); what a signed-in person is
answered is never kept by a cache (`Cache-Control: no-store`).
"""

import os
import secrets
import tempfile
from math import ceil
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, lazy_gettext, ngettext
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import CSRFProtect, FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from veille.accounts import sessions, signins
from veille.fetch.netguard import parse_networks
from veille.models import User

from .context import instance
from .redirects import local_path

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
SECRET_FILE = "secret_key"
TRUSTED_PROXIES = "veille.trusted_proxies"  # the parsed [web] trusted_proxies, in app.extensions


class SignedIn(UserMixin):
    """The person of a live session; `id` is the session's secret, which the cookie keeps."""

    def __init__(self, user: User, token: str) -> None:
        self.user = user
        self.id = token


class LoginForm(FlaskForm):
    email = EmailField(lazy_gettext("Adresse électronique"), validators=[InputRequired()])
    password = PasswordField(lazy_gettext("Mot de passe"), validators=[InputRequired()])


def init(app: Flask) -> None:
    settings = app.extensions["veille"].settings
    sessions.lifetimes(settings)  # a bad duration stops the start, not the first request
    app.extensions[TRUSTED_PROXIES] = parse_networks(settings.web.trusted_proxies,
                                                     "[web] trusted_proxies")
    app.secret_key = _secret_key(app.extensions["veille"].root)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.https,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.web.https,
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Connectez-vous pour voir cette page.")
    login_manager.localize_callback = str  # flashed in the visitor's language
    CSRFProtect(app)
    app.register_blueprint(bp)
    app.after_request(_not_cached)


@login_manager.user_loader
def _load(token: str) -> SignedIn | None:
    """The person whose live session the cookie names (also what a "remember me" cookie
    would name: it goes through the same check)."""
    user = sessions.user_of(instance(), token)
    return SignedIn(user, token) if user else None


def _not_cached(response):
    """What a signed-in person sees is theirs: no cache keeps it (stylesheets aside)."""
    if request.endpoint != "static" and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form, error=None)
    try:
        signed = signins.sign_in(instance(), form.email.data, form.password.data, client())
    except signins.TooManyAttempts as refused:
        return _too_many(form, refused.wait)
    if signed is None:
        error = gettext("Adresse ou mot de passe incorrect.")
        return render_template("auth/login.html", form=form, error=error), 401
    session.clear()  # a new session: nothing from before signing in carries over
    login_user(SignedIn(signed.user, signed.token))
    return redirect(_next_page())


def client() -> str:
    """The address of whom this request comes from (`[web] trusted_proxies` say whose
    X-Forwarded-For is read)."""
    return signins.client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                                  current_app.extensions[TRUSTED_PROXIES])


def _too_many(form: LoginForm, wait: int):
    minutes = ceil(wait / 60)
    error = ngettext("Trop de tentatives : réessayez dans %(num)d minute.",
                     "Trop de tentatives : réessayez dans %(num)d minutes.", minutes)
    return (render_template("auth/login.html", form=form, error=error), 429,
            {"Retry-After": str(wait)})


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        sessions.end(instance(), current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("search.index"))


def _next_page() -> str:
    """Where the sign-in was asked from, if it is a page of this site; else the search."""
    return local_path(request.args.get("next"), url_for("search.index"))


def _secret_key(root: Path) -> bytes:
    """The key that signs sessions: made once per instance, kept in its folder (mode 600).
    Written aside then linked in place, so that two processes starting at once agree."""
    path = root / SECRET_FILE
    if not path.exists():
        with tempfile.NamedTemporaryFile(dir=root, delete=False) as draft:
            draft.write(secrets.token_bytes(32))
        os.chmod(draft.name, 0o600)
        try:
            os.link(draft.name, path)
        except FileExistsError:
            pass  # another process made it first: theirs it is
        finally:
            os.unlink(draft.name)
    return path.read_bytes()
