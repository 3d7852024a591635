"""Helpers to read what the web UI answers: HTML as a tree, links as parameters, French; to
sign a test client in; to send the sign-in form to an app served on loopback."""

import re
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from tests.accounts.support import PASSWORD, add_account
from veille.accounts import sessions
from veille.models import User

# A handful of words that any French sentence of ours holds one of, and no English one does.
FRENCH_WORDS = {"la", "le", "les", "de", "des", "du", "un", "une", "doit", "être", "pas", "ou",
                "cette", "dépasse", "entre", "n'existe", "requête", "est", "aucun"}
ENGLISH_WORDS = {"the", "not", "was", "must", "be", "no", "with", "is", "requested", "found"}
# Words of veille's English messages (errors of fetches, feeds, mail) that no French text of
# the web UI holds.
ENGLISH_MESSAGE_WORDS = ENGLISH_WORDS | {
    "cannot", "fetch", "fetching", "resolve", "known", "name", "refusing", "connect",
    "unreachable", "disallows", "timed", "out", "timeout", "deadline", "announces", "bytes",
    "allowed", "than", "more", "sent", "internal", "server", "error", "from", "to", "of",
    "address", "public", "feed", "empty", "invalid", "broken", "document", "too", "many",
    "redirects", "and", "it", "its", "set", "or", "refused", "connection"}


def english_words(text: str) -> set[str]:
    """The words of `text` that are English, not French."""
    return set(re.findall(r"[\w']+", text.lower())) & ENGLISH_MESSAGE_WORDS


def html(response) -> BeautifulSoup:
    assert response.mimetype == "text/html", response.mimetype
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def params(href: str) -> dict[str, list[str]]:
    """The query parameters of a link, every value of each."""
    return parse_qs(urlsplit(href).query)


def path_and_query(href: str) -> str:
    """A link as the test client accepts it, absolute or not."""
    parts = urlsplit(href)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def is_french(message: str) -> bool:
    words = set(re.findall(r"[\w']+", message.lower()))
    return bool(words & FRENCH_WORDS) and not words & ENGLISH_WORDS


def result_ids(response) -> list[str]:
    return [result["id"] for result in response.get_json()["results"]]


def scripts_not_ours(soup: BeautifulSoup) -> list:
    """The script elements that are not one of veille's own files (static/*.js): a script
    written in the page, or one from elsewhere."""
    return [script for script in soup.find_all("script")
            if script.string or not script.get("src", "").startswith("/static/")]


def event_handlers(soup: BeautifulSoup) -> list[str]:
    """Every on* attribute of every element (onclick, onerror…): scripts the page would run."""
    return [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]


def sign_in(client, instance, role: str, email: str = "") -> User:
    """Sign `client` in with a new account of `role` (its email `role@maison.test`, or
    `email` for a second person of the same role) as the sign-in form would: a session
    started in the store, its secret in the client's session cookie, where Flask-Login looks
    for it. No password is hashed or checked: the form itself is tested by test_auth.py,
    test_sessions.py, test_sign_in_limits.py and the browser tests (`sign_in_with_form`)."""
    user = add_account(instance, email or f"{role}@maison.test", role)
    token = sessions.start(instance, user.id)
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
    return user


def sign_in_with_form(client, instance, role: str, email: str = "") -> User:
    """Sign `client` in with a new account of `role` (see `sign_in`) through the sign-in
    form: its CSRF token, the password checked, the session begun by the view."""
    email = email or f"{role}@maison.test"
    user = add_account(instance, email, role)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return user


def signed_in(app, instance, role: str):
    """A new test client of `app`, signed in with a new account of `role`."""
    client = app.test_client()
    sign_in(client, instance, role)
    return client


def csrf_token(page: str) -> str:
    """The CSRF token a page's forms carry (Flask-WTF's hidden field)."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def sign_in_over_http(client, email: str, password: str = PASSWORD):
    """Send the sign-in form with an httpx client of a served app; its answer."""
    token = csrf_token(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": token})
