"""A question's second look in the Whoosh engine: of two items holding a question's words as
often, the one holding them close together comes first, and the one holding them as typed;
a few keywords rank by BM25 alone."""

from tests.index.conformance.test_ranking import passage
from veille.collect.pipeline import store_items
from veille.index.search import SearchQuery
from veille.instance import Instance

# The same words, as many times, in texts of the same length: only their distance differs,
# and the item holding them apart is the newer one, which would win a tie.
CLOSE = passage("proche", "Histoire locale",
                "La tour de Metz fut construite en 1901 ; le quartier garde des "
                "maisons anciennes et des jardins ouvriers près du canal.", day=1)
APART = passage("loin", "Histoire locale",
                "La tour garde des maisons anciennes et des jardins ouvriers près du "
                "canal ; le quartier de Metz fut construite en 1901.", day=2)


def ranked(instance: Instance, text: str) -> list[str]:
    return [hit.id for hit in instance.index.search(SearchQuery(q=text)).hits]


def test_a_question_ranks_first_the_item_holding_its_words_close_together(instance):
    store_items(instance, [CLOSE, APART])
    instance.index.sync()
    assert ranked(instance, "Quand la tour a-t-elle été construite ?") == ["proche", "loin"]


def test_keywords_all_required_are_ranked_by_their_words_alone(instance):
    store_items(instance, [CLOSE, APART])
    instance.index.sync()
    assert ranked(instance, "tour construite") == ["loin", "proche"]


def test_a_question_ranks_first_the_item_holding_its_words_as_typed(instance):
    """Both hold "tour" and a form of "construite" (one stem), too far apart for proximity;
    the other form is in the newer item, which would win a tie."""
    typed = passage("tel-quel", "Histoire locale",
                    "La tour garde des jardins ouvriers près du canal ; elle fut construite "
                    "en 1901.", day=1)
    other = passage("autre-forme", "Histoire locale",
                    "La tour garde des jardins ouvriers près du canal ; elle fut construit "
                    "en 1901.", day=2)
    store_items(instance, [typed, other])
    instance.index.sync()
    assert ranked(instance, "Quand la tour a-t-elle été construite ?") == ["tel-quel",
                                                                            "autre-forme"]
    assert ranked(instance, "Quand la tour a-t-il été construit ?") == ["autre-forme",
                                                                         "tel-quel"]
