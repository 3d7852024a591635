"""Bulletins people subscribe to, in public: the sign-up form (double opt-in: a link mailed
to confirm), the confirmation page, and the unsubscribe link of every mail.

The unsubscribe link answers RFC 8058: a mail reader's one-click POST (body
`List-Unsubscribe=One-Click`, no cookie, no CSRF token: the link's unguessable token is the
proof) unsubscribes without a page; a person who opens the link (GET) sees a page and a
button. Nothing here says whether an address is subscribed.
"""

from math import ceil

from flask import Blueprint, Flask, abort, render_template, request
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectMultipleField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from veille.diffuse import subscriptions
from veille.diffuse.mailer import MailError
from veille.errors import InvalidRequest
from veille.store import subscribers as subscriber_store

from .auth import client
from .context import instance
from .language import translated

bp = Blueprint("subscribe", __name__, url_prefix="/bulletins")


class SignUpForm(FlaskForm):
    email = EmailField(_l("Votre adresse électronique"),
                       validators=[InputRequired(), Length(max=subscriptions.EMAIL_CHARS)])
    lists = SelectMultipleField(_l("Les bulletins que vous souhaitez recevoir"), choices=[],
                                widget=ListWidget(prefix_label=False),
                                option_widget=CheckboxInput())


def register(app: Flask) -> None:
    """The blueprint; its unsubscribe link takes mail readers' POSTs without a CSRF token."""
    app.register_blueprint(bp)
    app.extensions["csrf"].exempt(unsubscribe)


@bp.route("/abonnement", methods=["GET", "POST"])
def signup():
    form = _signup_form()
    if not form.validate_on_submit():
        return _signup_page(form), 400 if form.is_submitted() else 200
    try:
        subscriptions.sign_up(instance(), form.email.data,
                              [int(each) for each in form.lists.data or ()], client(),
                              request_root=request.url_root)
    except InvalidRequest as refused:
        return _signup_page(form, translated(str(refused))), 400
    except subscriptions.TooManySignups as refused:
        minutes = ceil(refused.wait / 60)
        error = ngettext("Trop de demandes : réessayez dans %(num)d minute.",
                         "Trop de demandes : réessayez dans %(num)d minutes.", minutes)
        return _signup_page(form, error), 429, {"Retry-After": str(refused.wait)}
    except MailError:
        error = gettext("Le message de confirmation n'a pas pu partir : réessayez plus tard.")
        return _signup_page(form, error), 502
    return render_template("subscribe/sent.html")


@bp.route("/abonnement/<token>", methods=["GET", "POST"])
def confirm(token: str):
    form = FlaskForm()
    if form.validate_on_submit():
        return render_template("subscribe/confirmed.html",
                               names=subscriptions.confirm(instance(), token))
    waiting = subscriptions.pending(instance(), token)
    with instance().engine.connect() as conn:
        names = [subscriber_store.get_list(conn, each.list_id).name for each in waiting]
    return render_template("subscribe/confirm.html", names=names, form=form, token=token)


@bp.route("/desabonnement/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    if request.method == "GET":
        found = subscriptions.lookup(instance(), token)
        if found is None:
            abort(404)
        return render_template("subscribe/unsubscribe.html", found=found, token=token)
    found = subscriptions.unsubscribe(instance(), token)
    if found is None:
        abort(404)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return gettext("Désabonnement enregistré."), 200, {"Content-Type": "text/plain"}
    return render_template("subscribe/unsubscribed.html", found=found)


def _signup_form() -> SignUpForm:
    form = SignUpForm()
    with instance().engine.connect() as conn:
        form.lists.choices = [(str(each.id), each.name)
                              for each, _ in subscriber_store.lists(conn)]
    return form


def _signup_page(form: SignUpForm, error: str | None = None) -> str:
    with instance().engine.connect() as conn:
        described = {str(each.id): each.description for each, _ in subscriber_store.lists(conn)}
    return render_template("subscribe/signup.html", form=form, error=error,
                           described=described)
