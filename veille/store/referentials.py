"""The referentials repository: writing a release of the ROME, the geography, FAP, the
BMO's bassins or a year of the BMO survey in place of the one stored, and reading them back:
whole for the taggers, code by code for the pages, the advisor's brief, labels, the tag
editor and the search's vocabulary.

A release is written by difference, code by code (added, changed, removed), so that what
refers to a ROME code or an INSEE code keeps referring to it across releases, and so that
the person importing sees what changed. The BMO's years sit side by side in the same
tables: writing one year replaces that year's rows only. The caller holds the transaction.
"""

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    RowMapping,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    true,
    update,
)

from ..refdata import (
    BASSINS,
    BMO,
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    FAP,
    GEO,
    REGION,
    ROME,
    Appellation,
    Changes,
    Commune,
    Departement,
    Domaine,
    Epci,
    Geo,
    GrandDomaine,
    Metier,
    ReferentialVersion,
    Region,
    Rome,
    Skill,
    SkillLink,
    kind_of,
)
from .schema import (
    bassin_communes,
    bassins,
    bmo_bassins,
    bmo_figures,
    bmo_jobs,
    fap_families,
    fap_rome,
    geo_communes,
    geo_departements,
    geo_epcis,
    geo_regions,
    referential_versions,
    rome_appellations,
    rome_domaines,
    rome_grands_domaines,
    rome_metiers,
    rome_skill_links,
    rome_skills,
    utcnow,
)

# The tables of each referential, by the name its counts are reported under.
TABLES: dict[str, dict[str, Table]] = {
    ROME: {"grands domaines": rome_grands_domaines, "domaines": rome_domaines,
           "métiers": rome_metiers, "appellations": rome_appellations, "skills": rome_skills,
           "skill links": rome_skill_links},
    GEO: {"régions": geo_regions, "départements": geo_departements, "EPCI": geo_epcis,
          "communes": geo_communes},
    FAP: {"families": fap_families, "ROME links": fap_rome},
    BASSINS: {"bassins": bassins, "communes": bassin_communes},
    BMO: {"jobs": bmo_jobs, "bassins": bmo_bassins, "rows": bmo_figures},
}
# The ROME's tables of codes with a label, by the kind of tag their codes are (store.tags).
LABELLED: dict[str, Table] = {"rome": rome_metiers, "domaine": rome_domaines,
                              "grand_domaine": rome_grands_domaines, "skill": rome_skills}
# The geography's tables and records, by kind of place.
Place = Commune | Epci | Departement | Region
PLACES: dict[str, tuple[Table, type]] = {
    COMMUNE: (geo_communes, Commune), EPCI: (geo_epcis, Epci),
    DEPARTEMENT: (geo_departements, Departement), REGION: (geo_regions, Region)}


def stored_version(conn: Connection, name: str) -> ReferentialVersion | None:
    """The release of referential `name` the store holds, None before its first import."""
    row = conn.execute(select(referential_versions)
                       .where(referential_versions.c.name == name)).mappings().first()
    return ReferentialVersion(**row) if row else None


def versions(conn: Connection) -> list[ReferentialVersion]:
    """Every referential loaded, by name."""
    rows = conn.execute(select(referential_versions).order_by(referential_versions.c.name))
    return [ReferentialVersion(**row) for row in rows.mappings()]


def write(conn: Connection, name: str, version: str, source: str,
          records: Mapping[str, list], counts: Mapping[str, int],
          advance: Callable[[int], None] = lambda steps: None) -> dict[str, Changes]:
    """Make the tables of referential `name` hold `records` (dataclasses by table name) and
    record the release with its `counts`; what changed in each table. A BMO year ("bmo:2024")
    replaces that year's rows only."""
    changes = {}
    for label, table in TABLES[kind_of(name)].items():
        scope = table.c.year == int(version) if kind_of(name) == BMO else true()
        changes[label] = sync(conn, table, _table_rows(table, records[label]), scope)
        advance(1)
    values = {"version": version, "source": source, "imported_at": utcnow(),
              "counts": dict(counts)}
    if conn.execute(update(referential_versions).where(referential_versions.c.name == name)
                    .values(**values)).rowcount == 0:
        conn.execute(insert(referential_versions).values(name=name, **values))
    return changes


def sync(conn: Connection, table: Table, rows: list[dict[str, Any]],
         scope: ColumnElement[bool] | None = None) -> Changes:
    """Make `table` hold exactly `rows` (among its rows in `scope`, when given): insert,
    update and delete by primary key, each in one batch (executemany), so that a whole
    referential takes seconds."""
    keys = [column.name for column in table.primary_key.columns]
    others = [column.name for column in table.columns if column.name not in keys]
    stored = {tuple(row[:len(keys)]): tuple(row[len(keys):]) for row in conn.execute(
        select(*(table.c[name] for name in keys + others)).where(
            true() if scope is None else scope))}
    wanted = {tuple(row[name] for name in keys): row for row in rows}
    added = [row for key, row in wanted.items() if key not in stored]
    changed = [row for key, row in wanted.items()
               if key in stored and stored[key] != tuple(row[name] for name in others)]
    removed = [dict(zip(keys, key, strict=True)) for key in stored if key not in wanted]
    if removed:
        conn.execute(delete(table).where(_by_key(table, keys)),
                     [{f"k_{name}": value for name, value in row.items()} for row in removed])
    if changed:
        conn.execute(update(table).where(_by_key(table, keys))
                     .values({name: bindparam(f"v_{name}") for name in others}),
                     [_update_params(row, keys, others) for row in changed])
    if added:
        conn.execute(insert(table), added)
    return Changes(len(added), len(changed), len(removed))


