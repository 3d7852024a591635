"""Data for the web UI tests, written through the real pipeline: JSON Lines read by the
import collector, or entries normalised by processing, then stored and indexed."""

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from tests.accounts.support import ANNE, BRUNO
from tests.conftest import DATA, FEEDS, copy_instance
from tests.feedserver import FeedServer
from tests.webui.support import sign_in, signed_in
from veille.collect import pipeline
from veille.collect.processing import Origin, normalise
from veille.collectors import jsonl
from veille.instance import Instance, open_instance
from veille.models import Entry
from veille.settings import load_settings
from veille.sources.watchlist import make_source
from veille.store import items as item_store
from veille.store import sources as source_store
from webui import create_app

# Every item is fetched at this moment, so that dates never depend on the clock.
FETCHED = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
ORIGIN = Origin(source="import", fetched=FETCHED, namespace="import")

# Eight items, newest first. Two sit on either side of midnight in Paris on 10–11 April while
# both fall on 10 April in UTC, so that day filters show whose days they count in.
CATALOGUE = [
    {"id": "ouverture-numerique", "published": "2026-04-11T00:15:00+02:00",
     "title": "Ouverture d'un centre de formation au numérique",
     "content": "Développeurs et techniciens support y seront formés dès l'automne.",
     "source": "Presse locale", "kind": "news", "tags": ["numérique"]},
    {"id": "bilan-saisonnier", "published": "2026-04-10T23:30:00+02:00",
     "title": "Bilan de l'emploi saisonnier",
     "content": "Les stations de ski ont recruté autant de saisonniers que l'an passé.",
     "source": "Presse locale", "kind": "news", "tags": ["saisonnier"]},
    {"id": "caristes-strasbourg", "published": "2026-04-02T08:00:00+02:00",
     "title": "Les entrepôts de Strasbourg recrutent des caristes",
     "content": "Préparateurs de commandes et caristes sont recherchés dans la logistique.",
     "url": "https://exemple.test/actu/caristes-strasbourg",
     "source": "Presse locale", "kind": "news", "tags": ["logistique", "Bas-Rhin"]},
    {"id": "formation-soudage", "published": "2026-03-20T14:00:00+01:00",
     "title": "Formation qualifiante au soudage à Metz",
     "content": "Une formation de soudeur de six mois, éligible au CPF, ouvre en septembre.",
     "source": "Carif-Oref Grand Est", "kind": "resource", "tags": ["formation", "Moselle"]},
    {"id": "soudeurs-moselle", "published": "2026-03-12T09:00:00+01:00",
     "title": "Pénurie de soudeurs dans l'industrie mosellane",
     "content": "<p>Les entreprises de la <strong>métallurgie</strong> recherchent des soudeurs "
                "qualifiés.</p><p>La soudure TIG est la compétence la plus demandée.</p>",
     "url": "https://exemple.test/actu/soudeurs-moselle?utm_source=lettre",
     "source": "France Travail Grand Est", "kind": "news",
     "tags": ["industrie", "Moselle", "métiers en tension"]},
    {"id": "soudeur-naval", "published": "2026-02-02T10:00:00+01:00",
     "title": "Le soudeur naval, un métier en tension",
     "content": "Les chantiers navals peinent à recruter des soudeurs expérimentés.",
     "source": "France Travail Grand Est", "kind": "news", "tags": ["industrie"]},
    {"id": "entretien-diagnostic", "published": "2026-01-05T10:00:00+01:00",
     "title": "Fiche pratique : préparer un entretien de diagnostic",
     "content": "Venir avec son CV.\n\nLister ses expériences, y compris bénévoles.",
     "source": "Maison des compétences de Thionville", "kind": "resource",
     "tags": ["diagnostic"]},
    {"id": "compte-formation", "published": "2026-01-01T09:00:00+01:00",
     "title": "Le compte personnel de formation en 2026",
     "content": "Ce qui change pour mobiliser son CPF cette année.",
     "source": "Maison des compétences de Thionville", "kind": "resource", "tags": ["cpf"]},
]
NEWEST_FIRST = [record["id"] for record in CATALOGUE]

# A feed may escape markup inside markup: the title below reaches the store as the text
# `<script>alert(1)</script>`, and the content as text quoting an <img> with a handler,
# next to a real one. Source and tag are taken as given, so they carry markup too.
HOSTILE = {
    "id": "hostile", "published": "2026-03-01T10:00:00+01:00",
    "title": "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>",
    "content": "<p>Soudeur &lt;img src=x onerror=alert(1)&gt; recherché</p>"
               "<img src=x onerror=alert(1)><script>alert(2)</script>",
    "url": "javascript:alert(3)",
    "source": "<i onmouseover=alert(4)>Pirate</i>", "kind": "news",
    "tags": ["<script>alert(5)</script>"],
}
HOSTILE_TITLE = "<script>alert(1)</script>"

ImportRecords = Callable[[list[dict]], pipeline.ImportReport]


@pytest.fixture
def anne(app, instance):
    """The test client of ANNE, an advisor, signed in."""
    client = app.test_client()
    sign_in(client, instance, "advisor", ANNE)
    return client


@pytest.fixture
def bruno(app, instance):
    """The test client of BRUNO, another advisor, signed in."""
    client = app.test_client()
    sign_in(client, instance, "advisor", BRUNO)
    return client


