"""GET /items/<id>: one item with its source, French date, tags and sanitised content, whose
images of other sites load only if `[web] remote_images` says so."""

from tests.webui.support import html, is_french, params
from veille.curate import curation
from webui import create_app


def item_page(client, item_id: str):
    response = client.get(f"/items/{item_id}")
    assert response.status_code == 200
    return html(response)


def meta(soup) -> str:
    return " ".join(soup.select_one("p.meta").get_text().split())


def test_the_page_is_titled_with_the_item_title(client, catalogue):
    soup = item_page(client, "soudeurs-moselle")
    assert soup.h1.get_text() == "Pénurie de soudeurs dans l'industrie mosellane"
    assert soup.title.get_text().startswith("Pénurie de soudeurs dans l'industrie mosellane")
    assert soup.html["lang"] == "fr"


def test_the_page_names_the_kind_in_french_and_the_source(client, catalogue):
    assert meta(item_page(client, "soudeurs-moselle")).startswith(
        "actualité · France Travail Grand Est · publié le 12 mars 2026"
    )
    assert meta(item_page(client, "compte-formation")).startswith(
        "ressource · Maison des compétences de Thionville"
    )


def test_the_publication_date_is_a_french_day_with_a_machine_readable_instant(client, catalogue):
    time = item_page(client, "soudeurs-moselle").find("time")
    assert time.get_text() == "12 mars 2026"
    assert time["datetime"] == "2026-03-12T08:00:00+00:00"


def test_the_publication_day_is_the_day_in_paris(client, catalogue):
    # 00:15 in Paris on 11 April, still 10 April in UTC.
    assert item_page(client, "ouverture-numerique").find("time").get_text() == "11 avril 2026"


def test_the_first_day_of_a_month_is_written_1er(client, catalogue):
    assert item_page(client, "compte-formation").find("time").get_text() == "1er janvier 2026"


def test_each_tag_links_to_the_search_for_that_tag(client, catalogue):
    tags = item_page(client, "soudeurs-moselle").select("p.item-keywords a.tag")
    assert [tag.get_text() for tag in tags] == ["industrie", "moselle", "métiers en tension"]
    assert [params(tag["href"]) for tag in tags] == [
        {"tag": ["industrie"]}, {"tag": ["moselle"]}, {"tag": ["métiers en tension"]}
    ]


def test_a_tag_link_leads_to_the_items_with_that_tag(client, catalogue):
    link = item_page(client, "soudeurs-moselle").select("p.item-keywords a.tag")[2]
    found = html(client.get(link["href"])).select("li.hit h2 a")
    assert [a["href"] for a in found] == ["/items/soudeurs-moselle"]


def test_html_content_keeps_its_safe_markup(client, catalogue):
    content = item_page(client, "soudeurs-moselle").select_one("div.content")
    assert [p.get_text() for p in content.find_all("p")] == [
        "Les entreprises de la métallurgie recherchent des soudeurs qualifiés.",
        "La soudure TIG est la compétence la plus demandée.",
    ]
    assert content.find("strong").get_text() == "métallurgie"


def test_plain_text_content_keeps_its_paragraphs(client, catalogue):
    content = item_page(client, "entretien-diagnostic").select_one("div.content")
    assert [p.get_text() for p in content.find_all("p")] == [
        "Venir avec son CV.", "Lister ses expériences, y compris bénévoles."
    ]


def test_the_original_article_is_linked_by_its_canonical_url(client, catalogue):
    link = item_page(client, "soudeurs-moselle").find("a", string="Lire sur le site d'origine")
    assert link["href"] == "https://exemple.test/actu/soudeurs-moselle"
    assert {"noopener", "noreferrer", "nofollow"} <= set(link["rel"])


def test_an_item_without_url_offers_no_link_to_an_original_site(client, catalogue):
    soup = item_page(client, "entretien-diagnostic")
    assert soup.find("a", string="Lire sur le site d'origine") is None


