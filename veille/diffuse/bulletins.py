"""Watch bulletins: the documentalist picks curated items (or a dossier), writes an
editorial, previews the email and sends it, now or at a planned time (the scheduler's
`send_due`), to the confirmed subscribers of a list and to pasted addresses; the sent
bulletin is archived as a public page.

A draft holds copies of its items (title, original link, summary, source, day) and the
comment chosen for each: what is previewed is what is sent, and the archive stays whole
when an item is later purged. Sending claims the draft first (a double click sends once),
records each recipient as the server accepts their mail (a retry after a failure sends to
the others only), and marks the bulletin sent only once every mail went out; creating,
changing, deleting and sending are logged.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

from ..errors import InvalidRequest
from ..i18n import N_
from ..instance import Instance
from ..models import LOCAL_TIME, Bulletin, BulletinEntry, Curation, Item, Schedule, stored_id
from ..store import audit
from ..store import bulletins as bulletin_store
from ..store import dossiers as dossier_store
from ..store import items as item_store
from ..store import subscribers as subscriber_store
from ..store.schema import utcnow
from ..text.labels import one_line
from . import bulletinmail, mailer, maison, subscriptions
from .links import site_url
from .mailer import Mail, MailError

log = logging.getLogger(__name__)

TITLE_CHARS = 300
CANDIDATES = 100  # curated items offered to choose from, the newest
# A send refreshes its claim at each mail: one silent this long is a dead process's, and
# another send may take the draft over. Far above [smtp] timeout, the longest wait per mail.
SENDING_TIMEOUT = timedelta(minutes=15)
RETRY_AFTER = timedelta(minutes=15)  # a planned sending that failed is tried again then


class PartlySent(MailError):
    """The server failed after accepting the bulletin for `delivered` recipients: they are
    recorded, and sending it again mails the others only."""

    def __init__(self, cause: MailError, delivered: int) -> None:
        plural = "s" if delivered > 1 else ""
        super().__init__(f"{cause} ; le bulletin est parti vers {delivered} destinataire{plural}"
                         " avant l'échec : un nouvel envoi ira aux autres seulement", cause.kind)
        self.cause, self.delivered = cause, delivered


def entry_of(item: Item, comment: str = "") -> BulletinEntry:
    """An item as a bulletin keeps it: its text, and its address if it is a web one."""
    day = item.published.astimezone(LOCAL_TIME).date().isoformat() if item.published else ""
    return BulletinEntry(title=item.title, url=bulletinmail.web_link(item.url),
                         summary=item.summary, source=item.source, date=day,
                         comment=comment.strip(), item_id=item.id)


def candidates(instance: Instance, limit: int = CANDIDATES) -> list[tuple[Item, Curation]]:
    """The newest starred, tagged or noted items, to choose a bulletin's entries from."""
    with instance.engine.connect() as conn:
        return bulletin_store.curated(conn, limit)


def draft(instance: Instance, title: str, editorial: str, actor: str, *,
          item_ids: Iterable[str] = (), dossier_id: int | None = None) -> Bulletin:
    """A new draft: the dossier's items in its order with its notes as comments, then the
    chosen items (unknown ones skipped). InvalidRequest without a title or any entry."""
    with instance.engine.begin() as conn:
        entries: list[BulletinEntry] = []
        if dossier_id is not None:
            dossier = dossier_store.get(conn, dossier_id)
            entries = [entry_of(found.item, found.note)
                       for found in dossier_store.entries(conn, dossier)]
        entries += _snapshot(conn, item_ids, skip={entry.item_id for entry in entries})
        bulletin = Bulletin(title=_title(title), editorial=editorial.strip(),
                            entries=_some(entries), created_by=actor)
        bulletin = bulletin_store.create(conn, bulletin)
        audit.record(conn, actor, "bulletin-create", f"bulletin:{bulletin.id}",
                     {"title": bulletin.title, "entries": len(bulletin.entries)})
    return bulletin


