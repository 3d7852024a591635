"""The skills tagger: ROME skills written out whole (case, accents, elisions aside), and
nothing from one-word labels, job titles or phrases across sentences."""

import pytest

from veille.enrich.matcher import read


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("Une formation courte aux techniques de soudage.", {"100007"}),
        ("Les candidats doivent avoir l'esprit d'équipe.", {"300465"}),
        ("AVOIR L'ESPRIT D'EQUIPE", {"300465"}),
        ("L'intelligence artificielle transformera les tâches.", {"109794"}),
        ("Missions : entretien des espaces verts, tonte, taille.", {"123463"}),
        ("Avoir le sens du service et faire preuve de réactivité", {"399999", "300473"}),
        # Licences as everyone writes them, their category in capitals.
        ("Permis B exigé.", {"123456"}),
        ("Le permis de conduire reste un frein.", set()),
        # One-word labels name a field, a sector or something else altogether.
        ("La région finance une formation en cybersécurité.", set()),
        ("Les employeurs français recrutent.", set()),
        # A job title is the jobs tagger's, even when the ROME lists it among its savoirs.
        ("Il devient commis de cuisine.", set()),
        # A phrase does not run across sentences.
        ("Préparer un CAP. Cuisine, boulangerie et peinture.", set()),
    ],
)
def test_skills_written_out_in_a_sentence(taggers, sentence, codes):
    assert {tag.code for tag in taggers.skills.tag(read(sentence))} == codes


def test_a_skill_comes_with_its_label_and_kind(taggers):
    (tag,) = taggers.skills.tag(read("Les candidats doivent faire preuve de réactivité."))
    assert (tag.code, tag.label, tag.kind, tag.said) == (
        "300473", "Faire preuve de réactivité", "savoir-être", "faire preuve de réactivité")
