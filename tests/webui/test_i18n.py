"""The web UI speaks French first and English on request: the form in every page's footer
(a POST, CSRF-checked) keeps the choice in a `lang` cookie and goes back to the page; the
browser's Accept-Language is not followed. Every text the code gives Babel to translate
has its English in the catalogue, and the compiled catalogue is the .po's."""

import re

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask_babel import ngettext

from tests.conftest import ROOT
from tests.webui.support import html, sign_in

TRANSLATIONS = ROOT / "webui" / "translations"
CATALOGUE = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
COMPILED = CATALOGUE.with_suffix(".mo")
TEMPLATE = TRANSLATIONS / "messages.pot"
REFRESH = "run `make translations`, then translate what it adds to the .po"

# Pages a documentalist sees, and a text each shows in French and in English (CSS selector
# of the element holding it).
PAGES = [
    ("/search?q=soudeur", "#results-title", "résultats pour « soudeur »",
     "results for “soudeur”"),
    ("/search", "#results-title", "documents, du plus récent au plus ancien",
     "documents, newest first"),
    ("/search", "aside.facets", "Période", "Period"),
    ("/search", "aside.facets", "mars 2026", "March 2026"),
    ("/search", "details.help summary", "Comment chercher ?", "How to search"),
    ("/search?q=depuis:abc", "p.unread", "« depuis:abc » : date illisible, cherché comme mots.",
     "“depuis:abc”: unreadable date, searched as words."),
    ("/items/compte-formation", "p.meta", "publié le 1er janvier 2026",
     "published on January 1, 2026"),
    ("/items/soudeurs-moselle", "#curation-title", "Curation", "Curation"),
    ("/items/soudeurs-moselle", "#publication-title", "Portail des employeurs",
     "Employers' portal"),
    ("/items/soudeurs-moselle", "#my-note-title", "Ma note (visible de moi seul)",
     "My note (visible to me only)"),
    ("/portail", "h1", "L'actualité des compétences, pour les employeurs du territoire",
     "Skills news for the employers of the area"),
    ("/portail", "aside.facets", "Industrie", "Industry"),
    ("/login", "h1", "Connexion", "Sign in"),
    ("/login", "form.login", "Mot de passe", "Password"),
    ("/sources", "main", "Importer un fichier OPML", "Import an OPML file"),
    ("/sources/new", "h1", "Ajouter une source", "Add a source"),
    ("/sources/new", "form.record", "Fréquence de collecte", "Collect every"),
    ("/dossiers", "h2", "Mes dossiers", "My dossiers"),
    ("/saved", "h1", "Recherches enregistrées", "Saved searches"),
    ("/notes", "h1", "Mes notes", "My notes"),
    ("/rules", "h1", "Règles de tri", "Filtering rules"),
    ("/bulletins", "h1", "Bulletins de veille", "Watch bulletins"),
    ("/resources/new", "h1", "Ajouter un document au catalogue",
     "Add a document to the catalogue"),
    ("/page-qui-n-existe-pas", "h1", "Page introuvable", "Page not found"),
    ("/", "header .account", "Se déconnecter", "Sign out"),
]


@pytest.fixture
def documentalist(app, instance, catalogue):
    client = app.test_client()
    sign_in(client, instance, "documentalist")
    return client


def page(client, path: str):
    """The page at `path`, its redirects followed."""
    return html(client.get(path, follow_redirects=True))


def text_of(client, path: str, selector: str) -> str:
    found = page(client, path).select_one(selector)
    assert found is not None, (path, selector)
    return " ".join(found.get_text(" ").split())


def language(client, path: str) -> str:
    return page(client, path).html["lang"]


def choose(client, wanted: str, on: str = "/search"):
    """Press the footer's button for `wanted` on the page `on`, as a visitor would."""
    form = page(client, on).select_one("footer form.language")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    button = form.select_one(f"button[name=lang][value={wanted}]")
    assert button is not None, f"no {wanted} button on {on}"
    return client.post(form["action"], data={**fields, "lang": wanted})


