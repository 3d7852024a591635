"""ROME ↔ BMO through DARES' table (the real FAP-2021 and ROME 4.0): a ROME job is counted
in every BMO job its qualification levels reach, the principal one by the most levels; a
ROME 4.0 job absent from the table through its v3 parent; a BMO job groups the ROME jobs
it is principal for. The survey's figures are kept between views, until the next import."""

import pytest

from tests.cli.test_referentials import moselle_survey
from tests.referentials.subset import bmo_row, write_bmo
from veille.analyse.needs import BmoLink, JobMap, job_map, needs
from veille.refdata import RomeFap
from veille.referentials.importing import import_folder
from veille.store.database import connect, sqlite_url


@pytest.fixture(scope="module")
def mapped(labour_db) -> JobMap:
    engine = connect(sqlite_url(labour_db))
    try:
        with engine.connect() as conn:
            return job_map(conn)
    finally:
        engine.dispose()


def test_a_welder_is_counted_in_three_bmo_jobs_the_soudeurs_first(mapped):
    assert mapped.links("H2913") == [BmoLink("D1X33", 7, True), BmoLink("D6X80", 2, False),
                                     BmoLink("D6X70", 1, False)]


def test_a_rome_4_job_is_counted_as_its_v3_parent(mapped):
    assert mapped.links("H2916") == mapped.links("H2913")  # Soudeur TIG, new in ROME 4.0
    assert mapped.links("A1102")[0] == BmoLink("A0X43", 10, True)


def test_a_bmo_job_groups_the_rome_jobs_it_is_principal_for(mapped):
    assert {"H2913", "H2915", "H2916", "H2917"} <= set(mapped.romes["D1X33"])
    assert "H2913" not in mapped.romes["D6X80"]


def test_a_tie_goes_to_the_lower_code():
    links = [RomeFap("Z9999", level, "B2X99a" if level < 5 else "A1X11b") for level in range(10)]
    assert JobMap(links, {"Z9999": "Z9999"}).links("Z9999")[0] == BmoLink("A1X11", 5, True)


def test_the_figures_kept_between_views_follow_a_new_import(instance, shared_data, tmp_path):
    folder = moselle_survey(shared_data, tmp_path / "bmo-2024")
    import_folder(instance.engine, folder)
    assert needs(instance, None, "bassin:4431").jobs[0].totals.projects == 70
    write_bmo(folder / "Base_open_data_BMO_2024.xlsx",
              [bmo_row(2024, "D1X33", "Soudeurs", "57", 4431, "METZ", 80, 41, "*")])
    import_folder(instance.engine, folder)
    assert needs(instance, None, "bassin:4431").jobs[0].totals.projects == 80
