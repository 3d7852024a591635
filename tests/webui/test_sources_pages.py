"""The sources pages: a documentalist tries a source on the loopback feed server before
saving it, saves it, collects it now and finds its items; edits, pauses, deletes it; sees
each source's health; exchanges the list as OPML. Advisors reach none of it."""

import io
from pathlib import Path

import pytest

from tests.conftest import DATA, HOSTILE_ADDRESSES
from tests.webui.support import (
    csrf_token,
    english_words,
    event_handlers,
    html,
    scripts_not_ours,
    sign_in,
)
from veille.errors import KINDS
from veille.instance import create_instance
from veille.settings import load_settings
from veille.store import audit
from veille.store import items as item_store
from veille.store import sources as source_store
from webui import create_app, problems

RSS = "/feeds/emploi-grand-est.rss"
RSS_TITLES = [
    "Moselle : les entreprises du bâtiment misent sur les jeunes",
    "Compétences numériques : un plan régional pour les métiers de l'industrie",
    "Soudeurs recherchés dans le bassin de Thionville",
    "Aides-soignants : une formation en alternance à Nancy",
    "Validation des acquis : une démarche collective dans les Ardennes",
]
PAGE_TITLES = ["Job dating logistique à Pont-à-Mousson",
               "Aide à domicile : une session de recrutement sans CV",
               "Forum des métiers de l'industrie",
               "Bilan de l'emploi dans le bassin en 2025"]
# Escaped markup inside markup reaches the store as text: the first title is `<script>…` to
# the letter (as the web tests' HOSTILE item).
HOSTILE_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Pirate</title><link>https://pirate.test/</link>
<item><title><![CDATA[<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> Offre]]></title>
<link>javascript:alert(2)</link><description>rien</description></item>
<item><title><![CDATA[<img src=x onerror=alert(3)>Soudeur]]></title>
<link>https://pirate.test/b</link><description>rien</description></item>
</channel></rss>"""


@pytest.fixture
def documentalist(app, instance):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    return client


def token(client) -> str:
    return csrf_token(client.get("/sources/new").get_data(as_text=True))


def form(client, url: str, **fields: str) -> dict:
    """The new-source form as a documentalist fills it (a feed every hour by default)."""
    return {"csrf_token": token(client), "url": url, "kind": "feed", "name": "",
            "every": "1h", "tags": "", **fields}


def add(client, url: str, **fields: str) -> str:
    """Save a source through the form; return its page's path."""
    response = client.post("/sources/add", data=form(client, url, **fields))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def act(client, path: str) -> str:
    """POST one of a source's buttons, follow the redirect, return the page's text."""
    response = client.post(path, data={"csrf_token": token(client)}, follow_redirects=True)
    assert response.status_code == 200
    return " ".join(html(response).get_text(" ").split())


def page_text(client, path: str) -> str:
    return " ".join(html(client.get(path)).get_text(" ").split())


def stored(instance) -> tuple[list, int]:
    with instance.engine.connect() as conn:
        return source_store.all_sources(conn), item_store.count(conn)


def health(client, source_path: str) -> dict[str, str]:
    """A source's row in the list: column heading → text."""
    source_id = source_path.rsplit("/", 1)[-1]
    table = html(client.get("/sources")).find("table", class_="sources")
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    cells = table.find("tr", id=f"source-{source_id}").find_all(["th", "td"])
    return {heading: " ".join(cell.get_text(" ").split())
            for heading, cell in zip(headings, cells, strict=True)}


def test_trying_a_source_shows_its_first_entries_and_stores_nothing(documentalist, instance,
                                                                    feed_server):
    response = documentalist.post("/sources/test", data=form(documentalist,
                                                             feed_server.url(RSS)))
    assert response.status_code == 200
    preview = html(response).find("section", attrs={"aria-labelledby": "preview-title"})
    assert "5 entrées lues" in preview.get_text()
    cells = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
             for tr in preview.find_all("tr")[1:]]
    assert [title for title, _, _ in cells] == RSS_TITLES
    assert all(date != "sans date" for _, date, _ in cells)
    links = [link for _, _, link in cells]
    assert links[0] == "https://exemple.test/actualites/btp-moselle"  # as it would be stored
    assert links[-1] == feed_server.url("/actualites/vae-collective-ardennes")
    assert stored(instance) == ([], 0)
    assert "Aucune source." in page_text(documentalist, "/sources")


