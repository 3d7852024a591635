"""Trends: days of publication counted by ISO week or by month, gaps at zero, and the rule
that says a search (or a job) is rising this month."""

import math
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from tests.webui.test_trends_api import import_may
from veille.analyse import trends
from veille.analyse.trends import Rise, poisson_tail, rise, rise_of_days, rising, series, span
from veille.errors import InvalidRequest
from veille.index.search import SearchQuery

TODAY = date(2026, 11, 12)  # a Thursday


def days(*isodays: str) -> np.ndarray:
    return np.array([date.fromisoformat(day).toordinal() for day in isodays], dtype=np.int32)


@pytest.mark.parametrize(("day", "week", "month"), [
    ("2026-11-02", "2026-W45", "2026-11"),  # a Monday opens its week
    ("2026-11-08", "2026-W45", "2026-11"),  # and the Sunday closes it
    ("2026-12-31", "2026-W53", "2026-12"),  # 2026 has 53 ISO weeks
    ("2027-01-03", "2026-W53", "2027-01"),  # the ISO year, not the calendar's
    ("2027-01-04", "2027-W01", "2027-01"),
    ("2025-12-29", "2026-W01", "2025-12"),  # and the other way round
    ("2026-01-05", "2026-W02", "2026-01"),
])
def test_a_day_is_labelled_by_its_iso_week_or_its_month(day, week, month):
    assert trends.label(date.fromisoformat(day), "week") == week
    assert trends.label(date.fromisoformat(day), "month") == month


@pytest.mark.parametrize(("found", "first", "last", "expected"), [
    # Weeks across a year end: W53, then W01 of the next ISO year, gaps at zero.
    (("2026-12-21", "2026-12-31", "2027-01-01", "2027-01-03", "2027-01-12"),
     "2026-12-21", "2027-01-17",
     [("2026-W52", 1), ("2026-W53", 3), ("2027-W01", 0), ("2027-W02", 1)]),
    # A week is counted from its Monday though the span starts mid-week, but days before
    # the span's first day (a `from`) are not counted.
    (("2026-11-02", "2026-11-04", "2026-11-05", "2026-11-12"), "2026-11-04", "2026-11-12",
     [("2026-W45", 2), ("2026-W46", 1)]),
    # Days after the last are left out too.
    (("2026-11-09", "2026-11-13"), "2026-11-09", "2026-11-12", [("2026-W46", 1)]),
    ((), "2026-11-02", "2026-11-16", [("2026-W45", 0), ("2026-W46", 0), ("2026-W47", 0)]),
    ((), "2026-11-16", "2026-11-02", []),  # from after to: nothing to show
])
def test_days_are_counted_by_week(found, first, last, expected):
    assert series(days(*found), "week", date.fromisoformat(first),
                  date.fromisoformat(last)) == expected


@pytest.mark.parametrize(("found", "first", "last", "expected"), [
    (("2026-10-31", "2026-11-01", "2026-11-30", "2027-02-01"), "2026-10-01", "2027-02-28",
     [("2026-10", 1), ("2026-11", 2), ("2026-12", 0), ("2027-01", 0), ("2027-02", 1)]),
    (("2026-01-15",), "2026-01-20", "2026-01-31", [("2026-01", 0)]),
    ((), "2025-12-01", "2026-01-31", [("2025-12", 0), ("2026-01", 0)]),
])
def test_days_are_counted_by_month(found, first, last, expected):
    assert series(days(*found), "month", date.fromisoformat(first),
                  date.fromisoformat(last)) == expected


def test_without_dates_a_trend_shows_26_weeks_or_24_months_up_to_today():
    first, last = span("week", None, None, TODAY)
    assert (first, last) == (date(2026, 5, 18), TODAY)  # a Monday, 25 weeks before this one
    assert len(series(days(), "week", first, last)) == trends.DEFAULT_WEEKS == 26
    first, last = span("month", None, None, TODAY)
    assert (first, last) == (date(2024, 12, 1), TODAY)
    assert len(series(days(), "month", first, last)) == trends.DEFAULT_MONTHS == 24


def test_a_trend_spans_the_dates_asked_for_or_back_from_the_last():
    assert span("week", date(2026, 1, 7), date(2026, 3, 1), TODAY) == (date(2026, 1, 7),
                                                                      date(2026, 3, 1))
    assert span("month", None, date(2026, 3, 15), TODAY) == (date(2024, 4, 1),
                                                            date(2026, 3, 15))


def test_the_interval_is_week_by_default_and_nothing_but_week_or_month():
    assert trends.interval_of(None) == trends.interval_of("") == "week"
    assert trends.interval_of("month") == "month"
    with pytest.raises(InvalidRequest, match="interval doit valoir week ou month"):
        trends.interval_of("day")


@pytest.mark.parametrize(("k", "mean"), [(0, 3.0), (1, 0.5), (5, 2.0), (10, 4.0), (3, 6.0),
                                         (50, 40.0), (30, 40.0)])
