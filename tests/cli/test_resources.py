"""`veille resources import DIR`: a folder of documents becomes resources, searchable with
the news; files without text are kept and named, files that are no document are skipped."""

import csv
import io
import os
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from tests.cli.helpers import search, store_and_index_ids
from tests.conftest import DATA
from tests.library.filetext import documents
from veille.instance import open_instance
from veille.library import catalogue
from veille.library.dublincore import DC, OAI_DC, XSI
from veille.settings import load_settings
from veille.store import resources as resource_store


@pytest.fixture
def folder(tmp_path):
    """A documentalist's folder: one document of each format, some that cannot be read,
    one that is no document, a hidden file and a link to a file outside."""
    root = tmp_path / "fonds"
    (root / "fiches" / "industrie").mkdir(parents=True)
    (root / "fiches" / "industrie" / "soudeur.pdf").write_bytes(
        documents.pdf("Le soudeur assemble des pièces métalliques.", title="Fiche soudeur"))
    (root / "fiches" / "aide-soignant.docx").write_bytes(
        documents.docx_file("L'aide-soignant accompagne les patients.", title="Aide-soignant"))
    (root / "fiches" / "cariste.odt").write_bytes(
        documents.odt_file("Cariste", "Le cariste conduit un chariot élévateur."))
    (root / "note.html").write_bytes(
        "<html><title>Note de veille</title><body><p>La chaudronnerie recrute.</p></body></html>"
        .encode())
    (root / "cpf.md").write_bytes("# Le CPF\n\nLe CPF des intérimaires.".encode())
    (root / "lisez-moi.txt").write_bytes("Fonds documentaire de la Maison.".encode())
    (root / "protégé.pdf").write_bytes(documents.encrypted_pdf(documents.pdf("Secret"), "mdp"))
    (root / "abîmé.docx").write_bytes(documents.docx_file("Texte")[:400])
    (root / "outil.exe").write_bytes(b"MZ\x90\x00\x03\x00\x00\x00")
    (root / ".brouillon.txt").write_bytes(b"Brouillon cache.")
    outside = tmp_path / "ailleurs.txt"
    outside.write_bytes(b"Fichier hors du fonds.")
    os.symlink(outside, root / "lien.txt")
    return root


def test_every_document_becomes_a_searchable_resource(veille, folder):
    veille("init")
    result = veille("resources", "import", str(folder))
    assert "8 new, 0 updated, 0 unchanged, 2 without text, 1 skipped" in result.stdout
    assert "outil.exe: skipped:" in result.stderr
    assert "protégé.pdf: kept without text: encrypted PDF" in result.stderr
    assert "abîmé.docx: kept without text: damaged" in result.stderr
    for query, title in [("soudeur", "Fiche soudeur"), ("patients", "Aide-soignant"),
                         ("chariot", "cariste"), ("chaudronnerie", "Note de veille"),
                         ("intérimaires", "Le CPF"), ("fonds documentaire", "lisez-moi")]:
        found = search(veille, query)["results"]
        assert [(r["title"], r["kind"]) for r in found] == [(title, "resource")], query
    for hidden in ("brouillon", "hors du fonds"):
        assert search(veille, f'"{hidden}"')["total"] == 0


def test_importing_again_skips_unchanged_files_and_updates_changed_ones(veille, folder):
    veille("init")
    veille("resources", "import", str(folder))
    before = store_and_index_ids()
    again = veille("resources", "import", str(folder))
    assert "0 new, 0 updated, 8 unchanged" in again.stdout
    (folder / "lisez-moi.txt").write_bytes("Fonds documentaire et médiathèque.".encode())
    changed = veille("resources", "import", str(folder))
    assert "0 new, 1 updated, 7 unchanged" in changed.stdout
    assert store_and_index_ids() == before
    assert search(veille, "médiathèque")["total"] == 1


def test_a_resource_and_a_news_item_on_one_subject_come_back_together(veille, folder):
    veille("init")
    veille("resources", "import", str(folder))
    veille("import", str(DATA / "import" / "items.jsonl"))
    news = search(veille, "numérique")["results"]
    assert {r["kind"] for r in news} == {"news"}
    (folder / "numerique.txt").write_bytes("Le numérique responsable en formation.".encode())
    veille("resources", "import", str(folder))
    kinds = {r["kind"] for r in search(veille, "numérique responsable")["results"]}
    assert kinds == {"news", "resource"}