def test_trying_a_page_source_reads_it_with_its_selectors(documentalist, feed_server):
    body = (DATA / "pages" / "emploi-territoire.html").read_bytes()
    feed_server.put("/actualites.html", body, "text/html; charset=utf-8")
    data = form(documentalist, feed_server.url("/actualites.html"), kind="page",
                page_item="article.carte")
    preview = html(documentalist.post("/sources/test", data=data))
    titles = [tr.td.get_text(strip=True) for tr in preview.select("table.preview tbody tr")]
    assert titles == PAGE_TITLES
    assert "sans date" in preview.get_text()  # the last one has none


@pytest.mark.parametrize(
    ("path", "fields", "said"),
    [
        ("/status/404", {}, "Page introuvable : le site répond que cette adresse n'existe "
                            "pas, ou plus. Détails HTTP 404"),
        ("/feeds/page-sans-flux.html", {}, "Ce n'est pas un flux : le contenu reçu n'est ni "
                                           "RSS, ni Atom, ni JSON Feed"),
        (RSS, {"kind": "page"}, "La source est mal définie. Détails"),  # it needs a selector
        (RSS, {"every": "souvent"}, "Une durée : un nombre et une unité"),
    ],
    ids=["http-error", "not-a-feed", "page-without-selector", "bad-interval"],
)
def test_a_source_that_cannot_be_read_is_explained_in_french_and_nothing_is_saved(
    documentalist, instance, feed_server, path, fields, said
):
    data = form(documentalist, feed_server.url(path), **fields)
    tried = html(documentalist.post("/sources/test", data=data))
    assert said in " ".join(tried.find(class_="error").get_text(" ").split())
    assert tried.find("table", class_="preview") is None
    assert stored(instance) == ([], 0)


@pytest.mark.parametrize("fields", [{"kind": "page"}, {"every": "souvent"},
                                    {"kind": "page", "page_item": "div["}])
def test_a_source_defined_wrong_is_not_saved(documentalist, instance, feed_server, fields):
    saved = documentalist.post("/sources/add", data=form(documentalist, feed_server.url(RSS),
                                                         **fields))
    assert saved.status_code == 400
    assert html(saved).find(class_="error", role="alert") is not None
    assert stored(instance) == ([], 0)


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_loopback_in_any_form_is_refused_in_french_and_never_fetched(
    guarded, documentalist, instance, feed_server, address
):
    url = address.format(port=feed_server.httpd.server_address[1])
    response = documentalist.post("/sources/test", data=form(documentalist, url))
    assert response.status_code in (200, 400)
    said = " ".join(html(response).find(class_="error").get_text(" ").split())
    assert said.startswith(("Adresse bloquée : elle mène à un réseau interne",
                            "Adresse invalide : ce n'est pas une adresse web", "Une adresse web"))
    assert feed_server.served == [] and stored(instance) == ([], 0)


def test_an_address_that_is_not_a_web_address_is_refused(documentalist, instance):
    data = form(documentalist, "ftp://exemple.test/flux.rss")
    response = documentalist.post("/sources/test", data=data)
    assert response.status_code == 400
    assert "Une adresse web complète : http://… ou https://…" in response.get_data(as_text=True)
    assert documentalist.post("/sources/add", data=data).status_code == 400
    assert stored(instance) == ([], 0)


