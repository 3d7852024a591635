"""The labour market's repository: DARES' FAP and its ROME table, the BMO's bassins and
their communes, and the BMO survey's figures, read for the pages and the API; and what
those tables and the other referentials disagree on, counted at each import.

The BMO's years sit side by side (`bmo_figures.year`); a place's figures are read by the
column that holds it (région, département, bassin), a commune's and an EPCI's through
their bassins.
"""


from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Select, case, func, select

from ..refdata import BASSINS, BMO, FAP, BmoTotals, Mismatch, RomeFap, kind_of
from .schema import (
    bassin_communes,
    bassins,
    bmo_bassins,
    bmo_figures,
    bmo_jobs,
    fap_families,
    fap_rome,
    geo_communes,
    referential_versions,
    rome_metiers,
)

EXAMPLES = 5  # codes a mismatch names
FAP228 = 228
# The columns of the survey's rows that hold a place: a région, a département, a bassin.
AREA_COLUMNS = ("region", "departement", "bassin")


def years(conn: Connection) -> list[int]:
    """The years of the BMO survey the store holds, the latest first."""
    names = conn.execute(select(referential_versions.c.name)
                         .where(referential_versions.c.name.like(f"{BMO}:%"))).scalars()
    return sorted((int(name.partition(":")[2]) for name in names), reverse=True)


@dataclass(frozen=True)
class Area:
    """Where figures are summed: the survey's rows whose `column` (AREA_COLUMNS) is one of
    `codes`; everywhere when `column` is ""."""

    column: str = ""
    codes: tuple[str, ...] = ()


def totals(conn: Connection, year: int, area: Area, by: Sequence[str] = ("job",),
           jobs: Iterable[str] | None = None) -> dict[tuple[str, ...], BmoTotals]:
    """The figures of `year` inside `area` summed by the columns `by` ("job", and
    "bassin", "departement"…), for the `jobs` named or all; keyed by the values of `by`."""
    columns = [bmo_figures.c[name] for name in by]
    query = (select(*columns, *_sums()).where(bmo_figures.c.year == year)
             .group_by(*columns))
    if area.column:
        query = query.where(bmo_figures.c[area.column].in_(area.codes))
    if jobs is not None:
        query = query.where(bmo_figures.c.job.in_(list(jobs)))
    return {tuple(row[:len(by)]): BmoTotals(*(value or 0 for value in row[len(by):]))
            for row in conn.execute(query)}


def _sums() -> list:
    """projects, difficult, seasonal, secrets, difficult_base, seasonal_base (BmoTotals)."""
    figures = bmo_figures.c
    secret = [case((column.is_(None), 1), else_=0)
              for column in (figures.projects, figures.difficult, figures.seasonal)]
    return [func.sum(figures.projects), func.sum(figures.difficult),
            func.sum(figures.seasonal), func.sum(sum(secret[1:], secret[0])).cast(Integer),
            func.sum(case((figures.difficult.is_not(None), figures.projects))),
            func.sum(case((figures.seasonal.is_not(None), figures.projects)))]


def jobs(conn: Connection, year: int) -> dict[str, str]:
    """The jobs of the survey of `year`, by code: their labels."""
    rows = conn.execute(select(bmo_jobs.c.code, bmo_jobs.c.label).where(bmo_jobs.c.year == year))
    return _pairs(rows)


def surveyed_bassins(conn: Connection, year: int) -> dict[str, str]:
    """The bassins of the survey of `year`, by code: their names as it writes them."""
    rows = conn.execute(select(bmo_bassins.c.code, bmo_bassins.c.name)
                        .where(bmo_bassins.c.year == year))
    return _pairs(rows)


def bassin_names(conn: Connection) -> dict[str, str]:
    """Every bassin known as a place, by code: those of the bassins table, named as the
    latest survey names them when it does."""
    names = _pairs(conn.execute(select(bassins.c.code, bassins.c.name)))
    if found := years(conn):
        names.update(surveyed_bassins(conn, found[0]))
    return names


def bassins_of(conn: Connection, communes: Iterable[str]) -> dict[str, str]:
    """The bassin of each of `communes` the bassins table places (INSEE code → bassin)."""
    rows = conn.execute(select(bassin_communes.c.commune, bassin_communes.c.bassin)
                        .where(bassin_communes.c.commune.in_(list(communes))))
    return _pairs(rows)


