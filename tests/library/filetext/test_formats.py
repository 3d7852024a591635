"""A file's format comes from its bytes; its name only tells Markdown from plain text."""

import pytest

from tests.library.filetext import documents
from veille.library.filetext import UnsupportedFormat, sniff

HTML = b"<!DOCTYPE html><html><body><p>Offre</p></body></html>"


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (documents.pdf("Soudeur"), "fiche.pdf", "pdf"),
        (documents.pdf("Soudeur"), "fiche.txt", "pdf"),
        (b"\n\n" + documents.pdf("Soudeur"), "fiche", "pdf"),
        (documents.docx_file("Soudeur"), "fiche.odt", "docx"),
        (documents.odt_file("Soudeur"), "fiche.docx", "odt"),
        (HTML, "rapport.pdf", "html"),
        (b"\xef\xbb\xbf  <html lang='fr'><p>x</p></html>", "page", "html"),
        (b"Un texte simple.", "notes.txt", "text"),
        (b"Un texte simple.", "notes.pdf", "text"),
        ("# Fiche métier\n\nTexte.".encode(), "компетенции.md", "markdown"),
        ("Caf\xe9 et comp\xe9tences".encode("cp1252"), "../../notes.TXT", "text"),
        (documents.docx_file("Soudeur")[:300], "abîmé.docx", "docx"),
        (documents.odt_file("Soudeur")[:300], "abîmé.odt", "odt"),
    ],
)
def test_the_content_decides_the_format(content, name, expected):
    assert sniff(content, name).name == expected


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "setup.pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scan.pdf"),
        (documents.docx_file("Soudeur")[:300], "archive.zip"),
        (documents.plain_zip(), "rapport.docx"),
        (b"texte\x00avec un octet nul", "notes.txt"),
    ],
)
def test_other_contents_are_refused_whatever_their_name(content, name):
    with pytest.raises(UnsupportedFormat, match="PDF, DOCX, ODT, HTML"):
        sniff(content, name)