def test_a_saved_source_collected_now_brings_its_items_into_search(documentalist, instance,
                                                                   feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi Grand Est",
                      tags="emploi, Grand Est")
    page = page_text(documentalist, source_page)
    assert "Source « Emploi Grand Est » enregistrée." in page
    assert "Collecter maintenant" in page and "Aucun article pour l'instant." in page

    collected = act(documentalist, f"{source_page}/collect")

    assert "Collecte terminée : 5 entrées lues, 5 nouvelles" in collected
    assert "Soudeurs recherchés dans le bassin de Thionville" in collected  # its latest items
    results = page_text(documentalist, "/search?q=soudeurs+thionville")
    assert "Soudeurs recherchés dans le bassin de Thionville" in results
    assert health(documentalist, source_page)["État"] == "en service"
    with instance.engine.connect() as conn:
        logged = [(entry.actor, entry.action) for entry in reversed(audit.latest(conn, 10))]
    assert logged == [("documentalist@maison.test", "source-add"),
                      ("documentalist@maison.test", "source-collect")]


def test_the_list_shows_each_sources_health(documentalist, feed_server):
    working = add(documentalist, feed_server.url(RSS), name="Emploi")
    failing = add(documentalist, feed_server.url("/status/500"), name="En panne", every="2h")
    untried = add(documentalist, feed_server.url("/feeds/formations.atom"), name="Formations")
    act(documentalist, f"{working}/collect")
    assert ("La collecte a échoué. Erreur du serveur : le site est en panne ou en maintenance."
            in act(documentalist, f"{failing}/collect"))

    ok = health(documentalist, working)
    assert (ok["Source"], ok["Fréquence"], ok["État"]) == ("Emploi", "1 h", "en service")
    assert (ok["Dernière erreur"], ok["Échecs de suite"]) == ("aucune", "0")
    assert ok["Dernier succès"] != "jamais" and ok["Prochaine collecte"] != "aucune"
    broken = health(documentalist, failing)
    assert (broken["État"], broken["Dernier succès"], broken["Échecs de suite"]) == (
        "en échec", "jamais", "1")
    assert broken["Dernière erreur"].endswith(
        "Erreur du serveur : le site est en panne ou en maintenance. Détails HTTP 500 Internal "
        f"Server Error from {feed_server.url('/status/500')}")
    new = health(documentalist, untried)
    assert (new["État"], new["Dernier succès"], new["Dernière erreur"]) == (
        "nouvelle, jamais collectée", "jamais", "aucune")
    assert "Échecs de suite 1" in page_text(documentalist, failing)


