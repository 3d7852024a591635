"""Where the links of emails start: [web] base_url, else the page a mail is sent from, else
the address veille is served at."""

import socket

import pytest

from veille.diffuse.links import served_url, site_url
from veille.settings import load_settings


def web(**values):
    return load_settings(env={}, overrides={f"web.{k}": v for k, v in values.items()}).web


def test_the_base_url_the_maison_set_comes_first():
    assert site_url(web(base_url="https://veille.maison.test/"),
                    "http://127.0.0.1:8123/") == "https://veille.maison.test"


def test_without_it_links_start_at_the_page_a_mail_is_sent_from():
    assert site_url(web(), "http://10.0.0.7:8123/") == "http://10.0.0.7:8123"


def test_without_a_page_they_start_where_veille_is_served():
    assert site_url(web(port=8123)) == "http://127.0.0.1:8123"


@pytest.mark.parametrize(("host", "https", "expected"), [
    ("::1", False, "http://[::1]:8000"),
    ("veille.maison.test", True, "https://veille.maison.test:8000"),
    ("0.0.0.0", False, f"http://{socket.getfqdn()}:8000"),
])
def test_the_served_address_is_one_people_can_type(host, https, expected):
    assert served_url(web(host=host, https=https)) == expected


def test_the_default_base_url_is_empty_so_that_links_follow_the_served_address():
    assert web().base_url == ""
