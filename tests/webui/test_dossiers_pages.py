"""Dossiers in the web UI: an advisor makes one (private until shared), adds items from their
pages with a note, takes one out, prints it and exports it. Colleagues neither see nor reach
a private dossier (404), read a shared one without changing it (403); documentalists manage
the team's dossiers, which advisors only read."""

import pytest

from tests.accounts.support import ANNE
from tests.webui.support import csrf_token as token
from tests.webui.support import html, sign_in
from veille.diffuse import dossiers
from veille.store import audit
from veille.store import users as user_store


@pytest.fixture
def documentalist(app, instance):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    return client


def post(client, path: str, **data):
    """Post a form as the page would, with the client's CSRF token."""
    data["csrf_token"] = token(client.get("/dossiers").get_data(as_text=True))
    return client.post(path, data=data)


def make(client, name: str, **data) -> int:
    """Create a dossier through the form; its id, from the page it leads to."""
    response = post(client, "/dossiers/new", name=name, **data)
    assert response.status_code == 302 and response.headers["Location"].startswith("/dossiers/")
    return int(response.headers["Location"].rsplit("/", 1)[1])


def add(client, dossier_id: int, item_id: str, note: str = ""):
    return post(client, "/dossiers/add", dossier=str(dossier_id), item_id=item_id, note=note)


def changes(dossier_id: int, item_id: str) -> list[tuple[str, dict]]:
    """Every change a form can ask of a dossier."""
    return [("/dossiers/add", {"dossier": str(dossier_id), "item_id": item_id, "note": "x"}),
            (f"/dossiers/{dossier_id}/remove/{item_id}", {}),
            (f"/dossiers/{dossier_id}/rename", {"name": "Pris"}),
            (f"/dossiers/{dossier_id}/share", {"shared": "0"}),
            (f"/dossiers/{dossier_id}/delete", {})]


def readings(dossier_id: int) -> list[str]:
    return [f"/dossiers/{dossier_id}", f"/dossiers/{dossier_id}/print",
            f"/dossiers/{dossier_id}/export.csv"]


def section(client, title: str) -> str:
    """The text of the /dossiers list under the heading `title`."""
    page = html(client.get("/dossiers"))
    heading = page.find("h2", string=title)
    return heading.find_next_sibling().get_text(" ", strip=True)


def offered(client, item_id: str) -> list[str]:
    """The dossiers the item page offers to add the item to."""
    select = html(client.get(f"/items/{item_id}")).find("select", id="dossier")
    return [option.get_text() for option in select.find_all("option")] if select else []


def test_an_advisor_builds_prints_and_exports_a_dossier(anne, catalogue):
    assert "Vous n'avez aucun dossier." in anne.get("/dossiers").get_data(as_text=True)
    dossier_id = make(anne, "Forum <emploi>", description="Pour le forum")
    assert section(anne, "Mes dossiers") == "Forum <emploi> (0 documents, privé)"
    for item_id, note in [(catalogue[0], "À lire"), (catalogue[1], "")]:
        assert "Ajouter au dossier" in anne.get(f"/items/{item_id}").get_data(as_text=True)
        added = add(anne, dossier_id, item_id, note)
        assert added.headers["Location"] == f"/items/{item_id}"
    shown = anne.get(f"/dossiers/{dossier_id}").get_data(as_text=True)
    assert shown.index(catalogue[0]) < shown.index(catalogue[1]) and "À lire" in shown
    assert "privé : vous seul le voyez" in shown
    post(anne, f"/dossiers/{dossier_id}/remove/{catalogue[1]}")
    printed = anne.get(f"/dossiers/{dossier_id}/print").get_data(as_text=True)
    assert printed.count("<li>") == 1 and "À lire" in printed
    exported = anne.get(f"/dossiers/{dossier_id}/export.csv")
    assert exported.headers["Content-Disposition"] == \
        f"attachment; filename=dossier-{dossier_id}.csv"
    assert exported.get_data(as_text=True).splitlines()[1].startswith(f"1,{catalogue[0]},")


def test_a_private_dossier_is_out_of_a_colleagues_sight_and_reach(anne, bruno, instance,
                                                                   catalogue):
    dossier_id = make(anne, "Mes pistes")
    add(anne, dossier_id, catalogue[0], "À creuser")
    assert "Mes pistes" not in bruno.get("/dossiers").get_data(as_text=True)
    assert offered(bruno, catalogue[1]) == [] and offered(anne, catalogue[1]) == ["Mes pistes"]
    for path in readings(dossier_id):
        assert bruno.get(path).status_code == 404, path
    for path, data in changes(dossier_id, catalogue[0]):
        assert post(bruno, path, **data).status_code == 404, path
    dossier, entries = dossiers.contents(instance, dossiers.seen(
        instance, dossier_id, _user(instance, ANNE)))
    assert (dossier.name, [entry.note for entry in entries]) == ("Mes pistes", ["À creuser"])