def _by_key(table: Table, keys: list[str]):
    return and_(*(table.c[name] == bindparam(f"k_{name}") for name in keys))


def _update_params(row: dict[str, Any], keys: list[str], others: list[str]) -> dict[str, Any]:
    return {**{f"k_{name}": row[name] for name in keys},
            **{f"v_{name}": row[name] for name in others}}


def _table_rows(table: Table, records: list) -> list[dict[str, Any]]:
    """The rows of `table` from dataclasses with an attribute per column (tuples as JSON
    lists); attrgetter, since a release is some 100,000 records."""
    names = [column.name for column in table.columns]
    values = attrgetter(*names)  # every table has two columns at least: tuples
    lists = [i for i, column in enumerate(table.columns) if isinstance(column.type, JSON)]
    rows = []
    for record in records:
        row = list(values(record))
        for i in lists:
            row[i] = list(row[i])
        rows.append(dict(zip(names, row, strict=True)))
    return rows


def load_rome(conn: Connection) -> Rome:
    """The ROME the store holds (empty lists, version "", before its first import)."""
    loaded = stored_version(conn, ROME)
    rome = Rome(loaded.version if loaded else "")
    rome.grands_domaines = _all(conn, rome_grands_domaines, GrandDomaine)
    rome.domaines = _all(conn, rome_domaines, Domaine)
    grands = {domain.code: domain.label for domain in rome.grands_domaines}
    domaines = {domain.code: domain.label for domain in rome.domaines}
    rome.metiers = [Metier(**row, domaine_label=domaines.get(row["domaine"], ""),
                           grand_domaine_label=grands.get(row["grand_domaine"], ""))
                    for row in _rows(conn, rome_metiers)]
    rome.appellations = _all(conn, rome_appellations, Appellation)
    rome.skills = _all(conn, rome_skills, Skill)
    rome.links = _all(conn, rome_skill_links, SkillLink)
    return rome


def load_geo(conn: Connection) -> Geo:
    """The geography the store holds (empty lists, version "", before its first import)."""
    loaded = stored_version(conn, GEO)
    return Geo(
        loaded.version if loaded else "",
        regions=_all(conn, geo_regions, Region),
        departements=_all(conn, geo_departements, Departement),
        epcis=_all(conn, geo_epcis, Epci),
        communes=[_record(Commune, row) for row in _rows(conn, geo_communes)],
    )


def metiers(conn: Connection, codes: Iterable[str]) -> dict[str, Metier]:
    """The ROME jobs of `codes` the store holds, by code (their domaines by code alone)."""
    rows = conn.execute(select(rome_metiers).where(rome_metiers.c.code.in_(set(codes))))
    return {row["code"]: Metier(**row) for row in rows.mappings()}


def appellation_labels(conn: Connection, rome_code: str) -> list[str]:
    """The labels of a job's appellations, its principal one first, then by label."""
    table = rome_appellations
    rows = conn.execute(select(table.c.label).where(table.c.rome_code == rome_code)
                        .order_by(table.c.principal.desc(), table.c.label))
    return list(rows.scalars())


def skills_of(conn: Connection, rome_code: str) -> list[Skill]:
    """The skills the ROME links to a job."""
    rows = conn.execute(select(rome_skills).join(
        rome_skill_links, rome_skill_links.c.skill_code == rome_skills.c.code)
        .where(rome_skill_links.c.rome_code == rome_code))
    return [Skill(**row) for row in rows.mappings()]


def titles(conn: Connection) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every job's (code, label), and every appellation's (its job's code, label)."""
    jobs = conn.execute(select(rome_metiers.c.code, rome_metiers.c.label))
    appellations = conn.execute(select(rome_appellations.c.rome_code, rome_appellations.c.label))
    return [(code, label) for code, label in jobs], [(code, label) for code, label in appellations]


def labels(conn: Connection, kind: str, codes: Iterable[str]) -> dict[str, str]:
    """The label of each code of `kind` (a key of LABELLED) the store knows, by code."""
    table = LABELLED.get(kind)
    if table is None:
        return {}
    rows = conn.execute(select(table.c.code, table.c.label).where(table.c.code.in_(set(codes))))
    return {code: label for code, label in rows}


def places(conn: Connection, kind: str, codes: Iterable[str]) -> dict[str, Place]:
    """The places of `kind` (a key of PLACES) of these codes the store knows, by code."""
    table, cls = PLACES[kind]
    rows = conn.execute(select(table).where(table.c.code.in_(set(codes))))
    return {row["code"]: _record(cls, row) for row in rows.mappings()}


def place_names(conn: Connection, kind: str) -> list[tuple[str, str]]:
    """Every place of `kind` (a key of PLACES) as (code, name)."""
    table, _ = PLACES[kind]
    return [(code, name) for code, name in conn.execute(select(table.c.code, table.c.name))]


def commune_names(conn: Connection) -> list[tuple[str, str, str]]:
    """Every commune as (code, name, its département's code)."""
    columns = (geo_communes.c.code, geo_communes.c.name, geo_communes.c.departement)
    return [(code, name, departement) for code, name, departement in conn.execute(
        select(*columns))]


def _rows(conn: Connection, table: Table) -> Iterable[RowMapping]:
    return conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()


def _all(conn: Connection, table: Table, cls: type) -> list:
    return [cls(**row) for row in _rows(conn, table)]


def _record(cls: type, row: RowMapping):
    """The dataclass of a row, its JSON lists as tuples (a commune's postcodes)."""
    return cls(**{name: tuple(value) if isinstance(value, list) else value
                  for name, value in row.items()})
