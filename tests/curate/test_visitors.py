"""What visitors who are not signed in see: the whole search when `[web] public_search` opens
it to all, else what the portal shows (published items, its two facets, results without the
Maison's tags); one rule, which every page, the API and the feeds ask."""

import pytest
from werkzeug.datastructures import MultiDict

from tests.tags.test_itemtags import NURSES, WELDERS, write_jsonl
from veille.accounts import users
from veille.curate import curation, visitors
from veille.errors import ConfigError
from veille.index.search import SearchQuery


@pytest.mark.parametrize(("mode", "before_accounts", "after"), [
    ("yes", True, True),  # a Maison whose catalogue is public
    ("no", False, False),
    ("auto", True, False),  # one person's tool until the first account, then a Maison's
])
def test_whether_the_search_is_open_to_all(instance, monkeypatch, mode, before_accounts, after):
    monkeypatch.setattr(instance.settings.web, "public_search", mode)
    assert visitors.open_to_all(instance) is before_accounts
    users.add_user(instance, "anne@maison.test", "advisor", "un mot de passe long")
    assert visitors.open_to_all(instance) is after


def test_an_unknown_public_search_setting_is_refused():
    visitors.check_public_search("auto")
    with pytest.raises(ConfigError, match="public_search must be one of auto, yes, no, got"):
        visitors.check_public_search("peut-être")


def test_a_visitors_search_is_answered_as_the_portal_shows_it(instance, veille, tmp_path):
    veille("import", str(write_jsonl(tmp_path / "items.jsonl", dict(WELDERS, tags=["urgent"]),
                                     NURSES)))
    curation.publish(instance, WELDERS["id"], "doc", True, ("H",), ("Moselle",))
    asked = visitors.query(MultiDict(), instance.settings.search)
    visitor = visitors.answer(instance.index, asked)
    assert [hit.id for hit in visitor.hits] == [WELDERS["id"]]
    assert visitor.hits[0].tags == ()
    assert set(visitor.facets) == set(visitors.FACETS)
    team = visitors.answer(instance.index, SearchQuery())
    assert team.total == 2 and "source" in team.facets
    assert ("urgent",) in [hit.tags for hit in team.hits]
