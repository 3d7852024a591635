"""The places tagger: communes, départements, régions and EPCI an item names, the Grand
Est first, and no place where a name is an ordinary word, a person's name or a firm's."""

import pytest

from veille.enrich.matcher import read


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("Soudeurs recherchés à Metz", {"commune:57463"}),
        ("OFFRE D'EMPLOI : SOUDEUR H/F A METZ", {"commune:57463"}),
        ("Une entreprise de Metzervisse recrute.", {"commune:57465"}),
        ("Montigny-lès-Metz ouvre une crèche.", {"commune:57480"}),
        ("À Bar-le-Duc, un bar solidaire embauche.", {"commune:55029"}),
        ("Les entreprises de la Moselle recrutent.", {"departement:57"}),
        ("Dans la Marne, les vendanges commencent.", {"departement:51"}),
        ("Le chômage recule en Grand Est.", {"region:44"}),
        ("Saint-Dié-des-Vosges et St-Dié", {"commune:88413"}),
        ("Le lycée de Chalons-en-Champagne", {"commune:51108"}),  # no accent
        ("Des usines au Havre", {"commune:76351"}),
        ("Un plan régional en PACA", {"region:93"}),
        ("Metz Métropole signe une convention.", {"epci:200039865"}),
        ("La communauté de communes Terres Touloises prête un local.",
         {"epci:200070563"}),
        # Régions before 2016 stand for their départements.
        ("L'hôtellerie en Alsace", {"departement:67", "departement:68"}),
        ("Les résidents de Lorraine",
         {"departement:54", "departement:55", "departement:57", "departement:88"}),
        # Ordinary words need to stand where places stand.
        ("Candidatures en mairie de Moyen.", {"commune:54393"}),
        ("Un moyen efficace de lutter contre la pénurie.", set()),
        ("Moyen recherche un agent technique.", set()),  # a sentence start proves nothing
        ("Le salon du Bois, en mars.", set()),
        ("Mars est le mois de l'orientation.", set()),
        ("Le Lot et le Cher affichent les plus fortes baisses.",
         {"departement:46", "departement:18"}),
        ("Un lot de 500 ordinateurs. Cher payé, le matériel manque.", set()),
        ("Une somme record pour la formation", set()),
        # People and firms.
        ("Marie Bois a pris ses fonctions.", set()),
        ("Nancy Martin, cheffe d'entreprise à Laxou", {"commune:54304"}),
        ("Lorraine Dubois accompagne les demandeurs d'emploi.", set()),
        ("Les salariés chez Orange", set()),
        ("La plateforme de Carling Saint-Avold", {"commune:57123", "commune:57606"}),
        # Communes take no article; a commune's own article takes its capital.
        ("Au profit de la Suisse", set()),
        ("Rue de la Rochelle, le café embauche.", set()),
        ("À La Rochelle, le port recrute.", {"commune:17300"}),
        # Homonyms: the Grand Est first, the départements named, a much bigger town.
        ("À Saint-Louis, aux portes de Bâle", {"commune:68297"}),
        ("À Chaumont, les médecins se font rares.", {"commune:52121"}),
        ("Le centre hospitalier de Valence, dans la Drôme",
         {"commune:26362", "departement:26"}),
        ("Void-Vacon (55) accueille un cabinet.", {"commune:55573"}),
        # A name of a département and of a commune; of a région and of a département.
        ("À Vienne, en Isère, les viticulteurs embauchent.",
         {"commune:38544", "departement:38"}),
        ("La Vienne mise sur l'apprentissage.", {"departement:86"}),
        ("Le service militaire adapté de La Réunion", {"departement:974"}),
        # A short name for a commune the item names in full.
        ("À Romilly-sur-Seine, avec le lycée de Romilly", {"commune:10323"}),
    ],
)
def test_places_named_in_a_sentence(taggers, sentence, keys):
    assert {tag.place.key for tag in taggers.places.tag(read(sentence))} == keys


def test_a_place_brings_the_departements_and_regions_it_lies_in(taggers):
    tags = taggers.tag("Recrutements à Metz et dans Metz Métropole", "")
    assert [tag.said for tag in tags.places] == ["Metz", "Metz Métropole"]
    assert tags.place_keys == {"commune:57463", "epci:200039865", "departement:57",
                               "region:44"}


def test_far_away_small_communes_need_their_context(taggers):
    assert taggers.places.tag(read("Sur la Côte d'Azur, les palaces de Nice")) == [
        tag for tag in taggers.places.tag(read("les palaces de Nice"))]
    in_the_somme = read("À Ham, dans la Somme, une usine s'agrandit.")
    assert {tag.place.key for tag in taggers.places.tag(in_the_somme)} == {
        "commune:80410", "departement:80"}
