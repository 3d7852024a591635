"""The repository of the bulletins' lists and subscribers, and of the pasted recipients'
unsubscribe tokens."""

import secrets
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import InvalidRequest, NotFound
from ..models import BulletinList, Subscriber
from .rows import from_row, inserted_id
from .schema import bulletin_lists, bulletin_subscribers, pasted_recipients

PENDING, CONFIRMED, UNSUBSCRIBED = "pending", "confirmed", "unsubscribed"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def create_list(conn: Connection, found: BulletinList) -> BulletinList:
    try:
        with conn.begin_nested():
            new_id = inserted_id(conn.execute(insert(bulletin_lists).values(
                name=found.name, description=found.description,
                created_at=found.created_at)))
    except IntegrityError:
        raise InvalidRequest(f"Il y a déjà une liste « {found.name} ».") from None
    return replace(found, id=new_id)


def lists(conn: Connection) -> list[tuple[BulletinList, dict[str, int]]]:
    """Every list, by name, with how many subscribers of each status it holds."""
    counted = conn.execute(select(bulletin_subscribers.c.list_id, bulletin_subscribers.c.status,
                                  func.count()).group_by(bulletin_subscribers.c.list_id,
                                                         bulletin_subscribers.c.status))
    counts: dict[int, dict[str, int]] = {}
    for list_id, status, number in counted:
        counts.setdefault(list_id, {})[status] = number
    rows = conn.execute(select(bulletin_lists).order_by(bulletin_lists.c.name)).mappings()
    return [(from_row(BulletinList, row), counts.get(row["id"], {})) for row in rows]


def get_list(conn: Connection, list_id: int) -> BulletinList:
    row = conn.execute(select(bulletin_lists).where(bulletin_lists.c.id == list_id)
                       ).mappings().first()
    if row is None:
        raise NotFound(f"no list {list_id}")
    return from_row(BulletinList, row)


def delete_list(conn: Connection, list_id: int) -> None:
    conn.execute(delete(bulletin_subscribers).where(bulletin_subscribers.c.list_id == list_id))
    conn.execute(delete(bulletin_lists).where(bulletin_lists.c.id == list_id))


def members(conn: Connection, list_id: int, status: str | None = None) -> list[Subscriber]:
    """The list's subscribers (of `status` only, if named), by address."""
    query = select(bulletin_subscribers).where(bulletin_subscribers.c.list_id == list_id)
    if status:
        query = query.where(bulletin_subscribers.c.status == status)
    rows = conn.execute(query.order_by(bulletin_subscribers.c.email)).mappings()
    return [from_row(Subscriber, row) for row in rows]


def of_email(conn: Connection, list_id: int, email: str) -> Subscriber | None:
    row = conn.execute(select(bulletin_subscribers).where(
        bulletin_subscribers.c.list_id == list_id, bulletin_subscribers.c.email == email)
    ).mappings().first()
    return from_row(Subscriber, row) if row else None


def put(conn: Connection, found: Subscriber) -> None:
    """Store the subscriber: a new row, or the one of its list and address changed."""
    values = {key: value for key, value in vars(found).items() if key != "id"}
    if not conn.execute(update(bulletin_subscribers).where(
            bulletin_subscribers.c.list_id == found.list_id,
            bulletin_subscribers.c.email == found.email).values(**values)).rowcount:
        conn.execute(insert(bulletin_subscribers).values(**values))


def awaiting(conn: Connection, confirm_hash: str) -> list[Subscriber]:
    """The pending subscriptions a confirmation link stands for."""
    rows = conn.execute(select(bulletin_subscribers).where(
        bulletin_subscribers.c.confirm_hash == confirm_hash,
        bulletin_subscribers.c.status == PENDING)).mappings()
    return [from_row(Subscriber, row) for row in rows]


def by_token(conn: Connection, token: str) -> Subscriber | None:
    row = conn.execute(select(bulletin_subscribers)
                       .where(bulletin_subscribers.c.token == token)).mappings().first()
    return from_row(Subscriber, row) if row else None


def pasted_tokens(conn: Connection, emails: list[str], now: datetime) -> dict[str, str]:
    """The unsubscribe token of each pasted address (made for those that have none)."""
    known = dict(conn.execute(select(pasted_recipients.c.email, pasted_recipients.c.token)
                              .where(pasted_recipients.c.email.in_(emails))).all())
    for email in emails:
        if email not in known:
            known[email] = new_token()
            conn.execute(insert(pasted_recipients).values(email=email, token=known[email],
                                                          created_at=now))
    return known


def pasted_unsubscribed(conn: Connection, emails: list[str]) -> set[str]:
    return set(conn.execute(select(pasted_recipients.c.email).where(
        pasted_recipients.c.email.in_(emails),
        pasted_recipients.c.unsubscribed_at.is_not(None))).scalars())


def pasted_by_token(conn: Connection, token: str) -> tuple[str, datetime | None] | None:
    """The pasted address of `token` and when it unsubscribed, if it did."""
    row = conn.execute(select(pasted_recipients.c.email, pasted_recipients.c.unsubscribed_at)
                       .where(pasted_recipients.c.token == token)).first()
    return (row.email, row.unsubscribed_at) if row else None


def unsubscribe_pasted(conn: Connection, token: str, now: datetime) -> None:
    conn.execute(update(pasted_recipients).where(pasted_recipients.c.token == token,
                                                 pasted_recipients.c.unsubscribed_at.is_(None))
                 .values(unsubscribed_at=now))


def forget(conn: Connection, list_id: int, email: str) -> None:
    conn.execute(delete(bulletin_subscribers).where(bulletin_subscribers.c.list_id == list_id,
                                                    bulletin_subscribers.c.email == email))
