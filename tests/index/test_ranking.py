"""How plain words match and rank: keywords need every word, questions any, best first.

The corpus is a handful of French passages written for these tests; items go through the
store and the index as the pipeline writes them, and queries through `search`.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from whoosh import query
from whoosh.filedb.filestore import RamStorage

from veille.collect.processing import Origin, normalise
from veille.index import ranking
from veille.index.querytree import Words
from veille.index.search import SearchQuery, search
from veille.index.whoosh import scoring
from veille.index.whoosh.schema import build_schema
from veille.models import Entry, Item

SCHEMA = build_schema()


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
def corpus(index) -> Path:
    return index(*PASSAGES)


def ids(folder: Path, q: str) -> list[str]:
    return [hit.id for hit in search(folder, SearchQuery(q=q, limit=20)).hits]


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
    folder = index(*([in_content, in_title] if content_first else [in_title, in_content]))
    page = search(folder, SearchQuery(q="soudeur"))
    assert [hit.id for hit in page.hits] == ["in-title", "in-content"]
    assert page.hits[0].score > page.hits[1].score


def test_a_word_in_title_and_content_scores_as_its_best_field_not_their_sum():
    ix = RamStorage().create_index(SCHEMA)
    with ix.writer() as writer:
        writer.add_document(id="content", title="Offre", content="soudeur recherché")
        writer.add_document(id="both", title="Soudeur", content="soudeur recherché")
        writer.add_document(id="title", title="Soudeur", content="recherché")
    with ix.searcher(weighting=scoring.weighting()) as searcher:
        def score(q: query.Query) -> dict[str, float]:
            return {hit["id"]: hit.score for hit in searcher.search(q, limit=None)}

        title = score(query.Term("title", "soudeur"))
        content = score(query.Term("content", "soudeur"))
        best = score(scoring.in_title_or_content("soudeur"))
        # A limit lets Whoosh skip what cannot enter the page: the same best, found faster.
        (top,) = searcher.search(scoring.in_title_or_content("soudeur"), limit=1)
    assert best == pytest.approx({
        "content": content["content"],
        "both": max(title["both"], content["both"]),
        "title": title["title"],
    })
    assert top.score == max(best.values())


@pytest.mark.parametrize(
    "text, question",
    [
        ("Combien d'employeurs ?", True),
        ("Combien d'employeurs", True),
        ("En quelle année le CPF a-t-il été créé", True),
        ("Qui finance le permis de conduire", True),
        ("Qu'est-ce que la VAE", True),
        ("d'où vient le CPF", True),
        ("soudeur Moselle ?", True),
        ("soudeur Moselle", False),
        ("questionnaire emploi", False),
        ("formations qui recrutent", False),
        ("ou", False),
        ("", False),
    ],
)
def test_is_question(text, question):
    assert ranking.is_question(text) is question


@pytest.mark.parametrize(
    "text, words",
    [
        ("soudeur Moselle", [("soudeur",), ("mosel",)]),
        ("les soudeurs de la Moselle", [("soudeur",), ("mosel",)]),
        ("aide-soignant apprentissage", [("aid", "soign"), ("apprentissag",)]),
        ("bac+2 soudeur soudeurs", [("bac", "2"), ("soudeur",)]),
        ("Combien d'employeurs ?", [("employeur",)]),
        ("100 000 offres", [("100000",), ("offre",)]),
        ("le la les", []),
    ],
)
def test_significant_words(text, words):
    assert ranking.significant_words(text) == words


@pytest.mark.parametrize(
    "text, every",
    [
        ("soudeur", True),
        ("soudeur Moselle", True),
        ("aide-soignant apprentissage Nancy", True),
        ("formation soudeur Moselle alternance", False),
        ("Combien de soudeurs en Moselle ?", False),
    ],
)
def test_plain_words_need_every_keyword_and_any_word_of_a_question(text, every):
    found = ranking.plain_words(text)
    assert found == Words(tuple(ranking.significant_words(text)), every)


@pytest.mark.parametrize("text", ["", "le la les", "Combien ?", "qu'il", "?"])
def test_plain_words_without_a_significant_word_finds_nothing(text):
    assert ranking.plain_words(text) is None
