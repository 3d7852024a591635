"""Template filters and response headers shared by every page."""

from datetime import datetime

from flask import Flask

from veille.models import LOCAL_TIME

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
KIND_LABELS = {"news": "actualité", "resource": "ressource"}
FACET_VALUES_SHOWN = 12  # the most frequent (or the latest months); the API gives them all
SORT_LABELS = {"relevance": "pertinence", "date": "date"}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; "
        "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "Referrer-Policy": "same-origin",
}


def date_fr(moment: datetime) -> str:
    """12 mars 2026, in French time; the first of a month is written "1er", as in French."""
    local = moment.astimezone(LOCAL_TIME)
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {MONTHS[local.month - 1]} {local.year}"


def month_fr(value: str) -> str:
    """"2026-03" → "mars 2026"."""
    year, _, month = value.partition("-")
    if not (month.isdigit() and 1 <= int(month) <= 12):
        return value
    return f"{MONTHS[int(month) - 1]} {year}"


def facet_value(param: str, value: str) -> str:
    """How a facet value reads on the page."""
    if param == "kind":
        return KIND_LABELS.get(value, value)
    return month_fr(value) if param == "month" else value


def register(app: Flask) -> None:
    app.add_template_filter(date_fr)
    app.add_template_global(facet_value, "facet_value")
    app.add_template_global(FACET_VALUES_SHOWN, "facet_values")
    app.add_template_global(KIND_LABELS, "kind_labels")
    app.add_template_global(SORT_LABELS, "sort_labels")

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
