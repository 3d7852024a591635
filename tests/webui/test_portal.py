"""The employers' portal: visitors who are not signed in see what documentalists published,
by sector and territory, and nothing else of the store (once the Maison has accounts, or
always with `[web] public_search = "no"`); signed-in people see everything."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from tests.accounts.support import add_account
from tests.webui.support import csrf_token, html, result_ids, sign_in
from veille.curate import curation
from veille.errors import ConfigError, InvalidRequest
from webui import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def visitor(instance):
    """A browser without an account, on an app whose search is closed to visitors."""
    return create_app({"TESTING": True,
                       "VEILLE_SETTINGS": {"web.public_search": "no"}}).test_client()


@pytest.fixture
def published(instance, catalogue):
    """Three of the catalogue's items published: two in industry (H) in Moselle, one in
    logistics (N); a fourth published then hidden. Returns the ids of the three."""
    curation.publish(instance, "soudeurs-moselle", "doc", True, ("H",), ("Moselle",))
    curation.publish(instance, "formation-soudage", "doc", True, ("H",), ("Moselle", "Metz"))
    curation.publish(instance, "caristes-strasbourg", "doc", True, ("N",), ("Bas-Rhin",))
    curation.publish(instance, "soudeur-naval", "doc", True, ("H",))
    curation.curate(instance, "soudeur-naval", "doc", hide=True)
    return ["caristes-strasbourg", "formation-soudage", "soudeurs-moselle"]


def portal_ids(response) -> list[str]:
    return [urlsplit(a["href"]).path.rsplit("/", 1)[1]
            for a in html(response).select("li.hit h3 a")]


def test_the_home_page_of_a_visitor_is_the_portal(visitor):
    assert visitor.get("/").headers["Location"] == "/portail"


def test_the_portal_lists_only_published_items_newest_first(visitor, published):
    assert portal_ids(visitor.get("/portail")) == published


def test_the_portal_filters_by_sector_and_by_territory(visitor, published):
    assert portal_ids(visitor.get("/portail?sector=N")) == ["caristes-strasbourg"]
    assert portal_ids(visitor.get("/portail?place=Metz")) == ["formation-soudage"]
    assert portal_ids(visitor.get("/portail?sector=H&place=Moselle")) == [
        "formation-soudage", "soudeurs-moselle"]


def test_the_portal_names_every_sector_with_its_count(visitor, published):
    soup = html(visitor.get("/portail"))
    sectors = {li.a.get_text(strip=True): li.select_one(".count").get_text()
               for li in soup.select("aside.facets section:first-of-type li") if li.a}
    assert sectors == {"Industrie": "2", "Transport et Logistique": "1"}
    assert "Santé" in soup.select_one("aside.facets").get_text()  # listed, without a link


def test_searching_the_portal_finds_only_published_items(visitor, published):
    assert sorted(portal_ids(visitor.get("/portail?q=soudeur"))) == ["formation-soudage",
                                                                     "soudeurs-moselle"]
    assert portal_ids(visitor.get("/portail?q=saisonniers")) == []


def test_internal_filters_are_not_offered_on_the_portal(visitor, published):
    by_source = visitor.get("/portail", query_string={"source": "Presse locale"})
    assert portal_ids(by_source) == published


def test_a_published_item_has_its_public_page(visitor, published):
    soup = html(visitor.get("/portail/soudeurs-moselle"))
    assert soup.h1.get_text() == "Pénurie de soudeurs dans l'industrie mosellane"
    assert "soudure TIG" in soup.select_one("div.content").get_text()
    assert [a.get_text() for a in soup.select("a.tag")] == ["Industrie", "Moselle"]


@pytest.mark.parametrize("item_id", ["bilan-saisonnier", "soudeur-naval", "inconnu"])
def test_an_unpublished_hidden_or_unknown_item_is_not_found_on_the_portal(visitor, published,
                                                                           item_id):
    assert visitor.get(f"/portail/{item_id}").status_code == 404


def test_a_visitor_is_sent_from_the_search_page_to_the_portal_search(visitor, published):
    response = visitor.get("/search", query_string={"q": "soudeur", "sector": "H"})
    assert response.headers["Location"] == "/portail?q=soudeur&sector=H"


def test_a_visitor_asking_for_an_unpublished_item_finds_nothing(visitor, published):
    response = visitor.get("/items/bilan-saisonnier", follow_redirects=True)
    assert response.status_code == 404


def test_the_api_answers_a_visitor_with_published_items_only(visitor, published):
    assert sorted(result_ids(visitor.get("/api/search?limit=100"))) == sorted(published)


def test_the_api_answers_a_signed_in_advisor_with_every_item(visitor, published, instance):
    sign_in(visitor, instance, "advisor")
    assert len(result_ids(visitor.get("/api/search?limit=100"))) == 7  # all but the hidden one


def test_an_instance_may_open_its_search_to_everyone(instance, published):
    add_account(instance, "conseil@maison.test", "advisor")
    client = create_app({"TESTING": True,
                         "VEILLE_SETTINGS": {"web.public_search": "yes"}}).test_client()
    assert client.get("/search").status_code == 200
    assert len(result_ids(client.get("/api/search?limit=100"))) == 7  # all but the hidden one


def test_by_default_the_search_is_open_until_the_first_account_is_made(instance, published):
    """A new instance on 127.0.0.1 is one person's tool: nobody could sign in to search."""
    client = create_app({"TESTING": True}).test_client()
    assert len(result_ids(client.get("/api/search?limit=100"))) == 7
    assert client.get("/search").status_code == 200
    add_account(instance, "conseil@maison.test", "advisor")
    assert sorted(result_ids(client.get("/api/search?limit=100"))) == sorted(published)
    assert client.get("/search").headers["Location"] == "/portail"


