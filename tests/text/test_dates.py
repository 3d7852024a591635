"""veille.text.dates: dates as French web pages write them, and ISO 8601."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from veille.models import LOCAL_TIME
from veille.text.dates import parse_french_date

HOUR_AHEAD = timezone(timedelta(hours=1))
FOUR_HOURS_BEHIND = timezone(timedelta(hours=-4))


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TIME)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 mars 2026", paris(2026, 3, 12)),
        ("1er avril 2026", paris(2026, 4, 1)),
        ("1ᵉʳ avril 2026", paris(2026, 4, 1)),
        ("lundi 2 mars 2026", paris(2026, 3, 2)),
        ("Lundi 2 Mars 2026", paris(2026, 3, 2)),
        ("LE 2 MARS 2026", paris(2026, 3, 2)),
        ("3 janvier 2026", paris(2026, 1, 3)),
        ("3 janv. 2026", paris(2026, 1, 3)),
        ("14 février 2026", paris(2026, 2, 14)),
        ("14 fevrier 2026", paris(2026, 2, 14)),
        ("14 févr. 2026", paris(2026, 2, 14)),
        ("14 fév. 2026", paris(2026, 2, 14)),
        ("9 avr. 2026", paris(2026, 4, 9)),
        ("9 mai 2026", paris(2026, 5, 9)),
        ("9 juin 2026", paris(2026, 6, 9)),
        ("9 juillet 2026", paris(2026, 7, 9)),
        ("9 juil. 2026", paris(2026, 7, 9)),
        ("15 août 2026", paris(2026, 8, 15)),
        ("15 aout 2026", paris(2026, 8, 15)),
        ("21 septembre 2026", paris(2026, 9, 21)),
        ("21 sept. 2026", paris(2026, 9, 21)),
        ("21 oct. 2026", paris(2026, 10, 21)),
        ("21 nov. 2026", paris(2026, 11, 21)),
        ("12 déc. 2026", paris(2026, 12, 12)),
        ("12 décembre 2026", paris(2026, 12, 12)),
        ("12\u00a0mars\u00a02026", paris(2026, 3, 12)),
    ],
)
def test_a_date_written_in_words_is_read(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12/03/2026", paris(2026, 3, 12)),
        ("12.03.2026", paris(2026, 3, 12)),
        ("12-03-2026", paris(2026, 3, 12)),
        ("2/3/2026", paris(2026, 3, 2)),
        ("2026-03-12", paris(2026, 3, 12)),
        ("2026/03/12", paris(2026, 3, 12)),
    ],
)
def test_a_date_written_in_figures_is_read_day_first_unless_the_year_comes_first(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 mars 2026 à 14h30", paris(2026, 3, 12, 14, 30)),
        ("12 mars 2026 à 9h", paris(2026, 3, 12, 9, 0)),
        ("12 mars 2026, 9 h 05", paris(2026, 3, 12, 9, 5)),
        ("12 mars 2026 14:30", paris(2026, 3, 12, 14, 30)),
        ("12/03/2026 à 14h30", paris(2026, 3, 12, 14, 30)),
        ("12/03/2026 - 08:15", paris(2026, 3, 12, 8, 15)),
        ("mercredi 1er avril 2026 à 18h00", paris(2026, 4, 1, 18, 0)),
    ],
)
def test_a_time_after_the_date_is_kept(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 mars 2026 : atelier de 48h", paris(2026, 3, 12)),
        ("12 mars 2026 - 3 postes", paris(2026, 3, 12)),
        ("12 mars 2026 à 25h", paris(2026, 3, 12)),
    ],
)
def test_figures_after_the_date_that_are_no_time_leave_it_at_midnight(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Publié le 12 mars 2026", paris(2026, 3, 12)),
        ("  Publié le\n   12 mars 2026  ", paris(2026, 3, 12)),
        ("Mis à jour le 05/03/2026 par l'équipe", paris(2026, 3, 5)),
        ("Publié le 12 mars 2026, mis à jour le 14/03/2026", paris(2026, 3, 12)),
        ("Réunion le 31 février 2026, reportée au 3 mars 2026", paris(2026, 3, 3)),
    ],
)
def test_the_first_valid_date_in_a_sentence_is_the_one_read(text, expected):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-03-12T14:30:00+01:00", datetime(2026, 3, 12, 14, 30, tzinfo=HOUR_AHEAD)),
        ("2026-03-12T14:30:00Z", datetime(2026, 3, 12, 14, 30, tzinfo=UTC)),
        ("2026-07-01T08:00:00-04:00", datetime(2026, 7, 1, 8, tzinfo=FOUR_HOURS_BEHIND)),
        ("2026-03-12T14:30", paris(2026, 3, 12, 14, 30)),
        ("2026-03-12 14:30:15", paris(2026, 3, 12, 14, 30, 15)),
        ("2026-07-01", paris(2026, 7, 1)),
    ],
)
def test_iso_8601_keeps_its_offset_and_without_one_is_french_time(text, expected):
    moment = parse_french_date(text)
    assert moment == expected and moment.utcoffset() == expected.utcoffset()


def test_a_date_without_a_zone_follows_french_summer_time():
    assert parse_french_date("1er juillet 2026 à 12h00").utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Publié prochainement",
        "hier",
        "mars 2026",
        "12 mars",
        "12/03/26",
        "31 février 2026",
        "31/04/2026",
        "2026-13-01",
        "12 brumaire 2026",
        "Tél. 03 12 34 56 78",
    ],
)
def test_text_without_a_whole_valid_date_gives_none(text):
    assert parse_french_date(text) is None