def test_a_shared_dossier_is_read_by_the_team_and_changed_by_its_owner_alone(
        anne, bruno, documentalist, catalogue):
    dossier_id = make(anne, "Forum", shared="y")
    add(anne, dossier_id, catalogue[0])
    assert section(anne, "Mes dossiers") == "Forum (1 document, partagé avec l'équipe)"
    assert section(bruno, "Partagés par des collègues") == f"Forum (1 document, de {ANNE})"
    for path in readings(dossier_id):
        assert bruno.get(path).status_code == 200, path
    shown = html(bruno.get(f"/dossiers/{dossier_id}"))
    assert "lecture seule" in shown.main.get_text() and shown.main.find("button") is None
    assert offered(bruno, catalogue[1]) == []
    for reader in (bruno, documentalist):
        for path, data in changes(dossier_id, catalogue[0]):
            assert post(reader, path, **data).status_code == 403, path
    post(anne, f"/dossiers/{dossier_id}/share", shared="0")
    assert bruno.get(f"/dossiers/{dossier_id}").status_code == 404
    post(anne, f"/dossiers/{dossier_id}/share", shared="1")
    post(anne, f"/dossiers/{dossier_id}/rename", name="Forum de mai")
    assert section(bruno, "Partagés par des collègues") == f"Forum de mai (1 document, de {ANNE})"
    assert post(anne, f"/dossiers/{dossier_id}/delete").headers["Location"] == "/dossiers"
    assert bruno.get(f"/dossiers/{dossier_id}").status_code == 404
    assert anne.get(f"/items/{catalogue[0]}").status_code == 200  # its items stay


def test_documentalists_manage_the_teams_dossiers_and_advisors_read_them(
        anne, documentalist, instance, catalogue):
    team = dossiers.create(instance, "Forum de l'emploi", "", "cli:claire")
    dossiers.put(instance, team.name, catalogue[0], "", None, "cli:claire")
    assert section(anne, "Dossiers de l'équipe") == "Forum de l'emploi (1 document)"
    assert "lecture seule" in anne.get(f"/dossiers/{team.id}").get_data(as_text=True)
    assert offered(anne, catalogue[1]) == []
    for path, data in changes(team.id, catalogue[0]):
        assert post(anne, path, **data).status_code == 403, path
    assert offered(documentalist, catalogue[1]) == ["Forum de l'emploi (équipe)"]
    assert add(documentalist, team.id, catalogue[1]).status_code == 302
    post(documentalist, f"/dossiers/{team.id}/remove/{catalogue[0]}")
    post(documentalist, f"/dossiers/{team.id}/rename", name="Salon de l'emploi")
    assert section(anne, "Dossiers de l'équipe") == "Salon de l'emploi (1 document)"
    assert post(documentalist, f"/dossiers/{team.id}/share", shared="0").status_code == 400
    post(documentalist, f"/dossiers/{team.id}/delete")
    assert anne.get(f"/dossiers/{team.id}").status_code == 404
    with instance.engine.connect() as conn:
        logged = [(entry.actor, entry.action, entry.target) for entry in audit.latest(conn, 4)]
    assert logged[0] == ("documentalist@maison.test", "dossier-delete",
                         "dossier:Salon de l'emploi")


def test_names_are_unique_per_owner(anne, bruno, instance):
    dossiers.create(instance, "Forum", "", "cli:claire")  # the team's
    first = make(anne, "Forum")
    make(bruno, "Forum")
    again = post(anne, "/dossiers/new", name=" Forum ")
    assert again.headers["Location"] == "/dossiers"
    assert "Il y a déjà un dossier « Forum »." in anne.get("/dossiers").get_data(as_text=True)
    second = make(anne, "Salon")
    post(anne, f"/dossiers/{second}/rename", name="Forum")
    shown = anne.get(f"/dossiers/{second}").get_data(as_text=True)
    assert "Il y a déjà un dossier « Forum »." in shown and "<h1>Salon</h1>" in shown
    assert section(anne, "Mes dossiers") == "Forum (0 documents, privé) Salon (0 documents, privé)"
    assert first != second


def test_bulletins_offer_only_the_dossiers_their_author_sees(anne, documentalist, instance):
    dossiers.create(instance, "Forum", "", "cli:claire")
    private = make(anne, "Mes pistes")
    shared = make(anne, "Pour l'équipe", shared="y")
    form = html(documentalist.get("/bulletins/new")).find("select", attrs={"name": "dossier"})
    offered_ids = {option["value"] for option in form.find_all("option")}
    assert str(shared) in offered_ids and str(private) not in offered_ids
    assert len(offered_ids) == 3  # none, the team's, the shared one


def test_visitors_without_an_account_reach_no_dossier(client, catalogue):
    assert client.get("/dossiers").headers["Location"] == "/login?next=/dossiers"
    assert "Ajouter au dossier" not in client.get(f"/items/{catalogue[0]}").get_data(as_text=True)


def _user(instance, email: str):
    with instance.engine.connect() as conn:
        return user_store.by_email(conn, email)
