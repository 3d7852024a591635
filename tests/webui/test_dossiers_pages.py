"""Dossiers in the web UI: an advisor makes one, adds items from their pages with a note,
takes one out, prints it and exports it."""

from tests.webui.support import csrf_token as token
from tests.webui.support import sign_in


def test_an_advisor_builds_prints_and_exports_a_dossier(app, instance, catalogue):
    client = app.test_client()
    sign_in(client, instance, "advisor")
    listing = client.get("/dossiers").get_data(as_text=True)
    assert "Aucun dossier." in listing
    client.post("/dossiers/new", data={"csrf_token": token(listing), "name": "Forum <emploi>",
                                       "description": "Pour le forum"})
    assert "Forum &lt;emploi&gt;" in client.get("/dossiers").get_data(as_text=True)
    for item_id, note in [(catalogue[0], "À lire"), (catalogue[1], "")]:
        page = client.get(f"/items/{item_id}").get_data(as_text=True)
        assert "Ajouter au dossier" in page
        added = client.post("/dossiers/add", data={"csrf_token": token(page), "dossier": "1",
                                                    "item_id": item_id, "note": note})
        assert added.headers["Location"] == f"/items/{item_id}"
    shown = client.get("/dossiers/1").get_data(as_text=True)
    assert shown.index(catalogue[0]) < shown.index(catalogue[1]) and "À lire" in shown
    client.post(f"/dossiers/1/remove/{catalogue[1]}", data={"csrf_token": token(shown)})
    printed = client.get("/dossiers/1/print").get_data(as_text=True)
    assert printed.count("<li>") == 1 and "À lire" in printed
    exported = client.get("/dossiers/1/export.csv")
    assert exported.headers["Content-Disposition"] == "attachment; filename=dossier-1.csv"
    assert exported.get_data(as_text=True).splitlines()[1].startswith(f"1,{catalogue[0]},")


def test_visitors_without_an_account_reach_no_dossier(client, catalogue):
    assert client.get("/dossiers").headers["Location"] == "/login?next=/dossiers"
    assert "Ajouter au dossier" not in client.get(f"/items/{catalogue[0]}").get_data(as_text=True)
