"""Email alerts of saved searches: a digest of what is new in each, daily or weekly, sent to
its owner through the loopback SMTP server; nothing is lost when the server fails.

Time passes by giving `now` to the alerts; items are collected at chosen moments."""

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from tests.accounts.support import add_account
from veille.collect import pipeline
from veille.collect.processing import Origin, normalise
from veille.collect.scheduler import ALERTS_JOB, build_scheduler
from veille.collectors import jsonl
from veille.diffuse import alerts, saved_searches
from veille.errors import ConfigError
from veille.instance import Instance
from veille.models import SavedSearch
from veille.store.schema import utcnow

BASE = "https://veille.maison.test/"
OWNER = "conseil@maison.test"
# Wednesday 6 May 2026: the search is saved in the morning, items come in the afternoon,
# the alerts go the next mornings at 7:00 in Paris (5:00 UTC).
SAVED_AT = datetime(2026, 5, 6, 8, 0, tzinfo=UTC)
COLLECTED = datetime(2026, 5, 6, 14, 0, tzinfo=UTC)
THURSDAY = datetime(2026, 5, 7, 5, 0, tzinfo=UTC)
FRIDAY = THURSDAY + timedelta(days=1)
SATURDAY = THURSDAY + timedelta(days=2)

SOUDEURS = [
    {"id": "soudeurs-moselle", "title": "Pénurie de soudeurs en Moselle",
     "content": "Les entreprises recherchent des soudeurs qualifiés.",
     "published": "2026-05-06T09:00:00+02:00", "source": "Presse locale"},
    # Collected today, published years ago: new to the alert all the same.
    {"id": "soudeur-naval", "title": "Le soudeur naval, un métier en tension",
     "content": "Les chantiers navals peinent à recruter des soudeurs.",
     "published": "2019-02-02T10:00:00+01:00", "source": "France Travail"},
]
OTHER = {"id": "caristes", "title": "Les entrepôts recrutent des caristes",
         "content": "Préparateurs de commandes et caristes recherchés.",
         "published": "2026-05-06T08:00:00+02:00", "source": "Presse locale"}
HOSTILE = {"id": "hostile", "title": "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> soudeur",
           "content": "Soudeur &lt;img src=x onerror=alert(1)&gt; recherché",
           "published": "2026-05-06T10:00:00+02:00", "source": "<i>Pirate</i>"}


@pytest.fixture
def owner(instance: Instance):
    instance.settings.web.base_url = BASE
    return add_account(instance, OWNER, "advisor")


