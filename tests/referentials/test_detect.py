"""Recognising the referentials of a folder by their files, wherever they sit below it."""

from pathlib import Path

import pytest

from veille.refdata import GEO, ROME
from veille.referentials.detect import Found, detect
from veille.referentials.reading import ReferentialError

ESCO_2020 = "esco-fr/official_export_2020"


def layout(root: Path, shared_data: Path, links: dict[str, str]) -> Path:
    """A folder holding links named as `links` says to folders of the shared data."""
    root.mkdir()
    for name, target in links.items():
        place = root / name
        place.parent.mkdir(parents=True, exist_ok=True)
        place.symlink_to(shared_data / target, target_is_directory=True)
    return root


@pytest.mark.parametrize("links, expected", [
    ({"rome": "rome-4.0"}, [(ROME, "rome")]),
    ({"geo": "geo-fr"}, [(GEO, "geo/decoupage-administratif-6.0.0")]),
    ({"a/rome": "rome-4.0", "b/geo": "geo-fr", "esco": ESCO_2020},
     [(ROME, "a/rome"), (GEO, "b/geo/decoupage-administratif-6.0.0")]),  # ESCO left aside
])
def test_each_referential_is_found_in_its_folder(tmp_path, shared_data, links, expected):
    root = layout(tmp_path / "release", shared_data, links)
    assert detect(root) == [Found(name, root / place) for name, place in expected]


def test_the_folder_itself_may_be_the_referential(shared_data):
    assert detect(shared_data / "rome-4.0") == [Found(ROME, shared_data / "rome-4.0")]


def test_a_referential_in_two_folders_is_refused_naming_both(tmp_path, shared_data):
    root = layout(tmp_path / "release", shared_data, {"old": "rome-4.0", "new": "rome-4.0"})
    with pytest.raises(ReferentialError) as refused:
        detect(root)
    assert str(refused.value) == (f"ROME 4.0 found in 2 folders ({root / 'new'}, "
                                  f"{root / 'old'}): import them one at a time")


def test_a_folder_without_referential_says_what_was_expected(tmp_path):
    (tmp_path / "notes.txt").write_text("ROME", encoding="utf-8")
    with pytest.raises(ReferentialError, match=r"no referential recognised in .*: expected the "
                                               r"ROME 4.0 CSV export \(unix_\*_v460_utf8.csv\)"):
        detect(tmp_path)


def test_escos_french_labels_are_not_imported(tmp_path, shared_data):
    root = layout(tmp_path / "release", shared_data, {"esco": ESCO_2020})
    with pytest.raises(ReferentialError, match="no referential recognised"):
        detect(root)


def test_hidden_folders_and_deep_ones_are_not_looked_into(tmp_path, shared_data):
    layout(tmp_path / "release", shared_data,
           {".cache/rome": "rome-4.0", "a/b/c/d/rome": "rome-4.0"})
    with pytest.raises(ReferentialError, match="no referential recognised"):
        detect(tmp_path / "release")


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "rome.zip").write_bytes(b"PK")
    with pytest.raises(ReferentialError, match="rome.zip is not a folder"):
        detect(tmp_path / "rome.zip")
