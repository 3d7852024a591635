"""Storing the referentials: a whole release in seconds, a newer one updating codes in place
(added, changed, removed), an older one refused unless forced, and nothing half-imported
whatever fails: a broken file, or the database itself in the middle of the writing."""

import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from tests.referentials.subset import GEO_DIR, ROME_DIR, geo_subset, rome_codes, rome_subset
from veille.refdata import GEO, ROME, Changes, Metier
from veille.referentials.importing import import_folder
from veille.referentials.reading import ReferentialError
from veille.store import migrate
from veille.store import referentials as store
from veille.store.database import connect, sqlite_url
from veille.store.schema import rome_metiers


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, shared_data: Path):
    """A store holding the whole ROME and all of France, imported once for the module,
    with the reports and the seconds the import took."""
    engine = connect(sqlite_url(tmp_path_factory.mktemp("referentials") / "veille.db"))
    migrate.upgrade(engine)
    started = time.monotonic()
    reports = import_folder(engine, shared_data / ROME_DIR)
    reports += import_folder(engine, shared_data / "geo-fr")
    yield engine, reports, time.monotonic() - started
    engine.dispose()


@pytest.mark.slow
def test_the_whole_rome_and_geography_are_stored_in_seconds(loaded):
    engine, reports, seconds = loaded
    assert seconds < 60  # a few seconds on a laptop; generous for loaded CI machines
    rome_report, geo_report = reports
    assert (rome_report.version, rome_report.previous) == ("460", None)
    assert rome_report.total == Changes(added=14 + 110 + 1_584 + 13_120 + 33_671 + 90_556)
    assert geo_report.counts == {"régions": 26, "départements": 109, "EPCI": 1_255,
                                 "communes": 34_969}
    with engine.connect() as conn:
        loaded_versions = {version.name: version for version in store.versions(conn)}
    assert loaded_versions[ROME].counts["métiers"] == 1_584
    assert loaded_versions[GEO].version == "6.0.0"


@pytest.mark.slow
def test_the_taggers_read_them_back_as_dataclasses(loaded):
    engine = loaded[0]
    with engine.connect() as conn:
        rome, geo = store.load_rome(conn), store.load_geo(conn)
    assert (rome.version, len(rome.metiers), len(rome.appellations)) == ("460", 1_584, 13_120)
    soudeur = Metier("H2913", "Soudeur / Soudeuse", "H29", "H",
                     "Mécanique, travail des métaux et outillage", "Industrie", "H2913")
    assert soudeur in rome.metiers
    assert len(rome.skills) == 33_671 and len(rome.links) == 90_556
    assert len([c for c in geo.communes if c.region == "44"]) == 5_115
    metz = next(commune for commune in geo.communes if commune.code == "57463")
    assert (metz.name, metz.epci, metz.postcodes[0]) == ("Metz", "200039865", "57000")


@pytest.mark.slow
def test_importing_the_same_release_again_changes_nothing(loaded, shared_data):
    engine = loaded[0]
    again = import_folder(engine, shared_data / GEO_DIR)
    assert again[0].total == Changes() and again[0].previous == "6.0.0"


def _import(engine: Engine, folder: Path, **options):
    (report,) = import_folder(engine, folder, **options)
    return report


def _metiers(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(rome_metiers.c.code, rome_metiers.c.label)).all())


def _version(engine: Engine, name: str = ROME) -> str:
    with engine.connect() as conn:
        return store.stored_version(conn, name).version


