"""ROME ↔ BMO through DARES' table (the real FAP-2021 and ROME 4.0): a ROME job is counted
in every BMO job its qualification levels reach, the principal one by the most levels; a
ROME 4.0 job absent from the table through its v3 parent; a BMO job groups the ROME jobs
it is principal for."""

import pytest

from veille.analyse.needs import BmoLink, JobMap, job_map
from veille.refdata import RomeFap
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
