"""Sessions that really end: a cookie names a session the database keeps, so a deleted
account's cookie never opens a later account, and signing out, a password or role change,
a deletion, inactivity and age end sessions on the server, whatever copies of the cookie
exist. What a signed-in person is answered is never cached."""

from datetime import timedelta

import httpx
import pytest
from flask_login.utils import encode_cookie
from sqlalchemy import update

from tests.accounts.support import PASSWORD
from tests.liveserver import LiveServer
from tests.webui.support import csrf_token, html, sign_in_over_http, sign_in_with_form
from veille.accounts import users
from veille.store import users as user_store
from veille.store.schema import sessions, utcnow
from webui import create_app

PAUL = "paul@maison.test"


def user_id(instance, email: str) -> int:
    with instance.engine.connect() as conn:
        return user_store.by_email(conn, email).id


def signed_in_page(client) -> bool:
    """Whether the client reaches an advisor's page (else it is sent to sign in)."""
    answer = client.get("/saved")
    assert answer.status_code in (200, 302), answer.status_code
    return answer.status_code == 200


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def admin_posts(admin, path: str, **data):
    token = csrf_token(admin.get("/admin/users").get_data(as_text=True))
    return admin.post(path, data={"csrf_token": token, **data})


def test_a_deleted_advisors_cookie_does_not_open_the_admin_account_made_next(instance):
    users.add_user(instance, "chef@maison.test", "admin", PASSWORD)
    users.add_user(instance, PAUL, "advisor", PASSWORD)
    with LiveServer(create_app({"TESTING": True})) as server, \
            httpx.Client(base_url=server.url) as advisor, \
            httpx.Client(base_url=server.url) as chef:
        assert sign_in_over_http(advisor, PAUL).status_code == 302
        assert sign_in_over_http(chef, "chef@maison.test").status_code == 302
        paul = user_id(instance, PAUL)
        token = csrf_token(chef.get("/admin/users").text)
        chef.post(f"/admin/users/{paul}/delete", data={"csrf_token": token})
        chef.post("/admin/users/new", data={"csrf_token": token, "email": "nouvelle@maison.test",
                                            "role": "admin", "password": PASSWORD})
        assert user_id(instance, "nouvelle@maison.test") != paul
        replayed = advisor.get("/admin/users")
    assert replayed.status_code == 302 and replayed.headers["Location"].startswith("/login")


def test_a_copy_of_the_cookie_made_before_signing_out_no_longer_works(app, instance):
    client = app.test_client()
    sign_in_with_form(client, instance, "advisor")
    copy = copy_of(app, client)
    assert signed_in_page(copy)
    form = html(client.get("/saved")).select_one("form[action='/logout']")
    client.post("/logout", data={"csrf_token": form.select_one("[name=csrf_token]")["value"]})
    assert not signed_in_page(copy) and not signed_in_page(client)


@pytest.mark.parametrize(("path", "data"), [
    ("password", {"password": "un tout autre mot de passe"}),
    ("role", {"role": "documentalist"}),
    ("delete", {}),
])
def test_a_password_or_role_change_or_a_deletion_ends_every_session_of_the_account(
        app, instance, path, data):
    admin = app.test_client()
    sign_in_with_form(admin, instance, "admin")
    browsers = [app.test_client(), app.test_client()]
    sign_in_with_form(browsers[0], instance, "advisor")
    browsers[1].post("/login", data={
        "email": "advisor@maison.test", "password": PASSWORD,
        "csrf_token": csrf_token(browsers[1].get("/login").get_data(as_text=True))})
    browsers.append(copy_of(app, browsers[0]))
    assert all(signed_in_page(browser) for browser in browsers)
    target = user_id(instance, "advisor@maison.test")
    assert admin_posts(admin, f"/admin/users/{target}/{path}", **data).status_code == 302
    assert not any(signed_in_page(browser) for browser in browsers)
    assert signed_in_page(admin)  # the admin's own session goes on


def test_a_session_unused_for_session_idle_ends(instance):
    app = create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.session_idle": "30m"}})
    client = app.test_client()
    sign_in_with_form(client, instance, "advisor")
    aged(instance, last_seen=timedelta(minutes=29))
    assert signed_in_page(client)  # used now: another 30 minutes
    aged(instance, last_seen=timedelta(minutes=31))
    assert not signed_in_page(client)


def test_a_session_ends_session_max_after_signing_in_however_used(instance):
    app = create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.session_max": "2d"}})
    client = app.test_client()
    sign_in_with_form(client, instance, "advisor")
    aged(instance, began=timedelta(days=1, hours=23))
    assert signed_in_page(client)
    aged(instance, began=timedelta(days=2, minutes=1))
    assert not signed_in_page(client)


def aged(instance, began: timedelta = timedelta(0), last_seen: timedelta = timedelta(0)):
    """Move the sessions back in time: begun `began` ago, last used `last_seen` ago."""
    now = utcnow()
    with instance.engine.begin() as conn:
        conn.execute(update(sessions).values(created_at=now - began,
                                             last_seen_at=now - last_seen))


def test_a_remember_me_cookie_naming_an_account_signs_nobody_in(app, instance):
    sign_in_with_form(app.test_client(), instance, "advisor")
    client = app.test_client()
    with app.test_request_context():
        client.set_cookie("remember_token", encode_cookie(str(user_id(instance,
                                                                      "advisor@maison.test"))))
    assert not signed_in_page(client)


@pytest.mark.parametrize("path", ["/search", "/api/search?q=emploi", "/saved", "/notes"])
def test_what_a_signed_in_person_is_answered_is_never_cached(app, instance, path):
    client = app.test_client()
    assert client.get(path).headers.get("Cache-Control") != "no-store"
    sign_in_with_form(client, instance, "advisor")
    assert client.get(path).headers["Cache-Control"] == "no-store"
