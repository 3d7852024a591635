"""Template filters and response headers shared by every page."""

from datetime import date, datetime

from flask import Flask, current_app
from flask_babel import gettext, lazy_gettext
from markupsafe import Markup

from veille.curate.sectors import sector_label
from veille.models import LOCAL_TIME
from veille.text.articleview import article_html

from .language import in_french, long_date, month_year, translated
from .policy import policy

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
KIND_LABELS = {"news": lazy_gettext("actualité"), "resource": lazy_gettext("ressource"),
               "offre": lazy_gettext("offre d'emploi")}
# The most frequent (or the latest months), and the selected ones; "plus…" finds the others.
FACET_VALUES_SHOWN = 12
SORT_LABELS = {"relevance": lazy_gettext("pertinence"), "date": lazy_gettext("date")}
# What the page says of a field of the search text it could not read (querylang.Unread).
UNREAD = {
    "date": lazy_gettext("« %(said)s » : date illisible, cherché comme mots"),
    "place": lazy_gettext("« %(said)s » : lieu inconnu, cherché comme mots"),
    "job": lazy_gettext("« %(said)s » : métier inconnu, cherché comme mots"),
    "domaine": lazy_gettext("« %(said)s » : domaine illisible, cherché comme mots"),
    "type": lazy_gettext("« %(said)s » : type inconnu, cherché comme mots"),
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def date_fr(moment: datetime) -> str:
    """12 mars 2026, in French time; the first of a month is written "1er", as in French.
    In English (the visitor's choice): March 12, 2026."""
    return day_label(moment.astimezone(LOCAL_TIME).date())


def day_label(day: date) -> str:
    """A day as the page's language writes it: "1er mars 2026", "March 1, 2026"."""
    if not in_french():
        return long_date(day)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def month_fr(value: str) -> str:
    """"2026-03" → "mars 2026" (in English: "March 2026")."""
    year, _, month = value.partition("-")
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return value
    if not in_french():
        return month_year(date(int(year), int(month), 1)) if year.isdigit() else value
    return f"{MONTHS[int(month) - 1]} {year}"


def facet_value(param: str, value: str) -> str:
    """How a facet value reads on the page (the tag facets' are read from the store:
    veille.tags.labels): a kind, a month, a sector in the page's language."""
    if param == "kind":
        return KIND_LABELS.get(value, value)
    if param == "sector":
        return translated(sector_label(value))
    return month_fr(value) if param == "month" else value


def article(item) -> Markup:
    """The item's stored article as its page shows it (veille.text.articleview): images of other
    sites as links to them unless `[web] remote_images`."""
    remote = current_app.extensions["veille"].settings.web.remote_images
    return Markup(article_html(item.content_html, item.url, remote, _image_label, item.title))


def _image_label(alt: str) -> str:
    if alt:
        return gettext("Image : %(alt)s (sur le site d'origine)", alt=alt)
    return gettext("Image (sur le site d'origine)")


def iso_day(text: str) -> str:
    """A day written "2026-12-07" (as labour-market figures date them), as day_label writes it."""
    return day_label(date.fromisoformat(text))


def register(app: Flask) -> None:
    app.add_template_filter(date_fr)
    app.add_template_filter(iso_day)
    app.add_template_filter(article)
    app.add_template_global(facet_value, "facet_value")
    app.jinja_env.globals.update(facet_values=FACET_VALUES_SHOWN, kind_labels=KIND_LABELS,
                                 sort_labels=SORT_LABELS,
                                 unread_messages=UNREAD)

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if "Content-Security-Policy" not in response.headers:  # a page's own comes first
            response.headers["Content-Security-Policy"] = policy()
        return response
