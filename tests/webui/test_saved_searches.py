"""Saved searches in the web UI: an advisor saves the search on screen and runs it back,
lists their own and the team's, renames, shares, sets an alert, deletes (only the owner);
each has an Atom feed that its token alone opens."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.webui.support import csrf_token, html, path_and_query, sign_in
from veille.diffuse import saved_searches
from webui import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
SOUDEUR_BY_DATE = ["formation-soudage", "soudeurs-moselle", "soudeur-naval"]


def save_from_search_page(client, query: str, name: str | None = None):
    """Open the search page at `query`, fill its "save" form and send it."""
    page = html(client.get(f"/search?{query}"))
    form = page.find("form", class_="save-search")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")}
    if name is not None:
        data["name"] = name
    return client.post(form["action"], data=data)


def hit_ids(response) -> list[str]:
    return [a["href"].rsplit("/", 1)[1] for a in html(response).select("li.hit h2 a")]


def listing(client):
    return html(client.get("/saved"))


def entry(page, name: str):
    """The listing's entry of a saved search, by its name."""
    return next(li for li in page.select("li[id^=recherche-]") if li.h3.get_text() == name)


def post(client, path: str, **data):
    token = csrf_token(client.get("/search").get_data(as_text=True))  # its "save" form
    return client.post(path, data={"csrf_token": token, **data})


@pytest.fixture
def advisor(app, instance):
    client = app.test_client()
    sign_in(client, instance, "advisor")
    return client


@pytest.fixture
def colleague(instance):
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, "advisor", "collegue@maison.test")
    return client


def test_a_search_saved_from_its_page_runs_back_to_the_same_results(advisor, catalogue):
    query = "q=soudeur&kind=news&sort=date&page=1"
    shown = hit_ids(advisor.get(f"/search?{query}"))
    form = html(advisor.get(f"/search?{query}")).find("form", class_="save-search")
    assert form.find("input", id="saved-name")["value"] == "soudeur"
    assert form.find("label", attrs={"for": "saved-name"})
    saved = save_from_search_page(advisor, query, name="Soudeurs <actualités>")
    assert saved.status_code == 302 and saved.headers["Location"] == "/saved#recherche-1"
    mine = entry(listing(advisor), "Soudeurs <actualités>")
    run = mine.find("a", string="Lancer la recherche")["href"]
    assert parse_qs(urlsplit(run).query) == {"q": ["soudeur"], "kind": ["news"],
                                             "sort": ["date"]}
    assert hit_ids(advisor.get(run)) == shown == ["soudeurs-moselle", "soudeur-naval"]


def test_a_search_without_words_is_named_after_its_filters(advisor, catalogue):
    page = html(advisor.get("/search?source=Presse+locale&kind=news"))
    name = page.find("input", id="saved-name")["value"]
    assert name == "Tous les documents · source : Presse locale · type : actualité"


def test_a_search_saved_without_a_name_is_not_saved(advisor, catalogue):
    response = save_from_search_page(advisor, "q=soudeur", name=" ")
    assert path_and_query(response.headers["Location"]) == "/search?q=soudeur"
    assert "Vous n'avez enregistré aucune recherche." in listing(advisor).get_text()


def test_visitors_without_an_account_cannot_save_or_list(client, catalogue):
    assert html(client.get("/search?q=soudeur")).find("form", class_="save-search") is None
    assert client.get("/saved").headers["Location"] == "/login?next=/saved"
    assert client.post("/saved/new", data={"name": "x", "q": "soudeur"}).status_code == 302


def test_the_header_leads_signed_in_people_to_their_saved_searches(advisor, client):
    assert html(advisor.get("/search")).find("a", string="Recherches enregistrées")
    assert html(client.get("/search")).find("a", string="Recherches enregistrées") is None


