"""Trends: how many items a search finds per week or per month, and whether it is rising.

`trend` is a search's trend, the one the trends page, `/api/trends`, the advisor's job brief
and the spike alerts of saved searches show, so they agree; `rising_values` the jobs and
places rising in what a search finds. The rest is arithmetic on the French days of
publication a search selects (the search engine's `matching_days`, date ordinals), or the
store's daily counts (store/daily.py) for a search without words of every item or of one
source, kind, job, domaine, place or skill: those survive `veille purge`, so such a trend
goes back years. A search with words, or several filters, counts the items it finds.

"Rising" compares the last RECENT_WEEKS weeks (28 days up to the day asked about: this
month, whole weeks whatever the weekday) with the BASELINE_WEEKS weeks before them. The
recent count is significant when a Poisson law with the baseline's weekly mean would give
that many or more with a probability under MAX_P; small numbers stay quiet (MIN_RECENT,
MIN_RATIO) and a baseline near zero counts as MIN_WEEKLY_MEAN a week, so that a job going
from nothing to two items does not "rise".
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, TextIO

import numpy as np

from ..errors import InvalidRequest
from ..index import querylang
from ..index.facets import as_stored, facet_named
from ..index.querytree import Term
from ..index.search import SearchQuery
from ..instance import Instance
from ..models import KINDS
from ..store import daily
from ..tags.labels import labels
from ..text import spreadsheet

Interval = Literal["week", "month"]
INTERVALS: tuple[Interval, ...] = ("week", "month")
DEFAULT_WEEKS = 26  # a trend without `from` shows half a year by week…
DEFAULT_MONTHS = 24  # … or two years by month

RECENT_WEEKS = 4
BASELINE_WEEKS = 12
MAX_P = 0.01
MIN_RECENT = 5
MIN_RATIO = 1.5
MIN_WEEKLY_MEAN = 0.5

NOT_OFFERS = tuple(kind for kind in KINDS if kind != "offre")

# Day ordinals to numpy days (counted from 1970-01-01), to find months by whole arrays.
_EPOCH = date(1970, 1, 1).toordinal()


def interval_of(raw: str | None) -> Interval:
    """The interval a request asks for (week when none); InvalidRequest for another."""
    value = (raw or "week").strip()
    if value not in INTERVALS:
        raise InvalidRequest(f"interval doit valoir {' ou '.join(INTERVALS)}")
    return value


def label(day: date, interval: Interval) -> str:
    """The period holding `day`: its ISO week ("2026-W45", Monday first, the ISO year:
    2027-01-01 is "2026-W53") or its month ("2026-11")."""
    if interval == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def span(interval: Interval, date_from: date | None, date_to: date | None,
         today: date) -> tuple[date, date]:
    """The days a trend shows: from `date_from`, else from the start of the period
    DEFAULT_WEEKS weeks or DEFAULT_MONTHS months back (that period included), to `date_to`,
    else today."""
    last = date_to or today
    if date_from:
        return date_from, last
    if interval == "week":
        monday = last - timedelta(days=last.weekday())
        return monday - timedelta(weeks=DEFAULT_WEEKS - 1), last
    month = last.year * 12 + last.month - 1 - (DEFAULT_MONTHS - 1)
    return date(month // 12, month % 12 + 1, 1), last


def series(days: np.ndarray, interval: Interval, first: date,
           last: date) -> list[tuple[str, int]]:
    """How many of `days` (date ordinals, one per item) fall in each period from the one
    holding `first` to the one holding `last`, in order, periods without any at 0; days
    outside [first, last] are not counted."""
    if first > last:
        return []
    days = np.asarray(days, dtype=np.int64)
    days = days[(days >= first.toordinal()) & (days <= last.toordinal())]
    if interval == "week":
        start = first - timedelta(days=first.weekday())
        size = (last - start).days // 7 + 1
        counts = np.bincount((days - start.toordinal()) // 7, minlength=size)
        return [(label(start + timedelta(weeks=n), "week"), int(counts[n]))
                for n in range(size)]
    months = (days - _EPOCH).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    first_month = (first.year - 1970) * 12 + first.month - 1
    size = (last.year - first.year) * 12 + last.month - first.month + 1
    counts = np.bincount(months - first_month, minlength=size)
    return [(f"{(first_month + n) // 12 + 1970}-{(first_month + n) % 12 + 1:02d}", int(counts[n]))
            for n in range(size)]


@dataclass(frozen=True)
class Rise:
    """The last weeks against the weeks before: what the UI and the alert mail explain."""

    recent: int  # items in the last RECENT_WEEKS weeks
    expected: float  # what the BASELINE_WEEKS weeks before predicted for them
    ratio: float  # recent / expected
    p: float  # the chance of `recent` or more if nothing had changed (Poisson)

    @property
    def rising(self) -> bool:
        return self.recent >= MIN_RECENT and self.ratio >= MIN_RATIO and self.p < MAX_P


def windows(today: date) -> tuple[tuple[date, date], tuple[date, date]]:
    """The recent weeks up to `today` and the baseline weeks before them (first and last
    day, both included)."""
    recent_first = today - timedelta(weeks=RECENT_WEEKS) + timedelta(days=1)
    baseline_last = recent_first - timedelta(days=1)
    return ((recent_first, today),
            (recent_first - timedelta(weeks=BASELINE_WEEKS), baseline_last))


def rise(recent: int, baseline: int) -> Rise:
    """Compare `recent` items (RECENT_WEEKS weeks) with `baseline` (BASELINE_WEEKS weeks)."""
    weekly = max(baseline / BASELINE_WEEKS, MIN_WEEKLY_MEAN)
    expected = weekly * RECENT_WEEKS
    return Rise(recent, expected, recent / expected, poisson_tail(recent, expected))


def rise_of_days(days: np.ndarray, today: date) -> Rise:
    """The rise of the items published on `days` (date ordinals), as of `today`."""
    days = np.asarray(days, dtype=np.int64)
    counted = [int(((days >= first.toordinal()) & (days <= last.toordinal())).sum())
               for first, last in windows(today)]
    return rise(*counted)


@dataclass(frozen=True)
class Trend:
    interval: Interval
    series: list[tuple[str, int]]  # (period label, items), every period of the span in order
    rise: Rise
    last: date  # the day the rise is measured at: the span's last


def trend(instance: Instance, query: SearchQuery, interval: Interval, today: date) -> Trend:
    """What `query` finds counted by period over its span (its `from` and `to`, else the
    default span up to `today`), and its rise as of the span's last day."""
    first, last = span(interval, query.date_from, query.date_to, today)
    # The rise looks back 16 weeks, whatever `from` says; the series counts from `from`.
    days = _counted_days(instance, query)
    if days is None:
        days = instance.index.matching_days(replace(without_offers(query), date_from=None))
    return Trend(interval, series(days, interval, first, last), rise_of_days(days, last), last)


