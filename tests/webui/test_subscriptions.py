"""Bulletins people subscribe to, through the web: the public sign-up confirmed by email,
the lists documentalists manage, a sending planned then made by the scheduler's function
(given a clock), the one-click unsubscribe of RFC 8058, and the bulletin's PDF."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest

from tests.webui.support import csrf_token, html, signed_in
from veille.curate import curation
from veille.diffuse import bulletins, subscriberlists, subscriptions
from veille.models import LOCAL_TIME
from veille.store import audit
from veille.store import bulletins as bulletin_store
from veille.store import subscribers as subscriber_store
from veille.store.schema import utcnow
from webui import create_app

SITE = "https://veille.maison.test"
DOC = "documentalist@maison.test"
READER = "lecteur@entreprise.test"


@pytest.fixture
def site(instance):
    return create_app({"TESTING": True, "VEILLE_SETTINGS": {
        "web.base_url": SITE, "maison.name": "Maison des compétences de Thionville",
        "maison.address": "12 rue de Paris, 57100 Thionville"}})


@pytest.fixture
def documentalist(site, instance):
    return signed_in(site, instance, "documentalist")


@pytest.fixture
def themes(instance) -> dict[str, int]:
    made = {name: subscriberlists.create(instance, name, f"Les nouvelles de l'{name}", DOC).id
            for name in ("industrie", "numérique")}
    return made


@pytest.fixture
def draft(instance, catalogue) -> int:
    curation.curate(instance, "soudeurs-moselle", DOC, star=True)
    return bulletins.draft(instance, "Bulletin de l'été : métiers en tension", "Bonne lecture.",
                           DOC, item_ids=["soudeurs-moselle"]).id


def sign_up(client, email: str, *list_ids: int):
    page = client.get("/bulletins/abonnement").get_data(as_text=True)
    return client.post("/bulletins/abonnement", data={
        "csrf_token": csrf_token(page), "email": email, "lists": [str(i) for i in list_ids]})


def link_in(message, pattern: str) -> str:
    return re.search(pattern, message.get_body(("plain",)).get_content())[0]


def members(instance, list_id: int) -> dict[str, str]:
    with instance.engine.connect() as conn:
        return {each.email: each.status for each in subscriber_store.members(conn, list_id)}


def test_a_bulletin_is_subscribed_to_confirmed_sent_on_schedule_and_left_in_one_click(
        site, documentalist, instance, themes, draft, mailbox):
    visitor = site.test_client()
    assert sign_up(visitor, READER, themes["industrie"]).status_code == 200
    [asked] = mailbox.messages
    assert asked["To"] == READER and "Maison des compétences de Thionville" in asked["Subject"]
    confirm = link_in(asked, rf"{SITE}/bulletins/abonnement/\S+")
    assert members(instance, themes["industrie"]) == {READER: "pending"}
    page = visitor.get(confirm.removeprefix(SITE))
    assert "industrie" in page.get_data(as_text=True)
    assert members(instance, themes["industrie"]) == {READER: "pending"}  # a GET confirms nothing
    done = visitor.post(confirm.removeprefix(SITE),
                        data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert "Abonnement confirmé" in done.get_data(as_text=True)
    assert members(instance, themes["industrie"]) == {READER: "confirmed"}

    preview = documentalist.get(f"/bulletins/{draft}").get_data(as_text=True)
    when = (utcnow() + timedelta(hours=2)).astimezone(LOCAL_TIME)
    planned = documentalist.post(f"/bulletins/{draft}/send", data={
        "csrf_token": csrf_token(preview), "list_id": str(themes["industrie"]),
        "recipients": "", "send_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert planned.status_code == 302
    assert "Envoi programmé le" in documentalist.get(f"/bulletins/{draft}").get_data(as_text=True)
    mailbox.clear()
    served = site.extensions["veille"]  # the instance the scheduler of `veille serve` holds
    assert bulletins.send_due(served, utcnow()) == {}  # not yet
    assert not mailbox.messages
    assert bulletins.send_due(served, utcnow() + timedelta(hours=3)) == {draft: 1}
    [mailed] = mailbox.messages
    assert mailed["To"] == READER
    assert mailed["From"].startswith("Maison des compétences de Thionville")
    assert mailed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    leave = mailed["List-Unsubscribe"].strip("<>")
    assert leave in mailed.get_body(("html",)).get_content()
    assert leave in mailed.get_body(("plain",)).get_content()
    with instance.engine.connect() as conn:
        assert bulletin_store.get(conn, draft).recipients == (READER,)

    one_click = visitor.post(leave.removeprefix(SITE), data="List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200 and one_click.mimetype == "text/plain"
    assert members(instance, themes["industrie"]) == {READER: "unsubscribed"}
    shown = visitor.get(leave.removeprefix(SITE)).get_data(as_text=True)
    assert "déjà désabonné" in shown


def test_the_unsubscribe_link_shows_a_page_and_its_button_unsubscribes(
        site, instance, themes, mailbox):
    subscriberlists.import_csv(instance, themes["numérique"], f"email\n{READER}\n", DOC)
    with instance.engine.connect() as conn:
        token = subscriber_store.of_email(conn, themes["numérique"], READER).token
    visitor = site.test_client()
    page = html(visitor.get(f"/bulletins/desabonnement/{token}"))
    assert "« numérique »" in page.get_text() and page.find("button")
    assert members(instance, themes["numérique"]) == {READER: "confirmed"}
    done = visitor.post(f"/bulletins/desabonnement/{token}")
    assert "ne recevra plus ces bulletins" in done.get_data(as_text=True)
    assert members(instance, themes["numérique"]) == {READER: "unsubscribed"}
    assert visitor.get("/bulletins/desabonnement/inconnu").status_code == 404
    assert visitor.post("/bulletins/desabonnement/inconnu").status_code == 404


def test_the_sign_up_tells_nobody_who_is_subscribed(site, instance, themes, mailbox):
    subscriberlists.import_csv(instance, themes["industrie"], f"{READER}\n", DOC)
    visitor = site.test_client()
    known = sign_up(visitor, READER, themes["industrie"])
    unknown = sign_up(visitor, "autre@entreprise.test", themes["industrie"])
    assert known.status_code == unknown.status_code == 200
    # The pages are the same, but for their forms' CSRF tokens (signed with the time).
    assert _without_tokens(known) == _without_tokens(unknown)
    assert [message["To"] for message in mailbox.messages] == ["autre@entreprise.test"]


def _without_tokens(response) -> str:
    """The page without its forms' CSRF fields, whatever the order of their attributes (the
    footer's language form writes its own)."""
    return re.sub(r'<input[^>]*csrf_token[^>]*>', "", response.get_data(as_text=True))


