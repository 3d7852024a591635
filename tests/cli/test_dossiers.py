"""`veille dossiers`: ordered baskets of items and resources with notes, exported as a
printable page and as CSV; purge keeps what they hold. The commands name the team's
dossiers, or with `--owner` one person's."""

import csv
import io
import json

from tests.accounts.support import add_account
from tests.cli.helpers import search, watch_fixture_feeds


def ids_by_title(veille) -> dict[str, str]:
    found = json.loads(veille("search", "", "--json", "--limit", "100").stdout)["results"]
    return {r["title"]: r["id"] for r in found}


def exported_titles(veille, name: str) -> list[str]:
    table = veille("dossiers", "export", name, "--format", "csv").stdout
    return [row["title"] for row in csv.DictReader(io.StringIO(table))]


def test_a_dossier_holds_items_in_order_with_notes_and_exports_them(veille, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    ids = ids_by_title(veille)
    soudeurs = ids["Soudeurs recherchés dans le bassin de Thionville"]
    cuisinier = ids["Cuisinier : titre professionnel, session de printemps à Reims"]
    cpf = ids["Le CPF en bref"]
    veille("dossiers", "create", "Industrie 2026", "--description", "Pour le forum <emploi>")
    veille("dossiers", "add", "Industrie 2026", soudeurs, "--note", "Voir <b>Thionville</b>")
    veille("dossiers", "add", "Industrie 2026", cuisinier)
    veille("dossiers", "add", "Industrie 2026", cpf, "--at", "1", "--note", "Financement")
    assert exported_titles(veille, "Industrie 2026") == [
        "Le CPF en bref", "Soudeurs recherchés dans le bassin de Thionville",
        "Cuisinier : titre professionnel, session de printemps à Reims"]
    veille("dossiers", "add", "Industrie 2026", cuisinier, "--at", "2")
    veille("dossiers", "remove", "Industrie 2026", cpf)
    assert exported_titles(veille, "Industrie 2026") == [
        "Cuisinier : titre professionnel, session de printemps à Reims",
        "Soudeurs recherchés dans le bassin de Thionville"]
    page = veille("dossiers", "export", "Industrie 2026").stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "Pour le forum &lt;emploi&gt;" in page and "Voir &lt;b&gt;Thionville&lt;/b&gt;" in page
    assert page.count("<li>") == 2 and "2 documents" in page
    assert veille("dossiers", "list").stdout == "Industrie 2026: 2 documents\n"
    assert "dossier-put dossier:Industrie 2026" in veille("audit").stdout


def test_purge_keeps_what_a_dossier_holds(veille, feed_server, monkeypatch):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    soudeurs = ids_by_title(veille)["Soudeurs recherchés dans le bassin de Thionville"]
    veille("dossiers", "create", "Forum")
    veille("dossiers", "add", "Forum", soudeurs)
    monkeypatch.setenv("VEILLE_RETENTION_NEWS_AFTER", "1d")
    assert "deleted 8 items" in veille("purge").stdout
    assert search(veille, "soudeurs")["total"] == 1
    veille("dossiers", "delete", "Forum")
    assert search(veille, "soudeurs")["total"] == 1  # deleting a dossier deletes no item


def test_mistakes_are_told_plainly(veille):
    veille("init")
    veille("dossiers", "create", "Forum")
    assert "Il y a déjà un dossier « Forum »." in veille("dossiers", "create", "Forum",
                                                         expect=1).stderr
    assert "Un dossier doit avoir un nom." in veille("dossiers", "create", "  ", expect=1).stderr
    assert "no dossier 'Salon'" in veille("dossiers", "add", "Salon", "x", expect=1).stderr
    assert "no item with id x" in veille("dossiers", "add", "Forum", "x", expect=1).stderr
    assert "not in the dossier" in veille("dossiers", "remove", "Forum", "x", expect=1).stderr


def test_owner_names_one_persons_dossiers_beside_the_teams(veille, instance, feed_server):
    watch_fixture_feeds(veille, feed_server)
    veille("collect", "--all")
    cpf = ids_by_title(veille)["Le CPF en bref"]
    add_account(instance, "anne@maison.test", "advisor")
    veille("dossiers", "create", "Forum")
    veille("dossiers", "create", "Forum", "--owner", "Anne@maison.test")  # another owner
    veille("dossiers", "add", "Forum", cpf, "--owner", "anne@maison.test", "--note", "Pour moi")
    assert veille("dossiers", "list").stdout == "Forum: 0 documents\n"
    mine = veille("dossiers", "list", "--owner", "anne@maison.test").stdout
    assert mine == "Forum: 1 document (private)\n"
    assert exported_titles(veille, "Forum") == []
    table = veille("dossiers", "export", "Forum", "--format", "csv", "--owner",
                   "anne@maison.test").stdout
    assert "Pour moi" in table
    assert "dossier-put dossier:anne@maison.test/Forum" in veille("audit").stdout
    veille("dossiers", "delete", "Forum", "--owner", "anne@maison.test")
    assert veille("dossiers", "list", "--owner", "anne@maison.test").stdout == ""
    assert "no account 'bruno@maison.test'" in veille(
        "dossiers", "list", "--owner", "bruno@maison.test", expect=1).stderr
