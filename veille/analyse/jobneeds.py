"""The hiring needs in the advisor's brief on a ROME job ("Besoins en main-d'œuvre"): the
latest BMO survey's figures of its principal BMO job in the Maison's territory (`[maison]
territory`), in each of its départements and bassins d'emploi, and in France for
comparison, each with the job's rank among every BMO job of that place; the ROME jobs the
BMO job groups, and the other BMO jobs the ROME job's other levels are counted in."""

from collections import defaultdict
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Connection

from ..instance import Instance
from ..refdata import BASSIN, DEPARTEMENT, REGION, BmoTotals
from ..store import labourmarket
from ..store.labourmarket import Area
from ..tags.labels import labels, place_labels
from ..text import spreadsheet
from . import areas
from .jobbrief import Coded
from .needs import FIGURE_HEADER, BmoLink, figure_cells, job_map, summed

NATIONAL = "france"


@dataclass(frozen=True)
class PlaceFigures:
    """The BMO job's figures in one place, and its rank there by projects (1: the job with
    the most; None when its projects are all secret) among the `ranked` jobs with some."""

    key: str  # a place key, or NATIONAL
    label: str
    totals: BmoTotals
    rank: int | None
    ranked: int


@dataclass(frozen=True)
class JobNeeds:
    year: int
    job: Coded  # the principal BMO job: "D1X33" Soudeurs
    levels: int  # how many of the ROME job's 10 qualification levels it holds
    others: list[tuple[Coded, int]]  # the other BMO jobs, with their levels
    romes: list[Coded]  # the ROME jobs whose principal BMO job it is
    territory: PlaceFigures | None  # None when `[maison] territory` names no place
    departements: list[PlaceFigures]
    bassins: list[PlaceFigures]
    national: PlaceFigures


def job_needs(instance: Instance, rome: str) -> JobNeeds | None:
    """The block for ROME job `rome`, None without a survey, FAP-2021 or a BMO job for it."""
    with instance.engine.connect() as conn:
        found = labourmarket.years(conn)
        mapped = job_map(conn)
        links = mapped.links(rome) if mapped else []
        if not found or mapped is None or not links:
            return None
        year, principal = found[0], links[0]
        names = labourmarket.jobs(conn, year)
        where = areas.of_key(conn, instance.settings.maison.territory)
        parts = _parts(conn, year, where, principal.code) if where else ([], [])
        return JobNeeds(
            year, Coded(principal.code, names.get(principal.code, principal.code)),
            principal.levels, [(Coded(link.code, names.get(link.code, link.code)), link.levels)
                               for link in links[1:]],
            _romes(conn, mapped.romes.get(principal.code, [])),
            _place(conn, year, where, principal) if where else None, *parts,
            _figures(summed(conn, year, Area()), principal.code, NATIONAL,
                     "France"))


def _place(conn: Connection, year: int, where: areas.Place, job: BmoLink) -> PlaceFigures:
    by_job = summed(conn, year, where.area)
    return _figures(by_job, job.code, where.key, where.label)


def _parts(conn: Connection, year: int, where: areas.Place,
           job: str) -> tuple[list[PlaceFigures], list[PlaceFigures]]:
    """The figures of the territory's départements (a région's) and bassins (a région's,
    a département's, an EPCI's when it has several)."""
    area = where.area
    departements = []
    if area.column == REGION:
        grouped = _grouped(summed(conn, year, area, ("departement", "job")))
        keys = {code: f"{DEPARTEMENT}:{code}" for code in grouped}
        named = place_labels(conn, list(keys.values()))
        departements = [_figures(rows, job, keys[code], named.get(keys[code], code))
                        for code, rows in sorted(grouped.items())]
    bassins = []
    if area.column in (REGION, DEPARTEMENT) or len(area.codes) > 1:
        grouped = _grouped(summed(conn, year, area, ("bassin", "job")))
        named = labourmarket.surveyed_bassins(conn, year)
        bassins = [_figures(rows, job, f"{BASSIN}:{code}", named.get(code, code))
                   for code, rows in sorted(grouped.items())]
    return departements, bassins


def _grouped(by: dict[tuple[str, ...], BmoTotals]) -> dict[str, dict[tuple[str, ...], BmoTotals]]:
    """Totals keyed (place, job) as totals keyed (job,) for each place."""
    grouped: dict[str, dict[tuple[str, ...], BmoTotals]] = defaultdict(dict)
    for (place, job), totals in by.items():
        grouped[place][(job,)] = totals
    return grouped


def _figures(by_job: dict[tuple[str, ...], BmoTotals], job: str, key: str,
             label: str) -> PlaceFigures:
    """The job's figures among those of every job of a place (keyed (job,))."""
    projects = [totals.projects for totals in by_job.values() if totals.projects]
    totals = by_job.get((job,), BmoTotals())
    rank = (1 + sum(count > totals.projects for count in projects)) if totals.projects else None
    return PlaceFigures(key, label, totals, rank, len(projects))


def _romes(conn: Connection, codes: list[str]) -> list[Coded]:
    named = labels(conn, "rome", codes)
    return [Coded(code, named.get(code, code)) for code in codes]


def write_csv(found: JobNeeds, out: TextIO) -> None:
    """The block's table as CSV: one row a place (the territory, its départements, its
    bassins, France), French headers, through the one CSV writer."""
    places = [*([found.territory] if found.territory else []), *found.departements,
              *found.bassins, found.national]
    spreadsheet.write(
        out, ("Année", "Métier BMO", "Code", "Territoire", "Clé", *FIGURE_HEADER,
              "Rang du métier", "Métiers classés"),
        [(found.year, found.job.label, found.job.code, place.label, place.key,
          *figure_cells(place.totals), place.rank or "", place.ranked) for place in places])
