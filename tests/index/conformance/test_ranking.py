"""How plain words match and rank through an engine: keywords need every word, questions
any, best first.

The corpus is a handful of French passages written for these tests; items go through the
store and the index as the pipeline writes them, and queries through the engine's `search`.
"""

from datetime import UTC, datetime

import pytest

from veille.collect.processing import Origin, normalise
from veille.index.engine import SearchEngine
from veille.index.search import SearchQuery
from veille.models import Entry, Item


def passage(item_id: str, title: str, content: str, day: int = 1) -> Item:
    published = datetime(2026, 3, day, 12, tzinfo=UTC)
    return normalise(
        Entry(title=title, content=content, content_is_text=True, id=item_id,
              published=published, kind="resource", source="Fiches métiers"),
        Origin(source="Fiches métiers", fetched=datetime(2026, 4, 1, tzinfo=UTC)),
    )


PASSAGES = [
    passage("soudeurs-moselle", "Soudeurs recherchés en Moselle",
            "Les chantiers de Thionville embauchent des soudeurs qualifiés ; une formation "
            "de six mois prépare au titre professionnel."),
    passage("soudure-mulhouse", "Formation de soudeur à Mulhouse",
            "Le centre de Mulhouse ouvre une session de soudage TIG en mars pour les "
            "demandeurs d'emploi."),
    passage("logistique-moselle", "La logistique recrute en Moselle",
            "Les entrepôts de Metz cherchent des caristes titulaires du CACES ; les "
            "plateformes tournent en trois équipes."),
    passage("aide-soignant-apprentissage", "Devenir aide-soignant par l'apprentissage",
            "L'institut de formation de Nancy accueille des apprentis aides-soignants : le "
            "diplôme d'État se prépare en alternance sur dix-huit mois."),
    passage("aide-soignante-vae", "La VAE pour les aides-soignantes",
            "Une aide-soignante expérimentée peut faire valider ses acquis par la VAE, sans "
            "retourner sur les bancs d'un institut."),
    passage("cpf", "Le CPF en bref",
            "Le compte personnel de formation finance une formation certifiante inscrite au "
            "RNCP ; en 2024, 1 300 000 dossiers ont été acceptés."),
    passage("salaire-infirmier", "Salaire des infirmières en 2025",
            "Une infirmière débutante à l'hôpital gagne environ 2 100 euros nets par mois ; "
            "le salaire progresse ensuite avec l'ancienneté."),
    passage("france-travail", "France Travail remplace Pôle emploi",
            "Depuis janvier 2024, France Travail accompagne les demandeurs d'emploi et les "
            "employeurs ; 100 000 offres d'emplois sont publiées chaque mois."),
    passage("bts", "Le BTS en alternance",
            "Un BTS prépare en deux ans un diplôme de niveau 5 ; l'apprenti va en cours une "
            "semaine sur deux et passe l'autre en entreprise."),
]


@pytest.fixture
def corpus(index) -> SearchEngine:
    return index(*PASSAGES)


def ids(engine: SearchEngine, q: str) -> list[str]:
    return [hit.id for hit in engine.search(SearchQuery(q=q, limit=20)).hits]


@pytest.mark.parametrize(
    "question, answer",
    [
        ("Quelle rémunération pour une infirmière débutante ?", "salaire-infirmier"),
        ("Combien gagne une infirmière à l'hôpital", "salaire-infirmier"),
        ("Qui a remplacé Pôle emploi ?", "france-travail"),
        ("Combien d'offres d'emploi sont publiées chaque mois ?", "france-travail"),
        ("Comment payer une formation certifiante ?", "cpf"),
        ("Quel est le niveau du diplôme préparé en BTS ?", "bts"),
        ("Où embauche-t-on des caristes ?", "logistique-moselle"),
        ("Peut-on faire valider son expérience d'aide-soignante ?", "aide-soignante-vae"),
        ("En quelle année 1 300 000 dossiers ont-ils été acceptés ?", "cpf"),
        ("Qu'est-ce que la VAE ?", "aide-soignante-vae"),
    ],
)
def test_a_question_finds_the_passage_that_answers_it_first(corpus, question, answer):
    assert ids(corpus, question)[0] == answer


def test_a_question_finds_passages_holding_only_some_of_its_words(corpus):
    """"rémunération" is in no passage: AND would find nothing."""
    assert ids(corpus, "Quelle rémunération pour une infirmière débutante ?") == [
        "salaire-infirmier"
    ]
    assert len(ids(corpus, "Comment payer une formation certifiante ?")) > 1


@pytest.mark.parametrize(
    "keywords, expected",
    [
        ("soudeur Moselle", {"soudeurs-moselle"}),
        ("soudeurs moselle", {"soudeurs-moselle"}),
        ("soudeur Moselle Thionville", {"soudeurs-moselle"}),
        ("aide-soignant apprentissage", {"aide-soignant-apprentissage"}),
        ("aides-soignantes VAE", {"aide-soignante-vae"}),
        ("BTS alternance", {"bts"}),
        ("formation Nancy", {"aide-soignant-apprentissage"}),
        ("soudeur Lorraine", set()),
        ("caristes Mulhouse", set()),
    ],
)
def test_two_or_three_keywords_must_all_be_found(corpus, keywords, expected):
    assert set(ids(corpus, keywords)) == expected