def test_an_unknown_public_search_setting_is_refused(instance):
    with pytest.raises(ConfigError, match="public_search must be one of auto, yes, no"):
        create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.public_search": "peut-être"}})


def test_the_search_feed_of_a_visitor_holds_published_items_linking_to_the_portal(visitor,
                                                                                  published):
    feed = ET.fromstring(visitor.get("/feeds/search.atom?q=soudeur").data)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert [urlsplit(link).path for link in links] == ["/portail/formation-soudage",
                                                       "/portail/soudeurs-moselle"]


def test_each_sector_has_its_atom_feed(visitor, published):
    response = visitor.get("/portail/flux.atom?sector=N")
    assert response.mimetype == "application/atom+xml"
    entries = ET.fromstring(response.data).iter(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert titles == ["Les entrepôts de Strasbourg recrutent des caristes"]
    assert visitor.get("/portail?sector=N").get_data(as_text=True).count("flux.atom?sector=N") == 2


def test_no_link_of_the_portal_leads_a_visitor_to_an_internal_page(visitor, published):
    """Every link of the portal's pages (but the sign-in link) answers a visitor without
    asking to sign in."""
    pages = ["/portail", "/portail?sector=H", "/portail?q=soudeur", "/portail/soudeurs-moselle"]
    links = {a["href"] for page in pages for a in html(visitor.get(page)).find_all("a", href=True)}
    internal = sorted(link for link in links
                      if not urlsplit(link).netloc and link[0] != "#" and link != "/login")
    assert len(internal) > 10
    for link in internal:
        response = visitor.get(link, follow_redirects=True)
        assert response.status_code == 200, link
        assert response.request.path != "/login", link
        response.close()


def test_a_documentalist_publishes_an_item_from_its_page(client, instance, catalogue, visitor):
    sign_in(client, instance, "documentalist")
    page = client.get("/items/bilan-saisonnier").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "published": "y", "sectors": ["G", "K"],
            "places": "Vosges, Gérardmer"}
    response = client.post("/items/bilan-saisonnier/publish", data=form, follow_redirects=True)
    assert "Publié sur le portail." in response.get_data(as_text=True)
    assert portal_ids(visitor.get("/portail?sector=G&place=Gérardmer")) == ["bilan-saisonnier"]
    client.post("/items/bilan-saisonnier/publish",
                data={"csrf_token": form["csrf_token"], "sectors": ["G"]})
    assert visitor.get("/portail/bilan-saisonnier").status_code == 404


def test_an_advisor_cannot_publish(client, instance, catalogue):
    sign_in(client, instance, "advisor")
    assert "Portail des employeurs" not in html(client.get("/items/bilan-saisonnier")).main.text
    page = client.get("/dossiers").get_data(as_text=True)
    response = client.post("/items/bilan-saisonnier/publish",
                           data={"csrf_token": csrf_token(page), "published": "y"})
    assert response.status_code == 403


def test_publishing_is_in_the_audit_log_and_checks_its_sectors(veille, instance, catalogue):
    veille("items", "publish", "soudeur-naval", "--sector", "h", "--place", "Lorient",
           "--by", "Claire")
    assert 'Claire curate item:soudeur-naval {"published": true, "sectors": ["H"], ' \
           '"places": ["Lorient"]}' in veille("audit").stdout
    with pytest.raises(InvalidRequest, match="secteur inconnu : Z"):
        curation.publish(instance, "soudeur-naval", "Claire", True, ("Z",))


