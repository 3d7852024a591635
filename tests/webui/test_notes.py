"""Personal notes in the web UI: an advisor writes a private note from an item's page, apart
from the team's curation note, and finds all of theirs on "Mes notes"; nobody else sees
them; a hostile note is only text."""


from tests.webui.support import csrf_token, event_handlers, html, sign_in
from veille.curate import curation as curating

HOSTILE_NOTE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def write(client, item_id: str, text: str):
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    return client.post(f"/items/{item_id}/note", data={"csrf_token": csrf_token(page),
                                                       "text": text})


def my_note(client, item_id: str) -> str | None:
    """The text of the person's note on the item page's form (None: no such form); as a
    browser reads it, without the line break that may open a <textarea>."""
    area = html(client.get(f"/items/{item_id}")).find("textarea", id="my-note-text")
    return None if area is None else area.get_text().removeprefix("\r\n")


def listed(client, page: int = 1) -> list[tuple[str, str]]:
    """(item link, note) of each note on a page of "Mes notes"."""
    found = html(client.get(f"/notes?page={page}")).find("ul", class_="my-notes")
    if found is None:
        return []
    return [(li.find("a")["href"], li.find("p", class_="personal-note").get_text())
            for li in found.find_all("li", recursive=False)]


def test_a_note_is_seen_by_its_author_alone(anne, bruno, catalogue):
    response = write(anne, catalogue[0], "Pour l'atelier CV\nà relire")
    assert response.headers["Location"] == f"/items/{catalogue[0]}#ma-note"
    page = html(anne.get(f"/items/{catalogue[0]}"))
    section = page.find("section", id="ma-note")
    assert section.find("h2").get_text() == "Ma note (visible de moi seul)"
    assert section.find("label", attrs={"for": "my-note-text"}) is not None
    assert my_note(anne, catalogue[0]) == "Pour l'atelier CV\nà relire"
    assert "Note enregistrée." in page.get_text()
    assert listed(anne) == [(f"/items/{catalogue[0]}#ma-note", "Pour l'atelier CV\nà relire")]
    assert my_note(bruno, catalogue[0]) == ""
    assert "atelier CV" not in bruno.get(f"/items/{catalogue[0]}").get_data(as_text=True)
    assert listed(bruno) == []
    assert "Vous n'avez écrit aucune note." in bruno.get("/notes").get_data(as_text=True)


def test_the_personal_note_and_the_teams_curation_note_stay_apart(app, instance, anne,
                                                                   catalogue):
    curating.curate(instance, catalogue[0], "doc@maison.test", note="Pour le bulletin")
    write(anne, catalogue[0], "Mon idée à moi")
    documentalist = app.test_client()
    sign_in(documentalist, instance, "documentalist")
    page = html(documentalist.get(f"/items/{catalogue[0]}"))
    curation = page.find("section", class_="curation").get_text()
    assert "Note de l'équipe" in curation and "Pour le bulletin" in curation
    assert my_note(documentalist, catalogue[0]) == ""
    assert "Mon idée à moi" not in str(page)
    assert "Pour le bulletin" not in anne.get(f"/items/{catalogue[0]}").get_data(as_text=True)


def test_a_hostile_note_is_shown_as_text(anne, catalogue):
    write(anne, catalogue[0], HOSTILE_NOTE)
    for path in (f"/items/{catalogue[0]}", "/notes"):
        page = html(anne.get(path))
        assert page.main.find("script") is None and page.main.find("img") is None, path
        assert event_handlers(page) == [], path
        assert HOSTILE_NOTE in page.main.get_text(), path


def test_a_note_is_deleted_from_the_item_or_from_the_list_or_by_emptying_it(anne, catalogue):
    for item_id in catalogue[:3]:
        write(anne, item_id, f"Note sur {item_id}")
    page = anne.get(f"/items/{catalogue[0]}").get_data(as_text=True)
    assert "Supprimer ma note" in page
    anne.post(f"/items/{catalogue[0]}/note/delete", data={"csrf_token": csrf_token(page)})
    assert my_note(anne, catalogue[0]) == ""
    assert "Supprimer ma note" not in anne.get(f"/items/{catalogue[0]}").get_data(as_text=True)
    back = anne.post(f"/items/{catalogue[1]}/note/delete",
                     data={"csrf_token": csrf_token(page), "from": "notes"})
    assert back.headers["Location"] == "/notes"
    write(anne, catalogue[2], "   ")
    assert listed(anne) == []


def test_my_notes_come_by_pages_of_twenty_the_latest_first(anne, twenty_five):
    for item_id in reversed(twenty_five):  # the oldest item noted first
        write(anne, item_id, f"Note {item_id}")
    first, second = listed(anne, 1), listed(anne, 2)
    assert [href for href, _ in first + second] == [f"/items/{i}#ma-note" for i in twenty_five]
    assert (len(first), len(second)) == (20, 5)
    nav = html(anne.get("/notes")).find("nav", class_="pagination")
    assert "Page 1 sur 2" in nav.get_text() and nav.find("a", rel="next")["href"] == "/notes?page=2"
    assert "Cette page est vide" in anne.get("/notes?page=9").get_data(as_text=True)
    assert anne.get("/notes?page=abc").status_code == 200


def test_mistakes_and_visitors(app, anne, catalogue):
    page = anne.get(f"/items/{catalogue[0]}").get_data(as_text=True)
    too_long = anne.post(f"/items/{catalogue[0]}/note",
                         data={"csrf_token": csrf_token(page), "text": "x" * 10_001})
    assert too_long.status_code == 400
    assert "Une note ne dépasse pas 10000 caractères." in too_long.get_data(as_text=True)
    assert anne.post(f"/items/{catalogue[0]}/note", data={"text": "sans jeton"}).status_code == 400
    unknown = anne.post("/items/inconnu/note", data={"csrf_token": csrf_token(page),
                                                     "text": "Une note"})
    assert unknown.status_code == 404
    assert html(anne.get("/notes")).find("a", string="Mes notes")["href"] == "/notes"
    visitor = app.test_client()
    assert visitor.get("/notes").headers["Location"] == "/login?next=/notes"
    assert visitor.post(f"/items/{catalogue[0]}/note").status_code == 302
    assert "Mes notes" not in visitor.get(f"/items/{catalogue[0]}").get_data(as_text=True)