def commune_bassins(conn: Connection) -> dict[str, str]:
    """The whole bassins table: each commune's bassin."""
    return _pairs(conn.execute(select(bassin_communes.c.commune, bassin_communes.c.bassin)))


def bassins_of_epci(conn: Connection, epci: str) -> list[str]:
    """The bassins the communes of an EPCI are in."""
    rows = conn.execute(select(bassin_communes.c.bassin).distinct()
                        .join(geo_communes, geo_communes.c.code == bassin_communes.c.commune)
                        .where(geo_communes.c.epci == epci).order_by(bassin_communes.c.bassin))
    return list(rows.scalars())


def rome_links(conn: Connection) -> list[RomeFap]:
    """DARES' ROME → FAP table, whole (5,320 rows)."""
    return [RomeFap(*row) for row in conn.execute(
        select(fap_rome.c.rome, fap_rome.c.qualification, fap_rome.c.fap))]


def rome_parents(conn: Connection) -> dict[str, str]:
    """Each ROME 4.0 job sheet's ROME v3 parent (itself for the v3 ones)."""
    rows = conn.execute(select(rome_metiers.c.code, rome_metiers.c.parent))
    return {code: parent or code for code, parent in rows}


def mismatches(conn: Connection, name: str) -> list[Mismatch]:
    """What the referential `name` just written and the others the store holds disagree on
    (nothing for those that refer to none)."""
    checks = {FAP: _fap_checks, BASSINS: _bassin_checks, BMO: _bmo_checks}.get(kind_of(name))
    if checks is None:
        return []
    found = [_mismatch(conn, what, codes, among) for what, codes, among in checks(conn, name)]
    return [mismatch for mismatch in found if mismatch.count]


Check = tuple[str, Select, Select]  # what it means, the codes, those they should be among


def _fap_checks(conn: Connection, name: str) -> list[Check]:
    checks = [("FAP341 families of the ROME table missing from the FAP tree",
               select(fap_rome.c.fap).distinct(),
               select(fap_families.c.code).where(fap_families.c.level == 341))]
    if _any(conn, rome_metiers):
        checks.append(("ROME codes of the FAP table unknown to the ROME loaded",
                       select(fap_rome.c.rome).distinct(), select(rome_metiers.c.code)))
    return checks


def _bassin_checks(conn: Connection, name: str) -> list[Check]:
    checks = []
    if _any(conn, geo_communes):
        checks += [("communes of the bassins table unknown to the geography loaded",
                    select(bassin_communes.c.commune), select(geo_communes.c.code)),
                   ("communes of the geography in no bassin",
                    select(geo_communes.c.code), select(bassin_communes.c.commune))]
    if found := years(conn):
        checks += _survey_and_table(found[0])
    return checks


def _bmo_checks(conn: Connection, name: str) -> list[Check]:
    year = int(name.partition(":")[2])
    checks = _survey_and_table(year) if _any(conn, bassins) else []
    if _any(conn, fap_families):
        checks.append((f"jobs of the BMO {year} without a FAP228 label in the FAP tree",
                       select(bmo_jobs.c.code).where(bmo_jobs.c.year == year),
                       select(fap_families.c.code).where(fap_families.c.level == FAP228)))
    return checks


def _survey_and_table(year: int) -> list[Check]:
    """The bassins of the survey of `year` and those of the bassins table, both ways."""
    surveyed = select(bmo_bassins.c.code).where(bmo_bassins.c.year == year)
    return [(f"bassins of the BMO {year} without communes in the bassins table", surveyed,
             select(bassins.c.code)),
            (f"bassins of the bassins table absent from the BMO {year}",
             select(bassins.c.code), surveyed)]


def _mismatch(conn: Connection, what: str, codes: Select, among: Select) -> Mismatch:
    column = codes.selected_columns[0]
    missing = codes.where(column.not_in(among))
    count = conn.execute(select(func.count()).select_from(missing.subquery())).scalar_one()
    examples = conn.execute(missing.order_by(column).limit(EXAMPLES)).scalars()
    return Mismatch(what, count, tuple(str(code) for code in examples))


def _pairs(rows: Iterable) -> dict:
    return {key: value for key, value in rows}


def _any(conn: Connection, table) -> bool:
    return conn.execute(select(table).limit(1)).first() is not None
