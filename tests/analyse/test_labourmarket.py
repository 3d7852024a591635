"""The labour-market figures as advisors read them: the count of offers for a job and a
place with its series, the statistics' indicators, the places counted."""

from datetime import date

from veille.analyse import labourmarket
from veille.models import Figure
from veille.store import figures as figure_store


def record(instance, *points: Figure) -> None:
    with instance.engine.begin() as conn:
        figure_store.record(conn, None, points)


def offers(day: int, value: float, place: str = "departement:57") -> Figure:
    return Figure("offres", "H2913", place, date(2026, 12, day), value)


def test_the_offers_summary_is_the_latest_count_and_its_series(instance):
    record(instance, offers(7, 1234), offers(1, 1180), offers(7, 9, "commune:57463"))
    with instance.engine.connect() as conn:
        summary = labourmarket.offers_summary(conn, "H2913", "departement:57")
        assert labourmarket.offers_summary(conn, "M1805", "departement:57") is None
    assert summary == {"total": 1234, "date": "2026-12-07",
                       "serie": [["2026-12-01", 1180], ["2026-12-07", 1234]]}


def test_the_statistics_are_each_indicator_with_its_latest_value_and_series(instance):
    record(instance, offers(7, 1234),
           Figure("DE_1/A", "H2913", "departement:57", date(2022, 4, 1), 4100),
           Figure("DE_1/A", "H2913", "departement:57", date(2022, 7, 1), 4430),
           Figure("DYN_1", "H2913", "departement:57", date(2022, 7, 1), 3))
    with instance.engine.connect() as conn:
        found = labourmarket.statistics(conn, "H2913", "departement:57")
        assert labourmarket.statistics(conn, "H2913", "commune:57463") == []
    assert found == [
        {"indicateur": "DE_1/A", "date": "2022-07-01", "valeur": 4430.0,
         "serie": [["2022-04-01", 4100.0], ["2022-07-01", 4430.0]]},
        {"indicateur": "DYN_1", "date": "2022-07-01", "valeur": 3.0,
         "serie": [["2022-07-01", 3.0]]}]


def test_offers_by_place_names_each_place_counted(tagging_instance):
    record(tagging_instance, offers(7, 12), offers(7, 3, "commune:57463"))
    with tagging_instance.engine.connect() as conn:
        found = labourmarket.offers_by_place(conn, "H2913")
    assert [(each.place, each.label, each.figures["total"]) for each in found] == [
        ("commune:57463", "Metz (57)", 3), ("departement:57", "Moselle", 12)]


def test_statistics_by_place_leaves_the_offers_out(instance):
    record(instance, offers(7, 12),
           Figure("DE_1/A", "H2913", "region:44", date(2022, 7, 1), 4430))
    with instance.engine.connect() as conn:
        found = labourmarket.statistics_by_place(conn, "H2913")
    assert [(each.place, [stat["indicateur"] for stat in each.figures]) for each in found] == [
        ("region:44", ["DE_1/A"])]
