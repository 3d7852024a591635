"""Reading ESCO's French labels: the official CSV export (alternative labels one a line) and
a labels-only extract (alternative labels separated by `|`)."""

from collections import Counter
from pathlib import Path

import pytest

from veille.refdata import OCCUPATION, SKILL
from veille.referentials import esco
from veille.referentials.reading import ReferentialError


@pytest.mark.parametrize("folder, version, counts", [
    ("official_export_2020", "", {SKILL: 13_485, OCCUPATION: 2_942}),
    ("mockly_v1.2.1_labels", "1.2.1", {SKILL: 13_095, OCCUPATION: 2_740}),
])
def test_both_kinds_of_export_are_read(shared_data: Path, folder, version, counts):
    read = esco.read(shared_data / "esco-fr" / folder)
    assert read.version == version
    assert Counter(concept.kind for concept in read.concepts) == counts
    by_uri = {concept.uri: concept for concept in read.concepts}
    technicien = by_uri[
        "http://data.europa.eu/esco/occupation/00c8d1cf-24f2-47d1-9f10-765e1c102811"]
    assert technicien.label.replace("’", "'") == (  # the 2020 export has straight ones
        "technicien d'engins agricoles/technicienne d'engins agricoles")
    assert "réparateur d'engins agricoles" in technicien.alt_labels
    assert all("|" not in label and "\n" not in label
               for concept in read.concepts for label in concept.alt_labels)


def test_an_export_without_its_skills_is_refused(tmp_path):
    (tmp_path / "occupations_fr.csv").write_text(
        "conceptUri,preferredLabel,altLabels\nhttp://x,soudeur,\n", encoding="utf-8")
    assert esco.holds_esco(tmp_path)
    with pytest.raises(ReferentialError, match="lacks skills_fr.csv of the ESCO export"):
        esco.read(tmp_path)
