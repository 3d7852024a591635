"""The query language of the search box read into veille's query tree: what each syntax
becomes, what malformed text degrades to (never an error), the dates and words `parse` reads.
What the trees find is the conformance suite's (conformance/test_querylang.py)."""

import random
from datetime import date

import pytest

from veille.index import querytree, ranking
from veille.index.querylang import ParsedQuery, Unread, parse
from veille.index.querytree import (
    EVERY,
    NOTHING,
    And,
    AndNot,
    Name,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    Words,
)
from veille.index.vocabulary import PLACE_KINDS

TODAY = date(2026, 3, 31)


FRAGMENTS = ['"', "«", "»", "(", ")", "-", "*", ":", "OR", "OU", "ET", "titre:", "source:",
             "tag:", "type:", "depuis:", "avant:", "7j", "2026-03-01", "31/02/2026", "metz",
             "vosges", "le", "l'", "é", "\x00", "😀", " ", " ", " "]


def random_queries(count: int) -> list[str]:
    chance = random.Random(20260331)
    return ["".join(chance.choices(FRAGMENTS, k=chance.randint(1, 12))) for _ in range(count)]


def test_random_syntax_always_parses():
    for text in random_queries(2000):
        parsed = parse(text, TODAY)
        assert isinstance(parsed.tree, querytree.Node), text


@pytest.mark.parametrize(
    "text, since, before",
    [
        ("depuis:7j", date(2026, 3, 24), None),
        ("depuis:7d", date(2026, 3, 24), None),
        ("depuis:7J", date(2026, 3, 24), None),
        ("depuis:10jours", date(2026, 3, 21), None),
        ("depuis:0j", TODAY, None),
        ("depuis:2s", date(2026, 3, 17), None),
        ("depuis:2w", date(2026, 3, 17), None),
        ("depuis:2semaines", date(2026, 3, 17), None),
        ("depuis:1m", date(2026, 2, 28), None),  # no 31 February: its last day
        ("depuis:6m", date(2025, 9, 30), None),
        ("depuis:3mois", date(2025, 12, 31), None),
        ("depuis:13m", date(2025, 2, 28), None),
        ("depuis:1a", date(2025, 3, 31), None),
        ("depuis:1y", date(2025, 3, 31), None),
        ("depuis:2ans", date(2024, 3, 31), None),
        ("depuis:2026-01-01", date(2026, 1, 1), None),
        ("depuis:2026-1-5", date(2026, 1, 5), None),
        ("depuis:01/02/2026", date(2026, 2, 1), None),  # day first, as in France
        ("depuis:1/2/2026", date(2026, 2, 1), None),
        ('depuis:"7j"', date(2026, 3, 24), None),
        ("since:2026-01-01", date(2026, 1, 1), None),
        ("avant:2026-03-01", None, date(2026, 2, 28)),
        ("before:2026-03-01", None, date(2026, 2, 28)),
        ("avant:1a", None, date(2025, 3, 30)),
        ("Depuis:7j AVANT:2026-03-30", date(2026, 3, 24), date(2026, 3, 29)),
        ("depuis:2026-01-01 depuis:2026-02-01", date(2026, 2, 1), None),
        ("avant:2026-01-01 avant:2026-02-01", None, date(2025, 12, 31)),
        ("-depuis:7j", date(2026, 3, 24), None),  # a date cannot be excluded: it stays a date
        ("metz depuis:7j OR vosges", date(2026, 3, 24), None),
    ],
)
def test_parse_reads_dates_relative_to_today(text, since, before):
    parsed = parse(text, TODAY)
    assert (parsed.since, parsed.before) == (since, before)


def test_a_year_back_from_29_february_is_28_february():
    assert parse("depuis:1a", date(2024, 2, 29)).since == date(2023, 2, 28)


def test_a_date_field_without_a_value_is_ignored():
    assert parse("depuis: avant:", TODAY) == ParsedQuery(NOTHING)


