"""Adding a document file to the catalogue: its record, its kept copy, its limits."""

from dataclasses import replace

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.library.filetext import documents
from veille.errors import InvalidRequest
from veille.library import catalogue
from veille.library.filetext import FORMATS, UnsupportedFormat
from veille.store import audit
from veille.store import items as item_store
from veille.store import resources as resource_store


@pytest.mark.parametrize(
    ("name", "shown"),
    [("../../x.pdf", "x.pdf"), ("компетенции.pdf", "компетенции.pdf"),
     ("fiche\x00.pdf", "fiche.pdf"), ("C:\\Users\\doc\\fiche.pdf", "fiche.pdf"),
     ("<b>alerte</b>.pdf", "b>.pdf"), ("", "")],
)
def test_a_files_name_is_data_and_its_copy_is_named_by_its_bytes(instance, name, shown):
    content = documents.pdf(f"Fiche {name.encode().hex()}")
    added = catalogue.add_file(instance, content, name, "upload")
    record = added.resource
    assert record.file_name == shown
    assert record.stored_as == f"{record.sha256[:2]}/{record.sha256}.pdf"
    kept = instance.root / catalogue.FILES_DIR / record.stored_as
    assert kept.read_bytes() == content
    assert [path for path in instance.root.rglob("*") if path.is_file() and "x.pdf" in path.name
            ] == []


def test_the_same_bytes_uploaded_twice_are_one_resource(instance):
    content = documents.pdf("Soudeur", title="Fiche")
    first = catalogue.add_file(instance, content, "fiche.pdf", "upload")
    second = catalogue.add_file(instance, content, "copie.pdf", "upload")
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.resource.id == first.resource.id


def test_a_resource_is_a_record_and_an_item_of_the_same_id(instance):
    content = documents.docx_file("Le cariste conduit.", title="Cariste")
    record = catalogue.add_file(instance, content, "cariste.docx", "upload").resource
    with instance.engine.connect() as conn:
        item = item_store.get(conn, record.id)
        assert resource_store.get(conn, record.id) == record
    assert (item.kind, item.title) == ("resource", "Cariste")
    assert item.source == catalogue.CATALOGUE_SOURCE
    assert item.content_text == "Le cariste conduit."
    assert record.format == FORMATS["docx"].media_type


def test_a_file_past_the_size_limit_is_refused(instance, monkeypatch):
    monkeypatch.setattr(instance.settings.resources, "max_file_mb", 1)
    with pytest.raises(InvalidRequest, match="more than the 1 MB"):
        catalogue.add_file(instance, b"x" * (2**20 + 1), "gros.txt", "upload")
    assert not (instance.root / catalogue.FILES_DIR).exists()


def test_a_file_that_is_no_document_is_refused_and_not_kept(instance):
    with pytest.raises(UnsupportedFormat):
        catalogue.add_file(instance, b"MZ\x90\x00\x03\x00\x00", "outil.pdf", "upload")
    assert not (instance.root / catalogue.FILES_DIR).exists()


def test_a_record_dated_where_utc_has_no_year_keeps_its_date_and_its_item_is_stored(instance):
    """A date is text in a record, typed or imported: its item takes it when UTC can."""
    added = catalogue.add_file(instance, documents.pdf("Le cariste conduit."), "c.pdf", "upload")
    edited = replace(added.resource, date="0001-01-01T00:00:00+14:00")

    assert catalogue.update_record(instance, edited, "documentaliste")

    with instance.engine.connect() as conn:
        item = item_store.get(conn, edited.id)
        assert resource_store.get(conn, edited.id).date == "0001-01-01T00:00:00+14:00"
    assert item.published == item.fetched  # no date it could keep: first seen


def fill_the_audit_log(instance) -> None:
    """Make the database refuse to write to the audit log, as if the disk were full."""
    with instance.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER full_disk BEFORE INSERT ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))


def test_an_addition_is_logged_in_the_transaction_that_stores_it(instance):
    content = documents.pdf("Le soudeur assemble des pièces.", title="Fiche soudeur")
    added = catalogue.add_file(instance, content, "fiche.pdf", "upload", actor="doc@maison.test")
    again = catalogue.add_file(instance, content, "copie.pdf", "upload", actor="doc@maison.test")
    catalogue.add_file(instance, documents.pdf("Le cariste conduit."), "c.pdf", "dir:c.pdf")
    with instance.engine.connect() as conn:
        logged = audit.latest(conn, 10)
    # The latest first; the command line's import (no actor) is not logged.
    assert [(entry.actor, entry.action, entry.target, entry.details["status"])
            for entry in logged] == [
        ("doc@maison.test", "resource-upload", f"resource:{added.resource.id}", "unchanged"),
        ("doc@maison.test", "resource-upload", f"resource:{added.resource.id}", "new")]
    assert again.resource.id == added.resource.id


def test_an_addition_whose_audit_entry_fails_stores_nothing(instance):
    fill_the_audit_log(instance)
    with pytest.raises(DBAPIError, match="database or disk is full"):
        catalogue.add_file(instance, documents.pdf("Le cariste conduit."), "c.pdf", "upload",
                           actor="doc@maison.test")
    with instance.engine.connect() as conn:
        assert item_store.count(conn) == 0
        assert resource_store.all_records(conn) == []


def test_a_record_edit_whose_audit_entry_fails_changes_nothing(instance):
    added = catalogue.add_file(instance, documents.pdf("Le cariste conduit."), "c.pdf", "upload")
    fill_the_audit_log(instance)
    with pytest.raises(DBAPIError, match="database or disk is full"):
        catalogue.update_record(instance, replace(added.resource, title="Cariste"), "doc")
    with instance.engine.connect() as conn:
        assert resource_store.get(conn, added.resource.id) == added.resource
        assert item_store.get(conn, added.resource.id).title == added.resource.title