def export_rows(veille) -> list[dict]:
    return list(csv.DictReader(io.StringIO(veille("resources", "export-csv").stdout)))


def test_the_catalogue_goes_out_as_csv_and_comes_back_edited_without_duplicates(
    veille, folder, tmp_path
):
    veille("init")
    veille("resources", "import", str(folder))
    rows = export_rows(veille)
    assert len(rows) == 10  # the 8 documents and the 2 starter resources
    before = store_and_index_ids()
    (soudeur,) = (row for row in rows if row["title"] == "Fiche soudeur")
    soudeur.update(title="Fiche métier : soudeur", subject="industrie; Moselle",
                   coverage="Grand Est", creator="=HYPERLINK(\"http://x\")")
    edited = tmp_path / "catalogue.csv"
    with edited.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = veille("resources", "import-csv", str(edited), "--by", "Claire")
    assert "0 new, 1 updated, 9 unchanged, 0 bad rows skipped" in result.stdout
    (logged,) = veille("audit").stdout.splitlines()
    assert f"Claire record-edit resource:{soudeur['id']}" in logged
    assert '"title": "Fiche métier : soudeur"' in logged and '"coverage": "Grand Est"' in logged
    assert store_and_index_ids() == before
    (found,) = search(veille, "soudeur")["results"]
    assert found["title"] == "Fiche métier : soudeur"
    (again,) = (row for row in export_rows(veille) if row["id"] == soudeur["id"])
    assert again["subject"] == "industrie; Moselle"
    assert again["creator"] == "'=HYPERLINK(\"http://x\")"  # inert in a spreadsheet
    assert "0 new, 0 updated, 10 unchanged" in veille("resources", "import-csv",
                                                       str(edited)).stdout


def test_a_csv_adds_the_files_it_names_beside_it_and_nothing_outside(veille, folder, tmp_path):
    veille("init")
    (tmp_path / "secret.txt").write_text("Mot de passe du serveur.", encoding="utf-8")
    sheet = folder / "catalogue.csv"
    sheet.write_text(
        "file,title,subject,publisher\n"
        "fiches/cariste.odt,Le métier de cariste,logistique; CACES,Onisep\n"
        "../secret.txt,Secret,,\n"
        "/etc/passwd,Système,,\n"
        ",Sans fichier,,\n",
        encoding="utf-8",
    )
    result = veille("resources", "import-csv", str(sheet))
    assert "1 new, 0 updated, 0 unchanged, 3 bad rows skipped" in result.stdout
    assert "catalogue.csv:3: skipped: '../secret.txt' is not a file of" in result.stderr
    assert "catalogue.csv:4: skipped: '/etc/passwd' is not a file of" in result.stderr
    assert "catalogue.csv:5: skipped: the row names neither" in result.stderr
    (found,) = search(veille, "chariot")["results"]
    assert found["title"] == "Le métier de cariste"
    assert search(veille, "serveur")["total"] == 0
    folder_import = veille("resources", "import", str(folder))
    assert "fiches/cariste.odt" not in folder_import.stderr
    (row,) = (row for row in export_rows(veille) if row["title"] == "Le métier de cariste")
    assert (row["subject"], row["publisher"]) == ("logistique; CACES", "Onisep")


def test_a_csv_with_unknown_columns_is_refused_whole(veille, tmp_path):
    veille("init")
    sheet = tmp_path / "mauvais.csv"
    sheet.write_text("id,titre\nabc,Fiche\n", encoding="utf-8")
    assert "unknown columns: titre" in veille("resources", "import-csv", str(sheet),
                                               expect=1).stderr


def test_the_catalogue_goes_out_as_oai_dc_records(veille, folder):
    veille("init")
    veille("resources", "import", str(folder))
    root = ElementTree.fromstring(veille("resources", "export-dc").stdout_bytes)
    records = root.findall(f"{{{OAI_DC}}}dc")
    assert len(records) == 10  # with the 2 starter resources
    by_title = {record.findtext(f"{{{DC}}}title"): record for record in records}
    soudeur = by_title["Fiche soudeur"]
    assert soudeur.findtext(f"{{{DC}}}format") == "application/pdf"
    assert soudeur.findtext(f"{{{DC}}}language") == "fr"
    assert soudeur.get(f"{{{XSI}}}schemaLocation").startswith(OAI_DC)


