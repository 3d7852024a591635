"""The rules page: a documentalist tries a rule on the latest items, saves it, deletes it."""

from tests.webui.support import csrf_token as token
from tests.webui.support import sign_in


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
