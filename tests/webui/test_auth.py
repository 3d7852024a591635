"""Signing in and out: CSRF on the form, a new session at sign-in, cookie flags, only this
site's pages as the next page. Failed attempts: tests/webui/test_sign_in_limits.py."""

import re

import pytest

from tests.webui.support import csrf_token
from veille.accounts import users
from webui import auth, create_app

EMAIL, PASSWORD = "claire@maison.test", "un mot de passe long"


@pytest.fixture
def advisor(instance):
    return users.add_user(instance, EMAIL, "advisor", PASSWORD)


def token(client, path: str = "/login") -> str:
    return csrf_token(client.get(path).get_data(as_text=True))


def sign_in(client, email=EMAIL, password=PASSWORD, path="/login"):
    return client.post(path, data={"email": email, "password": password,
                                   "csrf_token": token(client)})


def test_the_sign_in_page_is_french_and_its_form_carries_a_csrf_token(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="fr">' in page and "Mot de passe" in page and token(client)


def test_a_form_without_its_csrf_token_is_refused(client, advisor):
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400


def test_signing_in_opens_a_new_session_with_safe_cookie_flags(client, advisor):
    client.get("/login")
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"] == "/search"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    home = client.get("/search").get_data(as_text=True)
    assert EMAIL in home and "Se déconnecter" in home


def test_a_wrong_password_or_email_says_so_without_telling_which(client, advisor):
    for email, password in [(EMAIL, "pas le bon mot de passe"), ("inconnu@maison.test", PASSWORD)]:
        response = sign_in(client, email, password)
        assert response.status_code == 401
        assert "Adresse ou mot de passe incorrect." in response.get_data(as_text=True)




@pytest.mark.parametrize(
    ("asked", "landing"),
    [("/items/abc", "/items/abc"), ("//ailleurs.test/x", "/search"),
     ("https://ailleurs.test/", "/search"), ("javascript:alert(1)", "/search")],
)
def test_after_signing_in_only_a_page_of_this_site_is_the_next_one(client, advisor, asked,
                                                                    landing):
    response = client.post(f"/login?next={asked}", data={
        "email": EMAIL, "password": PASSWORD, "csrf_token": token(client)})
    assert response.headers["Location"] == landing


def test_signing_out_ends_the_session(client, advisor):
    sign_in(client)
    home = client.get("/search").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', home)[1]
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
    assert "Se connecter" in client.get("/search").get_data(as_text=True)
    assert client.get("/logout").status_code == 405  # no state change on GET


def test_over_https_the_session_cookie_is_secure(instance, advisor):
    client = create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.https": True}}).test_client()
    assert "Secure" in sign_in(client).headers["Set-Cookie"]


def test_the_session_key_is_made_once_and_kept_private(instance, app):
    key_file = instance.root / auth.SECRET_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert create_app({"TESTING": True}).secret_key == app.secret_key == key_file.read_bytes()
