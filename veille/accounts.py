"""Accounts: creating them, checking passwords. Passwords are hashed with scrypt
(Werkzeug's); there is no default account: `veille users add` makes the first one."""

import re

from werkzeug.security import check_password_hash, generate_password_hash

from .errors import InvalidRequest
from .instance import Instance
from .models import ROLES, User
from .store import users as user_store

MIN_PASSWORD = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked when the email is unknown, so that a wrong email costs as long as a wrong password.
_NOBODY = generate_password_hash("nobody has this password", method="scrypt")


def add_user(instance: Instance, email: str, role: str, password: str) -> User:
    """Create an account; InvalidRequest for a bad email, role or password, or a known email."""
    email = normalise_email(email)
    if not _EMAIL.match(email):
        raise InvalidRequest(f"{email!r} is not an email address")
    if role not in ROLES:
        raise InvalidRequest(f"a role is one of {', '.join(ROLES)}, not {role!r}")
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest(f"a password has {MIN_PASSWORD} characters at least")
    user = User(email, role, generate_password_hash(password, method="scrypt"))
    with instance.engine.begin() as conn:
        return user_store.add(conn, user)


def authenticate(instance: Instance, email: str, password: str) -> User | None:
    """The user whose email and password these are, else None (as slow either way)."""
    with instance.engine.begin() as conn:
        user = user_store.by_email(conn, normalise_email(email))
        if user is None:
            check_password_hash(_NOBODY, password)
            return None
        if not check_password_hash(user.password_hash, password):
            return None
        user_store.signed_in(conn, user.id)
    return user


def normalise_email(email: str) -> str:
    return email.strip().lower()
