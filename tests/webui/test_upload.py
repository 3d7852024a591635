"""Documentalists upload documents: size limit, type by content, generated file names,
files served back as downloads only; hostile names and contents each a test."""

import io

import pytest
from sqlalchemy.exc import DBAPIError
from werkzeug.test import EnvironBuilder

from tests.conftest import DATA, HOSTILE_ADDRESSES
from tests.library.filetext import documents
from tests.library.test_catalogue import fill_the_audit_log
from tests.webui.support import csrf_token, html, sign_in
from veille.library import catalogue
from veille.store import audit
from veille.store import items as item_store
from veille.store import resources as resource_store
from webui import create_app


def upload(client, content: bytes, name: str):
    token = csrf_token(client.get("/resources/new").get_data(as_text=True))
    builder = EnvironBuilder("/resources/new", method="POST", data={
        "csrf_token": token, "document": (io.BytesIO(content), name)})
    environ = builder.get_environ()
    try:  # a large body is spooled to a temporary file, which a refused request leaves open
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


@pytest.fixture
def documentalist(app, instance):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    return client


def download(client, record):
    """The file's response, read and closed (it is streamed from an open file)."""
    response = client.get(f"/resources/{record.id}/file")
    response.get_data()
    response.close()
    return response


def record_of(instance, response):
    item_id = response.headers["Location"].rsplit("/", 1)[-1]
    with instance.engine.connect() as conn:
        return resource_store.get(conn, item_id)


def test_an_uploaded_document_becomes_a_searchable_resource_and_downloads_as_sent(
    documentalist, instance
):
    content = documents.pdf("Le soudeur assemble des pièces.", title="Fiche soudeur")
    response = upload(documentalist, content, "fiche.pdf")
    assert response.status_code == 302
    page = documentalist.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ressource ajoutée au catalogue." in page and "Télécharger le fichier" in page
    assert "Fiche soudeur" in documentalist.get("/search?q=soudeur").get_data(as_text=True)
    record = record_of(instance, response)
    sent = download(documentalist, record)
    assert sent.get_data() == content
    assert sent.headers["Content-Disposition"].startswith("attachment")
    assert sent.mimetype == "application/pdf"
    assert sent.headers["X-Content-Type-Options"] == "nosniff"
    with instance.engine.connect() as conn:
        (logged,) = audit.latest(conn, 10)
    assert (logged.actor, logged.action) == ("documentalist@maison.test", "resource-upload")


def test_an_upload_whose_audit_entry_cannot_be_written_stores_nothing(documentalist, instance):
    """The resource and its audit entry are one transaction: no resource nobody added."""
    fill_the_audit_log(instance)
    with pytest.raises(DBAPIError, match="database or disk is full"):
        upload(documentalist, documents.pdf("Le cariste conduit."), "cariste.pdf")
    with instance.engine.connect() as conn:
        assert resource_store.all_records(conn) == []
        assert item_store.count(conn) == 0


@pytest.mark.parametrize(
    ("name", "kept_as"),
    [("../../x.pdf", "x.pdf"), ("компетенции.pdf", "компетенции.pdf"),
     ("fiche\x00.exe.pdf", "fiche.exe.pdf")],
)
def test_a_files_name_is_data_never_a_path(documentalist, instance, name, kept_as):
    response = upload(documentalist, documents.pdf(f"Fiche {kept_as.encode().hex()}"), name)
    record = record_of(instance, response)
    assert record.file_name == kept_as
    files = [path for path in instance.root.rglob("*") if path.is_file()]
    assert all(path.name != "x.pdf" for path in files)
    assert (instance.root / catalogue.FILES_DIR / record.stored_as).is_file()
    disposition = download(documentalist, record).headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "/" not in disposition.split("filename")[1]


