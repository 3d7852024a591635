"""The sources page with a France Travail source: a documentalist names jobs and places
instead of an address, tries the source (its first offers, or why not) and saves it."""

from datetime import date

import pytest

from tests.francetravailserver import FranceTravailServer, offer
from tests.webui.support import csrf_token, html, sign_in
from veille.collect import pipeline
from veille.instance import create_instance
from veille.models import Figure
from veille.settings import load_settings
from veille.sources import sourcebook
from veille.sources.apisources import api_source
from veille.store import figures as figure_store
from veille.store import sources as source_store
from webui import create_app


@pytest.fixture
def api():
    with FranceTravailServer() as server:
        server.offers = [offer(number) for number in range(3)]
        yield server


@pytest.fixture
def instance(veille_env, monkeypatch, api):
    return api.instance(monkeypatch)


@pytest.fixture
def documentalist(instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, "documentalist")
    return client


def form(client, **fields: str) -> dict:
    token = csrf_token(client.get("/sources/new").get_data(as_text=True))
    return {"csrf_token": token, "url": "", "kind": "francetravail-offres", "name": "",
            "every": "1d", "tags": "", "rome": "H2913", "lieux": "57", **fields}


def test_trying_a_france_travail_source_shows_its_first_offers(documentalist):
    page = documentalist.post("/sources/test", data=form(documentalist)).get_data(as_text=True)
    assert "3 entrées lues." in page
    assert "Soudeur / Soudeuse n°0" in page
    assert "https://candidat.francetravail.fr/offres/recherche/detail/000ABC" in page


def test_trying_it_without_credentials_says_why_in_french(documentalist, monkeypatch):
    monkeypatch.setenv("VEILLE_FRANCETRAVAIL_CLIENT_ID", "")
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, create_instance(load_settings()), "documentalist", "autre@maison.test")
    page = client.post("/sources/test", data=form(client)).get_data(as_text=True)
    assert "Identifiants refusés" in page


def test_a_france_travail_source_is_saved_without_an_address(documentalist, instance):
    response = documentalist.post("/sources/add", data=form(documentalist, lieux="57, 57463"))
    assert response.status_code == 302
    with instance.engine.connect() as conn:
        [source] = source_store.all_sources(conn)
    assert source.kind == "francetravail-offres"
    assert source.options["lieux"] == ["departement:57", "commune:57463"]
    edited = documentalist.get(response.location).get_data(as_text=True)
    assert "de France Travail (API" in edited and "codeROME=H2913" in edited


def test_a_feed_still_needs_its_address(documentalist):
    page = documentalist.post("/sources/test", data=form(documentalist, kind="feed"))
    assert page.status_code == 400
    assert "Indiquez l'adresse de la source." in page.get_data(as_text=True)


def test_the_job_brief_shows_the_offers_counted_and_the_latest_ones(
        tagging_instance, monkeypatch, api):
    veille = api.instance(monkeypatch)
    source = sourcebook.add(veille, api_source(veille, "francetravail-offres", ["H2913"],
                                               ["57"]), "test")
    pipeline.collect(veille, [source])
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, veille, "advisor")
    soup = html(client.get("/metiers/H2913"))
    offers = soup.find(attrs={"aria-labelledby": "offers-title"})
    text = offers.get_text(" ", strip=True)
    assert "Moselle" in text and "3 offres publiées le mois passé" in text
    links = [a["href"] for a in offers.select("ol a") if "candidat" in a["href"]]
    assert sorted(links) == [
        f"https://candidat.francetravail.fr/offres/recherche/detail/{n:03d}ABC" for n in range(3)]


def test_the_job_brief_says_when_no_source_follows_its_offers(tagging_instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, tagging_instance, "advisor")
    soup = html(client.get("/metiers/H2913"))
    offers = soup.find(attrs={"aria-labelledby": "offers-title"})
    assert "Aucune source France Travail" in offers.get_text()


