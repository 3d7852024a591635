"""veille.fetch.francetravail: tokens and calls to France Travail's APIs, against a loopback
server speaking their protocol."""

import pytest

from tests.francetravailserver import SEARCH, FranceTravailServer, offer
from veille.errors import FetchError, ParseError
from veille.fetch.client import Fetcher
from veille.fetch.francetravail import FranceTravail, json_of
from veille.settings import load_settings

OFFERS = "api_offresdemploiv2 o2dsoffre"
STATS = "api_stats-offres-demandes-emploiv1 offresetdemandesemploi"


def settings(server: FranceTravailServer, **overrides):
    values = {"fetch.allow_private_networks": True, "fetch.per_host_delay": 0.0,
              "fetch.read_timeout": 2.0, **server.settings(), **overrides}
    return load_settings(env={}, overrides=values)


@pytest.fixture
def server():
    with FranceTravailServer() as running:
        running.offers = [offer(1), offer(2)]
        yield running


@pytest.fixture
def api(server):
    values = settings(server)
    with Fetcher(values.fetch) as fetcher:
        yield FranceTravail(fetcher, values.francetravail)


def search(api: FranceTravail):
    return api.get("/offresdemploi/v2/offres/search", {"codeROME": "H2913"}, OFFERS)


def test_one_token_serves_many_calls(server, api):
    answers = [search(api) for _ in range(5)]
    assert [answer.status for answer in answers] == [200] * 5
    assert server.token_scopes == [OFFERS]
    assert len(server.calls) == 5


def test_each_scope_set_has_its_token(server, api, shared_data):
    server.indicators["stat-demandeurs"] = shared_data / "francetravail-api-samples/jobIndic.json"
    search(api)
    api.post("/stats-offres-demandes-emploi/v1/indicateur/stat-demandeurs", {}, STATS)
    search(api)
    assert server.token_scopes == [OFFERS, STATS]
    assert server.calls[1].body == b"{}"


def test_a_token_about_to_expire_is_asked_again(server, api):
    server.expires_in = 30  # less than the minute kept before expiry
    search(api)
    search(api)
    assert server.token_scopes == [OFFERS, OFFERS]


def test_a_401_asks_a_new_token_once(server, api):
    search(api)
    server.revoke()
    assert search(api).status == 200
    assert server.token_scopes == [OFFERS, OFFERS]


def test_a_401_with_a_new_token_is_refused_credentials(server, api):
    server.then(SEARCH, 401)
    server.then(SEARCH, 401)
    with pytest.raises(FetchError) as refused:
        search(api)
    assert refused.value.kind == "credentials"


def test_a_429_waits_what_retry_after_says(server, api):
    server.then(SEARCH, 429, {"Retry-After": "1"})
    assert search(api).status == 200
    first, second = server.calls
    assert second.arrived - first.arrived >= 1.0


def test_a_429_asking_a_long_wait_is_a_spent_quota(server, api):
    server.then(SEARCH, 429, {"Retry-After": "3600"})
    with pytest.raises(FetchError) as refused:
        search(api)
    assert refused.value.kind == "quota"
    assert len(server.calls) == 1


def test_refused_credentials_say_so(server):
    values = settings(server, **{"francetravail.client_secret": "pas le bon"})
    with Fetcher(values.fetch) as fetcher, pytest.raises(FetchError) as refused:
        search(FranceTravail(fetcher, values.francetravail))
    assert refused.value.kind == "credentials"
    assert server.calls == []


def test_missing_credentials_ask_nothing(server):
    values = settings(server, **{"francetravail.client_id": ""})
    with Fetcher(values.fetch) as fetcher, pytest.raises(FetchError) as refused:
        FranceTravail(fetcher, values.francetravail)
    assert refused.value.kind == "credentials"
    assert server.token_scopes == []


def test_malformed_json_is_an_api_change(server, api):
    server.then(SEARCH, 200, body=b'{"resultats": [')
    with pytest.raises(ParseError) as refused:
        json_of(search(api))
    assert refused.value.kind == "api_changed"


def test_the_address_guard_applies(server):
    values = settings(server, **{"fetch.allow_private_networks": False})
    with Fetcher(values.fetch) as fetcher, pytest.raises(FetchError) as refused:
        search(FranceTravail(fetcher, values.francetravail))
    assert refused.value.kind == "blocked_address"
