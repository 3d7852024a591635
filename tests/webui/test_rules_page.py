"""The rules page: a documentalist tries a rule on the latest items, saves it, deletes it."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests import catastrophic
from tests.accounts.support import add_account
from tests.liveserver import LiveServer
from tests.webui.support import csrf_token as token
from tests.webui.support import sign_in, sign_in_over_http, signed_in
from veille.models import Rule
from veille.store import rules as rule_store


def test_a_documentalist_tries_saves_and_deletes_a_rule(app, instance, catalogue):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    page = client.get("/rules").get_data(as_text=True)
    assert "Aucune règle." in page
    rule = {"csrf_token": token(page), "action": "block", "match": "words",
            "value": "saisonniers", "source": ""}
    tried = client.post("/rules/preview", data=rule).get_data(as_text=True)
    # the 5 news of the catalogue (its 3 resources are never subject to rules)
    assert "Sur les 5 derniers articles, cette règle en écarterait 1." in tried
    assert "Bilan de l&#39;emploi saisonnier" in tried
    assert "Aucune règle." in tried  # trying saves nothing
    saved = client.post("/rules/new", data=rule)
    assert saved.status_code == 302
    listed = client.get("/rules").get_data(as_text=True)
    assert "Écarter — tous ces mots « saisonniers » — toutes les sources" in " ".join(
        listed.split())
    assert client.post("/rules/1/delete", data={"csrf_token": token(listed)}).status_code == 302
    assert "Aucune règle." in client.get("/rules").get_data(as_text=True)


def test_an_invalid_rule_is_explained_and_not_saved(app, instance):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    rule = {"csrf_token": token(client.get("/rules").get_data(as_text=True)),
            "action": "block", "match": "regex", "value": "(promo", "source": ""}
    response = client.post("/rules/new", data=rule)
    assert response.status_code == 400
    assert "Règle invalide" in response.get_data(as_text=True)
    assert "Aucune règle." in client.get("/rules").get_data(as_text=True)


def test_advisors_cannot_reach_the_rules_nor_see_their_link(app, instance):
    client = app.test_client()
    sign_in(client, instance, "advisor")
    assert client.get("/rules").status_code == 403
    assert 'href="/rules"' not in client.get("/search").get_data(as_text=True)


def test_documentalists_find_their_pages_in_the_header(app, instance):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    header = client.get("/search").get_data(as_text=True)
    assert 'href="/rules"' in header and 'href="/resources/new"' in header


def test_a_backtracking_regex_tried_on_the_served_app_leaves_the_search_answering(
    app, instance, import_records
):
    import_records([catastrophic.RECORD])
    add_account(instance, "documentalist@maison.test", "documentalist")
    with (LiveServer(app) as server,
          httpx.Client(base_url=server.url, timeout=catastrophic.PROMPTLY) as documentalist,
          httpx.Client(base_url=server.url, timeout=catastrophic.PROMPTLY) as visitor,
          ThreadPoolExecutor(1) as pool):
        assert sign_in_over_http(documentalist, "documentalist@maison.test").status_code == 302
        rule = {"csrf_token": token(documentalist.get("/rules").text), "action": "block",
                "match": "regex", "value": catastrophic.PATTERN, "source": ""}
        started = time.monotonic()
        trying = pool.submit(documentalist.post, "/rules/preview", data=rule)
        while True:  # the search answers within a second while the rule is tried
            asked = time.monotonic()
            found = visitor.get("/api/search", params={"q": "offre"})
            assert found.status_code == 200 and time.monotonic() - asked < 1
            if trying.done() or time.monotonic() - started > catastrophic.PROMPTLY:
                break
        tried = trying.result()
        assert time.monotonic() - started < catastrophic.PROMPTLY
    assert tried.status_code == 200
    assert "Sur les 1 derniers articles, cette règle en écarterait 1." in tried.text


def test_a_regex_with_a_back_reference_is_refused_in_the_visitor_s_language(app, instance):
    client = signed_in(app, instance, "documentalist")
    rule = {"csrf_token": token(client.get("/rules").get_data(as_text=True)),
            "action": "block", "match": "regex", "value": r"(\w+) \1", "source": ""}
    for path in ("/rules/preview", "/rules/new"):
        response = client.post(path, data=rule)
        assert response.status_code == 400
        assert ("Expression régulière non prise en charge : « \\1 » (les références arrière "
                "et les assertions") in response.get_data(as_text=True)
    client.set_cookie("lang", "en")
    refused = client.post("/rules/preview", data=rule).get_data(as_text=True)
    assert "Unsupported regular expression: “\\1” (back-references and assertions" in refused
    assert "No rules." in client.get("/rules").get_data(as_text=True)


def test_a_stored_rule_that_rules_cannot_run_any_more_is_shown_as_skipped(app, instance):
    with instance.engine.begin() as conn:  # a rule saved before rules ran on RE2
        rule_store.add(conn, Rule("block", "regex", r"(?<!l')emploi"))
    client = signed_in(app, instance, "documentalist")
    page = " ".join(client.get("/rules").get_data(as_text=True).split())
    assert "« (?&lt;!l&#39;)emploi » — toutes les sources" in page
    assert ("Ignorée à la collecte : Expression régulière non prise en charge : « (?&lt;! »"
            in page)
