"""The dossiers repository: the team's and each person's, names unique per owner; an
instance from before owners keeps its dossiers, entries included, as the team's."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, insert, select, text

from veille.errors import InvalidRequest
from veille.models import Item, User
from veille.store import dossiers as store
from veille.store import items as item_store
from veille.store import migrate
from veille.store import users as user_store
from veille.store.database import connect, sqlite_url
from veille.store.schema import dossier_entries, dossiers, items, users

T0 = datetime(2026, 6, 1, 7, tzinfo=UTC)


def person(engine: Engine, email: str) -> User:
    with engine.begin() as conn:
        return user_store.add(conn, User(email, "advisor", "hash"))


def test_names_are_unique_per_owner_and_people_see_theirs_the_teams_and_the_shared(engine):
    anne, bruno = person(engine, "anne@maison.test"), person(engine, "bruno@maison.test")
    with engine.begin() as conn:
        team = store.create(conn, "Forum", "")
        own = store.create(conn, "Forum", "", anne.id)
        store.create(conn, "Forum", "", bruno.id, shared=True)
        store.create(conn, "Pistes", "", bruno.id)
        for owner in (None, anne.id):
            with pytest.raises(InvalidRequest, match="Il y a déjà un dossier « Forum »."):
                store.create(conn, " Forum ", "", owner)
        assert store.named(conn, "Forum").id == team.id
        assert store.named(conn, "Forum", anne.id).id == own.id
        seen = [(d.name, d.owner) for d in store.visible_to(conn, anne.id)]
        assert sorted(seen) == [("Forum", ""), ("Forum", "anne@maison.test"),
                                ("Forum", "bruno@maison.test")]
        store.change(conn, own, name="Forum")  # its own name: no twin
        with pytest.raises(InvalidRequest, match="Il y a déjà"):
            store.change(conn, store.named(conn, "Pistes", bruno.id), name="Forum")
        store.change(conn, own, name="Salon", shared=True)
        assert (store.get(conn, own.id).name, store.get(conn, own.id).shared) == ("Salon", True)


def test_a_persons_dossiers_go_with_their_account(engine):
    anne = person(engine, "anne@maison.test")
    with engine.begin() as conn:
        item_store.upsert(conn, [Item(id="a", title="A", url="https://exemple.test/a",
                                      source="Presse", kind="news", published=T0,
                                      fetched=T0)])
        store.put(conn, store.create(conn, "Pistes", "", anne.id), "a", "", None)
        conn.execute(delete(users).where(users.c.id == anne.id))
        assert store.visible_to(conn, anne.id) == [] and store.in_any(conn) == set()


def test_an_instance_from_before_owners_keeps_its_dossiers_as_the_teams(tmp_path: Path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, "0013")
    with engine.begin() as conn:
        conn.execute(insert(items).values(
            id="a", source="Presse", url="", title="A", summary="", content_html="",
            content_text="", published=T0, fetched=T0, kind="news", tags=[], authors=[],
            enclosures=[], content_hash="h", indexed=False))
        conn.execute(text("INSERT INTO dossiers (id, name, description, created_at) "
                          "VALUES (1, 'Forum', '', '2026-06-01 07:00:00')"))
        conn.execute(insert(dossier_entries).values(dossier_id=1, item_id="a", position=1,
                                                    note="À lire"))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        forum = store.named(conn, "Forum")
        assert (forum.team, forum.shared, forum.size) == (True, False, 1)
        assert [e.note for e in store.entries(conn, forum)] == ["À lire"]
        store.create(conn, "Forum", "", user_store.add(conn, User("a@b.test", "advisor", "h")).id)
        assert conn.execute(select(dossiers.c.name)).scalars().all() == ["Forum", "Forum"]
    engine.dispose()
