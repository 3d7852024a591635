"""Email alerts of saved searches: a digest of the items new in each search, daily or weekly,
or a mail when the search is rising ("spike").

An item is new to a saved search when it was first stored after the newest item its last
alert considered (`new_after`): what is collected late, with an old publication date, is
new too. Items are considered in the order they were first stored, up to the first one the
index does not hold yet (search could not find it: the next run will). A saved search's
marks move only once its mail is sent, so a failing SMTP server loses nothing; without new
matches no mail goes, but the marks move. `veille alerts send` and the scheduler's daily
job (at `[alerts] hour`) both call `send_due`.

A spike alert is checked at every run and mails when the search rises by the trends page's
rule (`veille.analyse.trends`: its last four weeks against the twelve before), so that the mail
says what the page shows; four weeks rather than this week alone, since a week holds too
few items for a rise to be told from chance. It mails at most once in SPIKE_QUIET days (a
rise that lasts gets one mail a week with its new figures, not one a day), and remembers
only the runs that mailed (`alerted_at`).
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..analyse.trends import Rise, trend, windows
from ..errors import ConfigError, InvalidRequest
from ..index.args import ArgLists, query_from_args
from ..index.search import SearchPage, SearchQuery
from ..instance import Instance
from ..models import SavedSearch, stored_id
from ..settings import Settings
from ..store import saved_searches as store
from ..store.saved_searches import NewItem
from ..store.schema import utcnow
from ..tags.vocabulary import StoreVocabulary
from . import alertmail, mailer
from .links import site_url
from .mailer import Mail, MailError
from .saved_searches import DIGESTS, described

log = logging.getLogger(__name__)
DIGEST_ITEMS = 50  # listed in a mail; the count says how many more there are
SPIKE_ITEMS = 10  # the newest of a rising search, in its mail
SPIKE_QUIET = timedelta(days=7)  # a spike alert mails at most once in this time
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
NO_SMTP = "alerts not sent: no SMTP server, set [smtp] host (or VEILLE_SMTP_HOST)"


@dataclass
class Digest:
    """What a due saved search gets: a mail of its new matches, or none."""

    saved: SavedSearch
    new_after: datetime  # its mark once this digest is sent
    page: SearchPage | None = None
    mail: Mail | None = None
    rise: Rise | None = None  # a spike alert's: how the search rose


@dataclass
class AlertReport:
    due: int = 0
    sent: list[Digest] = field(default_factory=list)  # mailed (or, dry, to be mailed)
    quiet: int = 0  # due, but nothing new matched
    error: str | None = None  # the SMTP server failed: the rest waits for the next run
    skipped: str | None = None  # why nothing was done


def send_due(instance: Instance, now: datetime | None = None,
             dry_run: bool = False) -> AlertReport:
    """Send the alerts due at `now`; with `dry_run`, say what would go and change nothing."""
    now = now or utcnow()
    report = AlertReport()
    if not dry_run and not instance.settings.smtp.host:
        log.warning(NO_SMTP)
        report.skipped = NO_SMTP
        return report
    digests = prepare(instance, now)
    report.due = len(digests)
    for digest in sorted(digests, key=lambda d: d.mail is not None):  # the quiet ones first
        if digest.mail is not None and not dry_run:
            try:
                mailer.send(instance.settings.smtp, [digest.mail])
            except MailError as exc:
                report.error = str(exc)
                log.error("alerts: %s; the others wait for the next run", exc)
                break
        if digest.mail is None:
            report.quiet += 1
        else:
            report.sent.append(digest)
        if not dry_run:
            _mark(instance, digest, now)
    return report


def prepare(instance: Instance, now: datetime) -> list[Digest]:
    """The digests of the saved searches whose alert is due at `now`."""
    with instance.engine.connect() as conn:
        due = [saved for saved in store.alerting(conn) if is_due(saved, now, instance.settings)]
        digests = [saved for saved in due if saved.alert in DIGESTS]
        fresh = (settled(store.new_items(conn, min(saved.new_after for saved in digests), now))
                 if digests else [])
    return [_spike(instance, saved, now) if saved.alert == "spike"
            else _digest(instance, saved, fresh) for saved in due]


def is_due(saved: SavedSearch, now: datetime, settings: Settings) -> bool:
    """Daily: never sent, or last sent on an earlier day. Weekly: a `[alerts] weekly_day`
    has come since the last one (or since the alert was switched on). Spike: never mailed,
    or last mailed SPIKE_QUIET days ago or more. Days are the scheduler's (`[scheduler]
    timezone`), so a job a few seconds early is still on time."""
    zone = ZoneInfo(settings.scheduler.timezone)
    today = now.astimezone(zone).date()
    if saved.alert == "spike":
        return (saved.alerted_at is None
                or saved.alerted_at.astimezone(zone).date() <= today - SPIKE_QUIET)
    if saved.alert == "daily":
        return saved.alerted_at is None or saved.alerted_at.astimezone(zone).date() < today
    if saved.alert == "weekly":
        since = (saved.alerted_at or saved.new_after).astimezone(zone).date()
        return since < last_weekly_day(today, weekly_day(settings))
    return False


def alert_hour(settings: Settings) -> int:
    """The `[alerts] hour`, checked."""
    if not 0 <= settings.alerts.hour <= 23:
        raise ConfigError(f"[alerts] hour must be from 0 to 23, not {settings.alerts.hour}")
    return settings.alerts.hour


def weekly_day(settings: Settings) -> int:
    """The `[alerts] weekly_day` as a weekday number (Monday 0), in English or French."""
    name = settings.alerts.weekly_day.strip().lower()
    for names in (WEEKDAYS, JOURS):
        if name in names:
            return names.index(name)
    raise ConfigError(f"[alerts] weekly_day must be a day of the week ({', '.join(WEEKDAYS)}), "
                      f"not {settings.alerts.weekly_day!r}")


def last_weekly_day(today: date, weekday: int) -> date:
    """The latest day on or before `today` that is a `weekday`."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def settled(new: list[NewItem]) -> list[NewItem]:
    """The new items stored before the first one the index lacks (oldest first)."""
    pending = next((i for i, item in enumerate(new) if not item.indexed), len(new))
    return new[:pending]


def _digest(instance: Instance, saved: SavedSearch, fresh: list[NewItem]) -> Digest:
    new = [item for item in fresh if item.first_seen > saved.new_after]
    mark = max((item.first_seen for item in new), default=saved.new_after)
    query = _query(instance, saved, DIGEST_ITEMS) if new else None
    if query is None:
        return Digest(saved, mark)
    query = replace(query, sort="date", ids=frozenset(item.id for item in new))
    page = instance.index.search(query)
    if not page.total:
        return Digest(saved, mark, page)
    return Digest(saved, mark, page, alertmail.digest(
        saved, page, site_url(instance.settings.web), described(instance, saved.query)))


def _spike(instance: Instance, saved: SavedSearch, now: datetime) -> Digest:
    """The spike mail of `saved` if it is rising today, its dates aside (the rule looks 16
    weeks back from today); the mail lists its newest items of the recent weeks."""
    query = _query(instance, saved, SPIKE_ITEMS)
    if query is None:
        return Digest(saved, saved.new_after)
    today = now.astimezone(ZoneInfo(instance.settings.scheduler.timezone)).date()
    undated = replace(query, date_from=None, date_to=None)
    rise = trend(instance, undated, "week", today).rise
    if not rise.rising:
        return Digest(saved, saved.new_after, rise=rise)
    (first, last), _ = windows(today)
    page = instance.index.search(replace(undated, sort="date", date_from=first, date_to=last))
    mail = alertmail.spike(saved, rise, page, site_url(instance.settings.web),
                           described(instance, saved.query))
    return Digest(saved, saved.new_after, page, mail, rise)


def _query(instance: Instance, saved: SavedSearch, limit: int) -> SearchQuery | None:
    """The saved search as a query of `limit` results; None if it cannot run."""
    try:
        return query_from_args(ArgLists(saved.query), instance.settings.search, limit,
                               vocabulary=StoreVocabulary(instance.engine))
    except InvalidRequest as exc:  # saved by an older veille that read it otherwise
        log.warning("saved search %s (%s) cannot run: %s", saved.id, saved.name, exc)
        return None


def _mark(instance: Instance, digest: Digest, now: datetime) -> None:
    """Move the marks of a handled digest; a spike alert's only when it mailed (it is
    checked again at the next run until it rises)."""
    if digest.saved.alert == "spike" and digest.mail is None:
        return
    with instance.engine.begin() as conn:
        store.change(conn, stored_id(digest.saved), alerted_at=now, new_after=digest.new_after)
