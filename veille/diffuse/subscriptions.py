"""People who receive the bulletins: lists by theme, a public sign-up confirmed by email
(double opt-in), an unsubscribe link in every mail, and the lists documentalists manage
(CSV import and export through text/spreadsheet.py, each change logged).

The sign-up never tells who is subscribed: it answers the same whatever the address, and
mails a confirmation link only to an address not yet confirmed on the chosen lists. It is
no mail cannon: the counts live in the database like the sign-in limiter's
(accounts/signins.py; the same table, scopes "sub-mail" and "sub-addr"): an address gets at
most MAILS_PER_EMAIL confirmation mails a day, whoever asks, and one client at most
SIGNUPS_PER_ADDRESS sign-ups an hour. The confirmation link holds a random token whose
SHA-256 alone is stored, valid CONFIRM_FOR.
"""

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from math import ceil

from ..errors import InvalidRequest, VeilleError
from ..i18n import N_
from ..instance import Instance
from ..models import BulletinList, FailureCount, Subscriber, stored_id
from ..store import login_failures as counts
from ..store import subscribers as store
from ..store.database import serialised
from ..store.schema import utcnow
from . import mailer, maison
from .links import site_url
from .mailer import Mail

CONFIRM_FOR = timedelta(days=2)
MAILS_PER_EMAIL, EMAIL_WINDOW = 3, timedelta(days=1)
SIGNUPS_PER_ADDRESS, ADDRESS_WINDOW = 20, timedelta(hours=1)
SCOPE_EMAIL, SCOPE_ADDRESS = "sub-mail", "sub-addr"
EMAIL_CHARS = 320


class TooManySignups(VeilleError):
    """This client signed up too often: `wait` seconds before the next sign-up."""

    def __init__(self, wait: int) -> None:
        super().__init__(f"too many sign-ups: try again in {wait} s")
        self.wait = wait


@dataclass(frozen=True)
class Recipient:
    email: str
    token: str  # of the unsubscribe link of the mail it receives


@dataclass(frozen=True)
class Unsubscription:
    email: str
    list_name: str | None  # None: the addresses pasted into a sending
    done: bool  # unsubscribed already


def unsubscribe_url(base_url: str, token: str) -> str:
    """The address of the unsubscribe link (webui's `subscribe.unsubscribe`)."""
    return f"{base_url.rstrip('/')}/bulletins/desabonnement/{token}"


def sign_up(instance: Instance, email: str, list_ids: list[int], address: str,
            now: datetime | None = None, request_root: str | None = None) -> None:
    """Ask to receive the lists `list_ids`: a confirmation link is mailed unless this
    address is confirmed on them all, or got enough mails today (the answer is the same);
    the link starts at `links.site_url` (`request_root`: the page asked from).
    InvalidRequest for a wrong address or no list; TooManySignups; MailError."""
    now, email = now or utcnow(), _address(email)
    with serialised(instance.engine) as conn:
        chosen = [found for found, _ in store.lists(conn) if found.id in set(list_ids)]
        if not chosen:
            raise InvalidRequest(N_("Choisissez au moins un bulletin."))
        _count_client(conn, address[:64], now)
        asked = [each for each in chosen if not _confirmed(conn, each, email)]
        if not asked or not _may_mail(conn, email, now):
            return
        token = secrets.token_urlsafe(32)
        for each in asked:
            _ask(conn, each, email, _hash(token), now)
    site = site_url(instance.settings.web, request_root)
    mailer.send(instance.settings.smtp, [_confirmation(instance, email, token, asked, site)])


def pending(instance: Instance, token: str, now: datetime | None = None) -> list[Subscriber]:
    """The subscriptions a confirmation link would confirm (none once expired)."""
    now = now or utcnow()
    with instance.engine.connect() as conn:
        return [each for each in store.awaiting(conn, _hash(token))
                if each.confirm_expires and each.confirm_expires > now]


def confirm(instance: Instance, token: str, now: datetime | None = None) -> list[str]:
    """Confirm the subscriptions of a link; the names of their lists (none: expired or
    unknown)."""
    now, names = now or utcnow(), []
    found = pending(instance, token, now)
    with instance.engine.begin() as conn:
        for each in found:
            store.put(conn, replace(each, status=store.CONFIRMED, confirmed_at=now,
                                    confirm_hash=None, confirm_expires=None))
            names.append(store.get_list(conn, each.list_id).name)
    return names