def test_pages_speak_french_by_default_and_offer_english(client, catalogue):
    soup = page(client, "/search?q=soudeur")
    assert soup.html["lang"] == "fr"
    assert "résultats pour « soudeur »" in soup.select_one("#results-title").get_text()
    switch = soup.select_one("footer form.language")
    assert switch["method"] == "post" and switch.select_one("input[name=csrf_token]")["value"]
    assert switch.select_one("button[name=lang]")["value"] == "en"
    assert switch.select_one("button[name=lang]").get_text() == "English"
    assert switch.select_one("[aria-current]").get_text() == "Français"


def test_the_browser_s_languages_are_not_followed(client, catalogue):
    response = client.get("/search", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert html(response).html["lang"] == "fr"


@pytest.mark.parametrize(("path", "selector", "french", "english"), PAGES,
                         ids=[f"{path} {selector}" for path, selector, *_ in PAGES])
def test_choosing_english_in_the_footer_switches_pages_to_english(
    documentalist, path, selector, french, english
):
    assert french in text_of(documentalist, path, selector)
    choose(documentalist, "en")
    assert language(documentalist, path) == "en"
    assert english in text_of(documentalist, path, selector)


def test_the_choice_goes_back_to_the_page_and_french_comes_back_the_same_way(documentalist):
    on = "/search?q=soudeur&kind=news"
    response = choose(documentalist, "en", on=on)
    assert response.status_code == 302 and response.headers["Location"] == on
    assert language(documentalist, on) == "en"
    assert language(documentalist, "/sources") == "en"  # kept: a cookie, not a parameter
    assert choose(documentalist, "fr", on="/sources").headers["Location"] == "/sources"
    assert language(documentalist, on) == "fr"
    assert "résultats pour « soudeur »" in text_of(documentalist, on, "#results-title")


def test_the_choice_is_a_long_lived_cookie_for_the_whole_site(client):
    response = choose(client, "en")
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("lang=")]
    assert cookie.startswith("lang=en;") and "Path=/" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert int(re.search(r"Max-Age=(\d+)", cookie)[1]) >= 365 * 24 * 3600
    assert "Cookie" in client.get("/search").headers["Vary"]  # caches keep both languages


def test_the_choice_is_a_post_with_its_csrf_token(client):
    form = page(client, "/search").select_one("footer form.language")
    assert client.post(form["action"], data={"lang": "en", "next": "/search"}).status_code == 400
    assert client.get(form["action"] + "?lang=en").status_code == 405
    assert language(client, "/search") == "fr"


def test_an_unknown_language_is_refused(client):
    assert choose_raw(client, {"lang": "de", "next": "/search"}).status_code == 400
    assert language(client, "/search") == "fr"


@pytest.mark.parametrize("elsewhere", [
    "https://ailleurs.test/", "//ailleurs.test/page", "/\\ailleurs.test", "javascript:alert(1)",
    "http:/ailleurs.test", "ailleurs.test", "", "/\t/ailleurs.test",
])
def test_the_way_back_never_leaves_the_site(client, elsewhere):
    response = choose_raw(client, {"lang": "en", "next": elsewhere})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def choose_raw(client, fields: dict):
    """Post the footer's form with `fields` instead of its own (its CSRF token kept)."""
    form = page(client, "/search").select_one("footer form.language")
    token = form.select_one("input[name=csrf_token]")["value"]
    return client.post(form["action"], data={"csrf_token": token, **fields})


def test_a_page_answering_a_form_offers_the_way_back_to_a_page_one_can_ask_for(documentalist):
    """After a POST (a refused rule), the switch goes back to the home page rather than to
    an address that answers POST only."""
    token = page(documentalist, "/rules").select_one("input[name=csrf_token]")["value"]
    answer = html(documentalist.post("/rules/preview", data={"csrf_token": token}))
    assert answer.select_one("footer form.language input[name=next]")["value"] == "/"


def post_form(client, path: str, form_page: str, follow_redirects=False, **data):
    """Post to `path` with the CSRF token of the page `form_page`, as its form would."""
    token = page(client, form_page).select_one("input[name=csrf_token]")["value"]
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=follow_redirects)


