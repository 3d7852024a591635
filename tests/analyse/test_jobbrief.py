"""The advisor's brief on a ROME job gathers what the ROME says of it (domaine,
appellations, skills) and what veille holds about it: the latest news and resources tagged
with it, the territories they name most, the weekly trend; the finder leads to it from
words of a job's name."""

from datetime import date

import pytest

from tests.tags.test_itemtags import NURSES, write_jsonl
from veille.analyse import jobbrief
from veille.analyse.jobbrief import Coded, Found, Territory
from veille.refdata import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE

TODAY = date(2026, 6, 1)
WELDER = "H2913"  # Soudeur / Soudeuse
# Twelve news about welders, a day apart from 1 May 2026: two in Metz for one in Thionville
# (both in the Moselle); one resource about Strasbourg (Bas-Rhin).
TOWNS = ("Metz", "Metz", "Thionville")
WELDING_NEWS = [
    {"id": f"soudeurs-{n}", "title": f"{TOWNS[n % 3]} : des soudeurs recherchés ({n})",
     "content": f"À {TOWNS[n % 3]}, l'atelier numéro {n} manque de soudeurs qualifiés.",
     "url": f"https://exemple.test/soudeurs/{n}",
     "published": f"2026-05-{n + 1:02d}T09:00:00+02:00",
     "source": "Presse régionale", "kind": "news"}
    for n in range(12)
]
WELDING_GUIDE = {
    "id": "guide-soudage", "title": "Guide du métier de soudeur à Strasbourg",
    "content": "Les formations de soudeur et soudeuse proposées à Strasbourg.",
    "url": "https://exemple.test/guides/soudage", "published": "2026-04-02T09:00:00+02:00",
    "source": "Carif-Oref", "kind": "resource"}
NEWEST_NEWS = [record["id"] for record in reversed(WELDING_NEWS)]


@pytest.fixture
def welding(tagging_instance, veille, tmp_path):
    """The welding news and guide, and news about another job (nurses in Reims), imported
    and tagged; returns the instance."""
    records = (*WELDING_NEWS, WELDING_GUIDE, NURSES)
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", *records)))
    return tagging_instance


def test_the_brief_names_the_job_its_domaine_and_its_appellations(welding):
    brief = jobbrief.brief(welding, WELDER, TODAY)
    assert brief.job == Coded(WELDER, "Soudeur / Soudeuse")
    assert brief.domaine == Coded("H29", "Mécanique, travail des métaux et outillage")
    assert brief.grand_domaine == Coded("H", "Industrie")
    assert brief.appellations[0] == "Soudeur / Soudeuse"  # the principal one first
    assert "Braseur / Braseuse" in brief.appellations
    assert len(brief.appellations) == jobbrief.APPELLATIONS_SHOWN
    assert brief.appellation_count == 16
    assert brief.release == "460"
    assert brief.day == TODAY


def test_skills_are_grouped_by_kind_then_by_category(welding):
    skills = jobbrief.brief(welding, WELDER, TODAY).skills
    assert list(skills) == [SAVOIR_FAIRE, SAVOIR_ETRE, SAVOIR]
    assert [group.category for group in skills[SAVOIR_FAIRE]] == [
        "Technique", "Technique expert", "Transverse"]
    being = skills[SAVOIR_ETRE][0]
    assert being.labels == ("Avoir l'esprit d'équipe",
                            "Faire preuve d'autonomie", "Faire preuve de rigueur et de précision",
                            "Organiser son travail selon les priorités et les objectifs")
    knowledge = {label for group in skills[SAVOIR] for label in group.labels}
    assert "Techniques de soudage" in knowledge


def test_the_latest_news_and_resources_tagged_with_the_job(welding):
    brief = jobbrief.brief(welding, WELDER, TODAY)
    assert brief.news.total == 12
    assert [hit.id for hit in brief.news.hits] == NEWEST_NEWS[:jobbrief.LATEST]
    assert [hit.id for hit in brief.resources.hits] == ["guide-soudage"]
    assert brief.resources.total == 1