def test_html_inside_a_pdf_is_taken_for_html_and_only_ever_downloaded(documentalist, instance):
    hostile = b"<html><body><script>alert(document.cookie)</script><p>Offre</p></body></html>"
    response = upload(documentalist, hostile, "offre.pdf")
    record = record_of(instance, response)
    assert record.format == "text/html"
    item_page = documentalist.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in item_page
    sent = download(documentalist, record)
    assert sent.headers["Content-Disposition"].startswith("attachment")
    assert sent.headers["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_no_document_is_refused_in_french_and_not_kept(documentalist, instance):
    response = upload(documentalist, b"MZ\x90\x00\x03\x00\x00\x00", "outil.pdf")
    assert response.status_code == 400
    assert "pas un document que veille sait lire" in response.get_data(as_text=True)
    assert not (instance.root / catalogue.FILES_DIR).exists()


def test_a_file_past_the_size_limit_gets_a_413_with_a_message(instance):
    app = create_app({"TESTING": True, "VEILLE_SETTINGS": {"resources.max_file_mb": 1}})
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    response = upload(client, b"x" * (2 * 2**20), "gros.txt")
    assert response.status_code == 413
    assert "dépasse la taille" in response.get_data(as_text=True)
    assert not (instance.root / catalogue.FILES_DIR).exists()


def test_an_unreadable_file_is_kept_and_says_it_has_no_text(documentalist, instance):
    response = upload(documentalist, documents.blank_pdf(), "scan.pdf")
    page = documentalist.get(response.headers["Location"]).get_data(as_text=True)
    assert "Aucun texte n'a pu être extrait" in page


def test_only_documentalists_upload(app, instance):
    advisor = app.test_client()
    sign_in(advisor, instance, "advisor")
    assert advisor.get("/resources/new").status_code == 403
    anonymous = app.test_client()
    assert anonymous.get("/resources/new").headers["Location"] == "/login?next=/resources/new"


def test_a_documentalist_edits_the_dublin_core_record(documentalist, instance):
    response = upload(documentalist, documents.pdf("Le cariste conduit."), "cariste.pdf")
    record = record_of(instance, response)
    page = documentalist.get(response.headers["Location"]).get_data(as_text=True)
    assert "Modifier la notice" in page
    token = csrf_token(documentalist.get(f"/resources/{record.id}/edit").get_data(as_text=True))
    saved = documentalist.post(f"/resources/{record.id}/edit", data={
        "csrf_token": token, "title": "Fiche métier : cariste", "subject": "logistique; CACES",
        "coverage": "Moselle", "language": "fr", "creator": "Onisep"})
    assert saved.status_code == 302
    assert "Notice enregistrée." in documentalist.get(saved.headers["Location"]).get_data(
        as_text=True)
    with instance.engine.connect() as conn:
        edited = resource_store.get(conn, record.id)
        (logged, _) = audit.latest(conn, 2)
    assert (edited.title, edited.subject, edited.coverage) == (
        "Fiche métier : cariste", ("logistique", "CACES"), "Moselle")
    assert logged.action == "record-edit" and logged.actor == "documentalist@maison.test"
    found = documentalist.get("/search?q=tag:caces").get_data(as_text=True)
    assert "Fiche métier : cariste" in found


def test_an_advisor_sees_no_edit_link_and_cannot_edit(app, instance, documentalist):
    record = record_of(instance, upload(documentalist, documents.pdf("Texte."), "a.pdf"))
    advisor = app.test_client()
    sign_in(advisor, instance, "advisor")
    assert "Modifier la notice" not in advisor.get(f"/items/{record.id}").get_data(as_text=True)
    assert advisor.get(f"/resources/{record.id}/edit").status_code == 403


def bookmark(client, address: str):
    token = csrf_token(client.get("/resources/new").get_data(as_text=True))
    return client.post("/resources/bookmark", data={"csrf_token": token, "address": address})


def test_a_documentalist_adds_a_page_by_its_address(documentalist, instance, feed_server):
    page = feed_server.url("/carnet/competences.html")
    feed_server.put("/carnet/competences.html",
                    (DATA / "articles" / "blog.html").read_bytes(), "text/html; charset=utf-8")
    response = bookmark(documentalist, page)
    assert response.status_code == 302
    record = record_of(instance, response)
    assert (record.identifier, record.format, record.stored_as) == (page, "text/html", "")
    assert "mise en rayon" in documentalist.get("/search?q=%22mise+en+rayon%22").get_data(
        as_text=True)
    feed_server.put("/fiches/cariste.pdf", documents.pdf("Le cariste conduit."),
                    "application/pdf")
    document = record_of(instance, bookmark(documentalist, feed_server.url("/fiches/cariste.pdf")))
    with instance.engine.connect() as conn:
        logged = audit.latest(conn, 10)
    assert [(entry.actor, entry.action, entry.target) for entry in logged] == [
        ("documentalist@maison.test", "resource-bookmark", f"resource:{document.id}"),
        ("documentalist@maison.test", "resource-bookmark", f"resource:{record.id}")]
    missing = bookmark(documentalist, feed_server.url("/nulle-part"))
    assert missing.status_code == 400
    assert "Page introuvable : le site répond" in missing.get_data(as_text=True)
    assert bookmark(documentalist, "pas une adresse").status_code == 400


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_a_bookmark_to_loopback_in_any_form_is_refused_in_french_and_never_fetched(
    guarded, documentalist, instance, feed_server, address
):
    response = bookmark(documentalist, address.format(port=feed_server.httpd.server_address[1]))
    assert response.status_code == 400
    said = " ".join(html(response).find(class_="error").get_text(" ").split())
    assert said.startswith(("Adresse bloquée :", "Adresse invalide :", "URL non valide."))
    assert feed_server.served == []
    with instance.engine.connect() as conn:
        assert resource_store.all_records(conn) == []


def test_the_catalogue_downloads_as_csv_and_as_oai_dc(documentalist, instance):
    upload(documentalist, documents.pdf("Texte.", title="Fiche cariste"), "cariste.pdf")
    table = documentalist.get("/resources/export.csv")
    assert table.headers["Content-Disposition"] == "attachment; filename=catalogue.csv"
    assert "Fiche cariste" in table.get_data(as_text=True)
    xml = documentalist.get("/resources/export.xml")
    assert xml.mimetype == "application/xml"
    assert b"<dc:title>Fiche cariste</dc:title>" in xml.get_data()
