"""Keep and block rules: which items they let in."""

from datetime import UTC, datetime

import pytest

from veille.enrich.rules import compile_rule, keeps, leaves_out, of_source
from veille.errors import ConfigError
from veille.models import Item, Rule

NOW = datetime(2026, 11, 2, tzinfo=UTC)


def item(title: str, text: str = "", source: str = "France Travail", tags=(), source_id=1):
    return Item(id=title, title=title, url="", source=source, kind="news", published=NOW,
                fetched=NOW, content_text=text, tags=tuple(tags), source_id=source_id)


SOUDEURS = item("Soudeurs recherchés à Thionville", "Offres d'emploi dans l'Île-de-France.",
                tags=("industrie",))
PROMO = item("PROMO : -50 % sur nos formations", "Offre exceptionnelle.", source="Pub Formation")


@pytest.mark.parametrize(
    ("match", "value", "found", "expected"),
    [
        ("words", "thionville SOUDEURS", SOUDEURS, True),
        ("words", "ile emploi", SOUDEURS, True),  # accents and elisions aside
        ("words", "soudeurs paris", SOUDEURS, False),  # every word is needed
        ("words", "soudeurs", PROMO, False),
        ("phrase", "recherchés à thionville", SOUDEURS, True),
        ("phrase", "thionville recherchés", SOUDEURS, False),  # in order
        ("phrase", "recherchés thionville", SOUDEURS, False),  # one after the other
        ("regex", r"-\d+\s*%", PROMO, True),
        ("regex", r"-\d+\s*%", SOUDEURS, False),
        ("regex", r"^promo", PROMO, True),  # case aside
        ("source", "pub formation", PROMO, True),
        ("source", "pub", PROMO, False),  # the whole name
        ("tag", "Industrie", SOUDEURS, True),
        ("tag", "industrie", PROMO, False),
    ],
)
def test_a_rule_matches_what_it_says(match, value, found, expected):
    assert compile_rule(Rule("block", match, value)).matches(found) is expected


def test_a_block_rule_leaves_out_what_it_matches():
    rules = [compile_rule(Rule("block", "regex", r"promo"))]
    assert not keeps(rules, PROMO) and keeps(rules, SOUDEURS)


def test_keep_rules_let_in_only_what_one_of_them_matches():
    rules = [compile_rule(Rule("keep", "words", "soudeurs")),
             compile_rule(Rule("keep", "tag", "santé"))]
    assert keeps(rules, SOUDEURS) and not keeps(rules, PROMO)
    assert keeps(rules, item("Aides-soignants", tags=("santé",)))


def test_a_block_rule_wins_over_a_keep_rule():
    rules = [compile_rule(Rule("keep", "words", "soudeurs")),
             compile_rule(Rule("block", "words", "thionville"))]
    assert not keeps(rules, SOUDEURS)


def test_a_sources_rules_are_its_own_and_the_global_ones():
    own, other, everywhere = (compile_rule(Rule("block", "words", "x", source_id=s))
                              for s in (1, 2, None))
    assert of_source([own, other, everywhere], 1) == [own, everywhere]


def test_a_preview_shows_what_the_rule_alone_leaves_out():
    keep = compile_rule(Rule("keep", "words", "soudeurs"))
    block = compile_rule(Rule("block", "words", "soudeurs"))
    assert (leaves_out(keep, PROMO), leaves_out(keep, SOUDEURS)) == (True, False)
    assert (leaves_out(block, PROMO), leaves_out(block, SOUDEURS)) == (False, True)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Rule("block", "regex", "(unclosed"), "invalid regular expression"),
        (Rule("block", "regex", "a" * 501), "500 characters"),
        (Rule("block", "words", "   "), "needs something"),
        (Rule("hide", "words", "x"), "keeps or blocks"),
        (Rule("block", "title", "x"), "matches words"),
    ],
)
def test_a_rule_that_cannot_work_is_refused(rule, message):
    with pytest.raises(ConfigError, match=message):
        compile_rule(rule)