def test_the_oai_dc_export_stays_well_formed_whatever_a_record_holds(veille, folder):
    veille("init")
    veille("resources", "import", str(folder))
    with open_instance(load_settings()).engine.begin() as conn:
        [record] = [r for r in resource_store.all_records(conn) if r.title == "Fiche soudeur"]
        resource_store.save(conn, replace(record, title="<b>Soudeur & co</b>\x0b\x00",
                                          subject=("a < b", "]]>")))
    root = ElementTree.fromstring(veille("resources", "export-dc").stdout_bytes)
    titles = [dc.findtext(f"{{{DC}}}title") for dc in root.findall(f"{{{OAI_DC}}}dc")]
    assert "<b>Soudeur & co</b>" in titles
    subjects = [s.text for s in root.iter(f"{{{DC}}}subject")]
    assert "a < b" in subjects and "]]>" in subjects


def test_an_address_becomes_a_bookmark_with_the_pages_main_text(veille, feed_server, tmp_path):
    veille("init")
    page = feed_server.url("/carnet/competences.html")
    feed_server.put("/carnet/competences.html", (DATA / "articles" / "blog.html").read_bytes(),
                    "text/html; charset=utf-8")
    fiche = feed_server.url("/docs/fiche%20soudeur.pdf")
    feed_server.put("/docs/fiche%20soudeur.pdf", documents.pdf("Le soudeur assemble.",
                                                               title="Fiche soudeur"),
                    "application/pdf")
    local = tmp_path / "note.txt"
    local.write_text("Note interne sur la chaudronnerie.", encoding="utf-8")
    result = veille("resources", "add", page, fiche, str(local), feed_server.url("/absent"),
                    str(tmp_path / "absent.pdf"), expect=1)
    assert result.stdout.count("new: ") == 3
    assert "/absent: not added:" in result.stderr and "absent.pdf: not added:" in result.stderr
    (bookmark,) = search(veille, "mise en rayon")["results"]
    assert bookmark["url"] == page and bookmark["kind"] == "resource"
    assert bookmark["title"].startswith("Compétences transversales")
    (document,) = search(veille, "soudeur assemble")["results"]
    assert document["url"] == fiche
    assert search(veille, "chaudronnerie")["total"] == 1
    again = veille("resources", "add", page, fiche)
    assert again.stdout.count("unchanged: ") == 2
    rows = {row["title"]: row for row in export_rows(veille)}
    assert rows["Fiche soudeur"]["identifier"] == fiche
    assert rows["Fiche soudeur"]["file_name"] == "fiche soudeur.pdf"


def test_deleting_a_resource_removes_its_record_item_and_file(veille, folder):
    veille("init")
    (folder / "copie.txt").write_bytes((folder / "lisez-moi.txt").read_bytes())
    veille("resources", "import", str(folder))
    rows = {row["file_name"]: row for row in export_rows(veille)}
    files = open_instance(load_settings()).root / catalogue.FILES_DIR
    kept = len([path for path in files.rglob("*") if path.is_file()])
    result = veille("resources", "delete", rows["soudeur.pdf"]["id"], rows["copie.txt"]["id"],
                    "inconnu", "--by", "Claire", expect=1)
    assert veille("audit").stdout.count("Claire resource-delete resource:") == 2
    assert "deleted: Fiche soudeur" in result.stdout and "no resource 'inconnu'" in result.stderr
    assert search(veille, "soudeur")["total"] == 0
    assert search(veille, "fonds documentaire")["total"] == 1  # lisez-moi.txt, same bytes
    assert len([path for path in files.rglob("*") if path.is_file()]) == kept - 1
    assert {row["file_name"] for row in export_rows(veille)} == set(rows) - {"soudeur.pdf",
                                                                            "copie.txt"}


def test_resources_imported_as_lines_or_starters_get_a_record(veille):
    veille("init")
    veille("import", str(DATA / "import" / "items.jsonl"))
    rows = {row["title"]: row for row in export_rows(veille)}
    assert rows["Le CPF en bref"]["publisher"] == "Maison des compétences"
    guide = rows["Guide des financements de la formation"]
    assert (guide["id"], guide["publisher"], guide["subject"], guide["date"]) == (
        "imp-006", "Maison des compétences de Thionville", "financement; cpf", "2026-05-15")
    veille("import", str(DATA / "import" / "items.jsonl"))
    assert len(export_rows(veille)) == len(rows)
