"""The watch bulletins repository: drafts, then sent bulletins with their entries as sent;
and the curated items a bulletin is chosen from."""

from dataclasses import asdict, replace
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from ..errors import InvalidRequest, NotFound
from ..i18n import N_
from ..models import Bulletin, BulletinEntry, Curation, Item, Schedule, stored_id
from .rows import from_row, inserted_id
from .schema import bulletins, curation, items, utcnow


def create(conn: Connection, bulletin: Bulletin) -> Bulletin:
    """Store a new draft; the draft with its id and creation time."""
    stored = replace(bulletin, created_at=utcnow(), sent_at=None, id=None)
    values = _values(stored)
    del values["id"]
    new_id = inserted_id(conn.execute(insert(bulletins).values(**values)))
    return replace(stored, id=new_id)


def get(conn: Connection, bulletin_id: int) -> Bulletin:
    row = conn.execute(select(bulletins).where(bulletins.c.id == bulletin_id)).mappings().first()
    if row is None:
        raise NotFound(f"no bulletin {bulletin_id}")
    return _bulletin(row)


def all_bulletins(conn: Connection) -> list[Bulletin]:
    """Drafts first (the latest first), then sent bulletins, the latest sent first."""
    rows = conn.execute(select(bulletins).order_by(
        bulletins.c.sent_at.is_not(None), bulletins.c.sent_at.desc(), bulletins.c.id.desc()))
    return [_bulletin(row) for row in rows.mappings()]


def sent(conn: Connection, limit: int | None = None) -> list[Bulletin]:
    """Sent bulletins, the latest sent first."""
    query = (select(bulletins).where(bulletins.c.sent_at.is_not(None))
             .order_by(bulletins.c.sent_at.desc(), bulletins.c.id.desc()).limit(limit))
    return [_bulletin(row) for row in conn.execute(query).mappings()]


def save_draft(conn: Connection, bulletin: Bulletin) -> None:
    """Store the draft's title, editorial and entries; InvalidRequest once it is sent, or
    has gone to some of its recipients (the others must get what they got)."""
    done = conn.execute(
        update(bulletins)
        .where(bulletins.c.id == bulletin.id, *_untouched())
        .values(title=bulletin.title, editorial=bulletin.editorial,
                entries=[asdict(entry) for entry in bulletin.entries])
    )
    if done.rowcount == 0:
        _refuse_sent(conn, stored_id(bulletin))


def claim(conn: Connection, bulletin_id: int, at: datetime, timeout: timedelta) -> None:
    """Take the draft for sending in one conditional UPDATE, so that a second send at the
    same time (a double click) is refused instead of mailing everyone twice. A claim not
    refreshed for `timeout` is taken over: its process died. InvalidRequest when the
    bulletin is sent or being sent."""
    done = conn.execute(
        update(bulletins)
        .where(bulletins.c.id == bulletin_id, bulletins.c.sent_at.is_(None),
               or_(bulletins.c.sending_since.is_(None),
                   bulletins.c.sending_since < at - timeout))
        .values(sending_since=at)
    )
    if done.rowcount == 0:
        if get(conn, bulletin_id).sent:
            raise InvalidRequest(N_("Ce bulletin a déjà été envoyé."))
        raise InvalidRequest(N_("Ce bulletin est en cours d'envoi : rechargez la page dans "
                                "un instant pour voir s'il est parti."))


def release(conn: Connection, bulletin_id: int) -> None:
    """Give up the claim on a draft (its send failed): it can be sent again at once."""
    conn.execute(update(bulletins).where(bulletins.c.id == bulletin_id)
                 .values(sending_since=None))


def delivered(conn: Connection, bulletin_id: int) -> tuple[str, ...]:
    """The addresses the server accepted the draft for, by sends that did not finish."""
    found = conn.execute(select(bulletins.c.delivered)
                         .where(bulletins.c.id == bulletin_id)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"no bulletin {bulletin_id}")
    return tuple(found)


def record_delivered(conn: Connection, bulletin_id: int, address: str, at: datetime) -> None:
    """Note that the server accepted the draft for `address`, and refresh the claim: a long
    send that keeps going is not taken for a dead one."""
    done = [*delivered(conn, bulletin_id), address]
    conn.execute(update(bulletins).where(bulletins.c.id == bulletin_id)
                 .values(delivered=list(dict.fromkeys(done)), sending_since=at))


