"""A territory's page (a région, a département, a bassin d'emploi, an EPCI, a commune): the
BMO jobs with the most recruitment projects there, the most difficult to recruit (their
share, among jobs with MIN_PROJECTS projects at least), the most seasonal, each with the
ROME jobs it is the principal BMO job of (else those it counts some levels of); the news
and resources naming the place; the jobs whose news rise there. A commune's figures are its
bassin's (the survey goes no finer). The finder that leads there is placefinder.py."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from sqlalchemy import Connection

from ..errors import NotFound
from ..index.search import SearchPage, SearchQuery
from ..instance import Instance
from ..refdata import BASSIN, COMMUNE, BmoTotals
from ..store import labourmarket
from ..tags.labels import labels
from ..text import spreadsheet
from . import areas, trends
from .areas import Place
from .jobbrief import Coded
from .labourmarket import JobFigures, jobs_in_place
from .needs import FIGURE_HEADER, figure_cells, job_map, summed

SHOWN = 10  # jobs a table shows; the CSV has them all
MIN_PROJECTS = 20  # projects a job needs for its shares to rank it
LATEST = 10  # news, and resources, shown
ROMES_SHOWN = 4  # ROME jobs named beside a BMO job
# The orders of a territory's BMO jobs: each table, and its CSV (`tri=`).
ORDERS: dict[str, Callable[[BmoTotals], float]] = {
    "projets": lambda totals: totals.projects,
    "difficiles": lambda totals: totals.difficult_share or 0.0,
    "saisonniers": lambda totals: totals.seasonal_share or 0.0,
}


@dataclass(frozen=True)
class TerritoryJob:
    """A BMO job of the territory, its figures there, and the ROME jobs it is the principal
    BMO job of (their briefs)."""

    code: str
    label: str
    totals: BmoTotals
    romes: tuple[Coded, ...]


@dataclass
class Territory:
    place: Place
    bassin: Place | None  # a commune's bassin d'emploi, whose figures it shows
    year: int | None  # the latest survey loaded; None without one
    tables: dict[str, list[TerritoryJob]]  # by ORDERS, SHOWN jobs each
    news: SearchPage
    resources: SearchPage
    rising: list[tuple[Coded, trends.Rise]]
    day: date
    offers: SearchPage  # the latest LATEST job offers of the place (by their lieu tags)
    labour: list[JobFigures]  # each job France Travail sources bring figures for here


def territory(instance: Instance, key: str, today: date) -> Territory | None:
    """The page of the place `key`, None when the referentials know no such place."""
    with instance.engine.connect() as conn:
        where = areas.of_key(conn, key)
        if where is None:
            return None
        bassin = _bassin(conn, where)
        found = labourmarket.years(conn)
        year = found[0] if found else None
        jobs = ranked_jobs(conn, year, where, "projets") if year else []
        rising = _rising(conn, instance, key, today)
        labour = jobs_in_place(conn, where.key)
    tables = {order: _top(jobs, order) for order in ORDERS}
    news, resources, offers = (_latest(instance, key, kind)
                               for kind in ("news", "resource", "offre"))
    return Territory(where, bassin, year, tables, news, resources, rising, today, offers,
                     labour)


def _bassin(conn: Connection, where: Place) -> Place | None:
    if where.kind != COMMUNE or not where.area.codes:
        return None
    return areas.of_key(conn, f"{BASSIN}:{where.area.codes[0]}")


def ranked_jobs(conn: Connection, year: int, where: Place, order: str) -> list[TerritoryJob]:
    """Every BMO job with rows in the place, by `order` (ORDERS), the most first."""
    by_job = summed(conn, year, where.area) if where.area.codes else {}
    names = labourmarket.jobs(conn, year)
    mapped = job_map(conn)
    principal = {code: mapped.romes_of(code) for (code,) in by_job} if mapped else {}
    shown = {code for romes in principal.values() for code in romes[:ROMES_SHOWN]}
    rome_names = labels(conn, "rome", shown)
    jobs = [TerritoryJob(code, names.get(code, code), totals,
                         tuple(Coded(rome, rome_names.get(rome, rome))
                               for rome in principal.get(code, [])[:ROMES_SHOWN]))
            for (code,), totals in by_job.items()]
    return sorted(jobs, key=lambda job: (-ORDERS[order](job.totals), job.code))


def _top(jobs: list[TerritoryJob], order: str) -> list[TerritoryJob]:
    """The SHOWN first jobs by `order`; shares rank only jobs of MIN_PROJECTS projects."""
    if order != "projets":
        jobs = [job for job in jobs if job.totals.projects >= MIN_PROJECTS
                and ORDERS[order](job.totals)]
    return sorted(jobs, key=lambda job: (-ORDERS[order](job.totals), job.code))[:SHOWN]


def _latest(instance: Instance, key: str, kind: str) -> SearchPage:
    query = SearchQuery(filters={"lieu": (key,), "kind": (kind,)}, sort="date", limit=LATEST)
    return instance.index.search(query)


def _rising(conn: Connection, instance: Instance, key: str,
            today: date) -> list[tuple[Coded, trends.Rise]]:
    """The ROME jobs whose news naming the place rose this month (trends' rule)."""
    query = SearchQuery(filters={"lieu": (key,), "kind": ("news",)})
    recent, baseline = instance.index.counts_within(query, ["rome"],
                                                    list(trends.windows(today)))["rome"]
    rose = trends.rising(recent, baseline)
    named = labels(conn, "rome", [code for code, _ in rose])
    return [(Coded(code, named.get(code, code)), rise) for code, rise in rose]


def write_csv(instance: Instance, key: str, order: str, out: TextIO) -> None:
    """Every BMO job of the place by `order`, as CSV (French headers); NotFound when there
    is no such place or no survey."""
    with instance.engine.connect() as conn:
        where, found = areas.of_key(conn, key), labourmarket.years(conn)
        if where is None or not found:
            raise NotFound(f"no survey, or no place {key}")
        jobs = ranked_jobs(conn, found[0], where, order)
    spreadsheet.write(
        out, ("Année", "Territoire", "Clé", "Code métier BMO", "Métier BMO", *FIGURE_HEADER,
              "Métiers du ROME"),
        [(found[0], where.label, where.key, job.code, job.label, *figure_cells(job.totals),
          "; ".join(f"{rome.label} ({rome.code})" for rome in job.romes)) for job in jobs])
