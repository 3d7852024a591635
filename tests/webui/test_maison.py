"""The portal carries the Maison: its name, address and contacts (`[maison]` settings) and
its logo, a file of the instance folder served by veille; each published item offers
"Contacter la Maison", a mail about its title."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.webui.support import csrf_token, html, signed_in
from tests.webui.test_portal import published  # noqa: F401 (a fixture)
from webui import create_app

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7"
       b"\x9a\xa0\xa0\x00\x00\x00\x00IEND\xaeB`\x82")
MAISON = {"maison.name": "Maison des compétences de Thionville",
          "maison.address": "12 rue de Paris, 57100 Thionville",
          "maison.email": "contact@maison-thionville.test", "maison.phone": "03 82 00 00 00",
          "maison.url": "https://maison-thionville.test", "maison.logo": "logo.png",
          "web.public_search": "no"}


@pytest.fixture
def visitor(instance):
    (instance.root / "logo.png").write_bytes(PNG)
    return create_app({"TESTING": True, "VEILLE_SETTINGS": MAISON}).test_client()


def test_the_portal_shows_the_maison_with_its_logo(visitor, published):  # noqa: F811
    card = html(visitor.get("/portail")).select_one(".maison-card")
    text = " ".join(card.get_text(" ").split())
    assert "Maison des compétences de Thionville 12 rue de Paris 57100 Thionville" in text
    assert "03 82 00 00 00" in text
    assert card.find("a", href="mailto:contact@maison-thionville.test")
    assert card.find("a", href="https://maison-thionville.test")
    logo = visitor.get(card.find("img")["src"])
    assert (logo.status_code, logo.mimetype, logo.data) == (200, "image/png", PNG)


def test_each_published_item_offers_to_contact_the_maison(visitor, published):  # noqa: F811
    page = html(visitor.get("/portail/soudeurs-moselle"))
    link = page.find("a", string="Contacter la Maison")["href"]
    parts = urlsplit(link)
    assert (parts.scheme, parts.path) == ("mailto", "contact@maison-thionville.test")
    assert parse_qs(parts.query)["subject"] == [
        "À propos de : Pénurie de soudeurs dans l'industrie mosellane"]
    assert page.select_one(".maison-card img")


@pytest.mark.parametrize("logo", ["../logo.png", "/etc/passwd", "notes.txt", "absent.png",
                                  "dessin.svg"])
def test_a_logo_outside_the_instance_or_not_an_image_is_not_served(instance, logo):
    (instance.root.parent / "logo.png").write_bytes(PNG)
    (instance.root / "notes.txt").write_text("pas une image")
    (instance.root / "dessin.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">'
                                              "<script>alert(1)</script></svg>")
    client = create_app({"TESTING": True, "VEILLE_SETTINGS": {
        **MAISON, "maison.logo": logo}}).test_client()
    assert client.get("/maison/logo").status_code == 404
    assert not html(client.get("/portail")).select(".maison-card img")


def test_without_contacts_the_portal_names_the_maison_alone(instance, published):  # noqa: F811
    client = create_app({"TESTING": True,
                         "VEILLE_SETTINGS": {"web.public_search": "no"}}).test_client()
    page = html(client.get("/portail/soudeurs-moselle"))
    assert page.select_one(".maison-card .maison-name").get_text() == "Maison des compétences"
    assert not page.find("a", string="Contacter la Maison")
    assert client.get("/maison/logo").status_code == 404


def test_a_printed_dossier_is_headed_by_the_maison(instance, catalogue, veille):
    (instance.root / "logo.png").write_bytes(PNG)
    app = create_app({"TESTING": True, "VEILLE_SETTINGS": MAISON})
    client = signed_in(app, instance, "advisor")
    page = client.get("/dossiers").get_data(as_text=True)
    client.post("/dossiers/new", data={"csrf_token": csrf_token(page), "name": "Forum"})
    printed = html(client.get("/dossiers/1/print")).select_one("p.maison")
    assert printed.strong.get_text() == "Maison des compétences de Thionville"
    assert "12 rue de Paris · 57100 Thionville" in printed.get_text()
    assert printed.img["src"] == "/maison/logo"
    veille("dossiers", "create", "Salon")
    exported = veille("dossiers", "export", "Salon").stdout
    assert "<strong>Maison des compétences</strong>" in exported  # the file has no logo
