"""Labour-market figures as advisors read them: the number of job offers for a job and a
place, with its series, and the statistics' indicators (what France Travail's API sources
store as dated figures, veille/collectors/francetravail_*.py). Plain data, shaped as
`/api/besoins` answers it ("offres", "statistiques"), for the job brief and the territory
pages too."""

from dataclasses import dataclass

from sqlalchemy import Connection

from ..models import Figure
from ..store import figures as figure_store
from ..tags.labels import place_labels

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


def statistics_by_place(conn: Connection, rome: str) -> list[PlaceFigures]:
    """The statistics of a job in each place a source brings them for."""
    places = figure_store.places_of(conn, rome, OFFERS, other=True)
    names = place_labels(conn, places)
    return [PlaceFigures(place, names.get(place, place), statistics(conn, rome, place))
            for place in places]
