"""Searching an index built from the store: what an engine's `search` returns for a
SearchQuery (words, facets and their counts, dates, pages, snippets, stored fields, order)."""

import html
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from veille.index.engine import SearchEngine
from veille.index.querylang import parse
from veille.index.search import SearchQuery, page_as_json
from veille.index.snippets import Highlighter
from veille.models import Item

PARIS = ZoneInfo("Europe/Paris")


def item(
    item_id: str,
    title: str,
    text: str = "",
    *,
    published: datetime,
    source: str = "Observatoire",
    kind: str = "news",
    tags: tuple[str, ...] = (),
    summary: str = "",
) -> Item:
    return Item(
        id=item_id,
        title=title,
        url=f"https://exemple.test/{item_id}",
        source=source,
        kind=kind,
        published=published,
        fetched=datetime(2026, 8, 1, tzinfo=UTC),
        summary=summary or text[:80],
        content_html=f"<p>{html.escape(text)}</p>",
        content_text=text,
        tags=tags,
    )


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


CORPUS = [
    item(
        "soudeurs",
        "Soudeurs recherchés à Thionville",
        "Le métier de soudeur reste en tension en Moselle ; les centres de formation ouvrent "
        "des sessions accélérées.",
        published=paris(2026, 3, 18, 14),
        source="France Travail Grand Est",
        tags=("industrie", "moselle"),
    ),
    item(
        "numerique",
        "Un plan régional pour l'industrie",
        "La Région finance des formations courtes aux compétences numériques des salariés.",
        published=paris(2026, 3, 10, 10),
        source="Région Grand Est",
        tags=("numérique", "industrie"),
    ),
    item(
        "aides-soignants",
        "Aides-soignants en alternance à Nancy",
        "Un institut de formation propose le diplôme d’aide-soignant par l’apprentissage.",
        published=paris(2026, 3, 26, 9),
        source="France Travail Grand Est",
        tags=("santé",),
    ),
    item(
        "cpf",
        "Le CPF en bref",
        "Le compte personnel de formation finance une formation certifiante.",
        published=paris(2026, 1, 15),
        source="Maison des compétences",
        kind="resource",
        tags=("cpf", "financement"),
    ),
]
NEWEST_FIRST = ["aides-soignants", "soudeurs", "numerique", "cpf"]


@pytest.fixture
def corpus(index) -> SearchEngine:
    return index(*CORPUS)


def ids(page) -> list[str]:
    return [hit.id for hit in page.hits]


def test_a_query_without_accents_finds_accented_text(corpus):
    assert ids(corpus.search(SearchQuery(q="competences numeriques"))) == ["numerique"]


def test_an_elided_query_word_finds_the_word(corpus):
    assert ids(corpus.search(SearchQuery(q="apprentissage"))) == ["aides-soignants"]


def test_a_singular_query_finds_the_plural(corpus):
    assert ids(corpus.search(SearchQuery(q="soudeur"))) == ["soudeurs"]


@pytest.mark.parametrize(
    "q",
    ['"soudeur', 'soudeur"', "(soudeur", "soudeur)", "soudeur AND", "OR", "NOT", "[a TO",
     "{", "\\", "^2", "~", "*", "title:", ":", "métier:soudeur", "'", "’"],
)
def test_malformed_query_syntax_never_raises(corpus, q):
    page = corpus.search(SearchQuery(q=q))
    assert page.total == len(page.hits)


def test_an_unbalanced_quote_still_finds_the_word(corpus):
    assert ids(corpus.search(SearchQuery(q='"soudeur'))) == ["soudeurs"]


@pytest.mark.parametrize("q", ["le", "le des à", "les", "qu'il"])
def test_a_query_of_stop_words_only_finds_nothing(corpus, q):
    page = corpus.search(SearchQuery(q=q))
    assert (page.total, page.hits) == (0, [])


@pytest.mark.parametrize("q", ["", "   "])
def test_a_blank_query_lists_every_item_newest_first(corpus, q):
    page = corpus.search(SearchQuery(q=q))
    assert ids(page) == NEWEST_FIRST
    assert page.total == len(CORPUS)


def test_sort_by_date_orders_newest_first_without_scores(corpus):
    page = corpus.search(SearchQuery(q="formation", sort="date"))
    assert ids(page) == NEWEST_FIRST
    assert [hit.score for hit in page.hits] == [None] * len(CORPUS)


