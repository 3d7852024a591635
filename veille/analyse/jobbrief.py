"""The advisor's brief on one ROME job: what the ROME says of it (domaine, appellations,
skills) beside what veille gathered about it (the latest news and resources tagged with it,
the territories they name most, their trend), to read before a diagnostic. Plain data from
the store and the index; the web pages lay it out, on screen and on paper."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from ..enrich.matcher import words
from ..index.search import SearchPage, SearchQuery
from ..instance import Instance
from ..refdata import COMMUNE, DEPARTEMENT, ROME, SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE
from ..store import referentials as referential_store
from ..tags.labels import labels, place_labels
from ..tags.releases import PerRelease
from . import labourmarket, trends
from .trends import Rise

LATEST = 10  # news, and resources, shown
APPELLATIONS_SHOWN = 8
TERRITORIES_SHOWN = 5  # départements, and communes
FOUND_SHOWN = 50  # jobs the finder lists
SKILL_KINDS = (SAVOIR_FAIRE, SAVOIR_ETRE, SAVOIR)  # what one does first, what one knows last


@dataclass(frozen=True)
class Coded:
    code: str
    label: str


@dataclass(frozen=True)
class SkillGroup:
    category: str  # as the ROME names it: "Technique expert", "Normes et procédés"…
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Territory:
    key: str  # the search's `lieu` value: "departement:57", "commune:57463"
    label: str
    count: int  # items tagged with the job that name it


@dataclass
class JobBrief:
    job: Coded
    domaine: Coded
    grand_domaine: Coded
    appellations: list[str]  # the principal first, then by label; APPELLATIONS_SHOWN at most
    appellation_count: int
    skills: dict[str, list[SkillGroup]]  # by kind, in SKILL_KINDS order; groups by category
    news: SearchPage  # the latest LATEST, and their total
    resources: SearchPage
    offers: SearchPage  # the latest LATEST job offers (francetravail-offres sources)
    offers_place: str  # the place they lie in: `[maison] territory` ("" for anywhere)
    offer_counts: list[labourmarket.PlaceFigures]  # by place, with their series
    statistics: list[labourmarket.PlaceFigures]  # francetravail-stats sources', by place
    departements: list[Territory]  # the most mentioned first
    communes: list[Territory]
    # News a week over the trends page's default span (trends.span), and whether the last
    # weeks rose over the ones before.
    trend: list[tuple[str, int]]
    rise: Rise
    release: str  # the ROME release the store holds ("460"), for the printed source
    day: date  # when the brief was made


@dataclass(frozen=True)
class Found:
    job: Coded
    appellation: str  # what matched when the job's own label did not, else ""


def brief(instance: Instance, code: str, today: date) -> JobBrief | None:
    """The brief on ROME job `code` (as the ROME writes it: "H2913"), None if the store
    knows no such job (or no ROME at all: see `rome_release`)."""
    with instance.engine.connect() as conn:
        metier = referential_store.metiers(conn, [code]).get(code)
        if metier is None:
            return None
        appellations = referential_store.appellation_labels(conn, code)
        news, resources = (_latest(instance, code, kind) for kind in ("news", "resource"))
        departements, communes = _territories(instance, conn, code)
        trend = _trend(instance, code, today)
        territory = instance.settings.maison.territory
        return JobBrief(
            job=Coded(metier.code, metier.label),
            domaine=_coded(conn, "domaine", metier.domaine),
            grand_domaine=_coded(conn, "grand_domaine", metier.grand_domaine),
            appellations=appellations[:APPELLATIONS_SHOWN],
            appellation_count=len(appellations),
            skills=_skills(conn, code),
            news=news, resources=resources, offers=_latest(instance, code, "offre", territory),
            offers_place=territory,
            offer_counts=labourmarket.offers_by_place(conn, code),
            statistics=labourmarket.statistics_by_place(conn, code),
            departements=departements, communes=communes, trend=trend.series, rise=trend.rise,
            release=rome_release(conn) or "", day=today)


def rome_release(conn: Connection) -> str | None:
    """The ROME release the store holds ("" when its files did not say), None before
    `veille referentials import`: the pages then say how to import it."""
    stored = referential_store.stored_version(conn, ROME)
    return stored.version if stored else None


def _coded(conn: Connection, kind: str, code: str) -> Coded:
    return Coded(code, labels(conn, kind, [code]).get(code, code))


def _skills(conn: Connection, code: str) -> dict[str, list[SkillGroup]]:
    grouped: dict[str, dict[str, list[str]]] = {}
    for skill in referential_store.skills_of(conn, code):
        grouped.setdefault(skill.kind, {}).setdefault(skill.category, []).append(skill.label)
    return {kind: [SkillGroup(category, tuple(sorted(grouped[kind][category])))
                   for category in sorted(grouped[kind])]
            for kind in SKILL_KINDS if kind in grouped}


def _latest(instance: Instance, code: str, kind: str, lieu: str = "") -> SearchPage:
    """The LATEST items of `kind` naming the job (and the place `lieu`, when given: its
    communes' items too, by their lieu tags)."""
    filters: dict[str, tuple[str, ...]] = {"rome": (code,), "kind": (kind,)}
    if lieu:
        filters["lieu"] = (lieu,)
    return instance.index.search(SearchQuery(filters=filters, sort="date", limit=LATEST))


def _trend(instance: Instance, code: str, today: date) -> trends.Trend:
    """News only: resources are dated by their documents, not by when the job is talked of."""
    query = SearchQuery(filters={"rome": (code,), "kind": ("news",)})
    return trends.trend(instance, query, "week", today)


def _territories(instance: Instance, conn: Connection, code: str
                 ) -> tuple[list[Territory], list[Territory]]:
    """The départements and communes the job's items name most (their `lieu` keys start
    with their kind: "departement:57"), however many places they name."""
    query = SearchQuery(filters={"rome": (code,)}, facet_limit=TERRITORIES_SHOWN)
    chosen = {kind: instance.index.facet_values(query, "lieu", f"{kind}:").values
              for kind in (DEPARTEMENT, COMMUNE)}
    named = place_labels(conn, [key for pairs in chosen.values() for key, _ in pairs])
    places = {kind: [Territory(key, named.get(key, key), count) for key, count in pairs]
              for kind, pairs in chosen.items()}
    return places[DEPARTEMENT], places[COMMUNE]


def find(instance: Instance, text: str) -> list[Found]:
    """Jobs whose label or code, or one of whose appellations, has a word starting with
    each word of `text` (case and accents aside: "soud" finds "Soudeur / Soudeuse"), those
    named by their own label first, FOUND_SHOWN at most. Prefixes, so a word half typed finds; not
    inner fragments, so "art" finds "Artisan" and not "Départ"."""
    wanted = words(text)
    if not wanted:
        return []
    with instance.engine.connect() as conn:
        names = _names.get(conn)
    if names is None:
        return []
    jobs = {code: label for code, label, _ in names.jobs}
    found = {code: Found(Coded(code, label), "") for code, label in _naming(names.jobs, wanted)}
    for code, label in _naming(names.appellations, wanted):
        if code not in found and code in jobs:
            found[code] = Found(Coded(code, jobs[code]), label)
    return list(found.values())[:FOUND_SHOWN]


@dataclass(frozen=True)
class _Names:
    """The jobs' and appellations' labels with their words, as (code, label, words)."""

    jobs: list[tuple[str, str, tuple[str, ...]]]
    appellations: list[tuple[str, str, tuple[str, ...]]]


def _names_of(conn: Connection) -> _Names:
    """The finder's table, cut into words once per ROME release and process (14,700
    labels: cutting them at each request took 80 ms)."""
    return _Names(*([(code, label, (*words(label), code.lower())) for code, label in pairs]
                    for pairs in referential_store.titles(conn)))


_names = PerRelease((ROME,), _names_of)


def _naming(names: Iterable[tuple[str, str, tuple[str, ...]]],
            wanted: tuple[str, ...]) -> list[tuple[str, str]]:
    """The (code, label) pairs whose label or ROME code has a word starting with each
    wanted word ("h29" finds the domaine's jobs), by label."""
    return sorted(((code, label) for code, label, have in names if _starts(have, wanted)),
                  key=lambda pair: pair[1])


def _starts(have: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    return all(any(word.startswith(part) for word in have) for part in wanted)
