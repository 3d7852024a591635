"""GET /search: the advisors' page — count, snippets, facets, sort switch, pagination."""

import pytest

from tests.tags.test_itemtags import BRAZERS, NURSES, WELDERS, write_jsonl
from tests.webui.conftest import NEWEST_FIRST
from tests.webui.support import html, params, path_and_query
from veille.curate import curation
from webui import create_app


def search_page(client, **query):
    response = client.get("/search", query_string=query)
    assert response.status_code == 200
    return html(response)


def heading(soup) -> str:
    return " ".join(soup.find(id="results-title").get_text().split())


def hit_ids(soup) -> list[str]:
    return [a["href"].removeprefix("/items/") for a in soup.select("li.hit h2 a")]


def facet_links(soup) -> dict[str, tuple[dict, int, bool]]:
    """Each facet value shown → (its link's parameters, its count, whether it is selected)."""
    links = {}
    for li in soup.select("aside.facets li"):
        a, count = li.find("a"), int(li.select_one(".count").get_text())
        links[a.get_text(strip=True)] = (params(a["href"]), count, a.get("aria-current") == "true")
    return links


def test_home_redirects_to_the_search_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/search"


def test_the_page_is_written_in_french(client, catalogue):
    assert search_page(client).html["lang"] == "fr"


def test_the_search_box_keeps_the_query(client, catalogue):
    assert search_page(client, q="soudeur").find("input", id="q")["value"] == "soudeur"


def test_the_heading_counts_the_results_of_a_query(client, catalogue):
    assert heading(search_page(client, q="soudeur")) == "3 résultats pour « soudeur »"


def test_a_single_result_is_counted_in_the_singular(client, catalogue):
    assert heading(search_page(client, q="caristes")) == "1 résultat pour « caristes »"


def test_without_a_query_the_heading_counts_every_document(client, catalogue):
    assert heading(search_page(client)) == "8 documents, du plus récent au plus ancien"


def test_without_a_query_every_item_is_listed_newest_first(client, catalogue):
    assert hit_ids(search_page(client)) == NEWEST_FIRST


def test_a_search_without_results_says_so(client, catalogue):
    soup = search_page(client, q="astronaute")
    assert heading(soup) == "0 résultats pour « astronaute »"
    assert "Aucun résultat" in soup.select_one("p.empty").text


def test_each_result_links_to_its_item_page(client, catalogue):
    soup = search_page(client, q="caristes")
    link = soup.select_one("li.hit h2 a")
    assert link["href"] == "/items/caristes-strasbourg"
    assert link.get_text() == "Les entrepôts de Strasbourg recrutent des caristes"


def test_result_dates_are_french_days_in_paris_time(client, catalogue):
    # Published at 00:15 in Paris on 11 April, that is 22:15 UTC on 10 April.
    hit = search_page(client, q="développeurs").select_one("li.hit")
    assert hit.find("time").get_text() == "11 avril 2026"


def test_snippets_highlight_the_matched_words(client, catalogue):
    snippet = search_page(client, q="métallurgie").select_one("li.hit p.snippet")
    assert [mark.get_text() for mark in snippet.find_all("mark")] == ["métallurgie"]


def test_facet_links_add_their_filter_to_the_current_search(client, catalogue):
    links = facet_links(search_page(client, q="soudeur", sort="date"))
    assert links["France Travail Grand Est"][0] == {
        "q": ["soudeur"], "sort": ["date"], "source": ["France Travail Grand Est"]
    }
    assert links["ressource"][0] == {"q": ["soudeur"], "sort": ["date"], "kind": ["resource"]}


def test_facet_kinds_are_named_in_french(client, catalogue):
    links = facet_links(search_page(client))
    assert {"actualité", "ressource"} <= set(links)


def test_the_sector_facet_names_its_sectors(client, instance, catalogue):
    curation.publish(instance, "soudeurs-moselle", "doc@maison.test", True, ("H",))
    page = html(client.get("/search"))
    sectors = page.find("aside", class_="facets").find("a", href=lambda h: "sector=H" in h)
    assert sectors.get_text(" ", strip=True) == "Industrie"


def test_following_a_facet_link_narrows_the_results_to_its_count(client, catalogue):
    for name, (query, count, _) in facet_links(search_page(client, q="soudeur")).items():
        narrowed = search_page(client, **query)
        assert len(hit_ids(narrowed)) == count, name
        assert heading(narrowed).startswith(f"{count} résultat"), name