def test_the_territories_most_mentioned_with_their_names(welding):
    brief = jobbrief.brief(welding, WELDER, TODAY)
    assert brief.departements == [Territory("departement:57", "Moselle", 12),
                                  Territory("departement:67", "Bas-Rhin", 1)]
    assert brief.communes == [Territory("commune:57463", "Metz (57)", 8),
                              Territory("commune:57672", "Thionville (57)", 4),
                              Territory("commune:67482", "Strasbourg (67)", 1)]


def test_the_trend_counts_the_news_a_week_and_sees_them_rise(welding):
    brief = jobbrief.brief(welding, WELDER, TODAY)
    weeks = dict(brief.trend)
    assert len(weeks) == 26  # the trends page's default span, up to the brief's week
    assert list(weeks)[-1] == "2026-W23"
    assert (weeks["2026-W18"], weeks["2026-W19"], weeks["2026-W20"]) == (3, 7, 2)
    assert sum(weeks.values()) == 12  # news only: the guide is not counted
    assert brief.rise.recent == 8  # the last 28 days: from 5 May
    assert brief.rise.rising


def test_a_job_without_items_has_an_empty_brief(welding):
    brief = jobbrief.brief(welding, "K2111", TODAY)  # Formateur / Formatrice
    assert brief.job.label == "Formateur / Formatrice"
    assert (brief.news.total, brief.resources.total) == (0, 0)
    assert brief.departements == brief.communes == []
    assert sum(count for _, count in brief.trend) == 0 and not brief.rise.rising


def test_an_unknown_code_has_no_brief(tagging_instance):
    assert jobbrief.brief(tagging_instance, "Z9999", TODAY) is None
    assert jobbrief.brief(tagging_instance, "h2913", TODAY) is None  # the ROME writes capitals


def test_without_the_rome_there_is_no_brief_and_no_release(instance):
    assert jobbrief.brief(instance, WELDER, TODAY) is None
    with instance.engine.connect() as conn:
        assert jobbrief.rome_release(conn) is None
    assert jobbrief.find(instance, "soudeur") == []


@pytest.mark.parametrize(("text", "first"), [
    ("soudeur", Found(Coded("H2915", "Chef soudeur / Cheffe soudeuse"), "")),
    ("SOUDEUSE mig", Found(Coded("H2917", "Soudeur / Soudeuse MIG MAG"), "")),
    ("metalliere", Found(Coded("H2911", "Métallier / Métallière"), "")),
    ("h2913", Found(Coded(WELDER, "Soudeur / Soudeuse"), "")),
    ("braseuse", Found(Coded(WELDER, "Soudeur / Soudeuse"), "Braseur / Braseuse")),
    ("aide soign", Found(Coded("J1501", "Aide-soignant / Aide-soignante"), "")),
])
def test_the_finder_reads_names_codes_and_appellations(tagging_instance, text, first):
    assert jobbrief.find(tagging_instance, text)[0] == first


def test_the_finder_lists_jobs_named_by_their_label_before_their_appellations(
        tagging_instance):
    found = jobbrief.find(tagging_instance, "soudeur")
    by_label = [match.job.code for match in found if not match.appellation]
    assert by_label == ["H2915", WELDER, "H2917", "H2916"]  # by label
    assert [match.job.code for match in found[:len(by_label)]] == by_label
    through = {match.job.code: match.appellation for match in found if match.appellation}
    assert through["H2914"] == "Tuyauteur-soudeur / Tuyauteuse-soudeuse"


@pytest.mark.parametrize("text", ["", "  ", "--", "zzyzx", "soudeur zzyzx"])
def test_the_finder_finds_nothing_for_no_words_or_unknown_ones(tagging_instance, text):
    assert jobbrief.find(tagging_instance, text) == []


def test_the_finder_matches_the_start_of_words_not_their_inside(tagging_instance):
    labels = [match.job.label for match in jobbrief.find(tagging_instance, "oudeur")]
    assert labels == []  # "oudeur" is inside "soudeur", at the start of no word