def test_relevance_gives_float_scores_best_first(corpus):
    scores = [hit.score for hit in corpus.search(SearchQuery(q="formation")).hits]
    assert len(scores) == len(CORPUS)
    assert all(isinstance(score, float) for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_a_title_match_outranks_a_content_only_match(index):
    engine = index(
        item(
            "in-content",
            "Offre d'emploi en Moselle",
            "Une entreprise de la vallée de la Fensch embauche un soudeur en atelier.",
            published=paris(2026, 3, 2),
        ),
        item(
            "in-title",
            "Soudeur en Moselle",
            "Une entreprise de la vallée de la Fensch embauche en atelier.",
            published=paris(2026, 3, 1),
        ),
    )
    assert ids(engine.search(SearchQuery(q="soudeur"))) == ["in-title", "in-content"]


def test_facets_count_the_whole_result_set_not_only_the_page(index):
    news = [item(f"n{i}", f"Formation {i}", published=paris(2026, 3, i + 1), source="A")
            for i in range(7)]
    resources = [item(f"r{i}", f"Formation {i}", published=paris(2026, 4, i + 1), source="B",
                      kind="resource") for i in range(5)]
    engine = index(*news, *resources)
    page = engine.search(SearchQuery(q="formation", limit=3))
    assert len(page.hits) == 3
    assert page.total == 12
    assert page.facets["source"] == [("A", 7), ("B", 5)]
    assert page.facets["kind"] == [("news", 7), ("resource", 5)]
    assert page.facets["month"] == [("2026-04", 5), ("2026-03", 7)]  # newest first


def test_facets_count_only_the_items_matching_the_query(corpus):
    page = corpus.search(SearchQuery(q="soudeur"))
    assert page.facets["source"] == [("France Travail Grand Est", 1)]
    assert page.facets["kind"] == [("news", 1)]
    assert page.facets["tag"] == [("industrie", 1), ("moselle", 1)]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"source": ("France Travail Grand Est",)}, ["aides-soignants", "soudeurs"]),
        ({"source": ("Région Grand Est", "Maison des compétences")}, ["numerique", "cpf"]),
        ({"kind": ("resource",)}, ["cpf"]),
        ({"tag": ("industrie",)}, ["soudeurs", "numerique"]),
        ({"tag": ("numérique",)}, ["numerique"]),
        ({"source": ("France Travail Grand Est",), "tag": ("industrie",)}, ["soudeurs"]),
        ({"kind": ("resource",), "tag": ("industrie",)}, []),
        ({"source": ("Nobody",)}, []),
        ({"source": ()}, NEWEST_FIRST),
    ],
)
def test_filters_narrow_the_results(corpus, filters, expected):
    page = corpus.search(SearchQuery(filters=filters))
    assert ids(page) == expected
    assert page.total == len(expected)


def test_a_selected_facet_keeps_counting_its_other_values_and_narrows_the_others(corpus):
    everything = corpus.search(SearchQuery())
    page = corpus.search(SearchQuery(filters={"kind": ("news",)}))
    assert page.facets["kind"] == everything.facets["kind"]
    assert sum(count for _, count in page.facets["source"]) == page.total == 3


@pytest.fixture
def around_midnight(index) -> SearchEngine:
    """Items on each side of local midnights, in winter (UTC+1) and in summer (UTC+2)."""
    return index(
        item("eve", "Veille", published=paris(2026, 3, 9, 23, 59, 59)),
        item("midnight", "Minuit", published=paris(2026, 3, 10, 0, 0)),
        item("late", "Soir", published=paris(2026, 3, 10, 23, 59, 59)),
        item("next-day", "Lendemain", published=paris(2026, 3, 11, 0, 0)),
        item("summer", "Été", published=paris(2026, 7, 1, 0, 30)),
    )


@pytest.mark.parametrize(
    "date_from, date_to, expected",
    [
        (date(2026, 3, 10), date(2026, 3, 10), ["late", "midnight"]),
        (date(2026, 3, 10), None, ["summer", "next-day", "late", "midnight"]),
        (None, date(2026, 3, 10), ["late", "midnight", "eve"]),
        (date(2026, 3, 9), date(2026, 3, 9), ["eve"]),
        (date(2026, 7, 1), date(2026, 7, 1), ["summer"]),
        (date(2026, 6, 30), date(2026, 6, 30), []),
        (date(2026, 3, 12), date(2026, 6, 30), []),
    ],
)
def test_date_bounds_are_whole_local_days_inclusive(around_midnight, date_from, date_to, expected):
    page = around_midnight.search(SearchQuery(date_from=date_from, date_to=date_to))
    assert ids(page) == expected


@pytest.fixture
def twelve(index) -> SearchEngine:
    return index(*[item(f"i{n:02}", f"Formation {n}", published=paris(2026, 3, n))
                   for n in range(1, 13)])


def test_page_two_holds_the_next_hits(twelve):
    first = twelve.search(SearchQuery(limit=5, page=1))
    second = twelve.search(SearchQuery(limit=5, page=2))
    assert ids(first) == ["i12", "i11", "i10", "i09", "i08"]
    assert ids(second) == ["i07", "i06", "i05", "i04", "i03"]


