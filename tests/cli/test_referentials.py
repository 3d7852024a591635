"""`veille referentials import|update|status`: the whole ROME and geography from one parent
folder, clear refusals that store nothing, and a release downloaded as a ZIP from a real
loopback server."""

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.referentials.subset import (
    BMO_DIR,
    bmo_row,
    geo_subset,
    rome_codes,
    rome_subset,
    write_bmo,
    zip_folder,
)
from tests.referentials.test_bmo import WELDERS


def test_a_parent_folder_imports_the_rome_and_the_geography_it_holds(veille, shared_data,
                                                                     tmp_path):
    """Small copies (the whole files: tests/store/test_referentials.py)."""
    veille("init")
    parent = tmp_path / "referentiels"
    rome_subset(shared_data, parent / "rome", rome_codes(shared_data, 20))
    geo_subset(shared_data, parent / "geo" / "decoupage-administratif-6.0.0", ["55"])
    done = veille("referentials", "import", str(parent))
    assert done.stdout.splitlines() == [
        "ROME 4.0 v460: 14 grands domaines, 110 domaines, 20 métiers, 200 appellations, "
        "709 skills, 1,205 skill links",
        "  2,258 added, 0 changed, 0 removed (first import)",
        "geography 6.0.0: 26 régions, 109 départements, 16 EPCI, 499 communes",
        "  650 added, 0 changed, 0 removed (first import)",
        "items tagged again: 2",  # `init`'s two starter resources
    ]
    assert "reading ROME 4.0: 8/8" in done.stderr and "storing geography: 4/4" in done.stderr
    assert "done in " in done.stderr
    status = json.loads(veille("referentials", "status", "--json").stdout)
    assert [(entry["name"], entry["version"]) for entry in status] == [("geo", "6.0.0"),
                                                                      ("rome", "460")]
    assert status[1]["source"] == str(parent / "rome")
    assert status[1]["counts"]["appellations"] == 200
    listed = veille("referentials", "status").stdout
    assert "ROME 4.0 v460, imported " in listed and "20 métiers" in listed
    again = veille("referentials", "import", str(parent / "geo"))
    assert "0 added, 0 changed, 0 removed (previously 6.0.0)" in again.stdout


@pytest.fixture
def small(shared_data, tmp_path) -> tuple[Path, Path]:
    """Two small ROME releases: v450 with ten métiers, v460 with twenty."""
    return (rome_subset(shared_data, tmp_path / "v450", rome_codes(shared_data, 10), "450"),
            rome_subset(shared_data, tmp_path / "v460", rome_codes(shared_data, 20)))


def test_a_dry_run_says_what_would_change_and_stores_nothing(veille, small):
    veille("init")
    dry = veille("referentials", "import", str(small[1]), "--dry-run")
    assert "would be added, 0 would be changed, 0 would be removed (first import)" in dry.stdout
    assert "dry run: nothing was stored" in dry.stderr
    assert "no referential loaded" in veille("referentials", "status").stdout


def test_an_older_release_is_refused_then_forced(veille, small):
    older, newer = small
    veille("init")
    veille("referentials", "import", str(newer))
    refused = veille("referentials", "import", str(older), expect=1)
    assert "ROME 4.0 v450 in" in refused.stderr
    assert "is older than the v460 loaded on" in refused.stderr and "--force" in refused.stderr
    forced = veille("referentials", "import", str(older), "--force")
    assert "0 added, 0 changed, " in forced.stdout and "(previously v460)" in forced.stdout
    assert json.loads(veille("referentials", "status", "--json").stdout)[0]["version"] == "450"


def test_a_broken_folder_is_named_and_nothing_is_stored(veille, small):
    veille("init")
    (small[1] / "unix_referentiel_savoir_v460_utf8.csv").unlink()
    refused = veille("referentials", "import", str(small[1]), expect=1)
    assert refused.stderr.strip() == (f"Error: {small[1]} lacks "
                                      "unix_referentiel_savoir_v460_utf8.csv of the ROME export")
    assert "no referential loaded" in veille("referentials", "status").stdout


def test_update_downloads_the_release_zip_and_imports_it(veille, feed_server, small,
                                                         monkeypatch):
    veille("init")
    refused = veille("referentials", "update", expect=1)
    assert "set [referentials] url" in refused.stderr
    feed_server.put("/RefRomeCsv.zip", zip_folder(small[1], under="RefRomeCsv"),
                    "application/zip")
    monkeypatch.setenv("VEILLE_REFERENTIALS_URL", feed_server.url("/RefRomeCsv.zip"))
    done = veille("referentials", "update")
    assert "ROME 4.0 v460: 14 grands domaines, 110 domaines, 20 métiers" in done.stdout
    (loaded,) = json.loads(veille("referentials", "status", "--json").stdout)
    assert loaded["source"] == feed_server.url("/RefRomeCsv.zip")