def revise(instance: Instance, bulletin_id: int, actor: str, *, title: str, editorial: str,
           entries: Iterable[BulletinEntry], add_ids: Iterable[str] = ()) -> Bulletin:
    """Change a draft: its title, editorial and entries (kept in the given order, with their
    comments), then the items of `add_ids` not already in it."""
    with instance.engine.begin() as conn:
        current = bulletin_store.get(conn, bulletin_id)
        kept = list(entries)
        kept += _snapshot(conn, add_ids, skip={entry.item_id for entry in kept})
        changed = Bulletin(title=_title(title), editorial=editorial.strip(),
                           entries=_some(kept), created_by=current.created_by,
                           created_at=current.created_at, id=bulletin_id)
        bulletin_store.save_draft(conn, changed)
        audit.record(conn, actor, "bulletin-edit", f"bulletin:{bulletin_id}",
                     {"title": changed.title, "entries": len(changed.entries)})
    return changed


def delete(instance: Instance, bulletin_id: int, actor: str) -> None:
    """Delete a draft (a sent bulletin stays archived)."""
    with instance.engine.begin() as conn:
        title = bulletin_store.get(conn, bulletin_id).title
        bulletin_store.delete_draft(conn, bulletin_id)
        audit.record(conn, actor, "bulletin-delete", f"bulletin:{bulletin_id}",
                     {"title": title})


def recipients(text: str, required: bool = True) -> tuple[str, ...]:
    """The addresses of a list (commas, semicolons, spaces or lines between them), each
    checked; InvalidRequest naming, in French, those that are not addresses (and, when
    `required`, for none)."""
    bad = [part for part in re.split(r"[\s,;]+", text)
           if part and not mailer.ADDRESS.fullmatch(part)]
    if bad:
        named = ", ".join(f"« {part} »" for part in bad)
        raise InvalidRequest(f"Adresse électronique incorrecte : {named}. "
                             "Corrigez la liste des destinataires ; rien n'a été envoyé.")
    found = mailer.parse_addresses(text)
    if not found and required:
        raise InvalidRequest(N_("Indiquez au moins un destinataire."))
    return found


def letterhead(instance: Instance) -> bulletinmail.Letterhead:
    """The Maison signing the bulletins, as the settings name it."""
    settings = instance.settings
    return bulletinmail.Letterhead(maison.of(settings), maison.logo(settings) is not None)


def send(instance: Instance, bulletin_id: int, recipients_text: str, actor: str,
         list_id: int | None = None, request_root: str | None = None) -> int:
    """Send the draft to the confirmed subscribers of list `list_id` and to the addresses of
    `recipients_text` (those that unsubscribed left out), to each it has not gone to yet,
    one mail each (nobody sees the others), then mark it sent to all; how many mails went
    out now. InvalidRequest for a bad list, no recipient, a bulletin sent or being sent by
    another request; MailError when the server refuses (PartlySent once some got it): it
    stays a draft. Its links start at `links.site_url` (`request_root`: the page it is sent
    from)."""
    pasted = recipients(recipients_text, required=list_id is None)
    with instance.engine.begin() as conn:
        if list_id is not None:
            subscriber_store.get_list(conn, list_id)  # NotFound for no such list
        chosen, _ = subscriptions.recipients(conn, list_id, pasted, utcnow())
        if not chosen:
            raise InvalidRequest(N_("Personne ne recevrait ce bulletin : la liste n'a aucun "
                                    "abonné confirmé."))
        bulletin_store.claim(conn, bulletin_id, utcnow(), SENDING_TIMEOUT)
        bulletin = bulletin_store.get(conn, bulletin_id)
        done = bulletin_store.delivered(conn, bulletin_id)
    site = site_url(instance.settings.web, request_root)
    count = _mail(instance, bulletin, [each for each in chosen if each.email not in done], site)
    everyone = tuple(dict.fromkeys([*(each.email for each in chosen), *done]))
    with instance.engine.begin() as conn:
        bulletin_store.mark_sent(conn, bulletin_id, everyone, utcnow())
        audit.record(conn, actor, "bulletin-send", f"bulletin:{bulletin_id}",
                     {"title": bulletin.title, "recipients": len(everyone),
                      "entries": len(bulletin.entries), "list": list_id})
    return count


