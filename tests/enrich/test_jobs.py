"""The jobs tagger: the ROME jobs an item names, in every form news writes a job title,
and none where a title's words mean something else (precision first)."""

import pytest

from veille.enrich.joblabels import acronyms, forms, plural
from veille.enrich.matcher import read


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        # Forms: masculine, feminine, plural, without accents or hyphens.
        ("Le groupe recrute des soudeurs.", {"H2913"}),
        ("Une soudeuse expérimentée est recherchée.", {"H2913"}),
        ("Formation d'aides-soignants à Forbach.", {"J1501"}),
        ("Recherche aide soignante pour l'été.", {"J1501"}),
        ("Les agents de securite sont formes en 175 heures.", {"K2503"}),
        ("Des ouvriers agricoles qualifiés pour la taille.", {"A1419"}),  # "agricoles" agrees
        ("Data scientists recherchés", {"M1405"}),  # an English title's plural
        ("Des marins pêcheurs et des pisteurs-secouristes", {"A1415", "K1726"}),
        ("Deux infirmières anesthésistes", {"J1503"}),
        ("Valet de chambre ou femme de chambre", {"G1501"}),
        ("Une formation de maréchal-ferrant", {"A1502"}),
        ("Les chauffeurs VTC signent un accord.", {"N4112"}),
        ("OFFRE D'EMPLOI : SOUDEUR H/F A METZ", {"H2913"}),
        # Acronyms the ROME gives a job, in capitals only.
        ("La ville recrute quinze ATSEM.", {"K1308"}),
        ("Ces ASH deviendront aides-soignants.", {"J1301", "J1501"}),
        ("les atsem de la ville", set()),
        # Everyday words first: homographs, adjectives, phrases that hide a title.
        ("Un facteur clé de réussite", set()),
        ("Les acteurs de l'emploi restent prudents.", set()),
        ("Une évolution de carrière", set()),
        ("La ville hôte des jeux", set()),
        ("Les mineurs non accompagnés", set()),
        ("La secrétaire d'État a visité le CFA.", set()),
        ("L'association recrute une secrétaire.", {"M1607"}),
        ("Le service commercial déménage.", set()),
        ("Les PME recherchent des commerciaux.", {"D1410"}),
        ("Le transport routier recrute.", set()),
        ("sur d'anciennes terres céréalières", set()),
        # A capital in mid-sentence is a proper noun: a person, a shop.
        ("Selon Mme Berger, la formation reprend.", set()),
        ("Un berger garde le troupeau.", {"A1410"}),
        ("Le magasin Boulanger de Thionville", set()),
        ("Les boulangers manquent d'apprentis.", {"D1102"}),
        # Titles the ROME gives to several jobs, or too generic, are not guessed.
        ("Les livreurs à vélo attendent un accord.", set()),
        ("Nous cherchons aussi des infirmiers.", set()),
        ("La commune recrute un agent technique.", set()),
        ("Des techniciens et des ingénieurs", set()),
    ],
)
def test_jobs_named_in_a_sentence(taggers, sentence, codes):
    assert {tag.rome for tag in taggers.jobs.tag(read(sentence))} == codes


def test_a_job_comes_with_its_title_domaine_and_grand_domaine(taggers):
    (tag,) = taggers.jobs.tag(read("Soudeurs recherchés à Thionville"))
    assert (tag.rome, tag.label, tag.domaine, tag.grand_domaine, tag.said) == (
        "H2913", "Soudeur / Soudeuse", "H29", "H", "Soudeurs")


def test_each_job_is_tagged_once_in_the_order_it_comes(taggers):
    text = read("Des cuisiniers, une cuisinière, des serveuses et un serveur.")
    assert [tag.rome for tag in taggers.jobs.tag(text)] == ["G1609", "G1803"]


@pytest.mark.parametrize(
    ("label", "some_forms"),
    [
        ("Soudeur / Soudeuse", {"soudeur", "soudeuse", "soudeurs", "soudeuses"}),
        ("Aide-soignant / Aide-soignante à domicile",
         {"aides soignants a domicile", "aide soignante a domicile"}),
        ("Agent / Agente d'administration principal(e) des douanes",
         {"agente d administration principale des douanes"}),
        ("Instrumentiste Industriel / Industrielle", {"instrumentiste industrielle"}),
        ("Homme sage-femme / Sage-femme", {"sage femme", "sages femmes"}),
        ("Infirmier / Infirmière anesthésiste (IADE)", {"infirmieres anesthesistes"}),
    ],
)
def test_a_rome_title_is_spelt_out_in_the_forms_news_writes(label, some_forms):
    assert some_forms <= {" ".join(form) for form in forms(label)}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Agent / Agente de service hospitalier (ASH)", ["ASH"]),
        ("Infirmier / Infirmière anesthésiste (IADE)", ["IADE"]),
        ("Assistant / Assistante Ressources Humaines (RH)", []),  # the field, not the job
        ("Aide d'élevage cunicole (lapins)", []),
    ],
)
def test_only_acronyms_that_spell_the_title_are_kept(label, expected):
    assert list(acronyms(label)) == expected


@pytest.mark.parametrize(("word", "expected"), [
    ("soudeur", "soudeurs"), ("principal", "principaux"), ("agneau", "agneaux"),
    ("chef", "chefs"), ("gris", "gris"), ("roux", "roux")])
def test_simple_french_plurals(word, expected):
    assert plural(word) == expected
