"""Reading France Travail's ROME 4.0 CSV export: the real v4.60 files, then copies broken in
every way a download or a hand can break them, each refused with a message naming the file
and what is wrong."""

from collections import Counter
from pathlib import Path

import pytest

from tests.referentials.subset import ROME_DIR, read_rows, rome_codes, rome_subset, write_rows
from veille.refdata import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE, Appellation, Metier
from veille.referentials import rome
from veille.referentials.reading import ReferentialError


@pytest.fixture(scope="module")
def release(shared_data: Path) -> rome.Rome:
    """The whole v4.60 export, read once for the module (about a second)."""
    return rome.read(shared_data / ROME_DIR)


def test_the_whole_export_is_read_with_the_counts_of_its_files(release):
    assert release.version == "460"
    assert len(release.grands_domaines) == 14
    assert len(release.domaines) == 110
    assert len(release.metiers) == 1_584
    assert len(release.appellations) == 13_120
    assert Counter(skill.kind for skill in release.skills) == {
        SAVOIR_FAIRE: 18_301, SAVOIR_ETRE: 16, SAVOIR: 15_354}  # 18,317 compétences
    assert len(release.links) == 90_556  # the bloc "Compétences" of the 118,923 links


def test_a_metier_carries_its_domaine_grand_domaine_and_rome_v3_parent(release):
    soudeur = next(metier for metier in release.metiers if metier.code == "H2913")
    assert soudeur == Metier("H2913", "Soudeur / Soudeuse", "H29", "H",
                             "Mécanique, travail des métaux et outillage", "Industrie", "H2913")
    forestier = next(metier for metier in release.metiers if metier.code == "A1102")
    assert forestier.parent == "A1101"  # new in ROME 4.0: named by its v3 job sheet
    assert {metier.grand_domaine for metier in release.metiers} == {
        domain.code for domain in release.grands_domaines}


def test_appellations_keep_their_masculine_and_feminine_forms_and_lead_to_a_metier(release):
    by_label = {appellation.label: appellation for appellation in release.appellations}
    assert by_label["Soudeur / Soudeuse"] == Appellation(
        "404475", "Soudeur / Soudeuse", "Soudeur / Soudeuse", "H2913", principal=True)
    assert by_label["Accastilleur-monteur / Accastilleuse-monteuse électronique de marine"] \
        .short_label == "Accastilleur(se)-monteur(se) électronique de marine"
    assert sum(appellation.principal for appellation in release.appellations) == 1_584
    aides = {a.label for a in release.appellations if a.rome_code == "J1501"}
    assert "Aide-soignant / Aide-soignante en gériatrie" in aides


def test_links_give_each_metier_its_savoir_faire_and_savoirs(release):
    skills = {skill.code: skill for skill in release.skills}
    of_soudeur = [skills[link.skill_code] for link in release.links if link.rome_code == "H2913"]
    assert {skill.kind for skill in of_soudeur} == {SAVOIR_FAIRE, SAVOIR_ETRE, SAVOIR}
    assert "Techniques de soudage" in {skill.label for skill in of_soudeur}
    assert len({link.rome_code for link in release.links}) == 1_584


@pytest.fixture
def folder(shared_data: Path, tmp_path: Path) -> Path:
    """A small copy of the export (twelve métiers and what they link to), to break."""
    return rome_subset(shared_data, tmp_path / "rome", rome_codes(shared_data, 12))


def test_a_small_copy_is_read_and_another_release_is_recorded_as_such(shared_data, tmp_path):
    older = rome_subset(shared_data, tmp_path / "v450", rome_codes(shared_data, 12), "450")
    read = rome.read(older)
    assert (read.version, len(read.metiers)) == ("450", 12)
    assert {appellation.rome_code for appellation in read.appellations} == {
        metier.code for metier in read.metiers}


def _path(folder: Path, name: str) -> Path:
    return rome.file_path(folder, name, "460")


def remove_appellations(folder: Path) -> None:
    _path(folder, "referentiel_appellation").unlink()


def rename_a_column(folder: Path) -> None:
    path = _path(folder, "referentiel_code_rome")
    header, rows = read_rows(path)
    write_rows(path, ["intitule" if name == "libelle_rome" else name for name in header],
               [{("intitule" if k == "libelle_rome" else k): v for k, v in row.items()}
                for row in rows])


def truncate_the_links(folder: Path) -> None:
    path = _path(folder, "liens_rome_referentiels")
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2 + 3])


def cut_inside_a_quote(folder: Path) -> None:
    path = _path(folder, "referentiel_competence")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('"Tailler') + 4], encoding="utf-8")


def empty_the_savoirs(folder: Path) -> None:
    _path(folder, "referentiel_savoir").write_bytes(b"")


def keep_only_a_header(folder: Path) -> None:
    path = _path(folder, "grand_domaine")
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def save_as_latin1(folder: Path) -> None:
    path = _path(folder, "referentiel_appellation")
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def mix_releases(folder: Path) -> None:
    path = _path(folder, "referentiel_savoir")
    path.rename(rome.file_path(folder, "referentiel_savoir", "450"))


def lead_an_appellation_nowhere(folder: Path) -> None:
    path = _path(folder, "referentiel_appellation")
    header, rows = read_rows(path)
    write_rows(path, header, [{**rows[0], "code_rome": "Z9999"}, *rows[1:]])


def repeat_a_metier(folder: Path) -> None:
    path = _path(folder, "referentiel_code_rome")
    header, rows = read_rows(path)
    write_rows(path, header, [*rows, rows[0]])


@pytest.mark.parametrize("damage, message", [
    (remove_appellations, "lacks unix_referentiel_appellation_v460_utf8.csv of the ROME export"),
    (rename_a_column, "unix_referentiel_code_rome_v460_utf8.csv lacks the column libelle_rome "
                      "(it has: code_rome, code_fiche_metier, code_ogr, intitule,"),
    (truncate_the_links, "unix_liens_rome_referentiels_v460_utf8.csv, line "),
    (cut_inside_a_quote, "unix_referentiel_competence_v460_utf8.csv, line 3: unexpected end of "
                         "data (a truncated or damaged file?)"),
    (empty_the_savoirs, "unix_referentiel_savoir_v460_utf8.csv is empty"),
    (keep_only_a_header, "unix_grand_domaine_v460_utf8.csv has a header but no records"),
    (save_as_latin1, "unix_referentiel_appellation_v460_utf8.csv is not UTF-8 text (byte 0xe9"),
    (mix_releases, "mixes ROME releases (v450: unix_referentiel_savoir_v450_utf8.csv; v460: "),
    (lead_an_appellation_nowhere, "unix_referentiel_appellation_v460_utf8.csv, line 2: "
                                  "appellation 10358 leads to Z9999, an unknown ROME code"),
    (repeat_a_metier, "unix_referentiel_code_rome_v460_utf8.csv lists ROME code A1101 twice"),
])
def test_a_broken_export_is_refused_naming_the_file_and_the_fault(folder, damage, message):
    damage(folder)
    with pytest.raises(ReferentialError) as refused:
        rome.read(folder)
    assert message in str(refused.value)


def test_a_folder_without_rome_files_is_not_a_rome_export(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    assert not rome.holds_rome(tmp_path)
    with pytest.raises(ReferentialError, match="no ROME file"):
        rome.read(tmp_path)
