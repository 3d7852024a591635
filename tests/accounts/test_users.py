"""Accounts: the last admin stays one, even when two admins demote or delete each other at the
same moment (one of them is refused, clearly)."""

from functools import partial

import pytest
from sqlalchemy import update

from tests.concurrency import at_once
from veille.accounts import users as accounts
from veille.errors import InvalidRequest
from veille.instance import Instance
from veille.models import User
from veille.store import users as user_store
from veille.store.schema import users

ROUNDS = 12
CHANGES = {
    "demotes": lambda instance, me, other: accounts.change_role(instance, other.id, "advisor",
                                                                me.email),
    "deletes": lambda instance, me, other: accounts.remove_user(instance, other.id, me.email),
}


def two_admins(instance: Instance, round_: int) -> tuple[User, User]:
    """The only admins: two new accounts (earlier rounds' admins become advisors)."""
    with instance.engine.begin() as conn:
        conn.execute(update(users).where(users.c.role == "admin").values(role="advisor"))
        return tuple(user_store.add(conn, User(f"{name}{round_}@maison.test", "admin", "h"))
                     for name in ("alice", "bruno"))


def admins(instance: Instance) -> int:
    with instance.engine.connect() as conn:
        return user_store.admins(conn)


@pytest.mark.parametrize(("first", "second"), [("demotes", "demotes"), ("deletes", "deletes"),
                                               ("demotes", "deletes")])
def test_two_admins_changing_each_other_at_once_leave_one_admin_and_one_refusal(
        instance, first, second):
    for round_ in range(ROUNDS):
        alice, bruno = two_admins(instance, round_)
        outcomes = at_once(partial(CHANGES[first], instance, alice, bruno),
                           partial(CHANGES[second], instance, bruno, alice))
        refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        assert len(refused) == 1, outcomes
        assert isinstance(refused[0], InvalidRequest), refused
        assert "the last admin account must stay an admin" in str(refused[0])
        assert admins(instance) == 1