def test_four_keywords_or_more_find_the_items_holding_most_of_them_first(corpus):
    found = ids(corpus, "formation soudeur Moselle Thionville")
    assert found[0] == "soudeurs-moselle"
    assert {"soudure-mulhouse", "cpf"} <= set(found)


@pytest.mark.parametrize(
    "q",
    ["aide-soignant", "aide soignant", "aides-soignants", "Aides-Soignantes", "aide–soignante"],
)
def test_compounds_written_any_way_find_each_other(corpus, q):
    assert set(ids(corpus, q)) == {"aide-soignant-apprentissage", "aide-soignante-vae"}


@pytest.mark.parametrize(
    "q, expected",
    [
        ("1 300 000", {"cpf"}),
        ("1300000 dossiers", {"cpf"}),
        ("100 000 offres", {"france-travail"}),
        ("100\u00a0000", {"france-travail"}),
        ("2 100 euros", {"salaire-infirmier"}),
        ("2024", {"cpf", "france-travail"}),
        ("niveau 5", {"bts"}),
        ("000", set()),  # a group of a number is not a number
    ],
)
def test_numbers_are_searchable_as_written(corpus, q, expected):
    assert set(ids(corpus, q)) == expected


@pytest.mark.parametrize(
    "q, expected",
    [
        ("VAE", {"aide-soignante-vae"}),  # not the BTS passage, where the apprentice "va"
        ("CACES", {"logistique-moselle"}),
        ("RNCP", {"cpf"}),
        ("CPF", {"cpf"}),
        ("bts", {"bts"}),
    ],
)
def test_acronyms_find_their_items_only(corpus, q, expected):
    assert set(ids(corpus, q)) == expected


@pytest.mark.parametrize(
    "q, expected",
    [
        ("emplois", {"soudure-mulhouse", "france-travail"}),
        ("emploi", {"soudure-mulhouse", "france-travail"}),
        ("infirmier", {"salaire-infirmier"}),
        ("soudeuse", {"soudeurs-moselle", "soudure-mulhouse"}),
    ],
)
def test_plural_and_feminine_forms_find_each_other(corpus, q, expected):
    assert set(ids(corpus, q)) == expected


@pytest.mark.parametrize("content_first", [True, False])
def test_a_title_match_outranks_a_content_only_match(index, content_first):
    """Whichever is indexed first: Whoosh's own DisjunctionMax scored a content-only match
    with the next document's title score when the content-only one came first."""
    in_content = passage("in-content", "Offre d'emploi à Metz",
                         "Un atelier de chaudronnerie embauche un soudeur de nuit.", day=2)
    in_title = passage("in-title", "Soudeur à Metz",
                       "Un atelier de chaudronnerie embauche de nuit.", day=1)
    engine = index(*([in_content, in_title] if content_first else [in_title, in_content]))
    page = engine.search(SearchQuery(q="soudeur"))
    assert [hit.id for hit in page.hits] == ["in-title", "in-content"]
    assert page.hits[0].score > page.hits[1].score


@pytest.mark.parametrize("q", ["S.N.C.F.", "SNCF", "la s.n.c.f"])
def test_an_acronym_written_with_full_stops_finds_it_written_without(index, q):
    engine = index(passage("sncf", "Le rail recrute", "La S.N.C.F. embauche des conducteurs."),
                   passage("sncf-bis", "Le rail recrute encore", "La SNCF forme ses agents."),
                   passage("autre", "Le bus recrute", "Les réseaux de bus embauchent."))
    assert set(ids(engine, q)) == {"sncf", "sncf-bis"}


def test_a_question_finds_by_its_quoted_phrase_or_its_words_the_phrase_first(index):
    """A quoted phrase inside a question does not also require the question's other words
    ("écrit"), and its words find what a misquote would miss, after the phrase itself."""
    engine = index(
        passage("pascal", "Blaise Pascal",
                "Pascal laisse un traité inachevé, De l'esprit géométrique, sur la méthode."),
        passage("misquoted", "Les géomètres",
                "L'esprit des géomètres grecs tient à la démonstration géométrique.", day=2),
        passage("auteur", "Écrire un roman", "Un auteur a écrit son premier roman.", day=3),
        passage("autre", "Cuisine", "Une recette de tarte aux pommes.", day=4))
    found = ids(engine, 'Qui a écrit "De l\'esprit géométrique" ?')
    assert found[0] == "pascal"
    assert set(found) == {"pascal", "misquoted", "auteur"}


def test_a_quoted_phrase_in_keywords_is_still_required(index):
    engine = index(passage("phrase", "Offre", "Un poste d'aide à domicile en Moselle."),
                   passage("mots", "Offre", "Une aide au logement pour un domicile en Moselle."))
    assert ids(engine, '"aide à domicile" Moselle') == ["phrase"]


def test_the_word_naming_what_a_question_asks_weighs_less_than_its_other_words(index):
    """"En quelle année…" asks for a year, which the answer gives without saying "année":
    the passage holding the question's other word comes before the one holding "année",
    in its title too."""
    engine = index(
        passage("inauguration", "Le canal de Bourgogne",
                "Le canal est inauguré en 1832, après quarante ans de travaux."),
        passage("annee", "Une année sur le canal",
                "Chaque année, le canal accueille des plaisanciers.", day=2))
    assert ids(engine, "En quelle année le canal fut-il inauguré ?") == ["inauguration", "annee"]
    assert ids(engine, "Canal : année d'inauguration ?") == ["annee", "inauguration"]
