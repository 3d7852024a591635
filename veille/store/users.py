"""The users repository."""

from sqlalchemy import Connection, delete, func, insert, select, update

from ..errors import InvalidRequest, NotFound
from ..models import User
from .rows import from_row, inserted_id
from .schema import users, utcnow


def add(conn: Connection, user: User) -> User:
    if by_email(conn, user.email):
        raise InvalidRequest(f"there is an account for {user.email} already")
    values = {"email": user.email, "role": user.role, "password_hash": user.password_hash,
              "created_at": utcnow()}
    new_id = inserted_id(conn.execute(insert(users).values(**values)))
    return get(conn, new_id)


def get(conn: Connection, user_id: int) -> User:
    row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
    if row is None:
        raise NotFound(f"no user {user_id}")
    return from_row(User, row)


def by_email(conn: Connection, email: str) -> User | None:
    row = conn.execute(select(users).where(users.c.email == email)).mappings().first()
    return from_row(User, row) if row else None


def any_user(conn: Connection) -> bool:
    return conn.execute(select(users.c.id).limit(1)).first() is not None


def all_users(conn: Connection) -> list[User]:
    return [from_row(User, row)
            for row in conn.execute(select(users).order_by(users.c.email)).mappings()]


def signed_in(conn: Connection, user_id: int) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(last_login_at=utcnow()))


def set_role(conn: Connection, user_id: int, role: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(role=role))


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


def remove(conn: Connection, user_id: int) -> None:
    """Delete the account (its saved searches, dossiers and notes go with it)."""
    conn.execute(delete(users).where(users.c.id == user_id))


def admins(conn: Connection) -> int:
    return conn.execute(select(func.count()).where(users.c.role == "admin")).scalar_one()