def test_the_sign_up_is_no_mail_cannon(site, instance, themes, mailbox):
    visitor = site.test_client()
    for _ in range(5):
        assert sign_up(visitor, READER, themes["industrie"]).status_code == 200
    assert len(mailbox.messages) == subscriptions.MAILS_PER_EMAIL  # then nothing, same answer
    for number in range(subscriptions.SIGNUPS_PER_ADDRESS - 5):
        sign_up(visitor, f"personne{number}@entreprise.test", themes["industrie"])
    refused = sign_up(visitor, "encore@entreprise.test", themes["industrie"])
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Trop de demandes" in refused.get_data(as_text=True)


def test_a_confirmation_link_expires(site, instance, themes, mailbox):
    subscriptions.sign_up(instance, READER, [themes["industrie"]], "192.0.2.1")
    token = link_in(mailbox.messages[0], r"abonnement/\S+").rpartition("/")[2]
    assert subscriptions.confirm(instance, token, utcnow() + timedelta(days=3)) == []
    assert members(instance, themes["industrie"]) == {READER: "pending"}
    assert "n'est plus valable" in site.test_client().get(
        f"/bulletins/abonnement/{token}x").get_data(as_text=True)


def test_documentalists_import_and_export_a_list(documentalist, instance, themes):
    page = documentalist.get(f"/bulletins/listes/{themes['industrie']}").get_data(as_text=True)
    upload = "Nom,Courriel\nAnne,anne@entreprise.test\nBruno,pas-une-adresse\n"
    import io
    done = documentalist.post(f"/bulletins/listes/{themes['industrie']}/import", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(upload.encode()), "liste.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "1 adresse ajoutée" in text and "Ligne 3 refusée" in text
    exported = documentalist.get(f"/bulletins/listes/{themes['industrie']}/export.csv")
    lines = exported.get_data(as_text=True).splitlines()
    assert lines[0] == "email,statut,origine,inscrit_le,confirme_le,desabonne_le"
    assert lines[1].startswith("anne@entreprise.test,confirmed,import,")
    with instance.engine.connect() as conn:
        assert [entry.action for entry in audit.latest(conn, 3)][:1] == ["list-import"]


def test_the_lists_are_for_documentalists_and_their_forms_check_csrf(site, instance, themes):
    advisor = signed_in(site, instance, "advisor")
    assert advisor.get("/bulletins/listes").status_code == 403
    documentalist = signed_in(site, instance, "documentalist")
    assert documentalist.post("/bulletins/listes/new", data={"name": "x"}).status_code == 400


def test_the_bulletin_s_pdf_opens_with_its_title_and_accents(site, documentalist, instance,
                                                             draft, tmp_path):
    response = documentalist.get(f"/bulletins/{draft}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert site.test_client().get(f"/bulletins/{draft}.pdf").status_code == 404  # a draft
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(response.data)
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is needed"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Bulletin de l’été : métiers en tension".replace("’", "'") in text
    assert "Pénurie de soudeurs dans l'industrie mosellane" in text
    assert "Maison des compétences de Thionville" in text and "57100 Thionville" in text