def test_a_selected_facet_value_is_marked_and_its_link_removes_it(client, catalogue):
    links = facet_links(search_page(client, q="soudeur", source="Carif-Oref Grand Est"))
    query, count, selected = links["Carif-Oref Grand Est"]
    assert selected and count == 1
    assert query == {"q": ["soudeur"]}


def test_unselected_facet_values_are_not_marked(client, catalogue):
    links = facet_links(search_page(client, q="soudeur"))
    assert not any(selected for _, _, selected in links.values())


def test_selecting_a_facet_leaves_the_first_page(client, catalogue):
    links = facet_links(search_page(client, limit=3, page=2))
    assert all("page" not in query and query["limit"] == ["3"] for query, _, _ in links.values())


def test_the_sort_switch_marks_relevance_and_links_to_date_by_default(client, catalogue):
    switch = search_page(client, q="soudeur", kind="news").select_one("p.sort")
    assert switch.find("strong", attrs={"aria-current": "true"}).get_text() == "pertinence"
    link = switch.find("a")
    assert link.get_text() == "date"
    assert params(link["href"]) == {"q": ["soudeur"], "kind": ["news"], "sort": ["date"]}


def test_the_sort_switch_marks_date_when_sorted_by_date(client, catalogue):
    switch = search_page(client, q="soudeur", sort="date", page=1).select_one("p.sort")
    assert switch.find("strong", attrs={"aria-current": "true"}).get_text() == "date"
    link = switch.find("a")
    assert link.get_text() == "pertinence"
    assert params(link["href"]) == {"q": ["soudeur"], "sort": ["relevance"]}


def test_sorting_by_date_lists_results_newest_first(client, catalogue):
    soup = search_page(client, q="soudeur", sort="date")
    assert hit_ids(soup) == ["formation-soudage", "soudeurs-moselle", "soudeur-naval"]


def pagination(soup) -> dict[str, dict]:
    nav = soup.select_one("nav.pagination")
    return {a["rel"][0]: params(a["href"]) for a in nav.find_all("a", rel=True)}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (1, {"next": "2"}),
        (2, {"prev": "1", "next": "3"}),
        (3, {"prev": "2"}),
    ],
)
def test_pagination_links_to_the_neighbouring_pages(client, catalogue, page, expected):
    links = pagination(search_page(client, limit=3, page=page))
    assert {rel: query["page"] for rel, query in links.items()} == {
        rel: [number] for rel, number in expected.items()
    }


def test_pagination_says_which_page_of_how_many(client, catalogue):
    nav = search_page(client, limit=3, page=2).select_one("nav.pagination")
    assert "Page 2 sur 3" in nav.get_text()


def test_pagination_links_keep_the_query_the_filters_and_the_limit(client, catalogue):
    links = pagination(search_page(client, q="formation", kind="resource", limit=1))
    assert links["next"] == {
        "q": ["formation"], "kind": ["resource"], "limit": ["1"], "page": ["2"]
    }


def test_following_next_shows_the_following_items(client, catalogue):
    soup = search_page(client, limit=3)
    following = client.get(path_and_query(soup.select_one("a[rel=next]")["href"]))
    assert hit_ids(html(following)) == NEWEST_FIRST[3:6]


def test_results_of_a_later_page_are_numbered_after_the_earlier_ones(client, catalogue):
    assert search_page(client, limit=3, page=2).select_one("ol.hits")["start"] == "4"


def test_a_single_page_of_results_shows_no_pagination(client, catalogue):
    assert search_page(client, q="soudeur").select_one("nav.pagination") is None


def test_the_page_offers_the_atom_feed_of_the_same_search(client, catalogue):
    link = search_page(client, q="soudeur", kind="news").find(
        "link", type="application/atom+xml"
    )
    assert link["href"].startswith("/feeds/search.atom?")
    assert params(link["href"]) == {"q": ["soudeur"], "kind": ["news"]}


def test_an_empty_instance_shows_an_empty_search_page(client):
    soup = search_page(client)
    assert heading(soup) == "0 documents, du plus récent au plus ancien"
    assert "Aucun résultat" in soup.select_one("p.empty").get_text()


def test_periods_read_as_french_months_and_filter_by_month(client, catalogue):
    soup = search_page(client)
    periods = [a.get_text(strip=True) for a in soup.select("aside.facets section")[2].select("a")]
    assert periods[0] == "avril 2026"
    march = client.get("/api/search?month=2026-03").get_json()
    assert march["total"] > 0
    assert {r["published"][:7] for r in march["results"]} <= {"2026-03", "2026-02"}


