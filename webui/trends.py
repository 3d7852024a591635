"""The trends page: how many items a search finds week by week (or month by month), as a
chart and as a table, whether it is rising, the jobs rising this month and those of them in
tension in the Maison's territory (BMO survey; their CSV), as veille.analyse.trends and
veille.analyse.tension compute them; `/api/trends` answers with the same `trend`. Visitors
who may not search everything are asked to sign in, as the search page sends them away
(`[web] public_search`)."""

from datetime import date, datetime

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from veille.analyse import labourmarket, tension, trends
from veille.analyse.trends import Interval, Rising, Trend
from veille.index.args import kept
from veille.index.search import SearchQuery
from veille.models import LOCAL_TIME

from .access import sign_in_unless_sees_everything
from .context import instance
from .downloads import csv_download
from .filters import day_label, month_fr
from .params import search_query
from .saved import describe

bp = Blueprint("trends", __name__)
FORM_ARGS = ("q", "rome", "lieu", "interval")  # the page's own fields; others ride along


def trend(query: SearchQuery, interval: Interval) -> Trend:
    """The trend of `query` (veille.analyse.trends.trend), its default span up to today."""
    return trends.trend(instance(), query, interval, _today())


def trend_as_json(shown: Trend) -> dict:
    """`/api/trends`'s answer: the series, and the rise when it is significant."""
    rise = shown.rise
    rising = ({"recent": rise.recent, "expected": rise.expected, "ratio": rise.ratio,
               "p": rise.p} if rise.rising else None)
    return {"interval": shown.interval, "series": [list(pair) for pair in shown.series],
            "rising": rising}


@bp.get("/tendances")
def index():
    if refused := sign_in_unless_sees_everything():
        return refused
    args = request.args
    query = search_query(args, instance().settings)
    shown = trend(query, trends.interval_of(args.get("interval")))
    rose = trends.rising_values(instance(), query, shown.last)
    return render_template(
        "trends/index.html", trend=shown, jobs=rose["rome"], places=rose["lieu"],
        described=describe(kept(args)), kept_search=kept(args), kept_args=_kept_args(args),
        rule=trends, tension=_tension(rose["rome"]), tension_rule=tension,
        offers=labourmarket.offers_beside(instance(), query),
    )


@bp.get("/tendances/tension.csv")
def tension_csv():
    """The jobs in tension that the page's search rises on, as a spreadsheet."""
    if refused := sign_in_unless_sees_everything():
        return refused
    query = search_query(request.args, instance().settings)
    last = trends.span("week", query.date_from, query.date_to, _today())[1]
    found = _tension(trends.rising_values(instance(), query, last)["rome"])
    if found is None:
        abort(404)
    return csv_download(f"metiers-en-tension-{found.year}.csv",
                        lambda out: tension.write_csv(found, out))


def _tension(jobs: list[Rising]) -> tension.Tension | None:
    """The rising jobs in tension in the Maison's territory (BMO survey)."""
    return tension.tension(instance(), [(job.value, job.label, job.rise) for job in jobs])


@bp.app_template_global()
def period_name(label: str) -> str:
    """A period of a trend as people read it: "semaine du 2 novembre 2026", "novembre 2026",
    and a day of a count of offers ("2026-12-07") as "7 décembre 2026"."""
    if len(label) == len("2026-12-07"):
        try:
            return day_label(date.fromisoformat(label))
        except ValueError:
            return label
    year, week, number = label.partition("-W")
    if week and year.isdigit() and number.isdigit():
        monday = date.fromisocalendar(int(year), int(number), 1)
        return gettext("semaine du %(day)s", day=day_label(monday))
    return month_fr(label)


def _kept_args(args: MultiDict) -> list[tuple[str, str]]:
    """The search's arguments the form has no field for (a source, dates…), kept hidden."""
    return [(name, value) for name, values in kept(args).items() if name not in FORM_ARGS
            for value in values]


def _today() -> date:
    return datetime.now(LOCAL_TIME).date()
