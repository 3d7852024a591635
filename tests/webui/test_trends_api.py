"""`GET /api/trends`: what a search finds counted by ISO week or by month, with the search's
own filters (words, job, place) and its access (visitors count what was published), and
whether it is rising."""

import json
from pathlib import Path

import pytest

from webui import create_app

# Welders in Moselle (Metz, Thionville) eight times in May 2026, nurses in Reims once.
WELDERS = [
    {"id": f"soudeurs-{n}", "published": day,
     "title": f"{town} : les soudeurs très recherchés ({n})",
     "content": f"<p>L'industrie manque de soudeurs. À {town}, une formation ouvre en "
                f"septembre pour les demandeurs d'emploi (annonce {n}).</p>",
     "url": f"https://exemple.test/import/soudeurs-{n}", "source": "Observatoire régional",
     "kind": "news"}
    for n, (town, day) in enumerate([
        ("Metz", "2026-05-04T09:00:00+02:00"), ("Metz", "2026-05-05T09:00:00+02:00"),
        ("Thionville", "2026-05-06T09:00:00+02:00"), ("Metz", "2026-05-07T23:30:00+02:00"),
        ("Thionville", "2026-05-12T09:00:00+02:00"), ("Metz", "2026-05-13T09:00:00+02:00"),
        ("Metz", "2026-05-19T09:00:00+02:00"), ("Thionville", "2026-05-21T09:00:00+02:00"),
    ])
]
NURSES = {"id": "aides-soignants-reims", "published": "2026-05-05T09:00:00+02:00",
          "title": "Reims recrute des aides-soignants",
          "content": "Le centre hospitalier de Reims cherche des aides-soignants pour l'été.",
          "url": "https://exemple.test/import/aides-soignants-reims",
          "source": "Observatoire régional", "kind": "news"}
MAY = {"from": "2026-04-27", "to": "2026-05-24"}  # weeks 18 to 21, Monday to Sunday


def import_may(veille, tmp_path: Path) -> None:
    """Import WELDERS and NURSES with `veille import` (tagged: use `tagging_instance`)."""
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in [*WELDERS, NURSES]),
                    encoding="utf-8")
    veille("import", str(path))


@pytest.fixture
def imported(tagging_instance, veille, tmp_path: Path):
    import_may(veille, tmp_path)
    return tagging_instance


@pytest.fixture
def client(imported):
    return create_app({"TESTING": True}).test_client()


def trend(client, **args) -> dict:
    response = client.get("/api/trends", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize(("args", "series"), [
    ({}, [["2026-W18", 0], ["2026-W19", 5], ["2026-W20", 2], ["2026-W21", 2]]),
    ({"rome": "H2913"}, [["2026-W18", 0], ["2026-W19", 4], ["2026-W20", 2], ["2026-W21", 2]]),
    ({"lieu": "Moselle"}, [["2026-W18", 0], ["2026-W19", 4], ["2026-W20", 2], ["2026-W21", 2]]),
    ({"lieu": "Thionville"},
     [["2026-W18", 0], ["2026-W19", 1], ["2026-W20", 1], ["2026-W21", 1]]),
    ({"q": "aides-soignants"}, [["2026-W18", 0], ["2026-W19", 1], ["2026-W20", 0],
                                ["2026-W21", 0]]),
    ({"rome": "H2913", "lieu": "Marne"},
     [["2026-W18", 0], ["2026-W19", 0], ["2026-W20", 0], ["2026-W21", 0]]),
])
def test_the_search_filters_decide_what_is_counted_week_by_week(client, args, series):
    found = trend(client, **MAY, **args)
    assert found["interval"] == "week"
    assert found["series"] == series


def test_by_month_the_empty_months_are_there_too(client):
    found = trend(client, interval="month", **{"from": "2026-03-15", "to": "2026-06-30"})
    assert found == {"interval": "month", "rising": None,
                     "series": [["2026-03", 0], ["2026-04", 0], ["2026-05", 9],
                                ["2026-06", 0]]}


def test_a_search_rising_says_by_how_much(client):
    welders = trend(client, rome="H2913", **MAY)["rising"]
    # Eight in the four weeks up to `to`, none in the twelve before: the floor of half an
    # item a week expected two.
    assert (welders["recent"], welders["expected"], welders["ratio"]) == (8, 2.0, 4.0)
    assert welders["p"] < 0.01
    assert trend(client, q="aides-soignants", **MAY)["rising"] is None
    # Seen from later, May is the baseline: nothing rises.
    assert trend(client, rome="H2913", to="2026-08-30")["rising"] is None


def test_a_trend_without_dates_ends_this_week(client):
    series = trend(client)["series"]
    assert len(series) == 26
    assert series[-1][0] == trend(client, interval="week")["series"][-1][0]


@pytest.mark.parametrize(("args", "message"), [
    ({"interval": "day"}, "interval doit valoir week ou month"),
    ({"from": "mai"}, "from doit être une date AAAA-MM-JJ, reçu 'mai'"),
])
def test_a_bad_parameter_is_a_400_saying_what_is_expected(client, args, message):
    response = client.get("/api/trends", query_string=args)
    assert response.status_code == 400
    assert response.get_json() == {"error": message, "status": 400}


def test_visitors_of_a_closed_instance_count_what_was_published(imported, veille):
    veille("items", "publish", "soudeurs-0")
    closed = create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.public_search": "no"}})
    found = trend(closed.test_client(), **MAY)
    assert found["series"] == [["2026-W18", 0], ["2026-W19", 1], ["2026-W20", 0],
                               ["2026-W21", 0]]