def write_csv(series: Sequence[tuple[str, int]], out: TextIO) -> None:
    """A trend's series as CSV, one period a row (spreadsheet.write: formulas made inert)."""
    spreadsheet.write(out, ("période", "documents"), series)


def without_offers(query: SearchQuery) -> SearchQuery:
    """The query counting news and resources alone, unless it chooses kinds: job offers
    (an API's, in their hundreds a day) would drown the news they are no part of."""
    if query.filters.get("kind"):
        return query
    return replace(query, filters={**query.filters, "kind": NOT_OFFERS})


# The filters whose trends the daily counts answer, by the dimension they count (a tag: the
# feed's and the team's, as the index's tag facet holds both).
COUNTED = {"source": "source", "kind": "kind", "tag": "tag", "rome": "rome",
           "domaine": "domaine", "lieu": "place", "competence": "skill"}


def counted_as(query: SearchQuery) -> tuple[str, str] | None:
    """The daily counts' (dimension, value) that answer `query`'s trend: a search without
    words of every item or of one value of one filter of COUNTED, or whose text names one
    job, domaine, place, skill or kind alone (a comparison's "métier:soudeur"); None for any
    other. Like without_offers, the counts leave job offers out of every dimension but their
    kind."""
    if query.published_only or query.ids is not None or query.story:
        return None
    chosen = {name: values for name, values in query.filters.items() if values}
    if query.q.strip():
        return None if chosen else _field_alone(query)
    if not chosen:
        return daily.ALL
    if len(chosen) == 1:
        ((name, values),) = chosen.items()
        if name in COUNTED and len(values) == 1:
            return COUNTED[name], as_stored(facet_named(name), values)[0]
    return None


