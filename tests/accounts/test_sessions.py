"""Sessions kept in the database: only a hash of their secret is stored, their last use is
written about once a minute (not at every request), those that have ended are deleted at the
next sign-in (tests/webui/test_sessions.py: what ends them)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from veille.accounts import sessions, users
from veille.store.schema import sessions as session_rows

T0 = datetime(2026, 6, 1, 9, tzinfo=UTC)
PASSWORD = "un mot de passe long"


@pytest.fixture
def paul(instance):
    return users.add_user(instance, "paul@maison.test", "advisor", PASSWORD)


def rows(instance) -> list[dict]:
    with instance.engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(session_rows)).mappings()]


def test_only_a_hash_of_the_secret_is_stored(instance, paul):
    token = sessions.start(instance, paul.id, T0)
    [row] = rows(instance)
    assert token not in str(row) and len(row["token_hash"]) == 64
    assert sessions.user_of(instance, token, T0).email == "paul@maison.test"
    assert sessions.user_of(instance, token + "x", T0) is None


def test_its_last_use_is_written_once_a_minute_at_most(instance, paul):
    token = sessions.start(instance, paul.id, T0)
    for seconds in (1, 30, 59):
        assert sessions.user_of(instance, token, T0 + timedelta(seconds=seconds))
    assert rows(instance)[0]["last_seen_at"] == T0
    assert sessions.user_of(instance, token, T0 + timedelta(seconds=61))
    assert rows(instance)[0]["last_seen_at"] == T0 + timedelta(seconds=61)


def test_ended_sessions_are_deleted_at_the_next_sign_in(instance, paul):
    idle = sessions.lifetimes(instance.settings).idle
    sessions.start(instance, paul.id, T0)
    kept = sessions.start(instance, paul.id, T0 + idle)
    sessions.start(instance, paul.id, T0 + idle + timedelta(seconds=1))
    assert len(rows(instance)) == 2
    assert sessions.user_of(instance, kept, T0 + idle + timedelta(seconds=2))
