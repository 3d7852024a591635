"""Accounts for tests, made cheaply: every account of the tests has the same password, whose
scrypt hash (a tenth of a second on purpose) is computed once for the run, not for each of the
hundreds of accounts the tests make."""

from functools import cache

from werkzeug.security import generate_password_hash

from veille.accounts import users
from veille.instance import Instance
from veille.models import User
from veille.store import users as user_store

PASSWORD = "un mot de passe long"
# Two advisors of one Maison, for what one may see or change of the other's.
ANNE, BRUNO = "anne@maison.test", "bruno@maison.test"


@cache
def password_hash() -> str:
    """PASSWORD hashed as `veille.accounts.users` hashes passwords."""
    return generate_password_hash(PASSWORD, method="scrypt")


def add_account(instance: Instance, email: str, role: str) -> User:
    """A new account of `role` whose password is PASSWORD, stored as `users.add_user` stores
    it (which tests/accounts and the account pages test, with the hashing)."""
    with instance.engine.begin() as conn:
        return user_store.add(conn, User(users.normalise_email(email), role, password_hash()))
