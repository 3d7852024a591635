"""The admin's pages: accounts added, their role and password changed, deleted (never the
last admin, never oneself), every change logged; the settings in force, secrets hidden."""

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.accounts.support import PASSWORD, add_account
from tests.liveserver import ServedProcess
from tests.webui.support import csrf_token, html, sign_in, sign_in_over_http
from veille.accounts import users
from veille.settings import SETTINGS
from veille.store import audit
from veille.store import users as user_store
from webui import create_app


@pytest.fixture
def admin(app, instance):
    client = app.test_client()
    sign_in(client, instance, "admin")
    return client


def post(client, path: str, **data):
    token = csrf_token(client.get("/admin/users").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=True)


def people(instance) -> dict[str, str]:
    with instance.engine.connect() as conn:
        return {user.email: user.role for user in user_store.all_users(conn)}


def user_id(instance, email: str) -> int:
    with instance.engine.connect() as conn:
        return user_store.by_email(conn, email).id


def test_an_admin_adds_an_account_who_then_signs_in(admin, app, instance):
    page = post(admin, "/admin/users/new", email="Claire@Maison.test", role="documentalist",
                password=PASSWORD)
    assert "Compte Claire@Maison.test créé." in page.get_data(as_text=True)
    assert people(instance)["claire@maison.test"] == "documentalist"
    assert users.authenticate(instance, "claire@maison.test", PASSWORD)


@pytest.mark.parametrize(("email", "password", "says"), [
    ("pas-une-adresse", PASSWORD, "Refusé"),
    ("court@maison.test", "court", "au moins 10 caractères"),
    ("admin@maison.test", PASSWORD, "already"),  # the admin's own address, taken
])
def test_a_bad_account_is_refused_with_the_reason(admin, instance, email, password, says):
    page = post(admin, "/admin/users/new", email=email, role="advisor", password=password)
    assert says in page.get_data(as_text=True)
    assert list(people(instance)) == ["admin@maison.test"]


def test_an_admin_changes_a_role_and_a_password(admin, instance):
    add_account(instance, "conseil@maison.test", "advisor")
    target = user_id(instance, "conseil@maison.test")
    post(admin, f"/admin/users/{target}/role", role="documentalist")
    post(admin, f"/admin/users/{target}/password", password="un tout autre mot de passe")
    assert people(instance)["conseil@maison.test"] == "documentalist"
    assert users.authenticate(instance, "conseil@maison.test", "un tout autre mot de passe")
    assert not users.authenticate(instance, "conseil@maison.test", PASSWORD)
    with instance.engine.connect() as conn:
        actions = [(e.actor, e.action, e.target) for e in audit.latest(conn, 10)]
    assert ("admin@maison.test", "user-role", "user:conseil@maison.test") in actions
    assert ("admin@maison.test", "user-password", "user:conseil@maison.test") in actions


def test_the_role_menu_shows_each_accounts_role(admin, instance):
    add_account(instance, "doc@maison.test", "documentalist")
    soup = html(admin.get("/admin/users"))
    chosen = {select.find_parent("tr").th.get_text(): select.find("option", selected=True)["value"]
              for select in soup.select("select[name=role]") if select.find_parent("tr")}
    assert chosen == {"admin@maison.test": "admin", "doc@maison.test": "documentalist"}
    assert all(soup.find("label", attrs={"for": field["id"]})
               for field in soup.select("main input:not([type=hidden]), main select"))


def test_an_admin_deletes_an_account_but_not_their_own(admin, instance):
    add_account(instance, "parti@maison.test", "advisor")
    post(admin, f"/admin/users/{user_id(instance, 'parti@maison.test')}/delete")
    assert "parti@maison.test" not in people(instance)
    page = post(admin, f"/admin/users/{user_id(instance, 'admin@maison.test')}/delete")
    assert "Vous ne pouvez pas supprimer votre propre compte." in page.get_data(as_text=True)
    assert "admin@maison.test" in people(instance)


def test_the_last_admin_keeps_the_role(admin, instance):
    page = post(admin, f"/admin/users/{user_id(instance, 'admin@maison.test')}/role",
                role="advisor")
    assert "the last admin account must stay an admin" in page.get_data(as_text=True)
    assert people(instance)["admin@maison.test"] == "admin"


def test_the_settings_page_shows_the_values_in_force_and_hides_secrets(instance):
    app = create_app({"TESTING": True,
                      "VEILLE_SETTINGS": {"smtp.password": "secret de la messagerie",
                                          "francetravail.client_secret": "jeton-tres-secret"}})
    client = app.test_client()
    sign_in(client, instance, "admin")
    page = client.get("/admin/settings").get_data(as_text=True)
    assert "[smtp] password" in page and "secret de la messagerie" not in page
    assert "[francetravail] client_secret" in page and "jeton-tres-secret" not in page
    assert "(défini)" in page and "[web] public_search" in page


@pytest.mark.parametrize("role", ["advisor", "documentalist"])
def test_only_admins_reach_the_accounts(app, instance, role):
    client = app.test_client()
    sign_in(client, instance, role)
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/settings").status_code == 403


def test_the_settings_page_describes_every_setting_in_the_page_s_language(admin):
    page = html(admin.get("/admin/settings"))
    described = {row.th.get_text(strip=True): row.find_all("td")[1].get_text()
                 for row in page.select("table.settings tbody tr")}
    assert set(described) == {f"[{s.section}] {s.key}" for s in SETTINGS}
    assert described["[fetch] max_redirects"] == (
        "Nombre maximal de redirections suivies pour un téléchargement.")
    english_help = {setting.help for setting in SETTINGS}
    assert [text for text in described.values() if text in english_help] == []
    english = html(admin.post("/language", data={"lang": "en", "next": "/admin/settings",
                                                 "csrf_token": csrf_token(str(page))},
                              follow_redirects=True))
    descriptions = [row.find_all("td")[1].get_text()
                    for row in english.select("table.settings tbody tr")]
    assert "Most redirects followed for one download." in descriptions


def html_of(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def test_without_a_base_url_the_settings_page_says_where_links_start(instance):
    users.add_user(instance, "chef@maison.test", "admin", PASSWORD)
    with ServedProcess() as served, httpx.Client(base_url=served.url) as chef:
        assert sign_in_over_http(chef, "chef@maison.test").status_code == 302
        said = html_of(chef.get("/admin/settings").text).find(id="links-from").get_text(" ")
    port = served.url.rsplit(":", 1)[1]
    assert "[web] base_url est vide" in said
    assert f"par l'adresse où veille est servi (http://127.0.0.1:{port})" in said
    assert served.url in said  # the page asked, its own address
