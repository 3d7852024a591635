"""Who receives the bulletins: pasted addresses that unsubscribed are left out of the next
sendings, lists send to their confirmed subscribers only, imports never subscribe again who
left, and a planned sending that fails is tried again later, its error kept."""

from datetime import timedelta

import pytest

from tests.diffuse.test_bulletins import DOC, stored  # noqa: F401 (a fixture)
from veille.diffuse import bulletins, subscriberlists, subscriptions
from veille.errors import InvalidRequest
from veille.store import bulletins as bulletin_store
from veille.store.schema import utcnow


def draft(instance) -> int:
    return bulletins.draft(instance, "Juin", "", DOC, item_ids=["soudeurs-moselle"]).id


def test_a_pasted_address_that_unsubscribed_is_left_out_next_time(instance, stored,  # noqa: F811
                                                                   mailbox):
    bulletins.send(instance, draft(instance), "a@entreprise.test b@entreprise.test", DOC)
    leave = mailbox.messages[0]["List-Unsubscribe"].strip("<>").rpartition("/")[2]
    found = subscriptions.unsubscribe(instance, leave)
    assert (found.email, found.list_name) == ("a@entreprise.test", None)
    mailbox.clear()
    assert bulletins.send(instance, draft(instance), "a@entreprise.test b@entreprise.test",
                          DOC) == 1
    assert [message["To"] for message in mailbox.messages] == ["b@entreprise.test"]


def test_a_list_sends_to_its_confirmed_subscribers_and_the_pasted_ones(instance,
                                                                      stored,  # noqa: F811
                                                                      mailbox):
    made = subscriberlists.create(instance, "Industrie", "", DOC)
    subscriberlists.import_csv(instance, made.id, "x@entreprise.test\ny@entreprise.test\n", DOC)
    subscriptions.sign_up(instance, "attente@entreprise.test", [made.id], "192.0.2.7")
    mailbox.clear()
    with instance.engine.connect() as conn:
        token = subscriptions.store.of_email(conn, made.id, "y@entreprise.test").token
    subscriptions.unsubscribe(instance, token)
    again = subscriberlists.import_csv(instance, made.id, "y@entreprise.test\n", DOC)
    assert (again.added, again.unsubscribed) == (0, 1)  # an import never brings them back
    assert bulletins.send(instance, draft(instance), "z@mairie.test x@entreprise.test", DOC,
                          made.id) == 2
    assert [message["To"] for message in mailbox.messages] == ["x@entreprise.test",
                                                               "z@mairie.test"]


def test_a_list_without_confirmed_subscribers_sends_nothing(instance, stored):  # noqa: F811
    made = subscriberlists.create(instance, "Vide", "", DOC)
    with pytest.raises(InvalidRequest, match="aucun abonné confirmé"):
        bulletins.send(instance, draft(instance), "", DOC, made.id)


def test_a_planned_sending_that_fails_is_tried_again_later_with_its_error(
        instance, stored, mailbox):  # noqa: F811
    planned = draft(instance)
    at = utcnow() + timedelta(hours=1)
    bulletins.schedule(instance, planned, at, "a@entreprise.test", DOC)
    mailbox.refused.add("a@entreprise.test")
    later = at + timedelta(minutes=1)
    outcome = bulletins.send_due(instance, later)
    assert "a@entreprise.test" in outcome[planned]
    with instance.engine.connect() as conn:
        kept = bulletin_store.get(conn, planned)
    assert not kept.sent and kept.scheduled_at == later + bulletins.RETRY_AFTER
    assert kept.schedule.error and kept.schedule.by == DOC
    mailbox.refused.clear()
    assert bulletins.send_due(instance, later + timedelta(minutes=20)) == {planned: 1}
    with instance.engine.connect() as conn:
        sent = bulletin_store.get(conn, planned)
    assert sent.sent and sent.scheduled_at is None and sent.schedule is None


def test_a_sending_is_planned_in_the_future_only(instance, stored):  # noqa: F811
    with pytest.raises(InvalidRequest, match="moment à venir"):
        bulletins.schedule(instance, draft(instance), utcnow() - timedelta(minutes=1),
                           "a@entreprise.test", DOC)
