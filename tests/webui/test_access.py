"""Every route is declared in webui.access.ACCESS, and answers each kind of visitor as the
table says: anonymous (the employers, who have no accounts: the portal is public), advisor,
documentalist, admin; GET and POST."""

import pytest

from tests.webui.support import sign_in
from webui import access, create_app

VISITORS = (None, "advisor", "documentalist", "admin")
SAMPLE_ARGS = {"item_id": "inconnu", "resource_id": "inconnu", "rule_id": 404, "dossier_id": 404,
               "bulletin_id": 404,
               "saved_id": 404,
               "code": "Z9999",  # a ROME job (/metiers/<code>)
               "key": "bassin:9999",  # a place (/territoires/<key>)
               "filename": "style.css",
               "source_id": 404, "user_id": 404,
               "list_id": 404, "token": "inconnu"}


def routes(app):
    return [rule for rule in app.url_map.iter_rules()]


def test_every_route_is_in_the_access_table_and_the_table_names_only_routes(app):
    endpoints = {rule.endpoint for rule in routes(app)}
    assert endpoints - set(access.ACCESS) == set(), "declare these in webui/access.py"
    assert set(access.ACCESS) - endpoints == set(), "stale entries in webui/access.py"


@pytest.mark.parametrize("visitor", VISITORS, ids=lambda v: v or "anonymous-employer")
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_route_answers_each_visitor_as_the_table_says(instance, visitor, method):
    app = create_app({"TESTING": True})
    client = app.test_client()
    if visitor:
        sign_in(client, instance, visitor)
    for rule in routes(app):
        path = rule.build({name: SAMPLE_ARGS[name] for name in rule.arguments})[1]
        response = client.open(path, method=method)
        response.close()  # a static file is streamed from an open file
        if method not in rule.methods:
            assert response.status_code == 405, (path, method)
        elif access.allowed(rule.endpoint, visitor):
            assert response.status_code not in (401, 403), (path, method)
            assert not response.headers.get("Location", "").startswith("/login"), path
        elif visitor is None:
            assert response.status_code in (302, 401), (path, method)
        else:
            assert response.status_code == 403, (path, method)


@pytest.fixture
def guarded(instance, monkeypatch):
    """An app with a page for documentalists and a page nobody declared."""
    app = create_app({"TESTING": True})
    app.add_url_rule("/essai/documentaliste", "essai.doc", lambda: "ok")
    app.add_url_rule("/essai/oublie", "essai.oublie", lambda: "ok")
    monkeypatch.setitem(access.ACCESS, "essai.doc", "documentalist")
    return app


@pytest.mark.parametrize(
    ("visitor", "status"),
    [(None, 302), ("advisor", 403), ("documentalist", 200), ("admin", 200)],
)
def test_a_page_for_documentalists_is_theirs_and_their_admins(guarded, instance, visitor,
                                                              status):
    client = guarded.test_client()
    if visitor:
        sign_in(client, instance, visitor)
    response = client.get("/essai/documentaliste")
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"] == "/login?next=/essai/documentaliste"
    if status == 403:
        assert "Votre compte ne donne pas accès" in response.get_data(as_text=True)


@pytest.mark.parametrize("visitor", VISITORS, ids=lambda v: v or "anonymous-employer")
def test_a_page_missing_from_the_table_is_refused_to_everyone(guarded, instance, visitor):
    client = guarded.test_client()
    if visitor:
        sign_in(client, instance, visitor)
    assert client.get("/essai/oublie").status_code == 403