def test_the_list_shows_ones_own_and_the_shared_ones_not_the_others_private_ones(
        advisor, colleague, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Mes soudeurs")
    save_from_search_page(colleague, "q=cariste", name="Caristes partagés")
    save_from_search_page(colleague, "q=formation", name="Formations privées")
    post(colleague, "/saved/2/share", shared="1")
    page = listing(advisor)
    mine, team = page.find_all("ul", class_="saved-searches")
    assert [h3.get_text() for h3 in mine.find_all("h3")] == ["Mes soudeurs"]
    assert [h3.get_text() for h3 in team.find_all("h3")] == ["Caristes partagés"]
    assert "Partagée par collegue@maison.test" in team.get_text()
    assert "Formations privées" not in page.get_text()
    assert team.find("form") is None  # nothing to change in what others shared


def test_the_owner_renames_shares_sets_the_alert_and_deletes(advisor, colleague, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Soudeurs")
    assert post(advisor, "/saved/1/rename", name="Soudure").status_code == 302
    post(advisor, "/saved/1/share", shared="1")
    post(advisor, "/saved/1/alert", alert="weekly")
    mine = entry(listing(advisor), "Soudure")
    assert "Alerte par courriel : hebdomadaire · partagée avec l'équipe" in " ".join(
        mine.get_text().split())
    assert mine.find("option", selected=True)["value"] == "weekly"
    assert "Soudure" in listing(colleague).get_text()
    post(advisor, "/saved/1/share", shared="0")
    assert "Soudure" not in listing(colleague).get_text()
    post(advisor, "/saved/1/delete")
    assert "Vous n'avez enregistré aucune recherche." in listing(advisor).get_text()


@pytest.mark.parametrize(("action", "data"), [
    ("rename", {"name": "À moi"}), ("share", {"shared": "0"}), ("alert", {"alert": "daily"}),
    ("delete", {}),
])
@pytest.mark.parametrize("role", ["advisor", "admin"])
def test_only_the_owner_changes_a_saved_search(advisor, instance, catalogue, action, data, role):
    save_from_search_page(advisor, "q=soudeur", name="Soudeurs")
    post(advisor, "/saved/1/share", shared="1")
    other = create_app({"TESTING": True}).test_client()
    sign_in(other, instance, role, f"autre-{role}@maison.test")
    assert post(other, f"/saved/1/{action}", **data).status_code == 403
    saved = saved_searches.get(instance, 1)
    assert (saved.name, saved.shared, saved.alert) == ("Soudeurs", True, "")
    assert post(other, f"/saved/404/{action}", **data).status_code == 404


def test_an_unknown_alert_frequency_changes_nothing(advisor, instance, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Soudeurs")
    post(advisor, "/saved/1/alert", alert="hourly")
    assert saved_searches.get(instance, 1).alert == ""


def test_every_control_of_the_list_has_a_label(advisor, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Soudeurs")
    page = listing(advisor)
    controls = [c for c in page.select("main input, main select") if c.get("type") != "hidden"]
    assert len(controls) == 2
    for control in controls:
        assert page.find("label", attrs={"for": control["id"]}), control


def feed_of(client, saved_id: int = 1):
    """The feed address the listing gives (with its token), as the test client takes it."""
    href = entry(listing(client), "Soudeurs").find("a", string="Flux Atom")["href"]
    assert href.startswith(f"http://localhost/feeds/saved/{saved_id}.atom?token=")
    return path_and_query(href)


def test_the_feed_opened_by_its_token_holds_the_search_newest_first(
        advisor, client, catalogue):
    save_from_search_page(advisor, "q=soudeur&sort=relevance", name="Soudeurs")
    response = client.get(feed_of(advisor))  # a feed reader: not signed in
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.findtext(f"{ATOM}title") == "veille : Soudeurs"
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.findall(f"{ATOM}entry")]
    assert [link.rsplit("/", 1)[1] for link in links] == SOUDEUR_BY_DATE


def test_a_feed_without_its_token_is_not_found(advisor, client, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Soudeurs")
    post(advisor, "/saved/1/share", shared="1")
    good = feed_of(advisor)
    wrong = good[:-3] + ("aaa" if not good.endswith("aaa") else "bbb")
    for path in ("/feeds/saved/1.atom", "/feeds/saved/1.atom?token=", wrong,
                 good.replace("/1.atom", "/2.atom")):
        assert client.get(path).status_code == 404, path
        assert advisor.get(path).status_code == 404, path


def test_tokens_are_long_and_each_saved_search_has_its_own(advisor, instance, catalogue):
    save_from_search_page(advisor, "q=soudeur", name="Un")
    save_from_search_page(advisor, "q=soudeur", name="Deux")
    first, second = saved_searches.get(instance, 1), saved_searches.get(instance, 2)
    assert len(first.token) >= 40 and first.token != second.token


def test_a_search_is_described_by_the_names_of_its_codes(tagged_advisor):
    page = html(tagged_advisor.get("/search?lieu=departement:57&sector=H&rome=H2913"))
    name = page.find("input", id="saved-name")["value"]
    assert name == ("Tous les documents · secteur : Industrie · métier : Soudeur / Soudeuse "
                    "· lieu : Moselle")