def mark_sent(conn: Connection, bulletin_id: int, recipients: tuple[str, ...],
              at: datetime) -> None:
    """Record that the draft went to `recipients` at `at`, and end its claim; InvalidRequest
    if already sent."""
    done = conn.execute(
        update(bulletins)
        .where(bulletins.c.id == bulletin_id, bulletins.c.sent_at.is_(None))
        .values(recipients=list(recipients), sent_at=at, sending_since=None,
                scheduled_at=None, schedule=None)
    )
    if done.rowcount == 0:
        _refuse_sent(conn, bulletin_id)


def delete_draft(conn: Connection, bulletin_id: int) -> None:
    """Delete a draft; a bulletin sent, even to some of its recipients only, stays
    (InvalidRequest)."""
    done = conn.execute(delete(bulletins).where(bulletins.c.id == bulletin_id, *_untouched()))
    if done.rowcount == 0:
        _refuse_sent(conn, bulletin_id)


def last_recipients(conn: Connection) -> tuple[str, ...]:
    """The list the latest bulletin went to (empty before the first one)."""
    latest = sent(conn, 1)
    return latest[0].recipients if latest else ()


def curated(conn: Connection, limit: int) -> list[tuple[Item, Curation]]:
    """The `limit` newest items documentalists starred, tagged or noted (hidden ones left
    out), with their curation."""
    query = (
        select(items, *[column.label(f"curation_{column.name}") for column in curation.c])
        .join(curation, curation.c.item_id == items.c.id)
        .where(curation.c.hidden.is_(False),
               or_(curation.c.starred.is_(True), curation.c.note != "",
                   func.json_array_length(curation.c.tags) > 0))
        # An expression of the date, not the column: SQLite would go through the index on
        # dates, walking every item from the newest looking for curated ones; from the (few)
        # curated rows instead, sorted. (SQLite's "+published" is no expression PostgreSQL
        # reads.)
        .order_by(func.coalesce(items.c.published, items.c.published).desc(), items.c.id)
        .limit(limit)
    )
    found = []
    for row in conn.execute(query).mappings():
        marks = {key.removeprefix("curation_"): value for key, value in row.items()
                 if key.startswith("curation_")}
        found.append((from_row(Item, row), from_row(Curation, marks)))
    return found


def _untouched() -> tuple:
    """The conditions of a draft no mail has gone out for yet."""
    return (bulletins.c.sent_at.is_(None),
            func.coalesce(func.json_array_length(bulletins.c.delivered), 0) == 0)


def _refuse_sent(conn: Connection, bulletin_id: int) -> None:
    bulletin = get(conn, bulletin_id)  # NotFound when there is no such bulletin
    if not bulletin.sent and delivered(conn, bulletin_id):
        raise InvalidRequest(N_("Ce bulletin est déjà parti vers une partie de ses "
                                "destinataires : il ne peut plus être modifié ni supprimé, "
                                "seulement envoyé aux autres."))
    raise InvalidRequest(N_("Ce bulletin a déjà été envoyé : il ne peut plus être modifié."))


def plan(conn: Connection, bulletin_id: int, at: datetime | None,
         schedule: Schedule | None) -> None:
    """Plan the draft's sending at `at` (None: no sending planned); InvalidRequest once
    it is sent."""
    done = conn.execute(update(bulletins)
                        .where(bulletins.c.id == bulletin_id, bulletins.c.sent_at.is_(None))
                        .values(scheduled_at=at, schedule=asdict(schedule) if schedule else None))
    if done.rowcount == 0:
        _refuse_sent(conn, bulletin_id)


def due(conn: Connection, now: datetime) -> list[Bulletin]:
    """The drafts whose planned sending time has come, the earliest first."""
    query = (select(bulletins).where(bulletins.c.sent_at.is_(None),
                                     bulletins.c.scheduled_at <= now)
             .order_by(bulletins.c.scheduled_at, bulletins.c.id))
    return [_bulletin(row) for row in conn.execute(query).mappings()]


def _values(bulletin: Bulletin) -> dict:
    values = asdict(bulletin)
    values["entries"] = [asdict(entry) for entry in bulletin.entries]
    values["recipients"] = list(bulletin.recipients)
    return values


def _bulletin(row) -> Bulletin:
    entries = tuple(BulletinEntry(**entry) for entry in row["entries"])
    return Bulletin(
        title=row["title"], editorial=row["editorial"], entries=entries,
        recipients=tuple(row["recipients"]), created_by=row["created_by"],
        created_at=row["created_at"], sent_at=row["sent_at"], id=row["id"],
        scheduled_at=row["scheduled_at"],
        schedule=Schedule(**row["schedule"]) if row["schedule"] else None,
    )