def schedule(instance: Instance, bulletin_id: int, at: datetime, recipients_text: str,
             actor: str, list_id: int | None = None) -> None:
    """Plan the draft's sending at `at` to the list and the pasted addresses (checked now);
    the scheduler sends it then (`send_due`). Logged."""
    if at <= utcnow():
        raise InvalidRequest(N_("Choisissez un moment à venir pour l'envoi."))
    recipients(recipients_text, required=list_id is None)
    with instance.engine.begin() as conn:
        if list_id is not None:
            subscriber_store.get_list(conn, list_id)
        bulletin_store.plan(conn, bulletin_id, at, Schedule(recipients_text, list_id, actor))
        audit.record(conn, actor, "bulletin-schedule", f"bulletin:{bulletin_id}",
                     {"at": at.isoformat(), "list": list_id})


def unschedule(instance: Instance, bulletin_id: int, actor: str) -> None:
    with instance.engine.begin() as conn:
        bulletin_store.plan(conn, bulletin_id, None, None)
        audit.record(conn, actor, "bulletin-unschedule", f"bulletin:{bulletin_id}", {})


def send_due(instance: Instance, now: datetime | None = None) -> dict[int, int | str]:
    """Send the bulletins whose planned time has come (the scheduler calls it each minute);
    for each, how many mails went out, or why it failed (tried again RETRY_AFTER later)."""
    now = now or utcnow()
    done: dict[int, int | str] = {}
    with instance.engine.connect() as conn:
        planned = bulletin_store.due(conn, now)
    for bulletin in planned:
        plan, bulletin_id = bulletin.schedule or Schedule(), stored_id(bulletin)
        try:
            done[bulletin_id] = send(instance, bulletin_id, plan.recipients, plan.by,
                                     plan.list_id)
        except (InvalidRequest, MailError) as exc:
            done[bulletin_id] = str(exc)
            log.warning("bulletin %s not sent as planned: %s", bulletin_id, exc)
            with instance.engine.begin() as conn:
                bulletin_store.plan(conn, bulletin_id, now + RETRY_AFTER,
                                    replace(plan, error=str(exc)))
    return done


def _mail(instance: Instance, bulletin: Bulletin,
          chosen: list[subscriptions.Recipient], site: str) -> int:
    """Mail the claimed draft to `chosen`, its links under `site`, recording each one the
    server accepts; when that fails, release the claim so that it can be tried again at once."""
    mails = bulletinmail.mails(bulletin, chosen, site, letterhead(instance))
    bulletin_id = stored_id(bulletin)
    try:
        return mailer.send(instance.settings.smtp, mails,
                           partial(_accepted, instance, bulletin_id))
    except MailError as exc:
        if delivered := _release(instance, bulletin_id):
            raise PartlySent(exc, len(delivered)) from exc
        raise
    except Exception:
        _release(instance, bulletin_id)
        raise


def _accepted(instance: Instance, bulletin_id: int, mail: Mail) -> None:
    with instance.engine.begin() as conn:
        for address in mail.to:
            bulletin_store.record_delivered(conn, bulletin_id, address, utcnow())


def _release(instance: Instance, bulletin_id: int) -> tuple[str, ...]:
    """Release the claim on the draft; whom it went to so far."""
    with instance.engine.begin() as conn:
        bulletin_store.release(conn, bulletin_id)
        return bulletin_store.delivered(conn, bulletin_id)


def _snapshot(conn, item_ids: Iterable[str], skip: set[str]) -> list[BulletinEntry]:
    wanted = [item_id for item_id in dict.fromkeys(item_ids) if item_id not in skip]
    present = item_store.existing_ids(conn, wanted) if wanted else set()
    return [entry_of(item_store.get(conn, item_id)) for item_id in wanted if item_id in present]


def _title(title: str) -> str:
    return one_line(title, N_("Donnez un titre au bulletin."), "Le titre", TITLE_CHARS)


def _some(entries: list[BulletinEntry]) -> tuple[BulletinEntry, ...]:
    if not entries:
        raise InvalidRequest(N_("Choisissez au moins un article ou un dossier."))
    return tuple(entries)