def test_the_poisson_tail_is_the_sum_of_the_probabilities(k, mean):
    direct = 1 - sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k))
    assert poisson_tail(k, mean) == pytest.approx(direct, rel=1e-9)


def test_the_poisson_tail_keeps_small_probabilities_and_large_means():
    assert poisson_tail(20, 2.0) == pytest.approx(6.4437e-14, rel=1e-4)  # not 1 - (1 - p)
    assert 0 < poisson_tail(2000, 1000.0) < 1e-150
    assert poisson_tail(1, 1000.0) == 1.0


@pytest.mark.parametrize(("recent", "baseline", "rises"), [
    (12, 12, True),  # 12 in 4 weeks after 1 a week: expected 4, p ≈ 0.001
    (9, 12, False),  # ×2.25, but p ≈ 0.02: could be chance
    (40, 60, True),  # 10 a week after 5 a week
    (25, 60, False),  # 6 a week after 5: not significant
    (7, 0, True),  # from nothing: against the floor of half an item a week (p ≈ 0.005)
    (6, 0, False),  # p ≈ 0.017
    (4, 0, False),  # a few: too few to call it rising, whatever the chance
    (200, 360, True),  # 50 a week after 30
])
def test_rising_means_improbable_enough_many_enough_and_steep_enough(recent, baseline, rises):
    assert rise(recent, baseline).rising is rises


def test_a_rise_says_what_was_expected_and_how_far_it_went():
    found = rise(12, 12)
    assert (found.recent, found.expected, found.ratio) == (12, 4.0, 3.0)
    assert found.p == pytest.approx(poisson_tail(12, 4.0))
    floor = rise(7, 0)
    assert floor.expected == 4 * trends.MIN_WEEKLY_MEAN and floor.ratio == 3.5


def test_many_items_but_a_small_increase_is_not_a_rise():
    steady = rise(130, 360)  # 32.5 a week after 30: p ≈ 0.24
    assert steady.ratio < trends.MIN_RATIO and not steady.rising
    big_but_slow = rise(700, 1800)  # ×1.17 on big numbers: improbable, yet not steep enough
    assert big_but_slow.p < trends.MAX_P and not big_but_slow.rising


def test_the_last_four_weeks_are_compared_with_the_twelve_before():
    recent, baseline = trends.windows(TODAY)
    assert recent == (date(2026, 10, 16), TODAY)  # 28 days, today included
    assert baseline == (date(2026, 7, 24), date(2026, 10, 15))  # the 84 days before
    # One a week in the baseline, three a week lately, and what is outside is not counted.
    weekly = [TODAY - timedelta(days=30 + 7 * n) for n in range(12)]
    lately = [TODAY - timedelta(days=n * 2) for n in range(12)]
    ignored = [TODAY + timedelta(days=1), baseline[0] - timedelta(days=1)]
    ordinals = np.array([day.toordinal() for day in weekly + lately + ignored])
    assert rise_of_days(ordinals, TODAY) == rise(12, 12)
    assert rise_of_days(ordinals, TODAY).rising


def test_the_rising_values_are_those_significant_least_probable_first():
    found = rising({"H2913": 12, "J1501": 40, "K2204": 4, "A1203": 25},
                   {"H2913": 12, "J1501": 60, "A1203": 60})
    assert [value for value, _ in found] == ["J1501", "H2913"]
    assert all(isinstance(r, Rise) and r.rising for _, r in found)


def test_a_searchs_trend_is_its_series_over_its_span_and_its_rise_at_the_spans_end(
        instance, veille, tmp_path):
    """The one trend the trends page, /api/trends, the job brief and the spike alerts show."""
    import_may(veille, tmp_path)  # eight news about welders from 4 to 21 May 2026
    may = SearchQuery(q="soudeurs", date_from=date(2026, 4, 27), date_to=date(2026, 5, 24))
    found = trends.trend(instance, may, "week", TODAY)
    assert found.series == [("2026-W18", 0), ("2026-W19", 4), ("2026-W20", 2), ("2026-W21", 2)]
    assert (found.last, found.rise.recent, found.rise.expected) == (date(2026, 5, 24), 8, 2.0)
    assert found.rise.rising
    # `from` cuts the series, not the weeks the rise looks back on.
    later = trends.trend(instance, replace(may, date_from=date(2026, 5, 12)), "week", TODAY)
    assert later.series == [("2026-W20", 2), ("2026-W21", 2)] and later.rise == found.rise
    # Without dates: the default span up to today, the rise as of today.
    undated = trends.trend(instance, SearchQuery(q="soudeurs"), "month", TODAY)
    assert len(undated.series) == trends.DEFAULT_MONTHS and undated.last == TODAY
    assert dict(undated.series)["2026-05"] == 8 and not undated.rise.rising
