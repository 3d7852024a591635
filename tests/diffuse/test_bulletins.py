"""Watch bulletins: drafted from curated items or a dossier, sent as HTML and text email to
a list (one mail each, to the loopback SMTP server), marked sent only once sent, archived
with copies of their entries."""

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import text

from tests.webui.conftest import CATALOGUE, HOSTILE, HOSTILE_TITLE, ORIGIN
from tests.webui.support import event_handlers, is_french
from veille.collect import pipeline
from veille.collectors import jsonl
from veille.curate import curation
from veille.diffuse import bulletinmail, bulletins, dossiers
from veille.diffuse.mailer import MailError
from veille.errors import InvalidRequest, NotFound
from veille.instance import Instance
from veille.store import audit, migrate
from veille.store import bulletins as bulletin_store
from veille.store import items as item_store
from veille.store.database import connect, sqlite_url
from veille.store.schema import utcnow

DOC = "doc@maison.test"
SITE = "https://veille.maison.test/"
LIST = "a@entreprise.test, b@entreprise.test;\nc@mairie.test"


@pytest.fixture
def stored(instance: Instance) -> list[str]:
    """The catalogue and the hostile item, imported as `veille import` does; ids of the
    catalogue newest first."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in [*CATALOGUE, HOSTILE]]
    report = pipeline.import_entries(instance, jsonl.read(lines), ORIGIN)
    assert not report.errors
    instance.settings.web.base_url = SITE
    return [record["id"] for record in CATALOGUE]


def get(instance: Instance, bulletin_id: int):
    with instance.engine.connect() as conn:
        return bulletin_store.get(conn, bulletin_id)


def test_a_draft_copies_the_picked_items_in_the_order_given(instance, stored):
    curation.curate(instance, "soudeurs-moselle", DOC, star=True, note="Note interne")
    made = bulletins.draft(instance, " Bulletin\nd'avril ", " Bonjour. ", DOC,
                           item_ids=["soudeurs-moselle", "inconnu", "caristes-strasbourg"])
    assert made.title == "Bulletin d'avril" and made.editorial == "Bonjour."
    assert [e.item_id for e in made.entries] == ["soudeurs-moselle", "caristes-strasbourg"]
    first = made.entries[0]
    assert first.url == "https://exemple.test/actu/soudeurs-moselle"
    assert (first.source, first.date) == ("France Travail Grand Est", "2026-03-12")
    assert first.comment == ""  # the curator's note is internal: not sent
    assert get(instance, made.id) == made


def test_a_draft_from_a_dossier_keeps_its_order_and_notes_then_the_picked_items(instance,
                                                                                stored):
    dossier = dossiers.create(instance, "Forum", "", DOC)
    dossiers.put(instance, "Forum", "soudeur-naval", "Le plus lu", None, DOC)
    dossiers.put(instance, "Forum", "formation-soudage", "Inscriptions en mai", 1, DOC)
    made = bulletins.draft(instance, "Forum", "", DOC, dossier_id=dossier.id,
                           item_ids=["soudeur-naval", "compte-formation"])
    assert [(e.item_id, e.comment) for e in made.entries] == [
        ("formation-soudage", "Inscriptions en mai"), ("soudeur-naval", "Le plus lu"),
        ("compte-formation", "")]


@pytest.mark.parametrize(("title", "ids", "message"), [
    ("  ", ["bilan-saisonnier"], "Donnez un titre"),
    ("Vide", [], "Choisissez au moins un article"),
    ("Vide", ["inconnu"], "Choisissez au moins un article"),
    ("x" * 301, ["bilan-saisonnier"], "dépasse 300 caractères"),
])
def test_a_draft_needs_a_title_and_an_entry(instance, stored, title, ids, message):
    with pytest.raises(InvalidRequest, match=message):
        bulletins.draft(instance, title, "", DOC, item_ids=ids)
    with instance.engine.connect() as conn:
        assert bulletin_store.all_bulletins(conn) == []


def test_the_items_offered_are_the_curated_ones_newest_first(instance, stored):
    curation.curate(instance, "compte-formation", DOC, star=True)
    curation.curate(instance, "bilan-saisonnier", DOC, add_tags=("saison",))
    curation.curate(instance, "soudeur-naval", DOC, note="À suivre")
    curation.curate(instance, "soudeurs-moselle", DOC, star=True, hide=True)
    assert [item.id for item, _ in bulletins.candidates(instance)] == [
        "bilan-saisonnier", "soudeur-naval", "compte-formation"]


def test_a_draft_is_revised_reordered_commented_and_added_to(instance, stored):
    made = bulletins.draft(instance, "Avril", "", DOC,
                           item_ids=["bilan-saisonnier", "soudeur-naval", "compte-formation"])
    first, second, _ = made.entries
    revised = bulletins.revise(instance, made.id, DOC, title="Avril bis", editorial="Édito",
                               entries=[replace(second, comment="Lu"), first],
                               add_ids=["bilan-saisonnier", "formation-soudage"])
    assert [(e.item_id, e.comment) for e in get(instance, made.id).entries] == [
        ("soudeur-naval", "Lu"), ("bilan-saisonnier", ""), ("formation-soudage", "")]
    assert get(instance, made.id) == revised and revised.title == "Avril bis"


def test_sending_reaches_every_recipient_alone_as_html_and_text_then_marks_it_sent(
        instance, stored, mailbox):
    made = bulletins.draft(instance, "Bulletin d'avril", "Bonjour à tous.\n\nBonne lecture.",
                           DOC, item_ids=["soudeurs-moselle", "bilan-saisonnier"])
    assert bulletins.send(instance, made.id, LIST, DOC) == 3
    addresses = ["a@entreprise.test", "b@entreprise.test", "c@mairie.test"]
    assert [envelope[1] for envelope in mailbox.envelopes] == [[a] for a in addresses]
    for address, message in zip(addresses, mailbox.messages, strict=True):
        assert message["To"] == address and message["Cc"] is None and message["Bcc"] is None
        assert message["Subject"] == "Bulletin d'avril"
        raw = message.as_string()
        assert [a for a in addresses if a in raw] == [address]
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        leave = message["List-Unsubscribe"].strip("<>")
        assert leave.startswith("https://veille.maison.test/bulletins/desabonnement/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert html.splitlines() == bulletinmail.html_body(
            made, SITE, bulletins.letterhead(instance), leave).splitlines()
        links = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
        assert links == ["https://exemple.test/actu/soudeurs-moselle",
                         f"https://veille.maison.test/bulletins/{made.id}",
                         f"https://veille.maison.test/bulletins/{made.id}.pdf", leave]
        assert "Bonne lecture." in text and "https://exemple.test/actu/soudeurs-moselle" in text
        assert f"https://veille.maison.test/bulletins/{made.id}" in text
    sent = get(instance, made.id)
    assert sent.sent and sent.recipients == tuple(addresses) and sent.entries == made.entries
    with instance.engine.connect() as conn:
        [entry] = [e for e in audit.latest(conn, 5) if e.action == "bulletin-send"]
    assert (entry.actor, entry.target, entry.details["recipients"]) == (
        DOC, f"bulletin:{made.id}", 3)
    with pytest.raises(InvalidRequest, match="déjà été envoyé"):
        bulletins.send(instance, made.id, LIST, DOC)


@pytest.mark.parametrize("recipients", ["a@entreprise.test, pas-une-adresse",
                                        "a@entreprise.test <b@entreprise.test>", " ; "])
def test_a_bad_list_sends_nothing_and_says_so_in_french(instance, stored, mailbox,
                                                        recipients):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["bilan-saisonnier"])
    with pytest.raises(InvalidRequest) as refused:
        bulletins.send(instance, made.id, recipients, DOC)
    assert is_french(str(refused.value))
    assert mailbox.messages == [] and not get(instance, made.id).sent


def test_the_bad_addresses_are_named(instance, stored):
    with pytest.raises(InvalidRequest, match="« pas-une-adresse »"):
        bulletins.recipients("a@entreprise.test\npas-une-adresse")


def test_when_the_server_refuses_the_bulletin_stays_a_whole_draft_to_send_again(
        instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "Édito", DOC, item_ids=["bilan-saisonnier"])
    port, instance.settings.smtp.port = instance.settings.smtp.port, 9  # nobody listens
    with pytest.raises(MailError, match="127.0.0.1:9") as failed:
        bulletins.send(instance, made.id, LIST, DOC)
    assert not isinstance(failed.value, bulletins.PartlySent)
    assert get(instance, made.id) == made and mailbox.messages == []
    instance.settings.smtp.port = port
    assert bulletins.send(instance, made.id, LIST, DOC) == 3  # the claim was released


def test_a_second_send_while_one_is_under_way_is_refused_and_mails_nobody(
        instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["bilan-saisonnier"])
    with instance.engine.begin() as conn:  # the first click's request, still mailing
        bulletin_store.claim(conn, made.id, utcnow(), bulletins.SENDING_TIMEOUT)
    with pytest.raises(InvalidRequest, match="en cours d'envoi") as refused:
        bulletins.send(instance, made.id, LIST, DOC)
    assert is_french(str(refused.value))
    assert mailbox.messages == [] and not get(instance, made.id).sent


def test_a_claim_left_by_a_dead_send_is_taken_over(instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["bilan-saisonnier"])
    dead_since = utcnow() - bulletins.SENDING_TIMEOUT - timedelta(seconds=1)
    with instance.engine.begin() as conn:
        bulletin_store.claim(conn, made.id, dead_since, bulletins.SENDING_TIMEOUT)
    assert bulletins.send(instance, made.id, LIST, DOC) == 3
    assert get(instance, made.id).sent and len(mailbox.messages) == 3


def test_after_a_failure_part_way_a_retry_mails_only_those_who_did_not_get_it(
        instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["bilan-saisonnier"])
    mailbox.refused.add("b@entreprise.test")
    with pytest.raises(bulletins.PartlySent, match="1 destinataire avant") as failed:
        bulletins.send(instance, made.id, LIST, DOC)
    assert failed.value.delivered == 1 and "550" in str(failed.value.cause)
    assert [rcpt for _, rcpt in mailbox.envelopes] == [["a@entreprise.test"]]
    assert not get(instance, made.id).sent
    with instance.engine.connect() as conn:
        assert bulletin_store.delivered(conn, made.id) == ("a@entreprise.test",)
    # What the others will get is what the first got: the draft is no longer changed.
    for change in (lambda: bulletins.revise(instance, made.id, DOC, title="Mai", editorial="",
                                            entries=get(instance, made.id).entries),
                   lambda: bulletins.delete(instance, made.id, DOC)):
        with pytest.raises(InvalidRequest, match="une partie de ses destinataires"):
            change()
    mailbox.refused.clear()
    assert bulletins.send(instance, made.id, LIST, DOC) == 2
    addresses = ["a@entreprise.test", "b@entreprise.test", "c@mairie.test"]
    assert sorted(rcpt for _, [rcpt] in mailbox.envelopes) == addresses  # once each
    assert get(instance, made.id).recipients == tuple(addresses)


def test_the_recipients_of_an_unfinished_send_count_even_off_the_new_list(
        instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["bilan-saisonnier"])
    mailbox.refused.add("c@mairie.test")
    with pytest.raises(bulletins.PartlySent, match="2 destinataires avant"):
        bulletins.send(instance, made.id, LIST, DOC)
    assert bulletins.send(instance, made.id, "b@entreprise.test d@mairie.test", DOC) == 1
    assert [rcpt for _, [rcpt] in mailbox.envelopes] == [
        "a@entreprise.test", "b@entreprise.test", "d@mairie.test"]
    assert get(instance, made.id).recipients == (
        "b@entreprise.test", "d@mairie.test", "a@entreprise.test")


def test_a_database_from_before_sending_claims_is_upgraded_keeping_its_bulletins(tmp_path):
    engine = connect(sqlite_url(tmp_path / "old.db"))
    migrate.upgrade(engine, "0016")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO bulletins (id, title, editorial, entries, recipients, created_by, "
            "created_at) VALUES (1, 'Avril', '', '[]', '[]', 'doc', '2026-04-01 08:00:00')"))
    migrate.upgrade(engine)
    assert migrate.is_current(engine)
    with engine.begin() as conn:
        assert bulletin_store.delivered(conn, 1) == ()
        bulletin_store.claim(conn, 1, utcnow(), bulletins.SENDING_TIMEOUT)
        assert bulletin_store.get(conn, 1).title == "Avril"
    engine.dispose()


def test_the_archive_keeps_its_entries_when_the_items_are_deleted(instance, stored, mailbox):
    made = bulletins.draft(instance, "Avril", "", DOC, item_ids=["soudeurs-moselle"])
    bulletins.send(instance, made.id, "a@entreprise.test", DOC)
    with instance.engine.begin() as conn:
        item_store.delete(conn, ["soudeurs-moselle"])
        with pytest.raises(NotFound):
            item_store.get(conn, "soudeurs-moselle")
    assert get(instance, made.id).entries == made.entries


def test_drafts_are_deleted_but_sent_bulletins_stay(instance, stored, mailbox):
    kept = bulletins.draft(instance, "Envoyé", "", DOC, item_ids=["bilan-saisonnier"])
    gone = bulletins.draft(instance, "Abandonné", "", DOC, item_ids=["bilan-saisonnier"])
    bulletins.send(instance, kept.id, "a@entreprise.test", DOC)
    bulletins.delete(instance, gone.id, DOC)
    with pytest.raises(InvalidRequest):
        bulletins.delete(instance, kept.id, DOC)
    with instance.engine.connect() as conn:
        assert [b.title for b in bulletin_store.all_bulletins(conn)] == ["Envoyé"]


def test_a_hostile_item_and_editorial_are_only_text_in_the_email(instance, stored):
    made = bulletins.draft(instance, "<b>Avril</b>", "<script>alert(6)</script>\n\nFin", DOC,
                           item_ids=["hostile"])
    assert made.entries[0].url == ""  # javascript: is no address to copy
    page = BeautifulSoup(bulletinmail.html_body(made, SITE), "html.parser")
    assert page.find("script") is None and page.find("b") is None
    assert event_handlers(page) == []
    assert all(a["href"].startswith("https://") for a in page.find_all("a"))
    assert page.find("h2").get_text() == HOSTILE_TITLE
    assert [p.get_text() for p in page.find_all("p")][1:3] == ["<script>alert(6)</script>",
                                                               "Fin"]
    crafted = replace(made.entries[0], url="javascript:alert(7)", comment="<i>x</i>")
    page = BeautifulSoup(bulletinmail.html_body(replace(made, entries=(crafted,)), SITE),
                         "html.parser")
    assert "javascript:" not in str(page) and page.find("i") is None


def test_editorial_paragraphs_and_french_days():
    assert bulletinmail.paragraphs("Un\r\ndeux\n \n\nTrois\n") == [["Un", "deux"], ["Trois"]]
    assert bulletinmail.day_fr("2026-04-01") == "1er avril 2026"
    assert bulletinmail.day_fr("2026-12-25") == "25 décembre 2026"
