"""The watch bulletin in the web UI: a documentalist picks curated items or a dossier, writes
an editorial, previews the email, edits the draft, sends it to a list through the loopback
SMTP server; the sent bulletin is a public page and in the public archive."""

import pytest
from bs4 import BeautifulSoup

from tests.webui.conftest import HOSTILE_TITLE
from tests.webui.support import (
    csrf_token,
    english_words,
    event_handlers,
    html,
    is_french,
    scripts_not_ours,
    sign_in,
)
from veille.curate import curation
from veille.diffuse import bulletins, dossiers
from veille.store import bulletins as bulletin_store
from veille.store import items as item_store
from veille.store.schema import utcnow
from webui import create_app

DOC = "curatrice@maison.test"
LIST = "a@entreprise.test\nb@entreprise.test, c@mairie.test"
SITE = "https://veille.maison.test"


@pytest.fixture
def documentalist(app, instance):
    """A signed-in documentalist's client; emails link to SITE."""
    app.extensions["veille"].settings.web.base_url = SITE
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    return client


@pytest.fixture
def curated(instance, catalogue) -> list[str]:
    """Three items curated (starred, tagged, noted), newest first; the others are not."""
    curation.curate(instance, "soudeurs-moselle", DOC, star=True)
    curation.curate(instance, "caristes-strasbourg", DOC, add_tags=("logistique locale",))
    curation.curate(instance, "compte-formation", DOC, note="Note interne, jamais envoyée")
    return ["caristes-strasbourg", "soudeurs-moselle", "compte-formation"]