@pytest.fixture
def guarded(veille_env, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback and private networks refused to fetches, as a Maison's settings have it (the
    test instance allows them, to reach the loopback feed server). Ask for it before the app."""
    monkeypatch.setenv("VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS", "0")


@pytest.fixture
def app(instance: Instance):
    """The app with its search open to visitors who are not signed in (`[web]
    public_search` yes), so that the tests of the search, item and API pages need no
    sign-in, whatever accounts they make. Closed searches are the subject of test_portal.py
    and test_access.py, which build their own app."""
    return create_app({"TESTING": True, "VEILLE_SETTINGS": {"web.public_search": "yes"}})


@pytest.fixture
def tagged_app(tagging_instance: Instance):
    """The app on an instance holding the ROME and the geography (its items are tagged)."""
    return create_app({"TESTING": True})


@pytest.fixture
def tagged_advisor(tagged_app, tagging_instance: Instance):
    return signed_in(tagged_app, tagging_instance, "advisor")


def import_into(instance: Instance, records: list[dict]) -> pipeline.ImportReport:
    """Import records as `veille import` does: JSON lines, read, normalised, stored, indexed."""
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    report = pipeline.import_entries(instance, jsonl.read(lines), ORIGIN)
    instance.sync_index()
    assert not report.errors, report.errors
    return report


@pytest.fixture
def import_records(instance: Instance) -> ImportRecords:
    """`import_into` the test's instance."""
    return partial(import_into, instance)


@pytest.fixture(scope="session")
def catalogue_template(instance_template: Path, tmp_path_factory) -> Path:
    """The folder of an instance holding the CATALOGUE, imported once for the run."""
    folder = tmp_path_factory.mktemp("catalogue") / "instance"
    shutil.copytree(instance_template, folder)
    instance = open_instance(load_settings(DATA / "config" / "veille.toml",
                                           env={"VEILLE_INSTANCE": str(folder)}))
    import_into(instance, CATALOGUE)
    instance.engine.dispose()
    return folder


@pytest.fixture
def instance(request: pytest.FixtureRequest, veille_env: Path,
             instance_template: Path) -> Instance:
    """A new instance (tests/conftest.py), holding the CATALOGUE from its start when the test
    asks for `catalogue`: a copy of `catalogue_template` then, which hundreds of tests read,
    rather than an import for each."""
    if "catalogue" in request.fixturenames:
        return copy_instance(request.getfixturevalue("catalogue_template"), veille_env)
    return copy_instance(instance_template, veille_env)


@pytest.fixture
def catalogue(instance: Instance) -> list[str]:
    """The eight CATALOGUE items (in `instance`); returns their ids, newest first."""
    return NEWEST_FIRST


@pytest.fixture
def hostile(import_records: ImportRecords, instance: Instance) -> str:
    """The HOSTILE item; returns its id, once sure the store holds its title as markup text."""
    import_records([HOSTILE])
    with instance.engine.connect() as conn:
        assert item_store.get(conn, "hostile").title == HOSTILE_TITLE
    return "hostile"


# A source failing each way documentalists meet, on loopback (name → address, kind of error:
# veille.errors.KINDS); {feeds} is the feed server, {refusing} a server whose robots.txt
# disallows everything. The instance refuses private networks but loopback's, as a Maison's
# allowing its intranet would.
FAILING_SOURCES = {
    "Site disparu": ("http://nom-inconnu.invalid/flux.rss", "unknown_host"),
    "Site qui refuse les robots": ("{refusing}/feeds/emploi-grand-est.rss", "robots"),
    "Site trop lent": ("{feeds}/slow", "timeout"),
    "Page sans flux": ("{feeds}/feeds/page-sans-flux.html", "not_a_feed"),
    "Flux énorme": ("{feeds}/huge", "too_large"),
    "Serveur en panne": ("{feeds}/status/500", "server_error"),
    "Adresse interne": ("http://169.254.169.254/flux.rss", "blocked_address"),
}


@contextmanager
def sources_failing_every_way(instance: Instance, feed_server: FeedServer) -> Iterator[dict]:
    """The FAILING_SOURCES and one that works ("Emploi Grand Est") watched by `instance` and
    collected once, while their servers run; yields each failing source's name → kind."""
    instance.settings.fetch.allow_private_networks = False
    instance.settings.fetch.allowed_networks = "127.0.0.0/8"
    with FeedServer(FEEDS, host="127.0.0.2") as refusing:
        refusing.put("/robots.txt", b"User-agent: *\nDisallow: /\n", "text/plain")
        servers = {"feeds": feed_server.url(""), "refusing": refusing.url("")}
        watched = {"Emploi Grand Est": "{feeds}/feeds/emploi-grand-est.rss",
                   **{name: url for name, (url, _) in FAILING_SOURCES.items()}}
        with instance.engine.begin() as conn:
            sources = [source_store.add(conn, make_source(url.format(**servers), name=name))
                       for name, url in watched.items()]
        pipeline.collect(instance, sources)
        yield {name: kind for name, (_, kind) in FAILING_SOURCES.items()}


@pytest.fixture
def failing_sources(instance: Instance, feed_server: FeedServer) -> Iterator[dict[str, str]]:
    """`sources_failing_every_way` of the test instance."""
    with sources_failing_every_way(instance, feed_server) as failing:
        yield failing


@pytest.fixture
def twenty_five(instance: Instance) -> list[str]:
    """Twenty-five news items a day apart, stored with `store_items`; ids newest first."""
    first = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    entries = [
        Entry(title=f"Offre d'emploi numéro {n}", content=f"Annonce {n} pour un poste de cariste.",
              url=f"https://exemple.test/offres/{n}", published=first + timedelta(days=n),
              source="Offres du jour")
        for n in range(25)
    ]
    items = [normalise(entry, ORIGIN) for entry in entries]
    pipeline.store_items(instance, items)
    instance.sync_index()
    return [item.id for item in reversed(items)]
