"""The personal notes repository: one note per person and item, listed the latest written
first with their items; gone with the item or with the person, kept when the item changes."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete

from veille.models import Item, User
from veille.store import items as item_store
from veille.store import notes as store
from veille.store import users as user_store
from veille.store.notes import Note
from veille.store.schema import users

T0 = datetime(2026, 6, 1, 7, tzinfo=UTC)
HOUR = timedelta(hours=1)


def person(engine: Engine, email: str) -> User:
    with engine.begin() as conn:
        return user_store.add(conn, User(email, "advisor", "hash"))


def item(item_id: str, **changes) -> Item:
    return Item(id=item_id, title=f"Titre {item_id}", url=f"https://exemple.test/{item_id}",
                source="Presse", kind="news", published=datetime(2020, 1, 1, tzinfo=UTC),
                fetched=T0, content_text="texte", **changes)


def write(engine: Engine, who: User, item_id: str, text: str, at: datetime) -> None:
    with engine.begin() as conn:
        store.save(conn, Note(who.id, item_id, text, at))


def test_one_note_per_person_and_item_the_latest_written_first(engine):
    anne, bruno = person(engine, "anne@maison.test"), person(engine, "bruno@maison.test")
    with engine.begin() as conn:
        item_store.upsert(conn, [item("a"), item("b"), item("c")])
    write(engine, anne, "a", "Première", T0)
    write(engine, anne, "b", "Deuxième", T0 + HOUR)
    write(engine, anne, "a", "Première, revue", T0 + 2 * HOUR)
    write(engine, bruno, "c", "À Bruno", T0)
    with engine.connect() as conn:
        listed = store.of_user(conn, anne.id, 0, 10)
        assert [(n.note.item_id, n.note.text, n.title) for n in listed] == [
            ("a", "Première, revue", "Titre a"), ("b", "Deuxième", "Titre b")]
        assert [n.note.item_id for n in store.of_user(conn, anne.id, 1, 10)] == ["b"]
        assert store.count_of(conn, anne.id) == 2 and store.count_of(conn, bruno.id) == 1
        assert store.get(conn, bruno.id, "a") is None
        assert store.get(conn, anne.id, "a").updated_at == T0 + 2 * HOUR
        assert store.noted(conn) == {"a", "b", "c"}
    with engine.begin() as conn:
        assert store.remove(conn, anne.id, "b") and not store.remove(conn, anne.id, "b")
        assert store.noted(conn) == {"a", "c"}


def test_notes_stay_when_the_item_changes_and_go_with_the_item_or_the_person(engine):
    anne, bruno = person(engine, "anne@maison.test"), person(engine, "bruno@maison.test")
    with engine.begin() as conn:
        item_store.upsert(conn, [item("a"), item("b")])
    write(engine, anne, "a", "Note d'Anne", T0)
    write(engine, anne, "b", "Autre note d'Anne", T0)
    write(engine, bruno, "a", "Note de Bruno", T0)
    with engine.begin() as conn:
        item_store.upsert(conn, [replace(item("a"), title="Titre changé",
                                         fetched=T0 + HOUR, content_text="nouveau texte")])
    with engine.connect() as conn:
        listed = store.of_user(conn, anne.id, 0, 10)  # written at once: by item id
        assert [n.title for n in listed] == ["Titre changé", "Titre b"]
        assert store.get(conn, anne.id, "a").text == "Note d'Anne"
    with engine.begin() as conn:
        item_store.delete(conn, ["b"])
        conn.execute(delete(users).where(users.c.id == bruno.id))
    with engine.connect() as conn:
        assert store.noted(conn) == {"a"}
        assert store.count_of(conn, anne.id) == 1 and store.count_of(conn, bruno.id) == 0
