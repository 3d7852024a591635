"""Jobs in tension that the news talks about, the advisor's shortlist ("Métiers en tension
dont on parle"): the ROME jobs whose news rise (trends' rule) and whose principal BMO job,
in the Maison's territory (`[maison] territory`), has a share of projects judged difficult
above the territory's own, all jobs together, on MIN_PROJECTS projects at least."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from ..instance import Instance
from ..refdata import BmoTotals
from ..store import labourmarket
from ..text import spreadsheet
from . import areas
from .areas import Place
from .needs import FIGURE_HEADER, figure_cells, job_map, summed
from .trends import Rise

MIN_PROJECTS = 20


@dataclass(frozen=True)
class TenseJob:
    rome: str
    label: str
    rise: Rise  # its news this month
    bmo: str  # its principal BMO job
    bmo_label: str
    totals: BmoTotals  # the BMO job's figures in the territory


@dataclass(frozen=True)
class Tension:
    year: int
    territory: Place
    share: float | None  # the territory's share of projects judged difficult, all jobs
    jobs: list[TenseJob]  # the most difficult first


def tension(instance: Instance, rising: Iterable[tuple[str, str, Rise]]) -> Tension | None:
    """Of the `rising` ROME jobs (code, label, rise), those in tension in the Maison's
    territory; None without a survey, FAP-2021 or a territory the referentials know."""
    rising = list(rising)
    with instance.engine.connect() as conn:
        years, mapped = labourmarket.years(conn), job_map(conn)
        where = areas.of_key(conn, instance.settings.maison.territory)
        if not years or mapped is None or where is None or not where.area.codes:
            return None
        everything = summed(conn, years[0], where.area, by=()).get(())
        share = everything.difficult_share if everything else None
        principal = {code: links[0].code for code, _, _ in rising
                     if (links := mapped.links(code))}
        by_job = summed(conn, years[0], where.area, jobs=set(principal.values()))
        names = labourmarket.jobs(conn, years[0])
    found = [TenseJob(code, label, rise, principal[code], names.get(principal[code], ""),
                      by_job[(principal[code],)])
             for code, label, rise in rising
             if code in principal and _tense(by_job.get((principal[code],)), share)]
    found.sort(key=lambda job: (-(job.totals.difficult_share or 0), job.rise.p, job.rome))
    return Tension(years[0], where, share, found)


def _tense(totals: BmoTotals | None, share: float | None) -> bool:
    return (totals is not None and share is not None and totals.projects >= MIN_PROJECTS
            and (totals.difficult_share or 0) > share)


def write_csv(found: Tension, out: TextIO) -> None:
    """The shortlist as CSV (French headers)."""
    spreadsheet.write(
        out, ("Année", "Territoire", "Code ROME", "Métier", "Actualités ces 4 semaines",
              "Actualités attendues", "Code métier BMO", "Métier BMO", *FIGURE_HEADER,
              "Part jugée difficile du territoire (%)"),
        [(found.year, found.territory.label, job.rome, job.label, job.rise.recent,
          round(job.rise.expected, 1), job.bmo, job.bmo_label, *figure_cells(job.totals),
          round(100 * (found.share or 0), 1)) for job in found.jobs])