def test_every_id_the_api_gives_opens_the_page_of_that_item(client, catalogue, twenty_five):
    results = client.get("/api/search", query_string={"limit": 100}).get_json()["results"]
    assert len(results) == 33
    for result in results:
        assert item_page(client, result["id"]).h1.get_text() == result["title"]


def test_an_unknown_item_is_a_french_404_page(client, catalogue):
    response = client.get("/items/inconnu")
    assert response.status_code == 404
    soup = html(response)
    assert soup.html["lang"] == "fr"
    assert soup.h1.get_text(" ", strip=True).startswith("Page introuvable")
    message = soup.select_one("section.error p").get_text()
    assert is_french(message), message
    assert soup.select_one("section.error a")["href"] == "/search"


# An article with its images: a tracking pixel, a photo of another site, one relative to the
# article, one inside a link; and an article without address whose image is relative.
ILLUSTRATED = [
    {"id": "illustre", "title": "Des soudeurs au travail", "kind": "news",
     "url": "https://exemple.test/actu/illustre", "published": "2026-03-01T10:00:00+01:00",
     "content": '<p>Reportage.<img src="https://traceur.test/p.gif?lecteur=1" width="1" '
                'height="1"></p><p><img src="https://photos.test/soudeur.jpg" '
                'alt="Un soudeur  au travail"></p><p><img src="/media/schema.png" alt="Schéma">'
                '</p><p><a href="https://photos.test/galerie"><img src="https://photos.test/'
                'vignette.jpg" alt="Galerie"></a></p>'},
    {"id": "sans-adresse", "title": "Une note sans adresse", "kind": "news",
     "published": "2026-03-01T10:00:00+01:00",
     "content": '<p>Voir le schéma : <img src="/media/schema.png" alt="Schéma"></p>'},
]


def content_of(client, item_id: str):
    return item_page(client, item_id).select_one("div.content")


def test_an_item_page_loads_no_image_from_another_site(client, import_records):
    import_records(ILLUSTRATED)
    response = client.get("/items/illustre")
    assert "img-src 'self';" in response.headers["Content-Security-Policy"]
    content = html(response).select_one("div.content")
    assert content.find("img") is None and "traceur.test" not in str(content)
    links = {a.get_text(): a["href"] for a in content.find_all("a")}
    assert links == {
        "Image : Un soudeur au travail (sur le site d'origine)": "https://photos.test/soudeur.jpg",
        "Image : Schéma (sur le site d'origine)": "https://exemple.test/media/schema.png",
        "Image : Galerie (sur le site d'origine)": "https://photos.test/galerie",
    }
    rel = content.select_one("a.remote-image")["rel"]
    assert {"noopener", "noreferrer", "nofollow"} <= set(rel)


def test_a_relative_image_of_an_article_without_address_leaves_its_text(client, import_records):
    import_records(ILLUSTRATED)
    content = content_of(client, "sans-adresse")
    assert content.find("img") is None and content.find("a") is None
    assert content.get_text() == "Voir le schéma : Schéma"


def test_remote_images_may_be_shown_from_their_sites(instance, import_records):
    import_records(ILLUSTRATED)
    client = create_app({"TESTING": True, "VEILLE_SETTINGS": {
        "web.public_search": "yes", "web.remote_images": True}}).test_client()
    response = client.get("/items/illustre")
    assert "img-src 'self' https: http:;" in response.headers["Content-Security-Policy"]
    images = [img["src"] for img in html(response).select("div.content img")]
    assert images == ["https://photos.test/soudeur.jpg", "https://exemple.test/media/schema.png",
                      "https://photos.test/vignette.jpg"]


def test_the_portal_shows_a_published_article_without_images_of_other_sites(
        client, instance, import_records):
    import_records(ILLUSTRATED)
    curation.publish(instance, "illustre", "doc", True, ("H",))
    content = html(client.get("/portail/illustre")).select_one("div.content")
    assert content.find("img") is None
    assert content.select_one("a.remote-image")["href"] == "https://photos.test/soudeur.jpg"