def test_a_newer_release_updates_codes_in_place(engine, shared_data, tmp_path):
    first = rome_codes(shared_data, 20)
    _import(engine, rome_subset(shared_data, tmp_path / "v450", first, "450"))
    then = rome_codes(shared_data, 20, skip=5)  # five codes gone, five new
    newer = rome_subset(shared_data, tmp_path / "v460", then,
                        relabel={then[0]: "Conducteur / Conductrice de tracteur"})
    report = _import(engine, newer)
    assert (report.version, report.previous) == ("460", "450")
    assert report.changes["métiers"] == Changes(added=5, changed=1, removed=5)
    assert report.changes["grands domaines"] == Changes()
    metiers = _metiers(engine)
    assert sorted(metiers) == sorted(then)
    assert metiers[then[0]] == "Conducteur / Conductrice de tracteur"
    with engine.connect() as conn:
        rome = store.load_rome(conn)
    assert {a.rome_code for a in rome.appellations} == set(then)
    assert {link.rome_code for link in rome.links} == set(then)
    linked = {link.skill_code for link in rome.links}
    assert {skill.code for skill in rome.skills} == linked  # skills of gone métiers went


def test_an_older_release_is_refused_unless_forced(engine, shared_data, tmp_path):
    codes = rome_codes(shared_data, 10)
    _import(engine, rome_subset(shared_data, tmp_path / "v460", codes))
    older = rome_subset(shared_data, tmp_path / "v450", codes[:5], "450")
    with pytest.raises(ReferentialError, match=r"ROME 4.0 v450 in .*v450 is older than the "
                                               r"v460 loaded on .*: nothing imported \(add "
                                               r"--force to import it anyway\)"):
        _import(engine, older)
    assert (_version(engine), len(_metiers(engine))) == ("460", 10)
    report = _import(engine, older, force=True)
    assert report.changes["métiers"] == Changes(removed=5)
    assert (_version(engine), len(_metiers(engine))) == ("450", 5)


def test_a_broken_file_leaves_the_previous_import_whole(engine, shared_data, tmp_path):
    _import(engine, rome_subset(shared_data, tmp_path / "v450", rome_codes(shared_data, 10),
                                "450"))
    broken = rome_subset(shared_data, tmp_path / "v460", rome_codes(shared_data, 30))
    links = broken / "unix_liens_rome_referentiels_v460_utf8.csv"
    links.write_bytes(links.read_bytes()[:-40])  # cut within the last record
    with pytest.raises(ReferentialError, match="unix_liens_rome_referentiels_v460_utf8.csv"):
        _import(engine, broken)
    assert (_version(engine), len(_metiers(engine))) == ("450", 10)


# A trigger making every insert into the skill links fail as a full disk would.
FULL_DISK = {
    "sqlite": ["CREATE TRIGGER full_disk BEFORE INSERT ON rome_skill_links "
               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"],
    "postgresql": ["CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE 'database or disk is full'; END $$",
                   "CREATE TRIGGER full_disk BEFORE INSERT ON rome_skill_links "
                   "EXECUTE FUNCTION full_disk()"],
}


def test_a_database_failure_while_writing_rolls_the_whole_import_back(
        engine, shared_data, tmp_path):
    _import(engine, rome_subset(shared_data, tmp_path / "v450", rome_codes(shared_data, 10),
                                "450"))
    with engine.begin() as conn:  # the skill links are written after métiers and skills
        for statement in FULL_DISK[engine.dialect.name]:
            conn.execute(text(statement))
    newer = rome_subset(shared_data, tmp_path / "v460", rome_codes(shared_data, 30))
    with pytest.raises(ReferentialError, match="could not store ROME 4.0, nothing was changed: "
                                               "database or disk is full"):
        _import(engine, newer)
    assert (_version(engine), len(_metiers(engine))) == ("450", 10)
    with engine.connect() as conn:
        assert len(store.load_rome(conn).appellations) < 100


def test_a_dry_run_reports_the_changes_and_stores_nothing(engine, shared_data, tmp_path):
    report = _import(engine, geo_subset(shared_data, tmp_path / "geo", ["55", "57"]),
                     dry_run=True)
    assert report.dry_run and report.changes["communes"] == Changes(added=499 + 725)
    with engine.connect() as conn:
        assert store.stored_version(conn, GEO) is None
        assert store.load_geo(conn).communes == []