@pytest.mark.parametrize("page_number, count", [(1, 5), (2, 5), (3, 2), (4, 0), (50, 0)])
def test_total_is_the_same_on_every_page(twelve, page_number, count):
    page = twelve.search(SearchQuery(q="formation", limit=5, page=page_number))
    assert (page.total, len(page.hits), page.pages) == (12, count, 3)


def test_a_page_past_the_end_is_empty_but_keeps_the_facets(twelve):
    page = twelve.search(SearchQuery(limit=5, page=4))
    assert page.hits == []
    assert page.facets["source"] == [("Observatoire", 12)]


def test_an_empty_result_has_one_page(corpus):
    assert corpus.search(SearchQuery(q="boulanger")).pages == 1


def test_the_snippet_highlights_matches_with_mark(corpus):
    (hit,) = corpus.search(SearchQuery(q="soudeur")).hits
    assert '<mark>soudeur</mark>' in hit.snippet


def test_the_snippet_escapes_the_item_text(index):
    engine = index(
        item(
            "xss",
            "Faux recruteurs",
            "Alerte <script>alert(1)</script> & arnaques.",
            published=paris(2026, 3, 1),
        )
    )
    (hit,) = engine.search(SearchQuery(q="arnaques")).hits
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark" in hit.snippet


@pytest.mark.parametrize(
    "q", ["soudeur", "formation", "industrie", "alternance", '"aide-soignant"', "cpf OU numérique"]
)
def test_snippets_are_what_a_scan_of_every_hits_text_gives(corpus, q):
    """Search reads a hit's text only when the index says it holds a searched word: hits
    found by their title alone ("industrie", "alternance") get their summary all the same."""
    highlighter = Highlighter(parse(q, date.today()))
    page = corpus.search(SearchQuery(q=q))
    assert page.hits
    for hit in page.hits:
        (entry,) = (entry for entry in CORPUS if entry.id == hit.id)
        stored = {"content": entry.content_text, "summary": entry.summary}
        assert hit.snippet == highlighter.snippet(stored)


def test_without_a_match_in_the_text_the_snippet_is_the_escaped_summary(index):
    engine = index(
        item(
            "summary",
            "Salaires",
            "Les salaires progressent.",
            published=paris(2026, 3, 1),
            summary="Salaires <b>en hausse</b> & primes",
        )
    )
    (hit,) = engine.search(SearchQuery()).hits
    assert hit.snippet == "Salaires &lt;b&gt;en hausse&lt;/b&gt; &amp; primes"


def test_a_hit_carries_the_stored_fields(corpus):
    (hit,) = corpus.search(SearchQuery(q="soudeur")).hits
    soudeurs = CORPUS[0]
    assert (hit.id, hit.title, hit.url, hit.source, hit.kind, hit.tags) == (
        soudeurs.id, soudeurs.title, soudeurs.url, soudeurs.source, soudeurs.kind, soudeurs.tags
    )
    assert hit.published == soudeurs.published
    assert hit.published.tzinfo == UTC


def test_page_as_json_has_exactly_the_api_shape(corpus):
    data = page_as_json(corpus.search(SearchQuery(q="formation", limit=2, page=2)))
    assert set(data) == {"total", "page", "results", "facets", "facet_totals"}
    assert (data["total"], data["page"], len(data["results"])) == (4, 2, 2)
    for result in data["results"]:
        assert set(result) == {
            "id", "title", "url", "source", "kind", "published", "snippet", "score", "story"
        }
        assert result["story"] == {"id": result["id"], "size": 1}
        assert datetime.fromisoformat(result["published"]).tzinfo is not None
        assert isinstance(result["score"], float)
    assert data["facets"]["kind"] == [["news", 3], ["resource", 1]]
    assert data["facet_totals"]["kind"] == 2 and set(data["facet_totals"]) == set(data["facets"])
    assert json.loads(json.dumps(data)) == data


def test_page_as_json_gives_null_scores_when_sorted_by_date(corpus):
    data = page_as_json(corpus.search(SearchQuery(sort="date")))
    assert [result["score"] for result in data["results"]] == [None] * len(CORPUS)
    assert [result["id"] for result in data["results"]] == NEWEST_FIRST


def test_recency_breaks_ties_between_equal_scores_only(index):
    engine = index(
        item("old", "Soudeur", published=paris(2025, 1, 10)),
        item("new", "Soudeur", published=paris(2026, 3, 10)),
        item("best", "Soudeur soudeur soudeur", published=paris(2024, 1, 10)),
    )
    ranked = [hit.id for hit in engine.search(SearchQuery(q="soudeur")).hits]
    assert ranked == ["best", "new", "old"]