def collect(instance: Instance, records: list[dict], at: datetime) -> None:
    """Store and index `records` as collected at `at`."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    origin = Origin(source="import", fetched=at, namespace="import")
    report = pipeline.import_entries(instance, jsonl.read(lines), origin)
    assert not report.errors
    instance.sync_index()


def save(instance: Instance, owner, args: dict, alert: str = "daily",
         at: datetime = SAVED_AT) -> SavedSearch:
    saved = saved_searches.create(instance, owner, "Soudeurs", MultiDict(args), now=at)
    saved_searches.set_alert(instance, saved.id, alert, by=owner, now=at)
    return saved_searches.get(instance, saved.id)


def text_and_html(message) -> tuple[str, BeautifulSoup]:
    text = message.get_body(("plain",)).get_content()
    return text, BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser")


def test_the_digest_of_new_matches_reaches_the_owner_with_absolute_links(
        instance, owner, mailbox):
    collect(instance, [SOUDEURS[0] | {"id": "deja-la", "title": "Soudeurs, déjà là"}],
            SAVED_AT - timedelta(days=1))
    saved = save(instance, owner, {"q": ["soudeur"], "source": ["Presse locale",
                                                                "France Travail"]})
    collect(instance, [*SOUDEURS, OTHER], COLLECTED)
    report = alerts.send_due(instance, now=THURSDAY)
    assert (report.due, len(report.sent), report.error) == (1, 1, None)
    [message] = mailbox.messages
    assert message["To"] == OWNER
    assert message["Subject"] == "veille : 2 nouveaux documents pour « Soudeurs »"
    text, page = text_and_html(message)
    assert "Pénurie de soudeurs en Moselle" in text and "Le soudeur naval" in text
    assert "déjà là" not in text and "caristes" not in text
    assert f"{BASE}items/soudeurs-moselle" in text and f"{BASE}items/soudeur-naval" in text
    assert f"{BASE}search?q=soudeur&source=Presse+locale&source=France+Travail" in text
    assert f"{BASE}saved" in text
    links = [a["href"] for a in page.find_all("a")]
    assert links[:2] == [f"{BASE}items/soudeurs-moselle", f"{BASE}items/soudeur-naval"]
    assert all(urlsplit(link).scheme == "https" for link in links)
    assert "2 nouveaux documents correspondent" in page.get_text()
    assert saved_searches.get(instance, saved.id).alerted_at == THURSDAY


def test_a_hostile_title_is_text_in_the_html_part(instance, owner, mailbox):
    save(instance, owner, {"q": ["soudeur"]})
    collect(instance, [HOSTILE], COLLECTED)
    alerts.send_due(instance, now=THURSDAY)
    [message] = mailbox.messages
    text, page = text_and_html(message)
    assert page.find("script") is None and page.find("img") is None
    assert page.find("i") is None and "<script>alert(1)</script> soudeur" in page.get_text()
    assert "<script>alert(1)</script> soudeur" in text  # plain text shows it as it is
    assert not [name for tag in page.find_all(True) for name in tag.attrs
                if name.startswith("on")]


def test_no_second_mail_without_new_matches_and_the_next_new_one_comes_alone(
        instance, owner, mailbox):
    saved = save(instance, owner, {"q": ["soudeur"]})
    collect(instance, SOUDEURS, COLLECTED)
    assert len(alerts.send_due(instance, now=THURSDAY).sent) == 1
    later_today = alerts.send_due(instance, now=THURSDAY + timedelta(hours=8))
    assert later_today.due == 0
    collect(instance, [OTHER], THURSDAY + timedelta(hours=6))  # new, but not a match
    quiet = alerts.send_due(instance, now=FRIDAY)
    assert (quiet.due, quiet.sent, quiet.quiet) == (1, [], 1)
    assert len(mailbox.messages) == 1
    read = saved_searches.get(instance, saved.id)
    assert (read.alerted_at, read.new_after) == (FRIDAY, THURSDAY + timedelta(hours=6))
    collect(instance, [SOUDEURS[0] | {"id": "troisieme", "title": "Soudeurs, la suite"}],
            FRIDAY + timedelta(hours=3))
    alerts.send_due(instance, now=SATURDAY)
    assert len(mailbox.messages) == 2
    assert mailbox.messages[1]["Subject"] == "veille : 1 nouveau document pour « Soudeurs »"
    text, _ = text_and_html(mailbox.messages[1])
    assert "Soudeurs, la suite" in text and "naval" not in text


def test_when_the_smtp_server_fails_nothing_is_marked_and_the_next_run_sends(
        instance, owner, mailbox):
    saved = save(instance, owner, {"q": ["soudeur"]})
    collect(instance, SOUDEURS, COLLECTED)
    port = instance.settings.smtp.port
    instance.settings.smtp.port = 9  # nobody listens there
    report = alerts.send_due(instance, now=THURSDAY)
    assert "127.0.0.1:9" in report.error and report.sent == []
    read = saved_searches.get(instance, saved.id)
    assert (read.alerted_at, read.new_after) == (None, SAVED_AT)
    instance.settings.smtp.port = port
    retry = alerts.send_due(instance, now=THURSDAY + timedelta(minutes=5))
    assert (len(retry.sent), retry.error) == (1, None)
    [message] = mailbox.messages
    assert message["Subject"].startswith("veille : 2 nouveaux documents")


def test_without_an_smtp_server_alerts_are_skipped_with_a_message(instance, owner, mailbox):
    saved = save(instance, owner, {"q": ["soudeur"]})
    collect(instance, SOUDEURS, COLLECTED)
    instance.settings.smtp.host = ""
    report = alerts.send_due(instance, now=THURSDAY)
    assert "[smtp] host" in report.skipped and report.due == 0
    assert saved_searches.get(instance, saved.id).alerted_at is None


def test_an_item_the_index_lacks_yet_waits_for_the_next_run(instance, owner, mailbox):
    save(instance, owner, {"q": ["soudeur"]})
    collect(instance, SOUDEURS[:1], COLLECTED)
    lines = [json.dumps(SOUDEURS[1]) + "\n"]
    late = Origin(source="import", fetched=COLLECTED + timedelta(hours=1), namespace="import")
    pipeline.store_items(instance, [normalise(entry, late)
                                    for _, entry in jsonl.read(lines)])
    alerts.send_due(instance, now=THURSDAY)
    instance.sync_index()
    alerts.send_due(instance, now=FRIDAY)
    subjects = [message["Subject"] for message in mailbox.messages]
    assert subjects == ["veille : 1 nouveau document pour « Soudeurs »"] * 2
    assert "naval" in text_and_html(mailbox.messages[1])[0]


def test_a_weekly_alert_goes_on_the_weekly_day(instance, owner, mailbox):
    instance.settings.alerts.weekly_day = "lundi"
    save(instance, owner, {"q": ["soudeur"]}, alert="weekly")
    collect(instance, SOUDEURS, COLLECTED)
    monday = datetime(2026, 5, 11, 5, 0, tzinfo=UTC)
    for day in (THURSDAY, FRIDAY, SATURDAY, monday - timedelta(days=1)):
        assert alerts.send_due(instance, now=day).due == 0, day
    assert len(alerts.send_due(instance, now=monday).sent) == 1
    assert alerts.send_due(instance, now=monday + timedelta(days=1)).due == 0
    assert alerts.send_due(instance, now=monday + timedelta(days=7)).quiet == 1


@pytest.mark.parametrize(("alert", "last", "now", "due"), [
    ("daily", None, "2026-05-07T07:00", True),
    ("daily", "2026-05-06T07:00:05", "2026-05-07T07:00", True),  # a job a little early
    ("daily", "2026-05-07T06:00", "2026-05-07T23:00", False),
    ("weekly", None, "2026-05-08T07:00", False),  # saved Wednesday, weekly day Monday
    ("weekly", None, "2026-05-11T07:00", True),
    ("weekly", "2026-05-04T07:00", "2026-05-11T06:59", True),
    ("weekly", "2026-05-04T07:00", "2026-05-10T07:00", False),
    ("weekly", "2026-05-04T07:00", "2026-05-12T07:00", True),  # Monday missed: Tuesday
    ("weekly", "2026-05-12T07:00", "2026-05-18T07:00", True),  # back on Monday
    ("", None, "2026-05-11T07:00", False),
])
def test_when_an_alert_is_due(instance, alert, last, now, due):
    paris = "+02:00"
    saved = SavedSearch(user_id=1, name="s", query={}, token="t", alert=alert,
                        alerted_at=datetime.fromisoformat(last + paris) if last else None,
                        new_after=datetime.fromisoformat("2026-05-06T10:00" + paris))
    assert alerts.is_due(saved, datetime.fromisoformat(now + paris), instance.settings) is due


def test_a_weekly_day_that_is_no_day_is_a_config_error(instance):
    instance.settings.alerts.weekly_day = "someday"
    with pytest.raises(ConfigError, match="weekly_day"):
        alerts.weekly_day(instance.settings)


def test_the_scheduler_sends_the_alerts_every_day_at_the_hour_set(instance):
    instance.settings.alerts.hour = 6
    scheduler = build_scheduler(instance)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job(ALERTS_JOB)
        fire = job.trigger.get_next_fire_time(None, datetime(2026, 5, 7, 12, tzinfo=UTC))
    finally:
        scheduler.shutdown(wait=True)
    assert fire.isoformat() == "2026-05-08T06:00:00+02:00"


def test_the_command_says_what_it_would_send_then_sends_it(instance, owner, veille, mailbox):
    # The command runs now: the search was saved yesterday, the items came since.
    save(instance, owner, {"q": ["soudeur"]}, at=utcnow() - timedelta(days=1))
    collect(instance, SOUDEURS, utcnow() - timedelta(hours=1))
    dry = veille("alerts", "send", "--dry-run")
    assert f"would send to {OWNER}: veille : 2 nouveaux documents" in dry.stdout
    assert "  - Pénurie de soudeurs en Moselle" in dry.stdout
    assert "nothing sent" in dry.stderr and mailbox.messages == []
    sent = veille("alerts", "send")
    assert f"sent to {OWNER}" in sent.stdout and len(mailbox.messages) == 1
    again = veille("alerts", "send")
    assert again.stdout == "" and "0 alerts due" in again.stderr


def test_the_command_reports_a_failing_server_with_exit_status_1(
        instance, owner, veille, mailbox, monkeypatch):
    save(instance, owner, {"q": ["soudeur"]}, at=utcnow() - timedelta(days=1))
    collect(instance, SOUDEURS, utcnow() - timedelta(hours=1))
    monkeypatch.setenv("VEILLE_SMTP_PORT", "9")
    failed = veille("alerts", "send", expect=1)
    assert "127.0.0.1:9" in failed.stderr and "next run" in failed.stderr
    monkeypatch.setenv("VEILLE_SMTP_HOST", "")
    skipped = veille("alerts", "send")
    assert "[smtp] host" in skipped.stderr and mailbox.messages == []


# Spike alerts: a mail when the search rises (the last 4 weeks against the 12 before).

def welders(count: int, last: datetime) -> list[dict]:
    """`count` items on welders, published two days apart up to `last`."""
    return [{"id": f"soudeurs-{n}", "title": f"Des soudeurs recherchés ({n})",
             "content": f"Les entreprises recherchent des soudeurs, annonce {n}.",
             "published": (last - timedelta(days=2 * n)).isoformat(), "source": "Presse locale"}
            for n in range(count)]


def test_a_spike_alert_mails_when_the_search_rises_and_once_a_week_at_most(
        instance, owner, mailbox):
    saved = save(instance, owner, {"q": ["soudeur"]}, alert="spike")
    # One in the twelve weeks before, eight in the last four: 2 expected (the floor).
    old = SOUDEURS[1] | {"published": "2026-03-02T10:00:00+01:00"}
    collect(instance, [old, *welders(8, COLLECTED), OTHER], COLLECTED)
    report = alerts.send_due(instance, now=THURSDAY)
    assert (report.due, len(report.sent)) == (1, 1)
    [message] = mailbox.messages
    assert message["Subject"] == "veille : hausse marquée pour « Soudeurs »"
    text, page = text_and_html(message)
    assert ("Votre recherche « Soudeurs » est en hausse marquée : 8 documents ces 4 dernières "
            "semaines, pour 2 attendus d'après les 12 semaines précédentes (× 4).") in text
    assert f"Voir la tendance : {BASE}tendances?q=soudeur" in text
    assert "Des soudeurs recherchés (0)" in text and "naval" not in text  # the recent ones
    assert "caristes" not in text
    assert [a.get_text() for a in page.find_all("a")][-3:] == [
        "Voir la tendance", "Lancer la recherche", "Gérer vos recherches et alertes"]
    assert saved_searches.get(instance, saved.id).alerted_at == THURSDAY
    for later in (FRIDAY, THURSDAY + timedelta(days=6)):
        assert alerts.send_due(instance, now=later).due == 0, later
    # Still rising a week later: the new figures, a week after the first mail.
    assert len(alerts.send_due(instance, now=THURSDAY + timedelta(days=7)).sent) == 1
    assert len(mailbox.messages) == 2


def test_a_spike_alert_stays_quiet_while_the_search_is_steady_and_checks_again(
        instance, owner, mailbox):
    saved = save(instance, owner, {"q": ["soudeur"]}, alert="spike")
    # Two a week for twelve weeks, then two a week: no rise.
    collect(instance, welders(56, COLLECTED), COLLECTED)
    report = alerts.send_due(instance, now=THURSDAY)
    assert (report.due, report.sent, report.quiet) == (1, [], 1)
    assert mailbox.messages == []
    assert saved_searches.get(instance, saved.id).alerted_at is None  # checked again tomorrow
    assert alerts.send_due(instance, now=FRIDAY).due == 1


def test_switching_to_a_spike_alert_starts_afresh_and_between_digests_the_marks_stay(
        instance, owner):
    saved = save(instance, owner, {"q": ["soudeur"]}, alert="daily")
    alerts.send_due(instance, now=THURSDAY)
    ran = saved_searches.get(instance, saved.id)
    saved_searches.set_alert(instance, saved.id, "weekly", by=owner, now=FRIDAY)
    weekly = saved_searches.get(instance, saved.id)
    assert (weekly.alerted_at, weekly.new_after) == (ran.alerted_at, ran.new_after)
    saved_searches.set_alert(instance, saved.id, "spike", by=owner, now=FRIDAY)
    spike = saved_searches.get(instance, saved.id)
    assert (spike.alert, spike.alerted_at, spike.new_after) == ("spike", None, FRIDAY)
    saved_searches.set_alert(instance, saved.id, "daily", by=owner, now=SATURDAY)
    assert saved_searches.get(instance, saved.id).new_after == SATURDAY  # no backlog


@pytest.mark.parametrize(("last", "now", "due"), [
    (None, "2026-05-07T07:00", True),
    ("2026-05-04T07:00", "2026-05-10T07:00", False),
    ("2026-05-04T07:00", "2026-05-11T06:59", True),  # a week later, by the day
])
def test_when_a_spike_alert_is_checked(instance, last, now, due):
    paris = "+02:00"
    saved = SavedSearch(user_id=1, name="s", query={}, token="t", alert="spike",
                        alerted_at=datetime.fromisoformat(last + paris) if last else None,
                        new_after=datetime.fromisoformat("2026-05-01T10:00" + paris))
    assert alerts.is_due(saved, datetime.fromisoformat(now + paris), instance.settings) is due


def test_the_command_shows_the_spike_it_would_mail(instance, owner, veille, mailbox):
    now = utcnow()
    save(instance, owner, {"q": ["soudeur"]}, alert="spike", at=now - timedelta(days=1))
    collect(instance, welders(8, now - timedelta(hours=2)), now - timedelta(hours=1))
    dry = veille("alerts", "send", "--dry-run")
    assert f"would send to {OWNER}: veille : hausse marquée pour « Soudeurs »" in dry.stdout
    assert "  rising: 8 in the last 4 weeks, 2.0 expected" in dry.stdout
    assert "  - Des soudeurs recherchés (0)" in dry.stdout
    assert mailbox.messages == []
    assert len(veille("alerts", "send").stdout.splitlines()) > 1 and len(mailbox.messages) == 1
