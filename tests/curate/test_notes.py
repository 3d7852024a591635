"""Personal notes: each person's own note on an item, nobody else's; an empty text deletes
it; the audit log says a note changed, never what it says; purge keeps noted items."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.accounts.support import add_account
from veille.collect import pipeline, retention
from veille.collect.processing import Origin, normalise
from veille.curate import notes
from veille.errors import InvalidRequest, NotFound
from veille.instance import Instance
from veille.models import Entry
from veille.store import audit
from veille.store import items as item_store

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)
ORIGIN = Origin(source="Presse", fetched=T0, namespace="test")
SECRET = "Appeler Mme Durand : candidate sérieuse"


@pytest.fixture
def news(instance: Instance) -> list[str]:
    """Three news items of 2024, too old for a 30-day retention; ids oldest first."""
    entries = [Entry(title=f"Offre {n}", url=f"https://exemple.test/offres/{n}",
                     content=f"Annonce {n}", published=datetime(2024, 1, 1 + n, tzinfo=UTC))
               for n in range(3)]
    items = [normalise(entry, ORIGIN) for entry in entries]
    pipeline.store_items(instance, items)
    return [item.id for item in items]


def person(instance: Instance, email: str):
    return add_account(instance, email, "advisor")


def test_each_person_writes_rewrites_and_deletes_their_own_note(instance, news):
    anne, bruno = person(instance, "anne@maison.test"), person(instance, "bruno@maison.test")
    notes.write(instance, anne, news[0], "  Première\r\nidée  ", now=T0)
    notes.write(instance, anne, news[0], SECRET, now=T0 + timedelta(hours=1))
    notes.write(instance, bruno, news[0], "La note de Bruno", now=T0)
    assert notes.of_item(instance, anne, news[0]).text == SECRET
    assert notes.of_item(instance, bruno, news[0]).text == "La note de Bruno"
    assert notes.of_item(instance, anne, news[1]) is None
    assert notes.write(instance, anne, news[0], "  \n ") is None  # empty: deleted
    assert notes.of_item(instance, anne, news[0]) is None
    assert not notes.erase(instance, anne, news[0])
    assert notes.erase(instance, bruno, news[0])
    with instance.engine.connect() as conn:
        logged = [(e.actor, e.action, e.target, e.details) for e in audit.latest(conn, 10)]
    assert logged[0] == ("bruno@maison.test", "note-delete", f"item:{news[0]}", {})
    assert ("anne@maison.test", "note-save", f"item:{news[0]}", {}) in logged
    assert not any(SECRET in str(entry) or "Bruno" in str(entry[3]) for entry in logged)


def test_lines_are_kept_and_limits_are_told_in_french(instance, news):
    anne = person(instance, "anne@maison.test")
    assert notes.write(instance, anne, news[0], "Ligne 1\r\nLigne 2").text == "Ligne 1\nLigne 2"
    with pytest.raises(InvalidRequest, match="Une note ne dépasse pas 10000 caractères."):
        notes.write(instance, anne, news[0], "x" * (notes.MAX_CHARS + 1))
    with pytest.raises(NotFound):
        notes.write(instance, anne, "inconnu", "Une note")


def test_a_persons_notes_come_by_pages_the_latest_written_first(instance, news):
    anne, bruno = person(instance, "anne@maison.test"), person(instance, "bruno@maison.test")
    for hours, item_id in enumerate([news[1], news[0], news[2]]):
        notes.write(instance, anne, item_id, f"Note {hours}", now=T0 + timedelta(hours=hours))
    notes.write(instance, bruno, news[1], "De Bruno", now=T0 + timedelta(days=1))
    first, second = (notes.mine(instance, anne, page, per_page=2) for page in (1, 2))
    assert [n.note.item_id for n in first.notes] == [news[2], news[0]]
    assert [n.note.item_id for n in second.notes] == [news[1]]
    assert (first.total, first.pages, second.page) == (3, 2, 2)
    assert notes.mine(instance, anne, 0).page == 1
    assert notes.mine(instance, anne, 9).notes == []
    assert [n.note.text for n in notes.mine(instance, bruno).notes] == ["De Bruno"]


def test_purge_keeps_the_items_someone_noted_and_notes_stay_when_an_item_changes(instance,
                                                                                 news):
    anne = person(instance, "anne@maison.test")
    notes.write(instance, anne, news[0], SECRET)
    notes.write(instance, anne, news[1], "Finalement non")
    notes.erase(instance, anne, news[1])
    changed = normalise(Entry(title="Offre 0, modifiée", url="https://exemple.test/offres/0",
                              content="Annonce modifiée", published=datetime(2024, 1, 1,
                                                                              tzinfo=UTC)),
                        ORIGIN)
    assert pipeline.store_items(instance, [changed]).updated == 1
    assert notes.of_item(instance, anne, news[0]).text == SECRET
    instance.settings.retention.news_after = "30d"
    assert retention.purge(instance, "test", dry_run=True).total == 2
    assert retention.purge(instance, "test").total == 2
    with instance.engine.connect() as conn:
        assert item_store.all_ids(conn) & set(news) == {news[0]}
