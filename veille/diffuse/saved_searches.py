"""Saved searches: a person keeps a search (its words and filters) under a name, shares it
with the team or not, follows it as an Atom feed reached by an unguessable token, and gets
an email alert of what is new in it (veille/diffuse/alerts.py). Only the owner changes one."""

import secrets
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlencode

from ..curate.sectors import SECTORS
from ..errors import Forbidden, InvalidRequest, NotFound
from ..i18n import N_
from ..index.args import ArgLists, Args, kept, query_from_args
from ..index.facets import FACETS
from ..instance import Instance
from ..models import ALERTS, SavedSearch, User, stored_id
from ..store import saved_searches as store
from ..store.schema import utcnow
from ..tags import labels as taglabels
from ..text.labels import one_line

MAX_NAME = 300
TOKEN_BYTES = 32  # 43 URL-safe characters
ALERT_LABELS = {"": N_("aucune"), "daily": N_("quotidienne"), "weekly": N_("hebdomadaire"),
                "spike": N_("en cas de hausse marquée")}
DIGESTS = ("daily", "weekly")  # the alerts that report new items (not "spike")
KIND_LABELS = {"news": N_("actualité"), "resource": N_("ressource"), "offre": N_("offre d'emploi")}


def create(instance: Instance, owner: User, name: str, args: Args,
           now: datetime | None = None) -> SavedSearch:
    """Save the search `args` describe (page and limit left out) under `name`, private,
    without alert; InvalidRequest for a bad name or search."""
    query = kept(args)
    query_from_args(ArgLists(query), instance.settings.search)  # refuses what search would
    now = now or utcnow()
    saved = SavedSearch(user_id=stored_id(owner), name=_name(name), query=query, token=new_token(),
                        new_after=now, created_at=now)
    with instance.engine.begin() as conn:
        return store.add(conn, saved)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def get(instance: Instance, saved_id: int) -> SavedSearch:
    with instance.engine.connect() as conn:
        return store.get(conn, saved_id)


def visible(instance: Instance, person: User) -> list[SavedSearch]:
    """What `person` sees: their own saved searches and those the team shared."""
    with instance.engine.connect() as conn:
        return store.visible_to(conn, stored_id(person))


def with_token(instance: Instance, saved_id: int, token: str) -> SavedSearch:
    """The saved search whose feed `token` opens; NotFound for any other token."""
    saved = get(instance, saved_id)
    if not secrets.compare_digest(saved.token.encode(), token.encode()):
        raise NotFound(f"no saved search {saved_id} with this token")
    return saved


def rename(instance: Instance, saved_id: int, name: str, by: User) -> None:
    _change(instance, saved_id, by, name=_name(name))


def share(instance: Instance, saved_id: int, shared: bool, by: User) -> None:
    _change(instance, saved_id, by, shared=shared)


def set_alert(instance: Instance, saved_id: int, alert: str, by: User,
              now: datetime | None = None) -> None:
    """Set the alert ("", "daily", "weekly", "spike"); a digest switched on reports what
    comes from now on, not the backlog, and a spike alert starts afresh (not a week after
    the last digest). Between daily and weekly the marks stay: nothing lost, nothing twice."""
    if alert not in ALERTS:
        raise InvalidRequest(f"l'alerte doit valoir {', '.join(repr(a) for a in ALERTS)}")
    saved = _owned(instance, saved_id, by)
    if saved.alert == alert:
        return
    values: dict = {"alert": alert}
    if saved.alert not in DIGESTS or alert not in DIGESTS:
        values.update(alerted_at=None, new_after=now or utcnow())
    with instance.engine.begin() as conn:
        store.change(conn, saved_id, **values)


def delete(instance: Instance, saved_id: int, by: User) -> None:
    _owned(instance, saved_id, by)
    with instance.engine.begin() as conn:
        store.remove(conn, saved_id)


def search_path(saved: SavedSearch, page: str = "/search") -> str:
    """The path and query of the search page running it ("/search?q=…"), or of another
    page taking the same arguments (the trends page, "/tendances")."""
    pairs = [(name, value) for name, values in saved.query.items() for value in values]
    return f"{page}?{urlencode(pairs)}" if pairs else page


def described(instance: Instance, query: dict[str, list[str]],
              translate: Callable[[str], str] = str) -> str:
    """`describe`, with the names of the jobs, domaines, places and skills the query names
    by their codes read from the store: « lieu : Moselle », not « lieu : departement:57 »."""
    with instance.engine.connect() as conn:
        labels = {param: taglabels.labels(conn, kind, query.get(param, ()))
                  for param, kind in taglabels.FACET_KINDS.items() if query.get(param)}
    return describe(query, translate, labels)


def describe(query: dict[str, list[str]], translate: Callable[[str], str] = str,
             labels: dict[str, dict[str, str]] | None = None) -> str:
    """A saved search's query in French words: « soudeur » · source : DARES · secteur :
    Industrie · depuis le …; `labels` names codes by facet (`described` reads them); the web
    UI passes its gettext as `translate` to have them in the visitor's language."""
    parts = ([translate(N_("« %(words)s »")) % {"words": " ".join(query["q"])}]
             if query.get("q") else [translate(N_("tous les documents"))])
    named = {"kind": KIND_LABELS, "sector": SECTORS, **(labels or {})}
    for facet in FACETS:
        words = named.get(facet.param, {})
        values = [translate(words[value]) if value in words else value
                  for value in query.get(facet.param, [])]
        if values:
            parts.append(translate(N_("%(facet)s : %(values)s"))
                         % {"facet": translate(facet.label).lower(), "values": ", ".join(values)})
    if query.get("from"):
        parts.append(translate(N_("depuis le %(day)s")) % {"day": query["from"][0]})
    if query.get("to"):
        parts.append(translate(N_("jusqu'au %(day)s")) % {"day": query["to"][0]})
    if query.get("sort") == ["date"]:
        parts.append(translate(N_("les plus récents d'abord")))
    return " · ".join(parts)


def _name(name: str) -> str:
    return one_line(name, N_("Une recherche enregistrée doit avoir un nom."), limit=MAX_NAME)


def _owned(instance: Instance, saved_id: int, by: User) -> SavedSearch:
    saved = get(instance, saved_id)
    if saved.user_id != by.id:
        raise Forbidden(f"saved search {saved_id} belongs to {saved.owner}, not {by.email}")
    return saved


def _change(instance: Instance, saved_id: int, by: User, **values) -> None:
    _owned(instance, saved_id, by)
    with instance.engine.begin() as conn:
        store.change(conn, saved_id, **values)
