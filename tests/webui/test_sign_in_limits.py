"""Failed sign-ins are counted in the database before any password is checked: per email and
address (five free, then a growing wait), with a ceiling per address high enough for an
office; shared by every web process and kept across restarts; the address read from
X-Forwarded-For only behind a trusted proxy. The refusal says, in French, how long to wait."""

from collections import Counter
from functools import partial

import httpx
import pytest

from tests.accounts.support import PASSWORD
from tests.concurrency import at_once
from tests.liveserver import LiveServer, ServedProcess
from tests.webui.support import csrf_token, sign_in_over_http
from veille.accounts import users
from veille.store import login_failures
from webui import create_app

CLAIRE, PAUL = "claire@maison.test", "paul@maison.test"
WRONG = "pas le bon mot de passe"
OFFICE, HOME = "203.0.113.10", "198.51.100.20"


@pytest.fixture
def people(instance):
    for email in (CLAIRE, PAUL):
        users.add_user(instance, email, "advisor", PASSWORD)


def client_from(app, address: str, forwarded_for: str | None = None):
    """A test client whose requests come from `address` (and carry X-Forwarded-For)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    if forwarded_for:
        client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client


def answer(client, email: str = CLAIRE, password: str = PASSWORD):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": token})


def attempt(client, email: str = CLAIRE, password: str = PASSWORD) -> int:
    return answer(client, email, password).status_code


def test_after_five_failures_even_the_right_password_waits_and_the_page_says_how_long(
        app, people):
    client = client_from(app, OFFICE)
    assert [attempt(client, password=WRONG) for _ in range(5)] == [401] * 5
    refused = answer(client)
    assert refused.status_code == 429
    assert "Trop de tentatives : réessayez dans 1 minute." in refused.get_data(as_text=True)
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_a_lock_holds_that_email_from_that_address_only(app, people):
    at_office = client_from(app, OFFICE)
    for _ in range(5):
        attempt(at_office, password=WRONG)
    assert attempt(at_office) == 429
    assert attempt(client_from(app, HOME)) == 302  # Claire herself, from elsewhere
    assert attempt(client_from(app, OFFICE), PAUL) == 302  # a colleague at the office


def test_a_success_clears_its_own_email_and_address_only(app, people):
    at_office, at_home = client_from(app, OFFICE), client_from(app, HOME)
    for _ in range(4):
        attempt(at_office, password=WRONG)
        attempt(at_home, password=WRONG)
    assert attempt(client_from(app, OFFICE)) == 302
    assert [attempt(at_office, password=WRONG) for _ in range(4)] == [401] * 4
    assert attempt(at_home, password=WRONG) == 401  # its fifth
    assert attempt(at_home) == 429


def test_an_address_has_a_ceiling_for_all_accounts_together(instance, people):
    app = create_app({"TESTING": True,
                      "VEILLE_SETTINGS": {"web.login_failures_per_address": 3}})
    at_office = client_from(app, OFFICE)
    for email in ("a@maison.test", "b@maison.test", "c@maison.test"):
        assert attempt(at_office, email, WRONG) == 401
    refused = answer(at_office)
    assert refused.status_code == 429
    assert "réessayez dans 15 minutes" in refused.get_data(as_text=True)
    assert attempt(client_from(app, HOME)) == 302


def test_x_forwarded_for_names_the_address_only_behind_a_trusted_proxy(instance, people):
    app = create_app({"TESTING": True,
                      "VEILLE_SETTINGS": {"web.trusted_proxies": "10.0.0.0/8"}})
    behind_proxy = partial(client_from, app, "10.0.0.5")
    for _ in range(5):
        attempt(behind_proxy(f"192.0.2.1, {OFFICE}"), password=WRONG)
    assert attempt(behind_proxy(OFFICE)) == 429
    assert attempt(behind_proxy(HOME)) == 302  # someone else behind the same proxy
    for number in range(5):  # not through the proxy: whatever the header claims
        attempt(client_from(app, HOME, f"192.0.2.{number}"), password=WRONG)
    assert attempt(client_from(app, HOME, "192.0.2.99")) == 429


@pytest.mark.slow
def test_forty_wrong_passwords_sent_at_once_get_five_checked(instance, people):
    with LiveServer(create_app({"TESTING": True})) as server:
        clients = [httpx.Client(base_url=server.url) for _ in range(40)]
        tokens = [csrf_token(client.get("/login").text) for client in clients]
        answers = at_once(*(partial(client.post, "/login", data={
            "email": CLAIRE, "password": WRONG, "csrf_token": token})
            for client, token in zip(clients, tokens, strict=True)))
        for client in clients:
            client.close()
    assert Counter(answer.status_code for answer in answers) == {401: 5, 429: 35}
    with instance.engine.connect() as conn:
        assert login_failures.get(conn, login_failures.PAIR, "127.0.0.1", CLAIRE).failures == 5


@pytest.mark.slow
def test_web_processes_share_the_counts_and_keep_them_across_a_restart(people):
    with ServedProcess() as first, httpx.Client(base_url=first.url) as one:
        assert [sign_in_over_http(one, CLAIRE, WRONG).status_code for _ in range(3)] == [401] * 3
        with ServedProcess() as second, httpx.Client(base_url=second.url) as other:
            assert [sign_in_over_http(other, CLAIRE, WRONG).status_code
                    for _ in range(2)] == [401] * 2
            assert sign_in_over_http(one, CLAIRE).status_code == 429
    with ServedProcess() as again, httpx.Client(base_url=again.url) as client:
        assert sign_in_over_http(client, CLAIRE).status_code == 429
