"""Labour-market figures as advisors read them: the number of job offers for a job and a
place, with its series, and the statistics' indicators (what France Travail's API sources
store as dated figures, veille/collectors/francetravail_*.py). Plain data, shaped as
`/api/besoins` answers it ("offres", "statistiques"), for the job brief and the territory
pages too."""

from dataclasses import dataclass

from sqlalchemy import Connection

from ..index.search import SearchQuery
from ..instance import Instance
from ..models import Figure
from ..store import figures as figure_store
from ..tags.labels import labels, place_labels

OFFERS = "offres"  # the indicator of francetravail-offres sources


def offers_summary(conn: Connection, rome: str, place: str) -> dict | None:
    """`{"total", "date", "serie"}`: the latest count of offers for a job and a place, its
    day, and every count so far, oldest first; None when no source counts them."""
    series = figure_store.series(conn, rome, place, OFFERS)
    if not series:
        return None
    return {"total": int(series[-1].value), "date": series[-1].date.isoformat(),
            "serie": [[figure.date.isoformat(), int(figure.value)] for figure in series]}


def statistics(conn: Connection, rome: str, place: str) -> list[dict]:
    """Each indicator of the statistics for a job and a place ("DE_1/A": job seekers of
    category A…): `{"indicateur", "date", "valeur", "serie"}`, its latest value and its
    series, oldest first; [] when no source brings them."""
    by_indicator: dict[str, list[Figure]] = {}
    for figure in figure_store.series(conn, rome, place):
        if figure.indicator != OFFERS:
            by_indicator.setdefault(figure.indicator, []).append(figure)
    return [{"indicateur": indicator, "date": series[-1].date.isoformat(),
             "valeur": series[-1].value,
             "serie": [[figure.date.isoformat(), figure.value] for figure in series]}
            for indicator, series in by_indicator.items()]


@dataclass(frozen=True)
class PlaceFigures:
    """A job's figures in one place, as the job brief shows them."""

    place: str  # its key: "departement:57"
    label: str
    figures: dict | list  # offers_summary's, or statistics'


def offers_by_place(conn: Connection, rome: str) -> list[PlaceFigures]:
    """The count of offers of a job in each place a source counts them in."""
    places = figure_store.places_of(conn, rome, OFFERS)
    names = place_labels(conn, places)
    return [PlaceFigures(place, names.get(place, place), summary)
            for place in places if (summary := offers_summary(conn, rome, place))]


def offers_beside(instance: Instance, query: SearchQuery) -> list[tuple[str, PlaceFigures]]:
    """The counts of offers the trends page plots beside a search's news: of each job the
    search filters on (none without), in each place it filters on (each place counted when
    it names none), as (the job's code, its figures there)."""
    places = set(query.filters.get("lieu", ()))
    with instance.engine.connect() as conn:
        return [(rome, counted) for rome in query.filters.get("rome", ())
                for counted in offers_by_place(conn, rome)
                if not places or counted.place in places]


def statistics_by_place(conn: Connection, rome: str) -> list[PlaceFigures]:
    """The statistics of a job in each place a source brings them for."""
    places = figure_store.places_of(conn, rome, OFFERS, other=True)
    names = place_labels(conn, places)
    return [PlaceFigures(place, names.get(place, place), statistics(conn, rome, place))
            for place in places]


@dataclass(frozen=True)
class JobFigures:
    """A job's figures in one place, as the territory pages show them."""

    rome: str
    label: str
    offers: dict | None  # offers_summary's
    statistics: list[dict]  # statistics'


def jobs_in_place(conn: Connection, place: str) -> list[JobFigures]:
    """The offers and statistics of each job sources bring figures for in `place` (a key)."""
    codes = figure_store.jobs_of(conn, place)
    names = labels(conn, "rome", codes)
    return [JobFigures(code, names.get(code, code), offers_summary(conn, code, place),
                       statistics(conn, code, place)) for code in codes]
