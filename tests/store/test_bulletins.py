"""The bulletins repository: drafts keep their entries as chosen, a sent bulletin is final,
and the curated items a bulletin is chosen from are the starred, tagged or noted ones."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from veille.errors import InvalidRequest, NotFound
from veille.models import Bulletin, BulletinEntry, Curation, Item
from veille.store import bulletins as store
from veille.store import curation as curation_store
from veille.store import items as item_store

ENTRY = BulletinEntry(title="Pénurie de soudeurs", url="https://exemple.test/soudeurs",
                      summary="Les entreprises recrutent.", source="France Travail",
                      date="2026-03-12", comment="À relayer", item_id="soudeurs")
SENT_AT = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def draft(conn, title: str = "Bulletin d'avril") -> Bulletin:
    return store.create(conn, Bulletin(title=title, editorial="Bonjour.", entries=(ENTRY,),
                                       created_by="doc@maison.test"))


def test_a_draft_keeps_its_entries_as_chosen(engine):
    with engine.begin() as conn:
        created = draft(conn)
        found = store.get(conn, created.id)
    assert found == created
    assert found.entries == (ENTRY,) and not found.sent and found.created_at is not None


def test_a_draft_changes_until_it_is_sent_then_it_is_final(engine):
    with engine.begin() as conn:
        created = draft(conn)
        store.save_draft(conn, replace(created, title="Bulletin de mai", entries=()))
        assert store.get(conn, created.id).title == "Bulletin de mai"
        store.mark_sent(conn, created.id, ("a@maison.test", "b@maison.test"), SENT_AT)
        sent = store.get(conn, created.id)
        assert sent.sent_at == SENT_AT and sent.recipients == ("a@maison.test", "b@maison.test")
        for change in (lambda: store.save_draft(conn, replace(sent, title="Autre")),
                       lambda: store.mark_sent(conn, created.id, ("c@maison.test",), SENT_AT),
                       lambda: store.delete_draft(conn, created.id)):
            with pytest.raises(InvalidRequest, match="déjà été envoyé"):
                change()
        assert store.get(conn, created.id) == sent


def test_drafts_are_deleted_and_unknown_bulletins_are_not_found(engine):
    with engine.begin() as conn:
        created = draft(conn)
        store.delete_draft(conn, created.id)
        with pytest.raises(NotFound):
            store.get(conn, created.id)
        with pytest.raises(NotFound):
            store.delete_draft(conn, created.id)


def test_the_list_gives_drafts_first_then_the_latest_sent_and_the_archive_only_sent(engine):
    with engine.begin() as conn:
        older, newer, pending = (draft(conn, title) for title in ("Mars", "Avril", "Mai"))
        store.mark_sent(conn, older.id, ("a@maison.test",), SENT_AT - timedelta(days=30))
        store.mark_sent(conn, newer.id, ("b@maison.test",), SENT_AT)
        assert [b.title for b in store.all_bulletins(conn)] == ["Mai", "Avril", "Mars"]
        assert [b.title for b in store.sent(conn)] == ["Avril", "Mars"]
        assert store.last_recipients(conn) == ("b@maison.test",)
        assert pending.id not in {b.id for b in store.sent(conn)}


def item(n: int) -> Item:
    day = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=n)
    return Item(id=f"item-{n}", title=f"Article {n}", url=f"https://exemple.test/{n}",
                source="Presse", kind="news", published=day, fetched=day)


@pytest.mark.parametrize(
    ("curation", "offered"),
    [(Curation("item-0", starred=True), True), (Curation("item-0", note="Bien"), True),
     (Curation("item-0", tags=("forum",)), True), (Curation("item-0"), False),
     (Curation("item-0", starred=True, hidden=True), False),
     (Curation("item-0", published=True), False)],
    ids=["starred", "noted", "tagged", "nothing", "hidden", "published-only"],
)
def test_curated_items_are_the_starred_tagged_or_noted_ones(engine, curation, offered):
    with engine.begin() as conn:
        item_store.upsert(conn, [item(0)])
        curation_store.save(conn, curation, "doc@maison.test")
        found = store.curated(conn, 10)
    assert [(i.id, c.starred, c.tags) for i, c in found] == (
        [("item-0", curation.starred, curation.tags)] if offered else [])


def test_curated_items_come_newest_first_up_to_the_limit(engine):
    with engine.begin() as conn:
        item_store.upsert(conn, [item(n) for n in range(5)])
        for n in range(5):
            curation_store.save(conn, Curation(f"item-{n}", starred=True), "doc@maison.test")
        assert [i.id for i, _ in store.curated(conn, 3)] == ["item-4", "item-3", "item-2"]