# What the portal never shows: the Maison's tags, and filters over what it does not offer.
INTERNAL_FILTERS = {"tag": "confidentiel", "source": "Presse locale", "kind": "news",
                    "month": "2026-03", "rome": "H2913", "domaine": "H29", "lieu": "Moselle",
                    "competence": "100007", "synonymes": "non"}


@pytest.fixture
def tagged(instance, published) -> list[str]:
    """The published items, one of them bearing a tag of the team's."""
    curation.curate(instance, "soudeurs-moselle", "doc", add_tags=("confidentiel",))
    return published


def test_the_api_answers_a_visitor_with_what_the_portal_shows_alone(visitor, tagged):
    answer = visitor.get("/api/search?limit=100")
    found = answer.get_json()
    assert sorted(found["facets"]) == ["place", "sector"]
    assert dict(found["facets"]["sector"]) == {"H": 2, "N": 1}
    assert {tuple(sorted(result)) for result in found["results"]} == {
        ("id", "kind", "published", "score", "snippet", "source", "story", "title", "url")}
    assert "confidentiel" not in answer.get_data(as_text=True)


def test_the_search_feed_of_a_visitor_carries_no_tag_of_the_team(visitor, tagged):
    feed = ET.fromstring(visitor.get("/feeds/search.atom?q=soudeur").data)
    assert [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")] == [
        "Formation qualifiante au soudage à Metz", "Pénurie de soudeurs dans l'industrie mosellane"]
    assert list(feed.iter(f"{ATOM}category")) == []


@pytest.mark.parametrize("path", ["/api/search", "/api/trends", "/api/facets",
                                  "/feeds/search.atom"])
@pytest.mark.parametrize(("name", "value"), INTERNAL_FILTERS.items())
def test_a_visitor_may_not_filter_by_what_the_portal_does_not_offer(visitor, tagged, path,
                                                                      name, value):
    response = visitor.get(path, query_string={name: value})
    assert response.status_code == 400
    if path.startswith("/api/"):
        answer = response.get_json()
        assert answer["status"] == 400 and f"réservés à l'équipe : {name} " in answer["error"]


def test_a_visitor_finds_the_values_of_the_portals_facets_alone(visitor, tagged):
    places = visitor.get("/api/facets", query_string={"name": "place", "prefix": "mo"})
    assert places.get_json()["values"] == [["Moselle", 2]]
    for name in ("tag", "source", "lieu"):
        refused = visitor.get("/api/facets", query_string={"name": name})
        assert refused.status_code == 400
        assert f"réservée à l'équipe : {name} " in refused.get_json()["error"]


def test_a_visitor_searches_with_the_portals_parameters(visitor, tagged):
    args = {"q": "soudeur", "sector": "H", "place": "Moselle", "sort": "date", "page": "1",
            "limit": "5", "from": "2026-01-01", "to": "2026-12-31"}
    assert result_ids(visitor.get("/api/search", query_string=args)) == [
        "formation-soudage", "soudeurs-moselle"]
    trend = visitor.get("/api/trends", query_string={**args, "interval": "month"})
    assert trend.status_code == 200
    assert visitor.get("/feeds/search.atom", query_string=args).status_code == 200


@pytest.mark.parametrize("typed", ["tag:confidentiel", 'source:"Presse locale"', "tag:moselle"])
def test_the_teams_fields_of_the_query_language_are_words_to_a_visitor(visitor, tagged, client,
                                                                        instance, typed):
    assert result_ids(visitor.get("/api/search", query_string={"q": typed})) == []
    assert portal_ids(visitor.get("/portail", query_string={"q": typed})) == []
    sign_in(client, instance, "advisor")
    assert result_ids(client.get("/api/search", query_string={"q": typed})) != []


def test_a_visitor_is_told_only_of_words_that_find_published_items(visitor, client, instance,
                                                                    tagged, import_records):
    """"Did you mean" comes from every item's words: the team's may name what it keeps."""
    import_records([{"id": f"interne-{n}", "title": f"Note interne {n}",
                     "content": "Projet de restructuration du site de Florange."}
                    for n in (1, 2)])
    sign_in(client, instance, "advisor")
    suggested = html(client.get("/search?q=restructuraton")).select_one("p.suggestion")
    assert suggested.a.get_text() == "restructuration"
    assert html(visitor.get("/portail?q=restructuraton")).select_one("p.suggestion") is None
    assert html(visitor.get("/portail?q=soudeurss")).select_one("p.suggestion").a.get_text() \
        == "soudeurs"


def test_the_portal_leaves_out_what_it_does_not_offer(visitor, tagged):
    assert portal_ids(visitor.get("/portail", query_string=INTERNAL_FILTERS)) == tagged
