"""Hiring needs from France Travail's BMO survey, beside what veille gathers: which BMO jobs
a ROME job is counted in, and a place's figures for a job or for all of them (what
`/api/besoins` answers; the job brief, the territory pages and the trends page read the
same figures).

A BMO job is a FAP228 family, which groups several ROME jobs. DARES' table sends each ROME
v3 job sheet, at each of its 10 qualification levels, to a FAP341 (whose first five
characters are its FAP228); a ROME 4.0 job sheet missing from it is counted as its v3
parent. A ROME job is counted in every BMO job its levels reach; its *principal* one is
reached by the most levels (H2913 Soudeur: D1X33 Soudeurs, 7 of 10; D6X70 and D6X80 by the
others), ties going to the lower code. Secret cells are never a number: figures sum the
published cells, and count the secret ones apart.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection

from ..errors import InvalidRequest, NoFigures
from ..instance import Instance
from ..refdata import BMO, FAP, ROME, BmoTotals, RomeFap
from ..store import labourmarket
from ..store.labourmarket import Area
from ..tags import entry
from ..tags.releases import PerRelease
from . import areas
from .areas import Place
from .labourmarket import offers_summary, statistics

T = TypeVar("T")
FAP228 = 5  # characters of a FAP341 code that make its FAP228 ("D1X33b" → "D1X33")


@dataclass(frozen=True)
class BmoLink:
    """A BMO job a ROME job is counted in: by how many of its qualification levels."""

    code: str
    levels: int
    principal: bool


class JobMap:
    """The BMO jobs of each ROME job, and the ROME jobs each BMO job is principal for."""

    def __init__(self, links: Iterable[RomeFap], parents: dict[str, str]) -> None:
        reached: dict[str, Counter[str]] = defaultdict(Counter)
        for link in links:
            reached[link.rome][link.fap[:FAP228]] += 1
        self._links = {code: _ranked(reached[parent]) for code, parent in parents.items()
                       if parent in reached}
        self.romes: dict[str, list[str]] = defaultdict(list)
        counted: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for code, found in sorted(self._links.items()):
            self.romes[found[0].code].append(code)
            for other in found[1:]:
                counted[other.code].append((-other.levels, code))
        self._counted = {bmo: [code for _, code in sorted(pairs)]
                         for bmo, pairs in counted.items()}

    def romes_of(self, bmo: str) -> list[str]:
        """The ROME jobs whose principal BMO job is `bmo`; when none is, those counted in
        it by some of their levels, the most levels first."""
        return self.romes.get(bmo) or self._counted.get(bmo, [])

    def links(self, rome: str) -> list[BmoLink]:
        """The BMO jobs `rome` is counted in, the principal first; [] if DARES' table
        reaches none."""
        return self._links.get(rome, [])


def _ranked(levels: Counter[str]) -> list[BmoLink]:
    ranked = sorted(levels.items(), key=lambda pair: (-pair[1], pair[0]))
    return [BmoLink(code, count, index == 0) for index, (code, count) in enumerate(ranked)]


_maps = PerRelease((ROME, FAP), lambda conn: JobMap(labourmarket.rome_links(conn),
                                                    labourmarket.rome_parents(conn)))


def job_map(conn: Connection) -> JobMap | None:
    """The ROME ↔ BMO map of the store's ROME and FAP; None without both."""
    return _maps.get(conn)


# What is made of the survey's figures, kept until the next import of a year: they change
# with nothing else, and a région's jobs by bassin is a GROUP BY of 5,000 rows (France's,
# of 53,000), 9,000 sums for the API to lay out.
# Values of many types, each key's callers knowing theirs (kept's T).
_made: PerRelease[dict[tuple, Any]] = PerRelease((), lambda conn: {}, optional=(BMO,))
KEPT = 512  # values kept at most, then they are made again


def kept(conn: Connection, key: tuple, make: Callable[[], T]) -> T:
    """The value `make` gives for `key`, made once per import of the survey (callers never
    change it)."""
    values = _made.get(conn)
    assert values is not None, "made without any referential required"
    if key not in values:
        if len(values) >= KEPT:
            values.clear()
        values[key] = make()
    return values[key]


def summed(conn: Connection, year: int, area: Area, by: tuple[str, ...] = ("job",),
           jobs: Iterable[str] | None = None) -> dict[tuple[str, ...], BmoTotals]:
    """labourmarket.totals, read once per import of the survey."""
    chosen = None if jobs is None else frozenset(jobs)
    return kept(conn, ("sums", year, area, by, chosen),
                lambda: labourmarket.totals(conn, year, area, by, chosen))


@dataclass(frozen=True)
class BassinNeeds:
    code: str
    label: str  # as the survey names it: "METZ", "BASSIN HOUILLER"
    totals: BmoTotals


@dataclass(frozen=True)
class JobNeeds:
    code: str  # FAP228: "D1X33"
    label: str  # "Soudeurs"
    principal: bool  # the principal BMO job of the ROME job asked about
    totals: BmoTotals
    bassins: tuple[BassinNeeds, ...]  # the place's bassins (their parts inside it), by code


@dataclass(frozen=True)
class Needs:
    year: int
    rome: str | None
    place: Place
    jobs: list[JobNeeds]
    years: list[int]  # every year loaded, the latest first
    offers: dict | None = None  # labourmarket.offers_summary's, for the job and place
    statistics: list[dict] | None = None  # labourmarket.statistics', None when none


