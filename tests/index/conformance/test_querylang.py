"""The query language of the search box through an engine: what each operator finds in a
small French corpus, what malformed text degrades to (never an error), dates in the text."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import DATA
from tests.index.test_querylang import random_queries
from veille.collect.pipeline import store_items
from veille.collect.processing import Origin, normalise
from veille.index.engine import SearchEngine
from veille.index.querytokens import MAX_TOKENS
from veille.index.search import SearchQuery
from veille.instance import Instance, create_instance
from veille.models import Entry, Item, Kind
from veille.settings import load_settings

PARIS = ZoneInfo("Europe/Paris")
FETCHED = datetime(2026, 4, 1, tzinfo=UTC)
TODAY = date(2026, 3, 31)


def entry(
    item_id: str,
    title: str,
    content: str,
    *,
    source: str,
    published: date,
    kind: Kind = "news",
    tags: tuple[str, ...] = (),
) -> Item:
    """An item as the pipeline stores it, published at noon (Paris) on `published`."""
    moment = datetime.combine(published, time(12), tzinfo=PARIS)
    return normalise(
        Entry(title=title, content=content, content_is_text=True, id=item_id,
              url=f"https://exemple.test/{item_id}", published=moment, tags=tags, kind=kind,
              source=source),
        Origin(source=source, fetched=max(FETCHED, moment)),
    )


CORPUS = [
    entry("soudeurs", "Soudeurs recherchés à Thionville",
          "Le métier de soudeur reste en tension en Moselle : les centres de formation ouvrent "
          "des sessions accélérées.",
          source="France Travail Grand Est", published=date(2026, 3, 18),
          tags=("industrie", "moselle")),
    entry("chaudronniers", "Chaudronnier, une formation qualifiante à Metz",
          "L'AFPA ouvre une session de chaudronnerie et de soudure pour les demandeurs "
          "d'emploi.",
          source="AFPA Grand Est", published=date(2026, 2, 10), tags=("industrie", "moselle")),
    entry("aides-soignants", "Aides-soignants en alternance à Nancy",
          "Un institut de formation propose le diplôme d’aide-soignant par l’apprentissage.",
          source="L'Est Républicain", published=date(2026, 3, 26),
          tags=("santé", "meurthe-et-moselle")),
    entry("aide-domicile", "Aide à domicile : un métier qui recrute",
          "Dans les Vosges, les services d'aide à domicile manquent de bras ; le temps partiel "
          "reste fréquent.",
          source="L'Est Républicain", published=date(2026, 1, 20),
          tags=("santé", "vosges", "services à la personne")),
    entry("cpf", "Le CPF en bref",
          "Le compte personnel de formation finance une formation certifiante.",
          source="Maison des compétences", published=date(2025, 11, 15), kind="resource",
          tags=("cpf", "financement")),
    entry("vae", "La VAE pas à pas",
          "Fiche pratique : la validation des acquis de l'expérience permet d'obtenir un "
          "diplôme.",
          source="Maison des compétences", published=date(2025, 9, 1), kind="resource",
          tags=("vae", "certification")),
    entry("numerique", "Un plan régional pour le numérique",
          "La Région finance des formations courtes aux compétences numériques des salariés.",
          source="Région Grand Est", published=date(2026, 3, 10),
          tags=("numérique", "grand est")),
    entry("interim", "Intérim : la logistique embauche des caristes",
          "Les agences d'intérim cherchent des caristes et des préparateurs de commandes à "
          "Metz.",
          source="Le Républicain Lorrain", published=date(2026, 3, 2),
          tags=("logistique", "moselle", "intérim")),
    entry("formateurs", "Devenir formateur d'adultes",
          "Le titre professionnel de formateur se prépare en un an, en centre ou en alternance.",
          source="Onisep", published=date(2025, 12, 5), kind="resource",
          tags=("métiers", "formation")),
    entry("format", "Le format numérique des fiches métiers",
          "Les fiches ROME 4.0 sont publiées dans un format ouvert.",
          source="France Travail", published=date(2026, 2, 25), kind="resource",
          tags=("rome", "données ouvertes")),
    entry("salon", "Salon de l'emploi à Épinal",
          "Cinquante entreprises recrutent dans le transport, l'industrie, la santé et le "
          "commerce.",
          source="Vosges Matin", published=date(2026, 3, 30), tags=("vosges", "salon")),
    entry("boulangerie", "Boulangers : l'apprentissage séduit",
          "Les centres de formation d'apprentis de la boulangerie affichent complet.",
          source="CMA Grand Est", published=date(2025, 10, 10),
          tags=("artisanat", "apprentissage")),
    entry("temps-partiel", "Le temps partiel subi recule",
          "Une étude de la Dares : le temps partiel subi recule chez les salariés.",
          source="Dares", published=date(2026, 1, 5), tags=("emploi",)),
]
ALL = frozenset(item.id for item in CORPUS)
NEWS = frozenset(item.id for item in CORPUS if item.kind == "news")
RESOURCES = ALL - NEWS
METZ = {"chaudronniers", "interim"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, make_engine) -> SearchEngine:
    """One real instance for the module (store, then index through the engine): the tables
    below only read it, and building it once per case would multiply the run time."""
    folder = tmp_path_factory.mktemp("querylang") / "instance"
    settings = load_settings(DATA / "config" / "veille.toml", env={"VEILLE_INSTANCE": str(folder)})
    instance = create_instance(settings)
    store_items(instance, CORPUS)
    engine = make_engine(instance)
    engine.create()
    engine.sync()
    return engine


def found(engine: SearchEngine, q: str) -> set[str]:
    page = engine.search(SearchQuery(q=q, sort="date", limit=100))
    assert page.total == len(page.hits)
    return {hit.id for hit in page.hits}


def check(corpus: SearchEngine, q: str, expected: set[str] | frozenset[str]) -> None:
    assert found(corpus, q) == set(expected), q


@pytest.mark.parametrize(
    "q, expected",
    [
        ("soudeur", {"soudeurs"}),
        ("SOUDEURS", {"soudeurs"}),
        ("metz", METZ),
        ("competences numeriques", {"numerique"}),
        ("intérim caristes", {"interim"}),
        ("interim", {"interim"}),
        ("vosges", {"aide-domicile"}),  # tags and sources are not plain text
        ("metz vosges", set()),
    ],
)
def test_plain_words_are_all_required_in_title_or_content(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ('"temps partiel"', {"aide-domicile", "temps-partiel"}),
        ('"partiel temps"', set()),
        ('"aide à domicile"', {"aide-domicile"}),
        ('"AIDE A DOMICILE"', {"aide-domicile"}),
        # "Dans les Vosges, les services…": both pairs of words are there, not in a row.
        ('"vosges les vosges"', set()),
        ('"dans les vosges les services"', {"aide-domicile"}),
        ('"aide-soignant"', {"aides-soignants"}),
        ("\"l'apprentissage\"", {"aides-soignants", "boulangerie"}),
        ('"soudeurs recherchés"', {"soudeurs"}),
        # Unstemmed: the word itself, not "formations", "formateur" or "format".
        ('"formation"', {"soudeurs", "chaudronniers", "aides-soignants", "cpf", "boulangerie"}),
        ("« temps partiel »", {"aide-domicile", "temps-partiel"}),
        ("“temps partiel”", {"aide-domicile", "temps-partiel"}),
        ('"temps partiel" vosges', {"aide-domicile"}),
        ('""', set()),
    ],
)
def test_quoted_words_are_an_exact_phrase(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("-moselle", ALL - {"soudeurs"}),
        ("metz -intérim", {"chaudronniers"}),
        ('metz -"préparateurs de commandes"', {"chaudronniers"}),
        ('-"temps partiel"', ALL - {"aide-domicile", "temps-partiel"}),
        ("-metz -vosges", ALL - METZ - {"aide-domicile"}),
        ("--metz", ALL - METZ),
        ("-(metz OR vosges)", ALL - METZ - {"aide-domicile"}),
        ("salariés -temps", {"numerique"}),
        ("le -metz", ALL - METZ),  # stop words are no positive part
        ("-type:ressource", NEWS),
        ("-source:\"L'Est Républicain\"", ALL - {"aides-soignants", "aide-domicile"}),
        ("-tag:moselle -titre:numérique", ALL - METZ - {"soudeurs", "numerique", "format"}),
        ("-soud*", ALL - {"soudeurs", "chaudronniers"}),
        ("soudeur - moselle", {"soudeurs"}),  # a dash before a space is punctuation
        ("aide-soignant", {"aides-soignants"}),  # and inside a word, a hyphen
        ("-le", set()),
    ],
)
def test_a_minus_excludes(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("soudeur OR chaudronnier", {"soudeurs", "chaudronniers"}),
        ("soudeur OU chaudronnier", {"soudeurs", "chaudronniers"}),
        ("soudeur ou chaudronnier", set()),  # lowercase: a (stop) word, both others required
        ("metz OR vosges", METZ | {"aide-domicile"}),
        ("metz OR vosges OR dares", METZ | {"aide-domicile", "temps-partiel"}),
        ("(soudeur OR caristes) metz", {"interim"}),
        ("soudeur OR caristes metz", {"interim"}),  # OR binds tighter than the implicit AND
        ("metz soudure OR caristes", METZ),
        ("metz ET caristes", {"interim"}),
        ("metz AND caristes", {"interim"}),
        ("(metz OR vosges) (intérim OR domicile)", {"interim", "aide-domicile"}),
        ("((metz))", METZ),
        ("vosges OR -salariés", ALL - {"numerique", "temps-partiel"}),
        ('"temps partiel" OR titre:vae', {"aide-domicile", "temps-partiel", "vae"}),
        ("tag:vosges OR source:Dares", {"aide-domicile", "salon", "temps-partiel"}),
        ("metz OR", METZ),
        ("OR metz", METZ),
        ("metz OR OR vosges", METZ | {"aide-domicile"}),
        ("metz OR le", METZ),
    ],
)
def test_or_and_parentheses(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("titre:soudeur", {"soudeurs"}),
        ("titre:metz", {"chaudronniers"}),  # not "interim", Metz in its content only
        ("title:metz", {"chaudronniers"}),
        ("TITRE:metz", {"chaudronniers"}),
        ("titre:moselle", set()),
        ('titre:"plan régional"', {"numerique"}),
        ('titre:"régional plan"', set()),
        ("titre:aides-soignants", {"aides-soignants"}),
        ("source:Onisep", {"formateurs"}),
        ("source:onisep", {"formateurs"}),
        ("source:ONISEP", {"formateurs"}),
        ("source:\"L'Est Républicain\"", {"aides-soignants", "aide-domicile"}),
        ('source:"l’est republicain"', {"aides-soignants", "aide-domicile"}),
        ('source:"France Travail"', {"format"}),  # the whole name, not a prefix
        ("source:France", set()),
        ("tag:moselle", {"soudeurs", "chaudronniers", "interim"}),
        ("tag:Moselle", {"soudeurs", "chaudronniers", "interim"}),
        ("tag:numerique", {"numerique"}),
        ('tag:"services à la personne"', {"aide-domicile"}),
        ('tag:"grand est"', {"numerique"}),
        ("tag:vosges", {"aide-domicile", "salon"}),
        ("type:ressource", RESOURCES),
        ("type:ressources", RESOURCES),
        ("type:resource", RESOURCES),
        ("type:actualité", NEWS),
        ("type:Actualites", NEWS),
        ("type:news", NEWS),
        ("type:cpf", {"cpf"}),  # not a type: its value is searched as words
        ("tag:moselle type:actualité -titre:soudeur", {"chaudronniers", "interim"}),
        ('source:"Maison des compétences" fiche', {"vae"}),
        ("métier:soudeur", {"soudeurs"}),  # no referentials: the job's name as words
        ("salaire:soudeur", set()),  # not a field: "salaire" and "soudeur" as words
    ],
)
def test_field_prefixes(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("tag:moselle", {"soudeurs"}),  # the word of its text, not the tag of three
        ('source:"Maison des compétences"', set()),
        ("type:ressource", RESOURCES),
        ("titre:soudeur", {"soudeurs"}),
    ],
)
def test_fields_not_read_are_searched_as_words(corpus, q, expected):
    """What visitors of the portal type (veille.curate.visitors.QUERY_FIELDS): title, kind, days."""
    page = corpus.search(SearchQuery(q=q, sort="date", limit=100,
                                      fields=frozenset({"title", "type", "since", "before"})))
    assert {hit.id for hit in page.hits} == expected


@pytest.mark.parametrize(
    "q, expected",
    [
        ("format*", {"soudeurs", "chaudronniers", "aides-soignants", "cpf", "numerique",
                     "formateurs", "format", "boulangerie"}),
        ("formateur*", {"formateurs"}),
        ("soud*", {"soudeurs", "chaudronniers"}),
        ("numéri*", {"numerique", "format"}),
        ("NUMERI*", {"numerique", "format"}),
        ("l'appren*", {"aides-soignants", "boulangerie"}),
        ("cari* metz", {"interim"}),
        ("soud** metz", {"chaudronniers"}),
        ("m* metz", METZ),  # one letter is too short a start: the word "m", a stop word
        ("*", set()),
        ("* metz", METZ),
    ],
)
def test_a_star_searches_words_by_their_start(corpus, q, expected):
    check(corpus, q, expected)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("depuis:2026-03-01", {"soudeurs", "aides-soignants", "numerique", "interim", "salon"}),
        ("depuis:01/03/2026", {"soudeurs", "aides-soignants", "numerique", "interim", "salon"}),
        ("avant:2025-12-31", {"cpf", "vae", "formateurs", "boulangerie"}),
        ("since:2026-03-01 before:2026-03-20", {"soudeurs", "numerique", "interim"}),
        ("depuis:2026-03-18 avant:19/03/2026", {"soudeurs"}),  # "avant" leaves its day out
        ("depuis:2026-03-18 avant:18/03/2026", set()),
        ("metz depuis:2026-03-01", {"interim"}),
        ("depuis:2026-01-01 depuis:2026-03-20", {"aides-soignants", "salon"}),  # narrowest
        ("depuis:2026-03-01 -tag:vosges", {"soudeurs", "aides-soignants", "numerique",
                                           "interim"}),
        # A date that cannot be read is searched as words (and reported: test_vocabulary).
        ("depuis:zz metz", set()),
        ("depuis:31/02/2026 metz", set()),
    ],
)
def test_dates_in_the_text_bound_the_results(corpus, q, expected):
    check(corpus, q, expected)


def test_dates_in_the_text_narrow_the_dates_of_the_form(corpus):
    request = SearchQuery(q="depuis:2026-03-01", date_to=date(2026, 3, 20), limit=100)
    assert {hit.id for hit in corpus.search(request).hits} == {"soudeurs", "numerique",
                                                                "interim"}


@pytest.mark.parametrize(
    "q, expected",
    [
        ('"', set()),
        ("(", set()),
        (")))", set()),
        ("(((", set()),
        ("OR OR", set()),
        ("OR", set()),
        ("ET", set()),
        ("-", set()),
        ("--x", set()),
        ("titre:", set()),
        (":", set()),
        ("***", set()),
        ("depuis:", set()),
        ("depuis:zz", set()),
        ('a" b"c', set()),
        ("\x00", set()),
        ("😀", set()),
        ("«", set()),
        ('-"', set()),
        ("-(", set()),
        ("-)", set()),
        ("()", set()),
        ('titre:"', set()),
        ("source:", set()),
        ("type:", set()),
        ("type:zzz", set()),
        ('"' * 7, set()),
        ("OR " * 500, set()),
        ('"soudeur', {"soudeurs"}),
        ('soudeur"', {"soudeurs"}),
        ('-"soudeur', {"soudeurs"}),  # the quote has no pair: no phrase, so nothing excluded
        ('titre:"metz', METZ),
        ("(metz", METZ),
        ("metz)", METZ),
        ("((metz OR vosges)", METZ | {"aide-domicile"}),
        ("metz AND", METZ),
        ("AND metz", METZ),
        ("-metz OR", ALL - METZ),
        ('caristes"metz"', {"interim"}),
        ("*metz", METZ),
        ("metz\x00", METZ),
        ("metz 😀", METZ),
        ("metz\n\tcaristes", {"interim"}),
        ("10:30", set()),
        ("http://exemple.test/metz", set()),
        ("OR depuis:2026-03-25", {"aides-soignants", "salon"}),
        ("(" * 50 + "metz", METZ),
        ("(" * 1000 + "metz", set()),  # "metz" is past MAX_TOKENS
        ("(" * 12 + "metz" + ")" * 12, METZ),
        ("-" * 1000 + "metz", ALL - METZ),
        ("soudeur " * 5000, {"soudeurs"}),
        ("metz " + "x" * 100_000, set()),
        (" ".join(f"mot{n}" for n in range(2000)), set()),
        ("NOT", set()),
        ("[a TO", set()),
        ("{", set()),
        ("\\", set()),
        ("~", set()),
        ("'", set()),
        ("’", set()),
    ],
)
def test_malformed_syntax_never_raises_and_degrades_to_words(corpus, q, expected):
    check(corpus, q, expected)


def test_a_pasted_text_is_read_up_to_max_tokens(corpus):
    words = ["metz", *["le"] * (MAX_TOKENS - 1), "vosges"]
    assert found(corpus, " ".join(words[:-1])) == METZ
    assert found(corpus, " ".join(words)) == METZ  # "vosges" comes too late to be read


def test_random_syntax_always_searches(corpus):
    for text in random_queries(200):
        assert found(corpus, text) <= ALL


def test_relative_dates_count_back_from_today(instance: Instance, engine: SearchEngine):
    """Through search, with the real clock: items well inside and outside each span."""
    today = datetime.now(PARIS).date()
    ages = {"recent": 2, "season": 100, "old": 800}
    store_items(instance, [
        entry(name, f"Offre {name}", "Une offre d'emploi.", source="Observatoire",
              published=today - timedelta(days=days))
        for name, days in ages.items()
    ])
    engine.sync()
    assert found(engine, "depuis:7j") == {"recent"}
    assert found(engine, "offre depuis:2s") == {"recent"}
    assert found(engine, "depuis:6m") == {"recent", "season"}
    assert found(engine, "depuis:3a") == {"recent", "season", "old"}
    assert found(engine, "avant:1a") == {"old"}


def test_a_query_that_relevance_cannot_rank_comes_newest_first(corpus):
    found = corpus.search(SearchQuery(q="depuis:2026-01-01", sort="relevance"))
    dates = [hit.published for hit in found.hits]
    assert dates == sorted(dates, reverse=True) and found.hits[0].score is None