def test_editing_a_source_changes_its_interval_and_tags(documentalist, instance, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi", tags="emploi")
    edit = html(documentalist.get(f"{source_page}/edit"))
    assert edit.find("input", id="every")["value"] == "1h"
    assert edit.find("input", id="tags")["value"] == "emploi"
    data = form(documentalist, feed_server.url(RSS), name="Emploi en Grand Est", every="6h",
                tags="Emploi, Grand Est", editing=edit.find("input", id="editing")["value"])

    response = documentalist.post(f"{source_page}/edit", data=data)

    assert response.headers["Location"] == source_page
    (source,), _ = stored(instance)
    assert (source.name, source.every, source.tags) == ("Emploi en Grand Est", 6 * 3600,
                                                        ("emploi", "grand est"))
    listed = health(documentalist, source_page)
    assert (listed["Source"], listed["Fréquence"]) == ("Emploi en Grand Est", "6 h")
    with instance.engine.connect() as conn:
        (changed, _) = audit.latest(conn, 2)
    assert changed.action == "source-change"
    assert changed.details["before"]["every"] == "1h" and changed.details["after"]["every"] == "6h"


def test_trying_an_edited_source_keeps_the_edit_form(documentalist, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi")
    edit = html(documentalist.get(f"{source_page}/edit"))
    data = form(documentalist, feed_server.url(RSS), editing=edit.find(id="editing")["value"])
    tried = html(documentalist.post("/sources/test", data=data))
    assert tried.find("form", class_="record")["action"] == f"{source_page}/edit"
    assert "déjà suivie" not in tried.get_text()  # by itself only
    assert "5 entrées lues" in tried.get_text()


def test_pausing_and_resuming_a_source(documentalist, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi")

    paused = act(documentalist, f"{source_page}/pause")

    assert "Source mise en pause" in paused and "État en pause" in paused
    assert "Prochaine collecte aucune (en pause)" in paused
    refused = act(documentalist, f"{source_page}/collect")
    assert "reprenez-la avant de la collecter" in refused
    assert "Aucun article pour l'instant." in refused
    listed = health(documentalist, source_page)
    assert (listed["État"], listed["Prochaine collecte"]) == ("en pause", "aucune (en pause)")
    resumed = act(documentalist, f"{source_page}/resume")
    assert "Source reprise" in resumed and "État nouvelle, jamais collectée" in resumed


def test_deleting_a_source_asks_first_and_keeps_its_items(documentalist, instance, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi")
    act(documentalist, f"{source_page}/collect")

    confirm = page_text(documentalist, f"{source_page}/delete")
    assert "Supprimer la source Emploi ?" in confirm
    assert "Les 5 articles qu'elle a apportés restent dans la recherche" in confirm
    assert len(stored(instance)[0]) == 1  # asking deletes nothing

    deleted = act(documentalist, f"{source_page}/delete")

    assert "Source « Emploi » supprimée. Ses 5 articles restent dans la recherche." in deleted
    assert stored(instance) == ([], 5)
    assert "Soudeurs recherchés" in page_text(documentalist, "/search?q=soudeurs")
    assert documentalist.get(source_page).status_code == 404
    with instance.engine.connect() as conn:
        (logged, *_) = audit.latest(conn, 1)
    assert (logged.action, logged.details["items_kept"]) == ("source-delete", 5)


def upload(client, content: bytes) -> str:
    response = client.post("/sources/import", data={
        "csrf_token": token(client),
        "document": (io.BytesIO(content), "abonnements.opml")})
    assert response.status_code == 200, response.get_data(as_text=True)
    return " ".join(html(response).get_text(" ").split())


@pytest.fixture
def fresh_instance(tmp_path: Path):
    """Another instance, in its own folder, and a documentalist signed in to its web UI."""
    folder = tmp_path / "autre"
    other = create_instance(load_settings(env={"VEILLE_INSTANCE": str(folder),
                                               "VEILLE_CONFIG": str(DATA / "config" /
                                                                    "veille.toml")}))
    client = create_app({"TESTING": True, "VEILLE_INSTANCE": str(folder)}).test_client()
    sign_in(client, other, "documentalist")
    return other, client


def test_the_opml_export_imports_into_another_instance_once(documentalist, instance,
                                                            feed_server, fresh_instance):
    add(documentalist, feed_server.url(RSS), name="Emploi", every="6h", tags="emploi, est")
    add(documentalist, feed_server.url("/actualites.html"), name="Actualités", kind="page",
        page_item="article.carte", page_date="time", keep_for="540d")
    exported = documentalist.get("/sources/export.opml")
    assert exported.headers["Content-Disposition"] == "attachment; filename=veille-sources.opml"
    other, client = fresh_instance

    first = upload(client, exported.get_data())
    second = upload(client, exported.get_data())

    assert "2 sources ajoutées, 0 déjà suivies, 0 ignorées." in first
    assert "0 sources ajoutées, 2 déjà suivies, 0 ignorées." in second

    def definitions(where):
        return [(s.name, s.url, s.kind, s.every, s.tags, s.options) for s in stored(where)[0]]

    assert definitions(other) == definitions(instance)


def test_an_opml_import_reports_what_it_left_out(documentalist):
    content = (DATA / "opml" / "freshrss-categories.opml").read_bytes()
    report = upload(documentalist, content)
    assert "sources ajoutées, 0 déjà suivies" in report
    refused = documentalist.post("/sources/import", data={
        "csrf_token": token(documentalist),
        "document": (io.BytesIO(b"<html><body>pas un OPML</body></html>"), "page.opml")})
    assert refused.status_code == 400
    assert "Ce fichier n'a pas pu être lu comme un OPML." in html(refused).get_text()


def test_an_opml_file_nested_thousands_of_levels_deep_is_refused_in_french(
    documentalist, instance, deep_opml
):
    refused = documentalist.post("/sources/import", data={
        "csrf_token": token(documentalist),
        "document": (io.BytesIO(deep_opml), "abonnements.opml")})
    assert refused.status_code == 400
    said = " ".join(html(refused).find(class_="error").get_text(" ").split())
    assert said.startswith("Ce fichier n'a pas pu être lu comme un OPML. Détails folders "
                           "nested more than 50 levels deep")
    assert stored(instance) == ([], 0)


def test_hostile_titles_in_a_preview_are_shown_as_text(documentalist, feed_server):
    feed_server.put("/pirate.rss", HOSTILE_FEED)
    page = html(documentalist.post("/sources/test",
                                   data=form(documentalist, feed_server.url("/pirate.rss"))))
    cells = [tr.td.get_text() for tr in page.select("table.preview tbody tr")]
    assert cells[0] == "<script>alert(1)</script> Offre"
    assert scripts_not_ours(page) == [] and page.find("img") is None
    assert event_handlers(page) == []
    assert not [a for a in page.find_all("a") if a["href"].startswith("javascript")]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/sources"), ("GET", "/sources/new"), ("GET", "/sources/export.opml"),
     ("POST", "/sources/test"), ("POST", "/sources/add"), ("POST", "/sources/import"),
     ("GET", "/sources/1"), ("POST", "/sources/1/collect"), ("POST", "/sources/1/delete")],
)
def test_advisors_reach_none_of_the_sources_pages(app, instance, feed_server, method, path):
    admin = app.test_client()
    sign_in(admin, instance, "admin")
    add(admin, feed_server.url(RSS), name="Emploi")
    advisor = app.test_client()
    sign_in(advisor, instance, "advisor")
    assert advisor.open(path, method=method).status_code == 403
    assert 'href="/sources"' not in advisor.get("/search").get_data(as_text=True)
    assert len(stored(instance)[0]) == 1


def test_documentalists_find_the_sources_in_the_header(documentalist):
    assert 'href="/sources"' in documentalist.get("/search").get_data(as_text=True)


def test_every_control_of_the_sources_pages_has_a_label(documentalist, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi")
    for path in ("/sources", "/sources/new", source_page, f"{source_page}/edit"):
        page = html(documentalist.get(path))
        labelled = {label["for"] for label in page.find_all("label") if label.get("for")}
        controls = [control for control in page.select("main input, main select, main textarea")
                    if control.get("type") != "hidden"]
        assert controls or path == source_page
        assert [control["id"] for control in controls if control["id"] not in labelled] == []


def test_sources_failing_every_way_are_said_in_french_their_detail_behind_details(
        documentalist, failing_sources):
    page = html(documentalist.get("/sources"))
    assert page.find(id="sources-summary").get_text(strip=True) == (
        "8 sources, 1 en service, 7 en échec")
    rows = {row.th.get_text(strip=True): row for row in page.select("table.sources tbody tr")}
    for name, kind in failing_sources.items():
        error = rows[name].find("div", class_="problem")
        assert error.p.get_text() == problems.sentence(kind), name
        assert error.find("details").summary.get_text() == "Détails"
        assert error.find("details").code.get_text()  # veille's message, for whoever fixes it
    for disclosure in page.find_all("details"):
        disclosure.decompose()
    said = page.find("main").get_text(" ")
    for name in [*failing_sources, "JSON Feed", "[fetch]"]:  # names, not English
        said = said.replace(name, "")
    assert english_words(said) == set()


def test_a_source_that_works_again_shows_no_error(documentalist, instance, feed_server):
    source_page = add(documentalist, feed_server.url(RSS), name="Emploi")
    feed_server.put(RSS, b"", "text/html", status=503)
    act(documentalist, f"{source_page}/collect")
    assert health(documentalist, source_page)["État"] == "en échec"
    del feed_server.extra[RSS]
    act(documentalist, f"{source_page}/collect")
    assert health(documentalist, source_page)["Dernière erreur"] == "aucune"
    assert "Dernière erreur aucune" in page_text(documentalist, source_page)


def test_every_kind_of_error_has_its_sentence():
    assert set(problems.SENTENCES) == set(KINDS)
