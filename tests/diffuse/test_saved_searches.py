"""Saved searches as people change them: only the owner renames, shares, sets the alert of
or deletes one (Forbidden for anyone else, shared or not: the web answers 403)."""

import pytest
from werkzeug.datastructures import MultiDict

from veille.accounts import users
from veille.diffuse import saved_searches
from veille.errors import Forbidden


@pytest.mark.parametrize("change", [
    lambda instance, by: saved_searches.rename(instance, 1, "À moi", by=by),
    lambda instance, by: saved_searches.share(instance, 1, False, by=by),
    lambda instance, by: saved_searches.set_alert(instance, 1, "daily", by=by),
    lambda instance, by: saved_searches.delete(instance, 1, by=by),
], ids=["rename", "share", "alert", "delete"])
def test_only_the_owner_changes_a_saved_search(instance, change):
    anne = users.add_user(instance, "anne@maison.test", "advisor", "un mot de passe long")
    admin = users.add_user(instance, "admin@maison.test", "admin", "un mot de passe long")
    saved = saved_searches.create(instance, anne, "Soudeurs", MultiDict({"q": "soudeur"}))
    saved_searches.share(instance, saved.id, True, by=anne)
    with pytest.raises(Forbidden):
        change(instance, admin)
    kept = saved_searches.get(instance, saved.id)
    assert (kept.name, kept.shared, kept.alert) == ("Soudeurs", True, "")
    change(instance, anne)
