"""The address guard: which addresses veille may connect to, checked at connection time."""

import ipaddress

import httpx
import pytest

from veille.errors import ConfigError, FetchError
from veille.fetch.netguard import (
    AddressPolicy,
    guarded_transport,
    is_public_address,
    parse_networks,
)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::127.0.0.1", False),
        ("2002:7f00:1::", False),
        ("ff02::1", False),
    ],
)
def test_public_addresses_are_the_globally_routable_unicast_ones(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    ("policy", "address", "allowed"),
    [
        (AddressPolicy(), "8.8.8.8", True),
        (AddressPolicy(), "10.2.3.4", False),
        (AddressPolicy(allow_private=True), "10.2.3.4", True),
        (AddressPolicy(allowed_networks=parse_networks("10.2.0.0/16")), "10.2.3.4", True),
        (AddressPolicy(allowed_networks=parse_networks("10.2.0.0/16")), "10.3.0.1", False),
        (AddressPolicy(allowed_networks=parse_networks("127.0.0.2")), "127.0.0.1", False),
    ],
)
def test_a_policy_allows_public_addresses_and_the_networks_it_names(policy, address, allowed):
    assert policy.allows(address) is allowed


def test_allowed_networks_are_a_comma_separated_list():
    assert parse_networks(" 10.2.0.0/16, 192.168.1.7 ,") == (
        ipaddress.ip_network("10.2.0.0/16"),
        ipaddress.ip_network("192.168.1.7/32"),
    )


def test_a_wrong_network_is_a_config_error_naming_the_setting():
    with pytest.raises(ConfigError, match="allowed_networks"):
        parse_networks("10.2.0.0/33")


def test_the_guard_sits_in_the_connection_itself(feed_server):
    """Whatever the caller checked before, the connection refuses a forbidden address."""
    transport = guarded_transport(AddressPolicy(), httpx.Limits())
    with httpx.Client(transport=transport) as client, pytest.raises(FetchError, match="127.0.0.1"):
        client.get(feed_server.url("/feeds/emploi-grand-est.rss"))
    assert feed_server.served == []
