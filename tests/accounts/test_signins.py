"""The sign-in limiter's rules, on its clock: five free failures for an email from an address,
then a wait that doubles at each further failure up to an hour; a count forgotten a day
after it began, and deleted once run out; who is signing in behind a reverse proxy."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from veille.accounts import signins, users
from veille.fetch.netguard import parse_networks
from veille.store.schema import login_failures

T0 = datetime(2026, 6, 1, 9, tzinfo=UTC)
EMAIL, PASSWORD, WRONG = "claire@maison.test", "un mot de passe long", "pas le bon"
OFFICE = "203.0.113.10"


@pytest.fixture
def claire(instance):
    return users.add_user(instance, EMAIL, "advisor", PASSWORD)


def waits(instance, now: datetime, password: str = WRONG) -> int | None:
    """The seconds to wait the attempt is told, else None (it was checked)."""
    try:
        signins.sign_in(instance, EMAIL, password, OFFICE, now=now)
    except signins.TooManyAttempts as refused:
        return refused.wait
    return None


def test_the_wait_doubles_at_each_failure_after_the_fifth_up_to_an_hour(instance, claire):
    assert [waits(instance, T0) for _ in range(4)] == [None] * 4
    now, expected = T0, 60
    while expected <= 3600:
        assert waits(instance, now) is None  # checked (and wrong): the lock begins
        assert waits(instance, now, PASSWORD) == expected
        now += timedelta(seconds=expected)
        expected *= 2
    assert waits(instance, now) is None
    assert waits(instance, now) == 3600


def test_a_count_is_forgotten_a_day_after_it_began(instance, claire):
    for _ in range(5):
        waits(instance, T0)
    assert waits(instance, T0 + timedelta(minutes=1)) is None  # its sixth: two minutes
    later = T0 + signins.PAIR_WINDOW + timedelta(minutes=3)
    assert [waits(instance, later) for _ in range(4)] == [None] * 4


def test_counts_that_ran_out_are_deleted_at_the_next_sign_in(instance, claire):
    for address in ("192.0.2.1", "192.0.2.2"):
        signins.sign_in(instance, "inconnu@maison.test", WRONG, address, now=T0)
    later = T0 + signins.PAIR_WINDOW + timedelta(seconds=1)
    assert signins.sign_in(instance, EMAIL, PASSWORD, OFFICE, now=later)
    with instance.engine.connect() as conn:
        kept = conn.execute(select(login_failures.c.scope, login_failures.c.address)).all()
    assert kept == [("address", OFFICE)]  # this attempt's, taken back


def test_a_success_opens_a_session_and_a_failure_none(instance, claire):
    assert signins.sign_in(instance, EMAIL, WRONG, OFFICE) is None
    signed = signins.sign_in(instance, " Claire@Maison.test ", PASSWORD, OFFICE)
    assert signed.user.id == claire.id and len(signed.token) >= 32


TRUSTED = parse_networks("10.0.0.0/8, 2001:db8::/32")


@pytest.mark.parametrize(("peer", "forwarded_for", "seen"), [
    ("10.0.0.5", None, "10.0.0.5"),
    ("10.0.0.5", "203.0.113.10", "203.0.113.10"),
    ("10.0.0.5", "192.0.2.1, 203.0.113.10", "203.0.113.10"),  # a client writes what it likes
    ("10.0.0.5", "203.0.113.10, 10.0.0.7", "203.0.113.10"),  # two proxies of ours
    ("10.0.0.5", "10.0.0.8 , 10.0.0.7", "10.0.0.8"),  # all ours
    ("10.0.0.5", "pas une adresse", "10.0.0.5"),
    ("::ffff:10.0.0.5", "203.0.113.10", "203.0.113.10"),
    ("2001:db8::1", "2001:db9::2", "2001:db9::2"),
    ("203.0.113.10", "10.0.0.1", "203.0.113.10"),  # not through a proxy: the header is a lie
    (None, "10.0.0.1", ""),
])
def test_behind_a_trusted_proxy_the_client_is_the_last_address_it_does_not_trust(
        peer, forwarded_for, seen):
    assert signins.client_address(peer, forwarded_for, TRUSTED) == seen


def test_without_trusted_proxies_x_forwarded_for_is_ignored():
    assert signins.client_address("10.0.0.5", "203.0.113.10", ()) == "10.0.0.5"