def _zip(*members: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def _link(name: str) -> zipfile.ZipInfo:
    member = zipfile.ZipInfo(name)
    member.external_attr = 0o120777 << 16  # a symbolic link
    return member


@pytest.mark.parametrize("body, settings, message", [
    (_zip(("../unix_grand_domaine_v460_utf8.csv", b'"a"\n')), {},
     "holds '../unix_grand_domaine_v460_utf8.csv', a path veille will not unzip"),
    (_zip(("/etc/unix_grand_domaine_v460_utf8.csv", b'"a"\n')), {},
     "holds '/etc/unix_grand_domaine_v460_utf8.csv', a path veille will not unzip"),
    (_zip((_link("unix_grand_domaine_v460_utf8.csv"), b"/etc/passwd")), {},
     "holds 'unix_grand_domaine_v460_utf8.csv', a path veille will not unzip"),
    (b"<html>Maintenance</html>", {}, "is not a usable ZIP archive: damaged archive"),
    (_zip(("unix_grand_domaine_v460_utf8.csv", bytes(2 * 1024 * 1024))),
     {"VEILLE_REFERENTIALS_MAX_UNZIPPED_MB": "1"},
     "is not a usable ZIP archive: archive unzipping to 2 MB (at most 1 MB)"),
    (os.urandom(2 * 1024 * 1024), {"VEILLE_REFERENTIALS_MAX_DOWNLOAD_MB": "1"},
     "announces 2097152 bytes, more than the 1048576 bytes allowed"),
])
def test_a_hostile_or_wrong_download_is_refused_and_leaves_nothing(
        veille, feed_server, tmp_path, monkeypatch, body, settings, message):
    veille("init")
    unzipped = tmp_path / "tmp" / "unzipped"
    unzipped.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(unzipped))
    feed_server.put("/release.zip", body, "application/zip")
    monkeypatch.setenv("VEILLE_REFERENTIALS_URL", feed_server.url("/release.zip"))
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    refused = veille("referentials", "update", expect=1)
    assert message in refused.stderr
    assert list(unzipped.iterdir()) == []  # the temporary folder is gone
    assert sorted(path.name for path in (tmp_path / "tmp").iterdir()) == ["unzipped"]
    assert "no referential loaded" in veille("referentials", "status").stdout



@pytest.mark.parametrize("retag", [True, False])
def test_items_stored_before_the_referentials_are_tagged_when_they_come(veille, shared_data,
                                                                        tmp_path, retag):
    veille("init")
    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({
        "id": "soudeurs-metz", "title": "Metz : les soudeurs très recherchés",
        "content": "L'industrie messine manque de soudeurs.", "kind": "news",
        "url": "https://exemple.test/soudeurs-metz", "published": "2026-05-04T09:00:00+02:00",
        "source": "Observatoire régional (import)"}) + "\n", encoding="utf-8")
    veille("import", str(items))
    rome = rome_subset(shared_data, tmp_path / "rome", ["H2913"])
    geo = geo_subset(shared_data, tmp_path / "geo" / "decoupage-administratif-6.0.0", ["57"])
    # The ROME alone tags nothing (the taggers want the geography too), and says nothing.
    assert "tagged again" not in veille("referentials", "import", str(rome)).stdout
    done = veille("referentials", "import", str(geo), *([] if retag else ["--no-retag"]))
    if retag:
        assert "items tagged again: " in done.stdout  # ours and the starter resources
    else:
        assert "run `veille index retag`" in done.stderr
    found = json.loads(veille("search", "--json", "lieu:57 rome:H2913").stdout)
    assert found["total"] == (1 if retag else 0)
    # The same release again changes nothing, and tags nothing again.
    assert "tagged again" not in veille("referentials", "import", str(geo)).stdout


def moselle_survey(shared_data: Path, folder: Path) -> Path:
    """The bassins of the Moselle's communes and welders of the BMO 2024, as a year's folder
    holds them, but for SARREBOURG and with a bassin of no commune (the whole year:
    tests/referentials/test_bmo.py)."""
    folder.mkdir(parents=True)
    with (shared_data / BMO_DIR / "bassin_emploi.csv").open(encoding="utf-8") as source:
        lines = [line for number, line in enumerate(source) if number == 0 or ",57," in line]
    (folder / "bassin_emploi.csv").write_text("".join(lines), encoding="utf-8")
    write_bmo(folder / "Base_open_data_BMO_2024.xlsx", [
        *WELDERS[:3], bmo_row(2024, "D1X33", "Soudeurs", "57", 4499, "BASSIN IMAGINAIRE", 1, 1, 1)])
    return folder


def test_a_survey_year_and_its_bassins_are_imported_their_mismatches_reported(
        veille, shared_data, tmp_path):
    veille("init")
    folder = moselle_survey(shared_data, tmp_path / "bmo-2024")
    done = veille("referentials", "import", str(folder))
    assert done.stdout.splitlines() == [
        "BMO bassins 2024: 4 bassins, 739 communes",
        "  743 added, 0 changed, 0 removed (first import)",
        "BMO survey 2024: 1 jobs, 4 bassins, 4 rows, 3 secret cells",
        "  9 added, 0 changed, 0 removed (first import)",
        "  mismatch: 1 bassins of the BMO 2024 without communes in the bassins table (4499)",
        "  mismatch: 1 bassins of the bassins table absent from the BMO 2024 (4433)",
    ]
    listed = veille("referentials", "status").stdout
    assert "BMO survey 2024, imported " in listed and "4 rows, 3 secret cells" in listed
    assert "BMO bassins 2024, imported " in listed
