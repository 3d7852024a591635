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
    assert named(taggers, sentence) == keys


def named(taggers, sentence: str) -> set[str]:
    return {tag.place.key for tag in taggers.places.tag(read(sentence))}


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        # The news: the UIMM's name says nothing of where the news is.
        ("À Metz, une chaudronnerie forme ses soudeurs avec l'UIMM Lorraine.",
         {"commune:57463"}),
        # Organisations named after the area they serve, right after their name…
        ("Selon la CCI Grand Est, les PME peinent à recruter.", set()),
        ("Pôle emploi Lorraine devient France Travail Grand Est.", set()),
        ("L'ARS Grand Est finance des stages, le Medef Vosges aussi.", set()),
        ("La CPME Moselle et le FC Metz signent une charte.", set()),
        ("Le Crédit Agricole Alsace Vosges finance l'hébergement.", set()),
        ("Le Crédit\u00a0Agricole Alsace\u00a0Vosges finance l'hébergement.", set()),
        ("La Banque Populaire Alsace Lorraine Champagne recrute.", set()),
        ("Les offres de France Travail Auvergne-Rhône-Alpes", set()),
        # … or after their name and "de": an area is the organisation's, not the news's…
        ("L'Université de Lorraine ouvre une licence.", set()),
        ("La Chambre de métiers et de l'artisanat de la Moselle forme des boulangers.", set()),
        ("La Chambre de métiers de Meurthe-et-Moselle cherche des tuteurs.", set()),
        ("L'UIMM de Moselle et l'Afpa de Moselle ouvrent un BTS.", set()),
        # … a commune is where the organisation is.
        ("L'agence France Travail de Thionville organise un forum.", {"commune:57672"}),
        ("L'Université de Strasbourg ouvre vingt places.", {"commune:67482"}),
        ("La Mission locale de Thionville forme des caristes.", {"commune:57672"}),
        # Territorial collectivities are their territory.
        ("La Région Grand Est finance 500 formations.", {"region:44"}),
        ("Le Département des Vosges recrute des assistants familiaux.", {"departement:88"}),
        ("Le conseil départemental de la Moselle recrute.", {"departement:57"}),
        # The places the news is about stay, beside the organisations.
        ("Le Medef de Moselle organise un forum : les entrepôts de Moselle recrutent.",
         {"departement:57"}),
        ("Le CHU de Nancy recrute, selon l'ARS Grand Est et Pôle emploi Lorraine.",
         {"commune:54395"}),
    ],
)
def test_names_of_organisations_are_not_places_mentioned(taggers, sentence, keys):
    assert named(taggers, sentence) == keys


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("L'hôtellerie en Alsace", {"region:44"}),
        ("Les résidents de Lorraine", {"region:44"}),
        ("L'ancienne région Champagne-Ardenne", {"region:44"}),
        ("La Picardie et le Nord-Pas-de-Calais", {"region:32"}),
        ("En Haute-Normandie comme en Basse-Normandie", {"region:28"}),
        ("La Bourgogne et la Franche-Comté", {"region:27"}),
        ("L'Auvergne et Rhône-Alpes", {"region:84"}),
        ("Le Limousin, le Poitou-Charentes, l'Aquitaine", {"region:75"}),
        ("En Midi-Pyrénées et en Languedoc-Roussillon", {"region:76"}),
        ("Un master en Lorraine, à Nancy", {"region:44", "commune:54395"}),
        ("Lorraine Petit, boulangère à Toul", {"commune:54528"}),  # a person's name
    ],
)
def test_a_region_before_2016_is_the_region_it_lies_in_now_never_its_departements(
        taggers, sentence, keys):
    assert named(taggers, sentence) == keys


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
