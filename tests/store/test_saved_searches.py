"""The saved searches repository, and which items are new to an alert: those first stored
after a moment, whatever their publication date, and not again when a new version comes."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from veille.errors import NotFound
from veille.models import Item, SavedSearch, Source, User
from veille.store import items as item_store
from veille.store import saved_searches as store
from veille.store import sources as source_store
from veille.store import users as user_store

T0 = datetime(2026, 6, 1, 7, tzinfo=UTC)
HOUR = timedelta(hours=1)


def person(engine: Engine, email: str) -> User:
    with engine.begin() as conn:
        return user_store.add(conn, User(email, "advisor", "hash"))


def saved(engine: Engine, owner: User, name: str, shared: bool = False, alert: str = "",
          token: str | None = None) -> SavedSearch:
    search = SavedSearch(user_id=owner.id, name=name, query={"q": ["soudeur"], "tag": ["a", "b"]},
                         token=token or f"jeton-{name}", shared=shared, alert=alert,
                         new_after=T0, created_at=T0)
    with engine.begin() as conn:
        return store.add(conn, search)


def item(item_id: str, fetched: datetime, source_id: int | None = None, **changes) -> Item:
    return Item(id=item_id, title=f"Titre {item_id}", url=f"https://exemple.test/{item_id}",
                source="Presse", kind="news", published=datetime(2020, 1, 1, tzinfo=UTC),
                fetched=fetched, source_id=source_id, content_text="texte", **changes)


def store_items(engine: Engine, *items: Item) -> None:
    with engine.begin() as conn:
        item_store.upsert(conn, items)


def new_ids(engine: Engine, after: datetime, until: datetime) -> list[tuple[str, datetime]]:
    with engine.connect() as conn:
        return [(new.id, new.first_seen) for new in store.new_items(conn, after, until)]


def test_a_saved_search_keeps_its_arguments_and_names_its_owner(engine):
    owner = person(engine, "conseil@maison.test")
    kept = saved(engine, owner, "Soudeurs")
    with engine.connect() as conn:
        read = store.get(conn, kept.id)
    assert read.query == {"q": ["soudeur"], "tag": ["a", "b"]}
    assert (read.name, read.owner, read.shared, read.alert) == ("Soudeurs", owner.email, False, "")
    assert (read.new_after, read.created_at, read.alerted_at) == (T0, T0, None)


def test_each_sees_their_own_and_the_shared_ones_by_name(engine):
    ana, bob = person(engine, "ana@maison.test"), person(engine, "bob@maison.test")
    saved(engine, ana, "zinc"), saved(engine, ana, "Acier")
    saved(engine, bob, "Bois (partagée)", shared=True), saved(engine, bob, "Béton (privée)")
    with engine.connect() as conn:
        assert [s.name for s in store.visible_to(conn, ana.id)] == [
            "Acier", "Bois (partagée)", "zinc"]
        assert [s.name for s in store.visible_to(conn, bob.id)] == [
            "Béton (privée)", "Bois (partagée)"]


def test_changes_reach_only_what_may_change(engine):
    kept = saved(engine, person(engine, "ana@maison.test"), "Soudeurs")
    with engine.begin() as conn:
        store.change(conn, kept.id, name="Soudure", shared=True, alert="weekly")
        with pytest.raises(ValueError, match="token"):
            store.change(conn, kept.id, token="devinable")
    with engine.connect() as conn:
        read = store.get(conn, kept.id)
    assert (read.name, read.shared, read.alert, read.token) == (
        "Soudure", True, "weekly", "jeton-Soudeurs")


def test_a_removed_saved_search_is_not_found(engine):
    kept = saved(engine, person(engine, "ana@maison.test"), "Soudeurs")
    with engine.begin() as conn:
        store.remove(conn, kept.id)
    with engine.connect() as conn, pytest.raises(NotFound):
        store.get(conn, kept.id)


def test_alerting_lists_the_saved_searches_with_an_alert(engine):
    ana = person(engine, "ana@maison.test")
    saved(engine, ana, "sans"), saved(engine, ana, "jour", alert="daily")
    saved(engine, ana, "semaine", alert="weekly")
    with engine.connect() as conn:
        assert [s.name for s in store.alerting(conn)] == ["jour", "semaine"]


def test_new_items_are_those_first_stored_in_the_window_old_publication_dates_included(engine):
    store_items(engine, item("avant", T0 - HOUR), item("pendant", T0 + HOUR),
                item("apres", T0 + 3 * HOUR))
    assert new_ids(engine, T0, T0 + 2 * HOUR) == [("pendant", T0 + HOUR)]


def test_an_item_is_not_new_again_when_a_changed_version_is_stored(engine):
    with engine.begin() as conn:
        source = source_store.add(conn, Source("Presse", "https://exemple.test/rss"))
    store_items(engine, item("a", T0 - HOUR, source.id), item("b", T0 - HOUR))
    store_items(engine, replace(item("a", T0 + HOUR, source.id), title="Nouveau titre"))
    assert new_ids(engine, T0, T0 + 2 * HOUR) == []


def test_an_imported_item_a_feed_brings_later_keeps_the_day_it_was_imported(engine):
    with engine.begin() as conn:
        source = source_store.add(conn, Source("Presse", "https://exemple.test/rss"))
    store_items(engine, item("a", T0 - HOUR))
    store_items(engine, item("a", T0 + HOUR, source.id))
    assert new_ids(engine, T0, T0 + 2 * HOUR) == []
    assert new_ids(engine, T0 - 2 * HOUR, T0 + 2 * HOUR) == [("a", T0 - HOUR)]


def test_new_items_say_whether_the_index_holds_them(engine):
    store_items(engine, item("a", T0 + HOUR))
    with engine.connect() as conn:
        [new] = store.new_items(conn, T0, T0 + HOUR)
        digest = item_store.pending(conn, 10)[0][1]
    assert not new.indexed
    with engine.begin() as conn:
        item_store.mark_indexed(conn, [("a", digest)])
    with engine.connect() as conn:
        assert store.new_items(conn, T0, T0 + HOUR)[0].indexed