def lookup(instance: Instance, token: str) -> Unsubscription | None:
    """What an unsubscribe link stands for, None when it stands for nothing."""
    with instance.engine.connect() as conn:
        found = store.by_token(conn, token)
        if found:
            name = store.get_list(conn, found.list_id).name
            return Unsubscription(found.email, name, found.status == store.UNSUBSCRIBED)
        pasted = store.pasted_by_token(conn, token)
    return Unsubscription(pasted[0], None, pasted[1] is not None) if pasted else None


def unsubscribe(instance: Instance, token: str, now: datetime | None = None
                ) -> Unsubscription | None:
    """Follow an unsubscribe link: its address receives no more mail of its list (or, for
    a pasted address, of pasted sendings). None when the link stands for nothing."""
    now, found = now or utcnow(), lookup(instance, token)
    if found is None or found.done:
        return found
    with instance.engine.begin() as conn:
        subscriber = store.by_token(conn, token)
        if subscriber:
            store.put(conn, replace(subscriber, status=store.UNSUBSCRIBED, unsubscribed_at=now,
                                    confirm_hash=None, confirm_expires=None))
        else:
            store.unsubscribe_pasted(conn, token, now)
    return found


def recipients(conn, list_id: int | None, pasted: tuple[str, ...],
               now: datetime) -> tuple[list[Recipient], list[str]]:
    """Whom a sending goes to: the list's confirmed subscribers, then the pasted addresses
    not on it (each with its unsubscribe token); and the pasted ones left out because
    they unsubscribed."""
    chosen = [Recipient(each.email, each.token) for each in
              (store.members(conn, list_id, store.CONFIRMED) if list_id else [])]
    listed = {each.email for each in chosen}
    others = [email for email in pasted if email not in listed]
    left_out = store.pasted_unsubscribed(conn, others)
    tokens = store.pasted_tokens(conn, [e for e in others if e not in left_out], now)
    chosen += [Recipient(email, token) for email, token in tokens.items()]
    return chosen, sorted(left_out)


def _confirmed(conn, chosen: BulletinList, email: str) -> bool:
    known = store.of_email(conn, stored_id(chosen), email)
    return known is not None and known.status == store.CONFIRMED


def _ask(conn, chosen: BulletinList, email: str, confirm_hash: str, now: datetime) -> None:
    """Make the address pending on the list, confirmed by the link of `confirm_hash`."""
    known = store.of_email(conn, stored_id(chosen), email)
    store.put(conn, Subscriber(
        list_id=stored_id(chosen), email=email, status=store.PENDING, origin="form",
        token=known.token if known else store.new_token(), created_at=now,
        confirm_hash=confirm_hash, confirm_expires=now + CONFIRM_FOR))


def _count_client(conn, address: str, now: datetime) -> None:
    count = _current(counts.get(conn, SCOPE_ADDRESS, address), now, ADDRESS_WINDOW)
    if count.failures >= SIGNUPS_PER_ADDRESS:
        raise TooManySignups(ceil((count.since + ADDRESS_WINDOW - now).total_seconds()))
    counts.put(conn, SCOPE_ADDRESS, address, "", FailureCount(count.failures + 1, count.since))


def _may_mail(conn, email: str, now: datetime) -> bool:
    count = _current(counts.get(conn, SCOPE_EMAIL, "", email), now, EMAIL_WINDOW)
    if count.failures >= MAILS_PER_EMAIL:
        return False
    counts.put(conn, SCOPE_EMAIL, "", email, FailureCount(count.failures + 1, count.since))
    return True


def _current(count: FailureCount | None, now: datetime, window: timedelta) -> FailureCount:
    return count if count and count.since > now - window else FailureCount(0, now)


def _address(email: str) -> str:
    email = " ".join(email.split()).lower()
    if len(email) > EMAIL_CHARS or not mailer.ADDRESS.fullmatch(email):
        raise InvalidRequest(N_("Cette adresse électronique n'est pas valide."))
    return email


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _confirmation(instance: Instance, email: str, token: str, asked: list[BulletinList],
                  site: str) -> Mail:
    identity = maison.of(instance.settings)
    link = f"{site}/bulletins/abonnement/{token}"
    names = "\n".join(f"- {each.name}" for each in asked)
    text = (f"Bonjour,\n\nQuelqu'un (vous, sans doute) a demandé à recevoir les bulletins de "
            f"veille de {identity.name} :\n{names}\n\nPour confirmer, ouvrez ce lien dans les "
            f"deux jours :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message : vous "
            f"ne recevrez rien.\n\n-- \n{identity.name}\n" + "\n".join(identity.details))
    return Mail(to=(email,), subject=f"Confirmez votre abonnement aux bulletins de "
                f"{identity.name}", text=text.rstrip() + "\n")