# The fields of the query language whose value, alone in a text, the counts answer.
_COUNTED_FIELDS = {"rome": "rome", "domaine": "domaine", "lieu": "place", "skill": "skill",
                   "kind": "kind"}


def _field_alone(query: SearchQuery) -> tuple[str, str] | None:
    """The dimension and value of a text that is one field's single value ("rome:H2913",
    "métier:soudeur" when it names one job, "lieu:Moselle"), without words or dates."""
    parsed = querylang.parse(query.q, date.today(), query.vocabulary, query.synonyms,
                             query.fields)
    tree = parsed.tree
    if (parsed.since or parsed.before or not isinstance(tree, Term)
            or tree.field not in _COUNTED_FIELDS):
        return None
    return _COUNTED_FIELDS[tree.field], tree.text


def _counted_days(instance: Instance, query: SearchQuery) -> np.ndarray | None:
    """The days of publication of the items the daily counts hold for `query`, one per item
    (date ordinals), or None when they cannot answer it."""
    counted = counted_as(query)
    if counted is None:
        return None
    with instance.engine.connect() as conn:
        found = daily.days(conn, *counted)
    return np.repeat(np.fromiter((day.toordinal() for day in found), dtype=np.int64,
                                 count=len(found)),
                     np.fromiter(found.values(), dtype=np.int64, count=len(found)))


@dataclass(frozen=True)
class Rising:
    """A job or a place whose items rose: its code or key, its name, by how much."""

    value: str
    label: str
    rise: Rise


# What may rise: a facet, the kind of tag its values are (tags.labels), and the start of the
# values counted (places: the départements).
RISING = (("rome", "rome", ""), ("lieu", "place", "departement:"))


def rising_values(instance: Instance, query: SearchQuery, last: date) -> dict[str, list[Rising]]:
    """The jobs and the départements rising in what `query` finds as of `last`, by facet
    ("rome", "lieu"), with their names, the least probable rise first."""
    counted = instance.index.counts_within(replace(without_offers(query), date_from=None),
                                           [facet for facet, _, _ in RISING],
                                           list(windows(last)))
    found = {}
    with instance.engine.connect() as conn:
        for facet, kind, prefix in RISING:
            recent, baseline = counted[facet]
            rose = rising({value: count for value, count in recent.items()
                           if value.startswith(prefix)}, baseline)
            names = labels(conn, kind, [value for value, _ in rose])
            found[facet] = [Rising(value, names.get(value, value), rise) for value, rise in rose]
    return found


def rising(recent: Mapping[str, int], baseline: Mapping[str, int]) -> list[tuple[str, Rise]]:
    """The values (jobs, places…) whose recent count rose significantly over their baseline,
    the least probable rise first."""
    found = [(value, rise(count, baseline.get(value, 0))) for value, count in recent.items()]
    return sorted(((value, r) for value, r in found if r.rising),
                  key=lambda pair: (pair[1].p, -pair[1].ratio, pair[0]))


def poisson_tail(k: int, mean: float) -> float:
    """P(X ≥ k) for X following a Poisson law of this mean. Above the mean the tail is
    summed itself (1 minus almost 1 would lose the small probabilities that matter here)."""
    if k <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if k > mean:
        return min(1.0, _upwards(k, mean))
    return max(0.0, 1.0 - _downwards(k - 1, mean))


def _upwards(k: int, mean: float) -> float:
    """P(X ≥ k), for k above the mean: the terms shrink as they go up."""
    term, total, i = _probability(k, mean), 0.0, k
    while term > total * 1e-17:
        total += term
        i += 1
        term *= mean / i
    return total


def _downwards(k: int, mean: float) -> float:
    """P(X ≤ k), for k below the mean: the terms shrink as they go down."""
    term, total, i = _probability(k, mean), 0.0, k
    while i >= 0 and term > total * 1e-17:
        total += term
        term *= i / mean
        i -= 1
    return total


def _probability(k: int, mean: float) -> float:
    return math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))
