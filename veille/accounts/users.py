"""Accounts: creating them, checking passwords, changing a role or a password, deleting one.
Passwords are hashed with scrypt (Werkzeug's); there is no default account: `veille users
add` makes the first one. The last admin can neither lose the role nor be deleted, so that
someone can always manage the accounts from the web: the check and the change run in one
serialised transaction, so two admins demoting each other at once leave one. A password or
role change ends every session of the account, in the same transaction (a deletion too: its
sessions go with it)."""

import re

from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import InvalidRequest
from ..instance import Instance
from ..models import ROLES, Role, User, stored_id
from ..store import audit
from ..store import sessions as session_store
from ..store import users as user_store
from ..store.database import serialised

MIN_PASSWORD = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked when the email is unknown, so that a wrong email costs as long as a wrong password.
_NOBODY = generate_password_hash("nobody has this password", method="scrypt")


def add_user(instance: Instance, email: str, role: str, password: str,
             actor: str = "") -> User:
    """Create an account; InvalidRequest for a bad email, role or password, or a known email.
    Logged when someone (`actor`) made it from the web."""
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise InvalidRequest(f"{email!r} is not an email address")
    user = User(email, _check_role(role), _hash(password))
    with instance.engine.begin() as conn:
        user = user_store.add(conn, user)
        if actor:
            audit.record(conn, actor, "user-add", f"user:{email}", {"role": role})
    return user


def change_role(instance: Instance, user_id: int, role: str, actor: str) -> User:
    """Give the account another role (never taking the last admin's), ending its sessions."""
    _check_role(role)
    with serialised(instance.engine) as conn:
        user = user_store.get(conn, user_id)
        if user.role != role:
            if user.role == "admin":
                _keep_an_admin(conn)
            session_store.end_all(conn, user_id)
        user_store.set_role(conn, user_id, role)
        audit.record(conn, actor, "user-role", f"user:{user.email}", {"role": role})
        return user_store.get(conn, user_id)


def change_password(instance: Instance, user_id: int, password: str, actor: str) -> None:
    """Give the account a new password, ending its sessions."""
    with instance.engine.begin() as conn:
        user = user_store.get(conn, user_id)
        user_store.set_password_hash(conn, user_id, _hash(password))
        session_store.end_all(conn, user_id)
        audit.record(conn, actor, "user-password", f"user:{user.email}", {})


def remove_user(instance: Instance, user_id: int, actor: str) -> User:
    """Delete the account, with its sessions, saved searches, dossiers and notes (never the
    last admin)."""
    with serialised(instance.engine) as conn:
        user = user_store.get(conn, user_id)
        if user.role == "admin":
            _keep_an_admin(conn)
        user_store.remove(conn, user_id)
        audit.record(conn, actor, "user-delete", f"user:{user.email}", {})
    return user


def _check_role(role: str) -> Role:
    """`role`, one of ROLES; InvalidRequest for any other."""
    for known in ROLES:
        if role == known:
            return known
    raise InvalidRequest(f"a role is one of {', '.join(ROLES)}, not {role!r}")


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest(f"a password has {MIN_PASSWORD} characters at least")
    return generate_password_hash(password, method="scrypt")


def _keep_an_admin(conn) -> None:
    if user_store.admins(conn) <= 1:
        raise InvalidRequest("the last admin account must stay an admin")


def authenticate(instance: Instance, email: str, password: str) -> User | None:
    """The user whose email and password these are, else None (as slow either way)."""
    with instance.engine.begin() as conn:
        user = user_store.by_email(conn, normalise_email(email))
        if user is None:
            check_password_hash(_NOBODY, password)
            return None
        if not check_password_hash(user.password_hash, password):
            return None
        user_store.signed_in(conn, stored_id(user))
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()
