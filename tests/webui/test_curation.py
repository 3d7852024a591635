"""Documentalists curate an item from its page: star, hide, the Maison's tags, a note."""


from tests.webui.support import csrf_token, sign_in
from veille.store import audit


def curate(client, item_id: str, **fields) -> None:
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token(page), **{k: v for k, v in fields.items() if v is not False}}
    response = client.post(f"/items/{item_id}/curate", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_documentalist_stars_tags_notes_and_hides_an_item(app, instance, catalogue):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    item_id = catalogue[0]
    curate(client, item_id, starred="y", tags="Forum, numérique local", note="Pour <le> bulletin")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    assert "★" in page and "Pour &lt;le&gt; bulletin" in page and "Curation enregistrée." in page
    assert item_id in client.get("/api/search?tag=forum").get_data(as_text=True)
    curate(client, item_id, starred="y", hidden="y", tags="forum", note="")
    assert item_id not in client.get("/api/search").get_data(as_text=True)
    with instance.engine.connect() as conn:
        actors = {entry.actor for entry in audit.latest(conn, 10)}
    assert actors == {"documentalist@maison.test"}


def test_advisors_and_visitors_see_no_curation_and_cannot_post_it(app, instance, catalogue):
    advisor = app.test_client()
    sign_in(advisor, instance, "advisor")
    assert "Curation" not in advisor.get(f"/items/{catalogue[0]}").get_data(as_text=True)
    assert advisor.post(f"/items/{catalogue[0]}/curate").status_code == 403
    assert app.test_client().post(f"/items/{catalogue[0]}/curate").status_code == 302