def test_messages_of_forms_and_of_veille_follow_the_language(documentalist):
    choose(documentalist, "en")
    refused = html(post_form(documentalist, "/bulletins/new", "/bulletins/new", title="Vide"))
    assert "Choose at least one article or a dossier." in refused.select_one(".error").get_text()
    saved = post_form(documentalist, "/saved/new", "/search?q=soudeur", q="soudeur",
                      kind="news", name="Soudeurs", follow_redirects=True)
    listing = html(saved)
    assert "Search “Soudeurs” saved." in listing.select_one("p.notice").get_text()
    assert "“soudeur” · type: news" in listing.select_one("li[id^=recherche-] p.meta").get_text()


@pytest.mark.parametrize(("cookie", "message"), [
    (None, "La page demandée n'existe pas, ou plus."),
    ("en", "The page you asked for does not exist, or no longer does."),
])
def test_the_api_s_error_messages_follow_the_language_too(client, cookie, message):
    if cookie:
        client.set_cookie("lang", cookie)
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.get_json()["error"] == message


@pytest.mark.parametrize(("query", "french", "english"), [
    ("caristes", "1 résultat pour « caristes »", "1 result for “caristes”"),
    ("soudeur", "3 résultats pour « soudeur »", "3 results for “soudeur”"),
    ("astronaute", "0 résultats pour « astronaute »", "0 results for “astronaute”"),
])
def test_plural_forms_follow_the_count_in_both_languages(client, catalogue, query, french,
                                                         english):
    path = f"/search?q={query}"
    assert text_of(client, path, "#results-title") == french
    choose(client, "en")
    assert text_of(client, path, "#results-title") == english


@pytest.mark.parametrize(("count", "english"), [(1, "1 article"), (3, "3 articles")])
def test_english_plurals_of_the_catalogue(app, count, english):
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        assert ngettext("%(num)d article", "%(num)d articles", count) == english


def extracted() -> dict:
    """Every text the code and templates give to translate (babel.cfg), as the catalogue
    keys them: the msgid, or (singular, plural)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    for path, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map,
                                                    keywords=DEFAULT_KEYWORDS):
        found.setdefault(message, path)
    return found


def opened(path, read):
    with path.open("rb") as file:
        return read(file)


def key(message) -> str | tuple:
    return message.id if isinstance(message.id, str) else tuple(message.id)


def strings(message) -> tuple:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_every_text_of_the_code_has_an_english_translation():
    catalogue = {key(message): message for message in opened(CATALOGUE, read_po)
                 if message.id}
    texts = extracted()
    assert len(texts) > 400  # the extraction did read the code and the templates
    missing = {text: path for text, path in texts.items() if text not in catalogue}
    assert not missing, f"texts without a translation: {missing}; {REFRESH}"
    for text in texts:
        message = catalogue[text]
        assert not message.fuzzy and all(s.strip() for s in strings(message)), (
            f"{text!r} is fuzzy or untranslated in {CATALOGUE.name}")
    stale = set(catalogue) - set(texts)
    assert not stale, f"texts the code no longer has: {stale}; {REFRESH}"


def test_the_translations_keep_their_placeholders():
    catalogue = opened(CATALOGUE, read_po)
    problems = [(message.id, [str(error) for error in errors])
                for message, errors in catalogue.check() if errors]
    assert not problems


def test_the_template_and_the_compiled_catalogue_are_up_to_date():
    template = {key(message) for message in opened(TEMPLATE, read_po) if message.id}
    assert template == set(extracted()), f"{TEMPLATE.name} is not up to date: {REFRESH}"
    assert COMPILED.exists(), f"{COMPILED} is missing: `make test` (or `make run`) builds it"
    compiled = {key(message): strings(message) for message in opened(COMPILED, read_mo)
                if message.id}
    written = {key(message): strings(message) for message in opened(CATALOGUE, read_po)
               if message.id}
    assert compiled == written, f"{COMPILED.name} is older than its .po: run `make test`"
