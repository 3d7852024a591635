"""The text of each document format; files that cannot be read say why, and never raise."""

import pytest

from tests.library.filetext import documents
from veille.library.filetext import extract
from veille.library.filetext.extract import NO_TEXT


def test_a_pdf_gives_the_text_of_every_page_and_its_title():
    found = extract(documents.pdf("Soudeur à Metz", "Formation qualifiante", title="Fiche"))
    assert (found.format.name, found.title, found.problem) == ("pdf", "Fiche", "")
    assert found.content == "Soudeur à Metz\n\nFormation qualifiante"
    assert not found.is_html


def test_a_pdf_encrypted_with_an_empty_password_is_read():
    found = extract(documents.encrypted_pdf(documents.pdf("Aide-soignant"), password=""))
    assert found.content == "Aide-soignant" and not found.problem


def test_a_pdf_that_needs_a_password_is_kept_without_text():
    found = extract(documents.encrypted_pdf(documents.pdf("Secret"), password="secret"))
    assert found.format.name == "pdf" and found.content == ""
    assert "password" in found.problem


def test_a_pdf_without_text_says_so():
    found = extract(documents.blank_pdf())
    assert found.content == "" and found.problem == NO_TEXT


def test_a_truncated_pdf_is_kept_without_text():
    found = extract(documents.pdf("Soudeur")[:120], "coupé.pdf")
    assert found.format.name == "pdf" and found.content == ""
    assert found.problem


def test_a_docx_gives_its_paragraphs_tables_and_title():
    content = documents.docx_file("Offre de formation", "", "Aide à domicile", title="Offres",
                                  table=[["Métier", "Lieu"], ["Soudeur", "Thionville"]])
    found = extract(content, "offres.docx")
    assert (found.format.name, found.title) == ("docx", "Offres")
    assert found.content == ("Offre de formation\n\nAide à domicile\n\nMétier | Lieu\n\n"
                             "Soudeur | Thionville")


def test_an_odt_gives_its_heading_and_paragraphs_in_order():
    found = extract(documents.odt_file("Métiers en tension", "Soudeur", "Cariste",
                                       title="Note de veille"))
    assert (found.format.name, found.title) == ("odt", "Note de veille")
    assert found.content == "Métiers en tension\n\nSoudeur\n\nCariste"


@pytest.mark.parametrize("make", [documents.docx_file, documents.odt_file])
def test_a_damaged_archive_is_kept_without_text(make):
    content = make("Texte")
    name = "abîmé.docx" if make is documents.docx_file else "abîmé.odt"
    found = extract(content[: len(content) // 2], name)
    assert found.content == "" and "damaged" in found.problem


def test_a_zip_bomb_is_not_unzipped():
    found = extract(documents.zip_bomb(8 * 2**20), "bombe.docx", max_unzipped=2**20)
    assert found.format.name == "docx" and found.content == ""
    assert "unzipping to 8 MB" in found.problem


@pytest.mark.parametrize(
    ("content", "member"),
    [(documents.docx_file("Avant MARK après"), "word/document.xml"),
     (documents.odt_file("Titre", "Avant MARK après"), "content.xml")],
    ids=["docx", "odt"],
)
def test_a_document_cannot_read_a_file_through_an_xml_entity(tmp_path, content, member):
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    found = extract(documents.with_external_entity(content, member, secret), "piège")
    assert "mot de passe" not in found.content + found.title + found.problem


def test_html_gives_its_title_and_body_markup():
    found = extract("<html><head><title>Rapport</title></head><body><h1>Emploi</h1>"
                    "<p>Les métiers.</p></body></html>".encode(), "rapport.pdf")
    assert (found.format.name, found.title, found.is_html) == ("html", "Rapport", True)
    assert found.content == "<h1>Emploi</h1><p>Les métiers.</p>"


def test_html_without_visible_text_has_none():
    assert extract(b"<html><body><img src='scan.png'></body></html>").problem == NO_TEXT


def test_markdown_becomes_html_titled_by_its_first_heading():
    found = extract("# Fiche CPF\n\nLe *compte* personnel.".encode(), "cpf.md")
    assert (found.title, found.is_html) == ("Fiche CPF", True)
    assert "<em>compte</em>" in found.content


@pytest.mark.parametrize(
    "content", ["Café, compétences.".encode(), "Café, compétences.".encode("cp1252"),
                "\ufeffCafé, compétences.".encode()],
    ids=["utf-8", "windows-1252", "utf-8 with BOM"],
)
def test_plain_text_is_decoded(content):
    assert extract(content, "notes.txt").content == "Café, compétences."