def test_the_job_brief_shows_the_latest_quarter_of_each_indicator(tagging_instance):
    with tagging_instance.engine.begin() as conn:
        figure_store.record(conn, None, [
            Figure("DE_1/A", "H2913", "departement:57", date(2022, 4, 1), 4100),
            Figure("DE_1/A", "H2913", "departement:57", date(2022, 7, 1), 4430)])
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, tagging_instance, "advisor")
    soup = html(client.get("/metiers/H2913"))
    shown = soup.find(attrs={"aria-labelledby": "statistics-title"}).get_text(" ", strip=True)
    assert "Moselle" in shown and "Demandeurs d'emploi de catégorie A" in shown
    assert "T3 2022" in shown and "4" in shown and "T2 2022" not in shown


def collected(monkeypatch, api, offers: list[dict]):
    """An instance whose francetravail-offres source (the welders of the Moselle) collected
    `offers`."""
    api.offers = offers
    veille = api.instance(monkeypatch)
    source = sourcebook.add(veille, api_source(veille, "francetravail-offres", ["H2913"],
                                               ["57"]), "test")
    pipeline.collect(veille, [source])
    return veille


def test_the_job_brief_lists_the_latest_offers_of_the_maisons_territory(
        tagging_instance, monkeypatch, api):
    monkeypatch.setenv("VEILLE_MAISON_TERRITORY", "commune:57672")  # Thionville
    veille = collected(monkeypatch, api, [offer(0), offer(1, commune="57672")])
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, veille, "advisor")
    offers = html(client.get("/metiers/H2913")).find(attrs={"aria-labelledby": "offers-title"})
    assert "Dernières offres du territoire de la Maison" in offers.get_text()
    assert [a["href"] for a in offers.select("ol a") if "candidat" in a["href"]] == [
        "https://candidat.francetravail.fr/offres/recherche/detail/001ABC"]


def test_a_territory_page_shows_its_offers_their_count_and_the_indicators(
        tagging_instance, monkeypatch, api):
    veille = collected(monkeypatch, api, [offer(number) for number in range(3)])
    with veille.engine.begin() as conn:
        figure_store.record(conn, None, [
            Figure("DE_1/A", "H2913", "departement:57", date(2022, 7, 1), 4430)])
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, veille, "advisor")
    soup = html(client.get("/territoires/departement:57"))
    shown = soup.find(attrs={"aria-labelledby": "offers-title"})
    text = shown.get_text(" ", strip=True)
    assert "3 offres publiées le mois passé" in text and "Offres à Moselle, jour par jour" in text
    assert "Demandeurs d'emploi de catégorie A" in text and "T3 2022" in text
    assert shown.find("a", href="/metiers/H2913")
    chart = shown.find("svg", attrs={"role": "img"})
    label = chart["aria-label"]  # the days named as people read them, collected today
    assert label.startswith("Offres à Moselle, jour par jour (") and "-" not in label
    assert label.endswith(") : de 3 à 3, au plus 3")
    links = [a["href"] for a in shown.select("ol a") if "candidat" in a["href"]]
    assert sorted(links) == [
        f"https://candidat.francetravail.fr/offres/recherche/detail/{n:03d}ABC" for n in range(3)]


def test_a_territory_page_without_france_travail_sources_has_no_offers_block(
        tagging_instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, tagging_instance, "advisor")
    soup = html(client.get("/territoires/departement:57"))
    assert soup.find(attrs={"aria-labelledby": "offers-title"}) is None


def test_the_trends_page_plots_the_offers_of_its_job_and_place_beside_the_news(
        tagging_instance):
    with tagging_instance.engine.begin() as conn:
        figure_store.record(conn, None, [
            Figure("offres", "H2913", "departement:57", date(2026, 11, 30), 1180),
            Figure("offres", "H2913", "departement:57", date(2026, 12, 7), 1234),
            Figure("offres", "H2913", "departement:54", date(2026, 12, 7), 80)])
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, tagging_instance, "advisor")
    shown = html(client.get("/tendances?rome=soudeur&lieu=Moselle")).find(
        attrs={"aria-labelledby": "offers-title"})
    assert [h3.get_text(" ", strip=True) for h3 in shown.find_all("h3")] == ["H2913 · Moselle"]
    assert shown.find("svg", attrs={"role": "img"})["aria-label"] == (
        "Offres à Moselle, jour par jour (30 novembre 2026 – 7 décembre 2026) : de 1180 à "
        "1234, au plus 1234")
    plain = html(client.get("/tendances?lieu=Moselle"))
    assert plain.find(attrs={"aria-labelledby": "offers-title"}) is None