def create(client, **fields) -> str:
    """Post the new bulletin form; the address of the draft it leads to."""
    page = client.get("/bulletins/new").get_data(as_text=True)
    response = client.post("/bulletins/new", data={"csrf_token": csrf_token(page), **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def send(client, draft: str, recipients: str):
    page = client.get(draft).get_data(as_text=True)
    return client.post(f"{draft}/send", data={"csrf_token": csrf_token(page),
                                              "recipients": recipients})


def assert_labelled(page) -> None:
    """Every control of the page's main part has a label."""
    for control in page.select("main input:not([type=hidden]), main textarea, main select"):
        assert page.find("label", attrs={"for": control["id"]}), control


def entry_titles(soup) -> list[str]:
    return [h2.get_text(strip=True) for h2 in soup.find_all("h2") if h2.find_parent("li")]


def test_the_form_offers_the_curated_items_newest_first(documentalist, curated):
    page = html(documentalist.get("/bulletins/new"))
    offered = [box["value"] for box in page.select('input[type="checkbox"][name="items"]')]
    assert offered == curated
    assert_labelled(page)
    assert "Note interne" not in str(page)


def test_a_draft_is_previewed_exactly_as_the_email_and_edited(documentalist, curated):
    draft = create(documentalist, title="Bulletin d'avril", items=curated[:2],
                   editorial="Bonjour à tous.\n\nVoici les nouvelles <du mois>.")
    assert draft == "/bulletins/1"
    preview = html(documentalist.get(draft))
    frame = preview.find("iframe")
    assert frame["src"] == "/bulletins/1/email.html" and frame["title"]
    assert frame.has_attr("sandbox") and not frame["sandbox"]  # no script, no same origin
    email = documentalist.get(frame["src"])
    policy = email.headers["Content-Security-Policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy and "sandbox" in policy
    body = html(email)
    assert [p.get_text() for p in body.find_all("p")][1:3] == [
        "Bonjour à tous.", "Voici les nouvelles <du mois>."]
    assert [h2.get_text() for h2 in body.find_all("h2")] == [
        "Les entrepôts de Strasbourg recrutent des caristes",
        "Pénurie de soudeurs dans l'industrie mosellane"]
    assert "Voici les nouvelles <du mois>." in preview.find("pre").get_text()
    assert_labelled(preview)
    edit = documentalist.get(f"{draft}/edit").get_data(as_text=True)
    assert_labelled(html(documentalist.get(f"{draft}/edit")))
    documentalist.post(f"{draft}/edit", data={
        "csrf_token": csrf_token(edit), "title": "Bulletin de mai", "editorial": "Édito",
        "position-1": "2", "position-2": "1", "comment-2": "À relayer",
        "items": ["compte-formation"]})
    body = html(documentalist.get("/bulletins/1/email.html"))
    assert [h2.get_text() for h2 in body.find_all("h2")] == [
        "Pénurie de soudeurs dans l'industrie mosellane",
        "Les entrepôts de Strasbourg recrutent des caristes",
        "Le compte personnel de formation en 2026"]
    assert "À relayer" in body.get_text() and "Bulletin de mai" == body.find("h1").get_text()
    edit = documentalist.get(f"{draft}/edit").get_data(as_text=True)
    documentalist.post(f"{draft}/edit", data={"csrf_token": csrf_token(edit),
                                              "title": "Bulletin de mai", "remove-1": "y"})
    assert len(html(documentalist.get("/bulletins/1/email.html")).find_all("h2")) == 2


def test_a_draft_from_a_dossier_keeps_its_order_and_notes(documentalist, instance, catalogue):
    dossier = dossiers.create(instance, "Forum de l'emploi", "", DOC)
    dossiers.put(instance, dossier.name, "soudeur-naval", "Le plus demandé", None, DOC)
    dossiers.put(instance, dossier.name, "bilan-saisonnier", "", 1, DOC)
    draft = create(documentalist, title="Spécial forum", dossier=str(dossier.id))
    body = html(documentalist.get(f"{draft}/email.html"))
    assert [h2.get_text() for h2 in body.find_all("h2")] == [
        "Bilan de l'emploi saisonnier", "Le soudeur naval, un métier en tension"]
    assert "Le plus demandé" in body.get_text()


def test_a_form_without_any_item_says_so(documentalist, curated):
    page = documentalist.get("/bulletins/new").get_data(as_text=True)
    response = documentalist.post("/bulletins/new", data={"csrf_token": csrf_token(page),
                                                          "title": "Vide"})
    assert response.status_code == 400
    assert "Choisissez au moins un article ou un dossier." in response.get_data(as_text=True)


def test_sending_reaches_each_recipient_alone_and_archives_a_public_page(
        app, documentalist, instance, curated, mailbox):
    draft = create(documentalist, title="Bulletin d'avril", items=curated[:2], editorial="Édito")
    preview = documentalist.get(f"{draft}/email.html").get_data(as_text=True)
    response = send(documentalist, draft, LIST)
    assert response.headers["Location"] == draft
    assert "Bulletin envoyé à 3 destinataires." in documentalist.get(draft).get_data(as_text=True)
    addresses = ["a@entreprise.test", "b@entreprise.test", "c@mairie.test"]
    assert [rcpt for _, rcpt in mailbox.envelopes] == [[address] for address in addresses]
    for address, message in zip(addresses, mailbox.messages, strict=True):
        assert message["To"] == address
        assert [a for a in addresses if a in message.as_string()] == [address]
        # the preview is the mail, but for each recipient's own unsubscribe link
        mailed = message.get_body(("html",)).get_content().splitlines()
        assert [line for line in mailed if "Se désabonner" not in line] == [
            line for line in preview.splitlines() if "Se désabonner" not in line]
        assert message["List-Unsubscribe"].strip("<>") in "".join(mailed)
        text = message.get_body(("plain",)).get_content()
        assert "https://exemple.test/actu/caristes-strasbourg" in text
        assert f"{SITE}/bulletins/1" in text
    assert f'href="{SITE}/bulletins/1"' in preview
    with instance.engine.begin() as conn:  # the items may go: the archive keeps its copies
        item_store.delete(conn, curated[:2])
    anonymous = app.test_client()
    page = html(anonymous.get(draft))
    assert page.find("h1").get_text() == "Bulletin d'avril" and "Édito" in page.get_text()
    assert entry_titles(page) == ["Les entrepôts de Strasbourg recrutent des caristes",
                                  "Pénurie de soudeurs dans l'industrie mosellane"]
    links = [a["href"] for a in page.select("article a")]
    assert "https://exemple.test/actu/caristes-strasbourg" in links
    assert not [link for link in links if link.startswith("/items/")]
    assert "entreprise.test" not in str(page) and "destinataire" not in str(page)
    archive = html(anonymous.get("/bulletins/archive"))
    assert [a["href"] for a in archive.select("main li a")] == [draft]
    assert documentalist.get(f"{draft}/edit").status_code == 302  # sent: no more changes


@pytest.mark.parametrize("recipients", ["a@entreprise.test\nrené chez mairie", "  "])
def test_a_bad_address_is_named_in_french_and_nothing_is_sent(documentalist, curated,
                                                              mailbox, recipients):
    draft = create(documentalist, title="Avril", items=curated[:1])
    response = send(documentalist, draft, recipients)
    assert response.status_code == 400
    page = html(response)
    [error] = page.select('[role="alert"]')
    assert is_french(error.get_text())
    assert page.find("textarea", attrs={"name": "recipients"}).get_text().strip() == \
        recipients.strip()
    assert mailbox.messages == []
    with documentalist.application.extensions["veille"].engine.connect() as conn:
        assert not bulletin_store.get(conn, 1).sent


def said_outside_details(error) -> str:
    """What an error says in the page's language: its text without the technical detail."""
    for disclosure in error.find_all("details"):
        disclosure.extract()
    return error.get_text(" ")


def test_when_the_server_refuses_the_error_is_shown_in_french_and_the_draft_kept(
        instance, catalogue, curated, mailbox, monkeypatch):
    monkeypatch.setenv("VEILLE_SMTP_PORT", "9")  # discard: nobody listens on loopback
    client = create_app({"TESTING": True}).test_client()
    sign_in(client, instance, "documentalist")
    draft = create(client, title="Avril", items=curated[:2], editorial="Édito")
    response = send(client, draft, LIST)
    assert response.status_code == 502
    [error] = html(response).select('[role="alert"]')
    assert "127.0.0.1:9" in error.find("details").get_text()  # the detail, for whoever fixes it
    said = said_outside_details(error)
    assert "L'envoi a échoué. Le serveur de courriel n'a pas pu être joint" in said
    assert "reste un brouillon" in said and english_words(said) == set()
    assert LIST.split("\n")[0] in html(response).find("textarea").get_text()
    assert mailbox.messages == []
    with instance.engine.connect() as conn:
        kept = bulletin_store.get(conn, 1)
    assert not kept.sent and len(kept.entries) == 2 and kept.editorial == "Édito"


def test_a_failure_part_way_says_who_got_it_and_a_retry_sends_to_the_others(
        documentalist, instance, curated, mailbox):
    draft = create(documentalist, title="Avril", items=curated[:1])
    mailbox.refused.add("c@mairie.test")
    response = send(documentalist, draft, LIST)
    assert response.status_code == 502
    [error] = html(response).select('[role="alert"]')
    assert "550" in error.find("details").get_text()
    said = said_outside_details(error)
    assert "parti vers 2 destinataires" in said and "vers les autres seulement" in said
    assert english_words(said) == set()
    mailbox.refused.clear()
    assert send(documentalist, draft, LIST).status_code == 302
    assert [rcpt for _, [rcpt] in mailbox.envelopes] == [
        "a@entreprise.test", "b@entreprise.test", "c@mairie.test"]


def test_a_double_click_sends_once_and_the_second_click_says_why(
        documentalist, instance, curated, mailbox):
    draft = create(documentalist, title="Avril", items=curated[:1])
    page = documentalist.get(draft).get_data(as_text=True)
    with instance.engine.begin() as conn:  # the first click's request, still mailing
        bulletin_store.claim(conn, int(draft.rsplit("/", 1)[1]), utcnow(),
                             bulletins.SENDING_TIMEOUT)
    response = documentalist.post(f"{draft}/send", data={"csrf_token": csrf_token(page),
                                                         "recipients": LIST})
    assert response.status_code == 400
    [error] = html(response).select('[role="alert"]')
    assert "en cours d'envoi" in error.get_text() and is_french(error.get_text())
    assert mailbox.messages == []


def test_drafts_are_for_documentalists_only(app, instance, documentalist, curated):
    draft = create(documentalist, title="Avril", items=curated[:1])
    assert app.test_client().get(draft).status_code == 404
    assert app.test_client().get("/bulletins").headers["Location"].startswith("/login")
    advisor = app.test_client()
    sign_in(advisor, instance, "advisor")
    assert advisor.get(draft).status_code == 404
    assert "Bulletins" not in [a.get_text() for a in html(advisor.get("/search")).select("nav a")]
    for path in ("/bulletins", "/bulletins/new", f"{draft}/edit", f"{draft}/email.html"):
        assert advisor.get(path).status_code == 403, path
    for path in ("/bulletins/new", f"{draft}/edit", f"{draft}/send", f"{draft}/delete"):
        assert advisor.post(path).status_code == 403, path
    assert html(app.test_client().get("/bulletins/archive")).select("main li") == []


def test_a_documentalist_finds_deletes_and_lists_drafts(documentalist, curated):
    assert "/bulletins" in [a["href"] for a in html(documentalist.get("/search")).select("nav a")]
    draft = create(documentalist, title="Brouillon à jeter", items=curated[:1])
    listing = documentalist.get("/bulletins").get_data(as_text=True)
    assert "Brouillon à jeter" in listing and "Aucun bulletin envoyé." in listing
    preview = documentalist.get(draft).get_data(as_text=True)
    response = documentalist.post(f"{draft}/delete", data={"csrf_token": csrf_token(preview)})
    assert response.headers["Location"] == "/bulletins"
    assert documentalist.get(draft).status_code == 404
    assert "Aucun brouillon." in documentalist.get("/bulletins").get_data(as_text=True)


def test_a_hostile_item_is_only_text_in_the_email_and_on_the_archive(
        app, documentalist, instance, hostile, mailbox):
    curation.curate(instance, hostile, DOC, star=True)
    draft = create(documentalist, title="<b>Avril</b>", items=[hostile],
                   editorial="<script>alert(6)</script>")
    send(documentalist, draft, "a@entreprise.test")
    [message] = mailbox.messages
    pages = [html(app.test_client().get(draft)), html(documentalist.get(f"{draft}/email.html"))]
    pages.append(BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser"))
    for page in pages:
        assert scripts_not_ours(page) == [] and page.find("b") is None
        assert event_handlers(page) == []
        assert not [a for a in page.find_all("a") if "javascript" in a.get("href", "").lower()]
        assert HOSTILE_TITLE in page.get_text() and "<script>alert(6)</script>" in page.get_text()


def test_without_a_base_url_a_bulletin_links_to_the_address_it_was_sent_from(
        app, instance, curated, mailbox):
    assert app.extensions["veille"].settings.web.base_url == ""
    client = app.test_client()  # its requests go to http://localhost/
    sign_in(client, instance, "documentalist")
    draft = create(client, title="Avril", items=curated[:1])
    preview = html(client.get(draft)).find("details", class_="text-version").get_text()
    assert "Ce bulletin en ligne : http://localhost/bulletins/1" in preview
    assert send(client, draft, "a@entreprise.test").status_code == 302
    [message] = mailbox.messages
    text = message.get_body(("plain",)).get_content()
    assert "http://localhost/bulletins/1" in text and "127.0.0.1:8000" not in text