@pytest.mark.parametrize(
    "value",
    ["zz", "7", "j7", "7x", "-7j", "31/02/2026", "2026-13-01", "2026/03/01", "01-03-2026",
     "99999a", "999999j", "٣j", "7j7", "2026-03-01T10:00"],
)
def test_a_date_that_cannot_be_read_bounds_nothing_and_is_reported(value):
    parsed = parse(f"depuis:{value} Avant:{value}", TODAY)
    assert (parsed.since, parsed.before) == (None, None)
    assert parsed.unread == (Unread(f"depuis:{value}", "date"), Unread(f"Avant:{value}", "date"))


def test_an_excluded_filter_that_cannot_be_read_is_not_reported():
    assert parse("soudeur -depuis:abc", TODAY).unread == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", EVERY),
        ("   ", EVERY),
        ("depuis:7j", EVERY),
        ("depuis:7j le OR ()", EVERY),
        ("le des à", NOTHING),
        ("OR ET ( ) -", NOTHING),
        ('"aide à domicile"', Phrase("exact", ("aide", "a", "domicile"))),
        ('"Métier"', Term("exact", "metier")),
        ("form*", Prefix("exact", "form")),
        ("aide-soi*", And((Term("exact", "aide"), Prefix("exact", "soi")))),
        ("type:ressource", Term("kind", "resource")),
        ("-type:actualité", AndNot(EVERY, Term("kind", "news"))),
        ("titre:soudeurs", Term("title", "soudeur")),
        ('titre:"plan régional"', Phrase("title", ("plan", "regional"))),
        ("titre:plans régionaux", And((Term("title", "plan"), Words((("regional",),), True)))),
        ("soudeurs Moselle", Words((("soudeur",), ("mosel",)), every=True)),
        ("Combien de soudeurs ?", Words((("soudeur",),), every=False)),
        ("soudeur OR -metz", Or((Words((("soudeur",),), True), Not(Words((("metz",),), True))))),
        # Typography as typed: the name's apostrophe is the keyboard's (both sides fold).
        ('source:"l’est republicain"', Name("source", "l'est republicain")),
        ("tag:Moselle", Name("tags", "Moselle")),
        ("domaine:h", Prefix("domaine", "H")),
        ("domaine:h29", Term("domaine", "H29")),
        ("lieu:57", Or(tuple(Term("lieu", f"{kind}:57") for kind in PLACE_KINDS))),
        ("rome:h2913 compétence:126359", And((Term("rome", "H2913"), Term("skill", "126359")))),
    ],
)
def test_parse_builds_veilles_query_tree(text, expected):
    assert parse(text, TODAY).tree == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("soudeur moselle", ("soudeur", "moselle")),
        ("Soudeur  l'apprentissage", ("Soudeur", "l'apprentissage")),
        ('soudeur -metz OR (caristes "temps partiel") titre:vae', ("soudeur", "caristes")),
        ("-(metz vosges) form* source:Dares depuis:7j", ()),
        ("type:CDI", ("CDI",)),
    ],
)
def test_parse_keeps_the_plain_words_as_typed(text, words):
    assert parse(text, TODAY).words == words


def test_a_run_of_plain_words_goes_whole_to_the_ranking():
    """The words typed side by side reach ranking.plain_words together, which may weigh them
    as a whole: the same query as the ranking's own for that text."""
    parsed = parse("soudeur moselle -metz", TODAY)
    assert parsed.tree.kept == ranking.plain_words("soudeur moselle")


@pytest.mark.parametrize(
    ("text", "scored"),
    [
        ("soudeur", True),
        ('"aide à domicile"', True),
        ("titre:soudeur", True),
        ("soudeur -metz", True),
        ("-metz", False),
        ("form*", False),
        ("depuis:7j", False),
        ("type:ressource tag:moselle", False),
        ("le la les", False),
    ],
)
def test_only_text_outside_exclusions_lets_relevance_rank(text, scored):
    assert parse(text, TODAY).scored is scored
