"""The language of the web UI: French first, English available (Flask-Babel).

The texts of the templates and of `webui` are French, and are their own message ids; the
catalogue `webui/translations/en` gives them in English. A visitor chooses with the form in
the footer of every page (a POST, CSRF-checked like every form), which keeps the choice in a
long-lived `lang` cookie and sends them back to the page they were on. Without the cookie
the UI speaks French, whatever the browser's Accept-Language says: veille is made for
French Maisons, whose people and employers work in French, on shared office browsers.
"""

from datetime import date

from babel.dates import format_date
from flask import Blueprint, Flask, abort, current_app, redirect, request, url_for
from flask_babel import Babel, get_locale, gettext

from .redirects import here, local_path

bp = Blueprint("language", __name__)
FRENCH = "fr"
# Each language in its own words, as the switch offers it.
LANGUAGES = {"fr": "Français", "en": "English"}
COOKIE = "lang"
COOKIE_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie (400 days)


def init(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", FRENCH)
    Babel(app, locale_selector=chosen)
    # {% trans %} blocks ignore the line breaks and indentation of templates (babel.cfg too).
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.add_template_global(language)
    app.add_template_global(translated)
    app.add_template_global(here)
    app.jinja_env.globals["languages"] = LANGUAGES
    app.register_blueprint(bp)

    @app.after_request
    def vary(response):
        if request.endpoint != "static":
            response.vary.add("Cookie")  # the page's language comes from a cookie
        return response


def chosen() -> str:
    """The locale of this request: the visitor's choice (cookie), else French."""
    wanted = request.cookies.get(COOKIE, "")
    return wanted if wanted in LANGUAGES else FRENCH


def language() -> str:
    """"fr" or "en": the language this page speaks (`<html lang>`)."""
    return get_locale().language if get_locale() else FRENCH


def in_french() -> bool:
    return language() == FRENCH


def translated(text: str) -> str:
    """The translation of a French text marked elsewhere (`N_` in veille: facets, sectors,
    domain messages); a text the catalogue lacks stays as it is."""
    return gettext(text) if text else text


def long_date(day: date) -> str:
    """A day in the visitor's language, for languages other than French: "March 1, 2026"."""
    return format_date(day, "long", locale=get_locale())


def month_year(day: date) -> str:
    """A month in the visitor's language, for languages other than French: "March 2026"."""
    return format_date(day, "LLLL y", locale=get_locale())


@bp.post("/language")
def choose():
    """Keep the language chosen in the footer's form, and go back to the page it was on."""
    wanted = request.form.get("lang", "")
    if wanted not in LANGUAGES:
        abort(400)
    response = redirect(local_path(request.form.get("next"), url_for("search.home")))
    response.set_cookie(COOKIE, wanted, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                        secure=current_app.extensions["veille"].settings.web.https)
    return response
