"""Importing the labour market's referentials: France Travail's BMO 2024 workbook (53,443
rows), its bassins' communes and DARES' FAP-2021, from the shared files; broken copies
refused with the file and the row named; the years kept side by side, a year replaced by
its re-import; what the tables disagree on counted, never fatal."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.referentials.subset import BMO_COLUMNS, BMO_DIR, FAP_DIR, bmo_row, write_bmo
from veille.refdata import BmoTotals, Mismatch
from veille.referentials import bassins, bmo, fap
from veille.referentials.detect import detect
from veille.referentials.importing import import_folder
from veille.referentials.reading import ReferentialError
from veille.store import labourmarket, migrate
from veille.store import referentials as referential_store
from veille.store.database import connect, sqlite_url

# The soudeurs (D1X33) of the Moselle in 2024, as the workbook has them.
WELDERS = [bmo_row(2024, "D1X33", "Soudeurs", "57", 4430, "BASSIN SIDERURGIQUE", 14, 14, "*"),
           bmo_row(2024, "D1X33", "Soudeurs", "57", 4431, "METZ", 70, 41, "*"),
           bmo_row(2024, "D1X33", "Soudeurs", "57", 4432, "BASSIN HOUILLER", 53, 12, "*"),
           bmo_row(2024, "D1X33", "Soudeurs", "57", 4433, "SARREBOURG", "*", "*", "*")]
MOSELLE = labourmarket.Area("departement", ("57",))


@pytest.fixture(scope="module")
def labour(labour_import) -> Engine:
    engine = connect(sqlite_url(labour_import[0]))
    yield engine
    engine.dispose()


def test_the_2024_survey_is_imported_whole_with_its_secret_cells_counted(labour_import):
    reports = {report.name: report for report in labour_import[1]}
    survey = reports["bmo:2024"]
    assert (survey.title, survey.version) == ("BMO survey", "2024")
    assert survey.counts == {"jobs": 217, "bassins": 406, "rows": 53_443,
                             "secret cells": 70_757}
    assert reports["bassins"].counts == {"bassins": 404, "communes": 37_498}
    assert reports["bassins"].version == "2024"  # from the folder's name
    assert reports["fap"].counts == {"families": 341 + 228 + 86 + 22, "ROME links": 5_320}
    assert reports["fap"].version == "2021"


def test_the_tables_disagreements_are_counted_and_named(labour_import):
    reports = {report.name: report for report in labour_import[1]}
    assert reports["bmo:2024"].mismatches == [
        Mismatch("bassins of the BMO 2024 without communes in the bassins table", 3,
                 ("104", "304", "7549")),
        Mismatch("bassins of the bassins table absent from the BMO 2024", 1, ("501",))]
    assert reports["fap"].mismatches == []  # every FAP341 of the ROME table has its label
    unknown = {mismatch.what: mismatch.count for mismatch in reports["bassins"].mismatches}
    # The derived table keeps communes merged since (their old codes) and lacks the new ones.
    assert unknown == {"communes of the bassins table unknown to the geography loaded": 2_619,
                       "communes of the geography in no bassin": 90}


def test_the_welders_of_the_moselle_sum_their_published_cells(labour):
    with labour.connect() as conn:
        assert labourmarket.years(conn) == [2024]
        by_bassin = labourmarket.totals(conn, 2024, MOSELLE, ("bassin",), jobs=["D1X33"])
        moselle = labourmarket.totals(conn, 2024, MOSELLE, jobs=["D1X33"])[("D1X33",)]
        names = labourmarket.surveyed_bassins(conn, 2024)
    assert {names[code]: (t.projects, t.difficult) for (code,), t in by_bassin.items()} == {
        "BASSIN SIDERURGIQUE": (14, 14), "METZ": (70, 41), "BASSIN HOUILLER": (53, 12),
        "SARREBOURG": (0, 0)}
    assert moselle == BmoTotals(projects=137, difficult=67, seasonal=0, secrets=6,
                                difficult_base=137, seasonal_base=0)
    assert moselle.seasonal_share is None  # every seasonal cell is secret: no share, not 0


def test_a_secret_cell_is_never_a_number(labour):
    """SARREBOURG's welders: all three cells secret. Over France, a share is taken over the
    rows that publish both its figures: some publish their projects and hide the rest."""
    with labour.connect() as conn:
        sarrebourg = labourmarket.totals(conn, 2024, labourmarket.Area("bassin", ("4433",)),
                                         jobs=["D1X33"])[("D1X33",)]
        everywhere = labourmarket.totals(conn, 2024, labourmarket.Area(), by=())[()]
    assert sarrebourg == BmoTotals(secrets=3)
    assert sarrebourg.difficult_share is None
    assert everywhere.secrets == 70_757
    assert everywhere.difficult_base < everywhere.projects
    assert everywhere.difficult_share == everywhere.difficult / everywhere.difficult_base


def test_each_commune_has_its_bassin(labour):
    with labour.connect() as conn:
        assert labourmarket.bassins_of(conn, ["57463", "57227"]) == {"57463": "4431",
                                                                      "57227": "4432"}
        assert labourmarket.bassin_names(conn)["4431"] == "METZ"


def test_the_folder_of_a_year_is_recognised_as_a_survey_and_its_bassins(shared_data):
    found = detect(shared_data / BMO_DIR)
    assert [(one.name, one.folder.name) for one in found] == [("bassins", BMO_DIR),
                                                              ("bmo", BMO_DIR)]
    assert [one.name for one in detect(shared_data / FAP_DIR)] == ["fap"]


def test_the_year_comes_from_the_workbook(tmp_path):
    rows = [row[:9] + (row[9], row[10].title()) + row[11:] for row in WELDERS]
    write_bmo(tmp_path / "Base_open_data_BMO_2025.xlsx",
              [(2025, *row[1:]) for row in rows], year=2025)
    read = bmo.read(tmp_path)
    assert read.version == "2025"
    assert [figure.projects for figure in read.figures] == [14, 70, 53, None]
    assert read.bassins[1].name == "Metz"  # NOMBE25


@pytest.mark.parametrize(("change", "message"), [
    (lambda rows: rows + [(2024, "D1X34", "Chaudronniers") + rows[1][3:11] + ("12a", "1", "*")],
     "Base_open_data_BMO_2024.xlsx, row 6: met is '12a', where a number of projects or * "),
    (lambda rows: rows[:2] + [(2023, *rows[2][1:])],
     "Base_open_data_BMO_2024.xlsx, row 4: year 2023 in a workbook of 2024 (BE24)"),
    (lambda rows: rows + rows[3:],
     "Base_open_data_BMO_2024.xlsx, row 6: job D1X33 in bassin 4433, département 57 a "
     "second time"),
    (lambda rows: rows[:1] + [rows[1][:1] + ("",) + rows[1][2:]],
     "Base_open_data_BMO_2024.xlsx, row 3: empty job"),
])
def test_a_wrong_row_is_named_with_its_file_and_row(tmp_path, change, message):
    write_bmo(tmp_path / "Base_open_data_BMO_2024.xlsx", change(WELDERS))
    with pytest.raises(ReferentialError) as refused:
        bmo.read(tmp_path)
    assert message in str(refused.value)


def test_a_workbook_that_is_not_one_is_refused_with_its_name(tmp_path):
    path = write_bmo(tmp_path / "Base_open_data_BMO_2024.xlsx", WELDERS)
    path.write_bytes(path.read_bytes()[:2_000])  # cut in the middle of the archive
    with pytest.raises(ReferentialError, match=r"Base_open_data_BMO_2024\.xlsx is not an xlsx"):
        bmo.read(tmp_path)
    shutil.copy(path, tmp_path / "Base_open_data_BMO_2025.xlsx")
    with pytest.raises(ReferentialError, match="should hold one BMO workbook, not 2"):
        bmo.read(tmp_path)


def test_a_workbook_without_the_surveys_columns_names_its_sheets(tmp_path):
    write_bmo(tmp_path / "Base_open_data_BMO_2024.xlsx", [row[:-1] for row in WELDERS],
              columns=BMO_COLUMNS[:-1])  # no smet
    with pytest.raises(ReferentialError) as refused:
        bmo.read(tmp_path)
    assert str(refused.value) == (
        "Base_open_data_BMO_2024.xlsx has no sheet of BMO figures (annee, Code métier BMO, "
        "BE24, met…) (its sheets: Description des variables, BMO_2024_open_data)")


def test_a_wrong_line_of_the_fap_table_or_the_bassins_is_named(shared_data, tmp_path):
    folder = shutil.copytree(shared_data / FAP_DIR, tmp_path / "fap")
    table = next(folder.glob("*passage*"))
    lines = table.read_bytes().splitlines(keepends=True)
    table.write_bytes(b"".join([*lines[:3], b"H2913;Soudage manuel;12;D1X33b;Soudeurs\r\n",
                                *lines[3:]]))
    with pytest.raises(ReferentialError, match=r"Dares_Table_passage_ROME_Qualif_to_FAP2021_"
                       r"pour_programme\.csv, line 4: qualification level '12' is not 0 to 9"):
        fap.read(folder)
    (tmp_path / "bmo").mkdir()
    (tmp_path / "bmo" / "bassin_emploi.csv").write_text(
        "reg,dep,code_commune_insee,code_bassin_BMO,lib_bassin_BMO\n"
        "44,57,57463,4431,METZ\n44,57,57463,4432,BASSIN HOUILLER\n", encoding="utf-8")
    with pytest.raises(ReferentialError, match=r"bassin_emploi\.csv, line 3: commune 57463 a "
                       "second time"):
        bassins.read(tmp_path / "bmo")


def test_years_sit_side_by_side_and_a_year_imported_again_replaces_it(engine, tmp_path):
    write_bmo(tmp_path / "2024" / "Base_open_data_BMO_2024.xlsx", WELDERS)
    write_bmo(tmp_path / "2025" / "Base_open_data_BMO_2025.xlsx",
              [(2025, *row[1:]) for row in WELDERS[:2]], year=2025)
    for year in ("2024", "2025"):
        import_folder(engine, tmp_path / year)
    write_bmo(tmp_path / "2024" / "Base_open_data_BMO_2024.xlsx", WELDERS[1:])
    dry = import_folder(engine, tmp_path / "2024", dry_run=True)[0]
    assert (dry.total.removed, dry.total.changed, dry.previous) == (2, 0, "2024")
    with engine.connect() as conn:  # a dry run stores nothing
        assert len(labourmarket.surveyed_bassins(conn, 2024)) == 4
    again = import_folder(engine, tmp_path / "2024")[0]
    assert (again.name, again.total.removed) == ("bmo:2024", 2)  # a row and its bassin
    with engine.connect() as conn:
        assert labourmarket.years(conn) == [2025, 2024]
        assert list(labourmarket.surveyed_bassins(conn, 2024)) == ["4431", "4432", "4433"]
        assert list(labourmarket.surveyed_bassins(conn, 2025)) == ["4430", "4431"]
        loaded = [version.name for version in referential_store.versions(conn)]
    assert loaded == ["bmo:2024", "bmo:2025"]


def test_the_rome_v3_parent_is_stored_with_each_job_sheet(labour):
    with labour.connect() as conn:
        parents = labourmarket.rome_parents(conn)
    assert (parents["H2913"], parents["A1102"]) == ("H2913", "A1101")


@pytest.fixture
def engine(tmp_path: Path):
    engine = connect(sqlite_url(tmp_path / "veille.db"))
    migrate.upgrade(engine)
    yield engine
    engine.dispose()
