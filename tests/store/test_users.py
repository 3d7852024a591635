"""The users repository: an account's id is never given to another, even after its deletion;
an instance from before (ids reused) keeps its accounts and all that is theirs."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from veille.models import User
from veille.store import migrate
from veille.store import users as store
from veille.store.database import connect, sqlite_url
from veille.store.schema import dossier_entries, dossiers, item_notes, items, saved_searches

T0 = datetime(2026, 6, 1, 7, tzinfo=UTC)


def add(conn, email: str) -> User:
    return store.add(conn, User(email, "advisor", "hash"))


def test_a_deleted_accounts_id_is_never_given_to_the_next_one(engine):
    with engine.begin() as conn:
        add(conn, "anne@maison.test")
        parti = add(conn, "parti@maison.test")
        store.remove(conn, parti.id)
        assert add(conn, "chef@maison.test").id > parti.id


def test_an_instance_from_before_keeps_its_accounts_with_their_dossiers_searches_and_notes(
        tmp_path: Path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, "0017")
    with engine.begin() as conn:
        anne, bruno = add(conn, "anne@maison.test"), add(conn, "bruno@maison.test")
        _belongings(conn, anne.id, bruno.id)
        before = _counts(conn)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        assert _counts(conn) == before == {"dossiers": 2, "dossier_entries": 2,
                                           "saved_searches": 1, "item_notes": 1}
        assert [user.email for user in store.all_users(conn)] == ["anne@maison.test",
                                                                  "bruno@maison.test"]
        store.remove(conn, bruno.id)
        assert _counts(conn)["item_notes"] == 0  # still going with their account
        assert add(conn, "chef@maison.test").id > bruno.id
    engine.dispose()


def _belongings(conn, anne: int, bruno: int) -> None:
    """A team dossier and one of Anne's, each holding an item; a saved search of Anne's and a
    note of Bruno's."""
    conn.execute(insert(items).values(
        id="a", source="Presse", url="", title="A", summary="", content_html="",
        content_text="", published=T0, fetched=T0, kind="news", tags=[], authors=[],
        enclosures=[], content_hash="h", indexed=False))
    for dossier_id, owner in ((1, None), (2, anne)):
        conn.execute(insert(dossiers).values(id=dossier_id, name="Forum", description="",
                                             created_at=T0, owner_id=owner, shared=False))
        conn.execute(insert(dossier_entries).values(dossier_id=dossier_id, item_id="a",
                                                    position=1, note="À lire"))
    conn.execute(insert(saved_searches).values(
        user_id=anne, name="Soudeurs", query={"q": ["soudeur"]}, shared=False, token="jeton",
        alert="", new_after=T0, created_at=T0))
    conn.execute(insert(item_notes).values(user_id=bruno, item_id="a", text="Pour Paul",
                                           updated_at=T0))


def _counts(conn) -> dict[str, int]:
    return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (dossiers, dossier_entries, saved_searches, item_notes)}