def test_job_domaine_and_place_facets_read_as_labels_and_keep_their_codes(
        tagging_instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, NURSES)))
    veille("items", "tag", WELDERS["id"], "--add", "rome:Z9999")  # a code the ROME lacks
    client = create_app({"TESTING": True}).test_client()
    links = facet_links(search_page(client, lieu="departement:57"))
    assert links["Soudeur / Soudeuse (H2913)"][0] == {"lieu": ["departement:57"], "rome": ["H2913"]}
    assert links["Mécanique, travail des métaux et outillage (H29)"][0]["domaine"] == ["H29"]
    query, count, selected = links["Moselle"]
    assert query == {} and count == 1 and selected
    assert links["Metz (57)"][0]["lieu"] == ["departement:57", "commune:57463"]
    assert links["Reims (51)"][1] == 1 and links["Grand Est"][1] == 2
    assert links["Z9999"][0]["rome"] == ["Z9999"]  # shown as it is


def test_the_page_says_which_jobs_it_added_and_searches_without_them(tagging_instance, veille,
                                                                     tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", WELDERS, BRAZERS)))
    client = create_app({"TESTING": True}).test_client()
    page = html(client.get("/search?q=soudeur"))
    assert "2 résultats" in page.select_one("#results-title").get_text()
    told = page.select_one("p.synonyms")
    assert "Soudeur / Soudeuse" in told.get_text()
    words_only = told.a["href"]
    assert params(words_only)["synonymes"] == ["non"]
    page = html(client.get(path_and_query(words_only)))
    assert "Sans les autres appellations" in page.select_one("p.synonyms").get_text()
    assert "1 résultat" in page.select_one("#results-title").get_text()
    back = page.select_one("p.synonyms a")["href"]
    assert "synonymes" not in params(back)
    assert "2 résultats" in html(client.get(path_and_query(back))).select_one(
        "#results-title").get_text()


@pytest.fixture
def many_tags(import_records) -> None:
    """Sixteen items, item n tagged "métier 0" … "métier n": 16 tags, "métier 0" the most
    frequent, "métier 15" on one item."""
    import_records([{"id": f"m{n}", "title": f"Offre {n}", "published": f"2026-03-{n + 1:02d}",
                     "tags": [f"métier {rank}" for rank in range(n + 1)] + ["soudage"] * (n < 2)}
                    for n in range(16)])


def tag_section(soup):
    return next(section for section in soup.select("aside.facets section")
                if section.h2.get_text() == "Mot-clé")


def test_a_facet_lists_its_first_values_and_offers_plus_for_the_others(client, many_tags):
    section = tag_section(search_page(client))
    shown = [li.a.get_text(strip=True) for li in section.select(":scope > ul > li")]
    assert shown == [f"métier {rank}" for rank in range(12)]
    more = section.select_one("details.more-values")
    assert " ".join(more.summary.get_text().split()) == "plus… (17 valeurs en tout)"
    assert more.get("open") is None
    assert more.form.select_one("input[name=plus]")["value"] == "tag"


def test_plus_finds_a_value_by_the_start_of_its_words_and_selects_it(client, many_tags):
    soup = search_page(client, q="offre", plus="tag", valeurs="soud")
    more = tag_section(soup).select_one("details.more-values")
    assert more.get("open") is not None
    assert more.form.select_one("input[name=valeurs]")["value"] == "soud"
    assert {i["name"]: i["value"] for i in more.form.select("input[type=hidden]")} == {
        "q": "offre", "plus": "tag"}
    (value,) = more.select("ul li")
    assert (value.a.get_text(strip=True), value.select_one(".count").get_text()) == ("soudage",
                                                                                      "2")
    chosen = search_page(client, **params(value.a["href"]))
    assert hit_ids(chosen) == ["m1", "m0"]


def test_plus_says_when_no_value_starts_so(client, many_tags):
    more = tag_section(search_page(client, plus="tag", valeurs="zzz"))
    assert "Aucune valeur ne commence ainsi." in more.get_text()


def test_a_selected_value_stays_listed_beyond_the_first_ones(client, many_tags):
    links = facet_links(search_page(client, tag="métier 15"))
    assert links["métier 15"][1:] == (1, True)