def needs(instance: Instance, rome: str | None, lieu: str, year: str | None = None) -> Needs:
    """The BMO figures of `year` (the latest loaded by default) in the place `lieu` (a key,
    an INSEE code or a name) for the BMO jobs of the ROME job `rome` (a code or a name),
    or for every BMO job of the place, by projects. NoFigures (404) without a survey, or
    for a year or a place it has no figures for; InvalidRequest (400) for what names no
    job, place or year."""
    if not lieu.strip():
        raise InvalidRequest("lieu est obligatoire : une clé (departement:57), un code INSEE "
                             "ou un nom")
    where = areas.place(instance.engine, lieu)
    code = entry.job(instance.engine, rome)[0] if rome and rome.strip() else None
    with instance.engine.connect() as conn:
        chosen, loaded = year_of(conn, year)
        surveyed(conn, chosen, where)
        links = _links(conn, code) if code else None
        found = kept(conn, ("jobs", chosen, where.area, None if links is None else tuple(links)),
                     lambda: _jobs(conn, chosen, where, links))
        if code is None:
            return Needs(chosen, code, where, found, loaded)
        return Needs(chosen, code, where, found, loaded,
                     offers_summary(conn, code, where.key),
                     statistics(conn, code, where.key) or None)


def year_of(conn: Connection, asked: str | None) -> tuple[int, list[int]]:
    """The survey year asked (the latest loaded when none), and every year loaded."""
    loaded = labourmarket.years(conn)
    if not loaded:
        raise NoFigures("Aucune enquête BMO n'est chargée : importez-la avec « veille "
                        "referentials import DOSSIER ».")
    if not asked or not asked.strip():
        return loaded[0], loaded
    if not asked.strip().isdigit():
        raise InvalidRequest(f"annee doit être une année, comme {loaded[0]}")
    if int(asked) not in loaded:
        raise NoFigures(f"L'enquête BMO {int(asked)} n'est pas chargée (années chargées : "
                        f"{', '.join(map(str, loaded))}).")
    return int(asked), loaded


def surveyed(conn: Connection, year: int, where: Place) -> None:
    """NoFigures when the survey of `year` has no row in the place."""
    if not where.area.codes or not summed(conn, year, where.area, ("bassin",)):
        raise NoFigures(f"L'enquête BMO {year} n'a pas de chiffres pour {where.label}.")


def _links(conn: Connection, rome: str) -> list[BmoLink]:
    found = job_map(conn)
    links = found.links(rome) if found else []
    if not links:
        raise NoFigures(f"Le métier {rome} n'a pas de métier BMO : la table de la DARES "
                        "(FAP-2021) n'est pas chargée, ou ne le rattache à aucun.")
    return links


def _jobs(conn: Connection, year: int, where: Place,
          links: list[BmoLink] | None) -> list[JobNeeds]:
    """The figures of the BMO jobs `links` name (in their order), or of every BMO job of
    the place (by projects, the most first), each with its bassins'."""
    codes = [link.code for link in links] if links is not None else None
    by_job = summed(conn, year, where.area, ("job",), codes)
    by_bassin = summed(conn, year, where.area, ("job", "bassin"), codes)
    names, bassins = labourmarket.jobs(conn, year), labourmarket.surveyed_bassins(conn, year)
    grouped: dict[str, list[BassinNeeds]] = defaultdict(list)
    for (job, bassin), totals in sorted(by_bassin.items()):
        grouped[job].append(BassinNeeds(bassin, bassins.get(bassin, bassin), totals))
    principal = {link.code: link.principal for link in links or ()}
    found = [JobNeeds(code, names.get(code, code), principal.get(code, False),
                      by_job.get((code,), BmoTotals()),
                      tuple(grouped[code]))
             for code in (codes if codes is not None else grouped)]
    if links is None:
        found.sort(key=lambda job: (-job.totals.projects, job.code))
    return found


def needs_as_json(found: Needs) -> dict:
    """`/api/besoins`'s answer (its shape is a contract, in the README)."""
    return {"annee": found.year, "rome": found.rome, "lieu": found.place.key,
            "metiers_bmo": [{"code": job.code, "libelle": job.label,
                             "principal": job.principal, **_figures(job.totals),
                             "bassins": [{"code": bassin.code, "libelle": bassin.label,
                                          **_figures(bassin.totals)}
                                         for bassin in job.bassins]}
                            for job in found.jobs],
            "annees": found.years, "offres": found.offers,
            "statistiques": found.statistics}


# The CSV columns of a place's figures (French: the exports are veille's own writing), and
# what stands for a share whose every cell is secret.
FIGURE_HEADER = ("Projets de recrutement", "Dont jugés difficiles", "Part jugée difficile (%)",
                 "Dont saisonniers", "Part saisonnière (%)", "Cellules en secret statistique")
SECRET = "secret statistique"


def figure_cells(totals: BmoTotals) -> tuple[object, ...]:
    """The FIGURE_HEADER cells of `totals`: a share in percent to one decimal, SECRET when
    its cells are all secret (never 0), empty where the survey has no row."""
    def percent(share: float | None) -> object:
        if share is None:
            return SECRET if totals.secrets else ""
        return round(100 * share, 1)
    projects = SECRET if not totals.projects and totals.secrets else totals.projects
    return (projects, totals.difficult, percent(totals.difficult_share), totals.seasonal,
            percent(totals.seasonal_share), totals.secrets)


def _figures(totals: BmoTotals) -> dict[str, int]:
    return {"projets": totals.projects, "difficiles": totals.difficult,
            "saisonniers": totals.seasonal, "secrets": totals.secrets}
