"""Server time of every GET page of the web UI at 100,000 items (issue 6: each ≤ 200 ms).

    .venv/bin/pip install -e '.[bench]'      # wordfreq, for bench/search.py's corpus
    .venv/bin/python bench/pages.py [--docs 100000] [--instance DIR] [--runs 30]

Items: bench/search.py's generated French corpus, imported as it does (`Veille.build`:
`import_entries`, index rebuild), credited to one source, with the catalogue records `veille
import` gives resources. Then veille's own functions add what pages show: an account per
role, loopback feeds collected twice and a failing source (fetch history), sources never
collected, publications, stars, tags, notes, dossiers, rules, saved searches, catalogue
files, a bulletin draft and one sent to aiosmtpd on loopback, the ROME, the geography,
FAP-2021 and the BMO 2024 with its bassins, with one news item in TAGGED carrying job and
place tags (the generated words name no job: the tags are written as the taggers would).
Building takes ~20 minutes at 100k: `--instance DIR` builds in DIR (and the 1,000-item
baseline in DIR-1k) once, and reuses them later
(an instance of an older VERSION is brought up to date by the steps added since); without
it both are built in a temporary folder.

Every GET rule of the app's url_map (but `static`) needs an entry in PAGES, or the bench
stops. Each page goes through Flask's test client in-process, signed in with the least role
webui/access.py allows (search, API and feeds as an advisor: visitors go to the portal),
WARMUP times, then --runs times, from the request to the whole body; search-like pages run
several queries. The table: median, p95 (ms), target (p95 ≤ 200 ms), ratio of medians to
the baseline, measured in the same run.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from flask import url_for
from werkzeug.datastructures import MultiDict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from bench.search import Veille, corpus, log, read_docs  # noqa: E402 - the corpus, reused
from bench.tagging import SHARED  # noqa: E402 - the ROME and the geography
from tests.feedserver import FeedServer  # noqa: E402 - the tests' loopback servers, reused
from tests.library.filetext import documents  # noqa: E402
from tests.smtpserver import SmtpServer  # noqa: E402
from tests.webui.support import csrf_token  # noqa: E402
from veille.accounts import users  # noqa: E402
from veille.curate import curation, notes, rulebook  # noqa: E402
from veille.curate.sectors import SECTORS  # noqa: E402
from veille.diffuse import bulletins, dossiers, saved_searches, subscriberlists  # noqa: E402
from veille.instance import Instance, create_instance, open_instance  # noqa: E402
from veille.library import catalogue  # noqa: E402
from veille.models import Rule  # noqa: E402
from veille.referentials.importing import import_folder  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.sources import sourcebook  # noqa: E402
from veille.sources.watchlist import make_source  # noqa: E402
from veille.store import tags as tag_store  # noqa: E402
from veille.store.schema import items as item_table  # noqa: E402
from veille.store.schema import rome_metiers  # noqa: E402
from webui import create_app  # noqa: E402
from webui.access import allowed  # noqa: E402

TARGET_MS, WARMUP, BASELINE_DOCS = 200.0, 3, 1000
PUBLISHED, CURATED, DOSSIER_SIZES = 1000, 300, (200, 40, 15, 5)
FEEDS = ("emploi-grand-est.rss", "formations.atom", "apprentissage-0.91.rss",
         "metiers-industrie.rdf", "offres-formation.json")
PLACES = ("Moselle", "Metz", "Bas-Rhin", "Strasbourg", "Marne", "Reims", "Vosges", "Nancy")
ROLES, PASSWORD, ACTOR = ("advisor", "documentalist", "admin"), "un mot de passe long", "bench"
MANIFEST, VERSION = "bench-pages.json", 4  # bump VERSION when populate() changes
# One news item in TAGGED gets a job of JOBS (the first ones more often, as news goes) and
# a commune of COMMUNES (with its EPCI, département, région and bassin d'emploi, as the
# taggers write them).
TAGGED = 10
JOBS = ("H2913", "J1501", "F1703", "D1102", "M1855", "N1101", "K2111", "I1604", "G1602",
        "A1414")
COMMUNES = {"57463": ("200039865", "57", "44", "4431"),
            "67482": ("246700488", "67", "44", "4441"),
            "51454": ("200067213", "51", "44", "4404"),
            "54395": ("245400676", "54", "44", "4425")}
LABOUR_MARKET = ("rome-4.0", "geo-fr", "fap-2021", "bmo-2024")  # folders of SHARED
SEED, CACHE = 1, Path.home() / ".cache" / "veille-bench"  # bench/search.py's defaults
A, D = "advisor", "documentalist"
SEARCHES = {"browse": {}, "common word": {"q": "{word}"}, "page 5": {"page": "5"},
            "facets": {"source": "{source_name}", "kind": "news", "tag": "soudeur"},
            "job and place": {"rome": "{job}", "lieu": "Moselle"},
            "job named (synonyms)": {"q": "soudeur"}}
TRENDS = {"browse": {}, "job": {"rome": "{job}"}, "place by name": {"lieu": "Moselle"},
          "word, by month": {"q": "{word}", "interval": "month"}}
PORTAL = {"browse": {}, "common word": {"q": "{word}"}, "page 5": {"page": "5"},
          "sector": {"sector": "{sector}"}}
BESOINS = {"job in a département": {"rome": "{job}", "lieu": "departement:57"},
           "job and bassin by name": {"rome": "soudeur", "lieu": "bassin de Metz"},
           "every job of a région": {"lieu": "region:44"}}
TERRITORIES = {"région": "region:44", "département": "departement:57",
               "bassin": "bassin:4431", "commune": "commune:57463"}


@dataclass(frozen=True)
class Page:
    """One request: an endpoint, the role signed in (None: a visitor), its arguments
    (templates filled from the instance's facts: path values, then the query string)."""

    endpoint: str
    variant: str = ""
    role: str | None = None
    args: dict = field(default_factory=dict)
    status: int = 200
    # A file of the whole catalogue, downloaded (an attachment), not a page one reads: its
    # time grows with the catalogue; shown, but not held to the pages' target.
    download: bool = False


PAGES = [
    Page("search.home", "", A, status=302),
    *(Page("search.index", name, A, args) for name, args in SEARCHES.items()),
    Page("search.index", "word, by date", A, {"q": "{word}", "sort": "date"}),
    *(Page("api.search_json", name, A, args) for name, args in SEARCHES.items()),
    Page("feeds.search_atom", "browse", A), Page("feeds.search_atom", "word", A, {"q": "{word}"}),
    Page("feeds.search_atom", "word, visitor", None, {"q": "{word}"}), Page("feeds.opensearch"),
    *(Page("items.show", "curated news", role, {"item_id": "{item}"}) for role in (D, A)),
    Page("items.show", "catalogue file", D, {"item_id": "{resource}"}),
    *(Page("portal.index", name, None, args) for name, args in PORTAL.items()),
    Page("portal.feed", "browse"), Page("portal.feed", "sector", None, {"sector": "{sector}"}),
    Page("portal.item", "", None, {"item_id": "{item}"}), Page("auth.login"),
    Page("rules.index", "", D), Page("dossiers.index", "", A),
    Page("admin.users", "", "admin"), Page("admin.settings", "", "admin"),
    *(Page(f"dossiers.{name}", f"{DOSSIER_SIZES[0]} items", A, {"dossier_id": "{dossier}"})
      for name in ("show", "printable", "export_csv")),
    Page("notes.index", "", A), Page("notes.index", "page 5", A, {"page": "5"}),
    Page("saved.index", "", A),
    Page("saved.feed", "", None, {"saved_id": "{saved}", "token": "{token}"}),
    Page("sources.index", "", D), Page("sources.new", "", D),
    Page("sources.show", "all items", D, {"source_id": "{big_source}"}),
    *(Page(f"sources.{name}", "collected feed", D, {"source_id": "{feed_source}"})
      for name in ("show", "edit", "delete")),
    Page("sources.export_opml", "", D),
    Page("bulletins.index", "", D), Page("bulletins.archive"), Page("bulletins.new", "", D),
    Page("bulletins.show", "sent", None, {"bulletin_id": "{sent}"}),
    *(Page(f"bulletins.{name}", "draft", D, {"bulletin_id": "{draft}"})
      for name in ("show", "email", "edit")),
    Page("resources.new", "", D), Page("resources.edit", "", D, {"resource_id": "{resource}"}),
    Page("resources.file", "", A, {"resource_id": "{resource}"}),
    *(Page("trends.index", name, A, args) for name, args in TRENDS.items()),
    *(Page("api.trends_json", name, A, args) for name, args in TRENDS.items()),
    Page("metiers.index", "", A), Page("metiers.index", "finder", A, {"q": "soudeur"}),
    *(Page(f"metiers.{name}", "", A, {"code": "{job}"})
      for name in ("show", "printable", "needs_csv")),
    *(Page("api.besoins_json", name, A, args) for name, args in BESOINS.items()),
    Page("territoires.index", "", A), Page("territoires.index", "finder", A, {"q": "metz"}),
    *(Page("territoires.show", name, A, {"key": key}) for name, key in TERRITORIES.items()),
    Page("territoires.needs_csv", "région", A, {"key": "region:44"}),
    Page("trends.tension_csv", "", A),
    Page("bulletinlists.index", "", D),
    *(Page(f"bulletinlists.{name}", "200 subscribers", D, {"list_id": "{subscribers}"})
      for name in ("show", "export_csv", "delete")),
    Page("bulletins.pdf", "sent", None, {"bulletin_id": "{sent}"}),
    Page("subscribe.signup"),
    # Tokens are only ever mailed: an unknown one, the page a stale link gives.
    Page("subscribe.confirm", "unknown token", None, {"token": "x"}),
    Page("subscribe.unsubscribe", "unknown token", None, {"token": "x"}, status=404),
    Page("maison.logo", "none set", status=404),
    *(Page(f"console.{name}", "", D) for name in ("purge", "audit_log", "hidden")),
    Page("referentials.index", "", D),
    Page("resources.export_csv", "", A, download=True),
    Page("resources.export_dc", "", A, download=True),
]


# ---------------------------------------------------------------- the instance


def prepare(folder: Path, docs: int) -> dict:
    """The facts of the populated instance in `folder`: read back, or built there now."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        facts = json.loads(manifest.read_text(encoding="utf-8"))
        if facts["docs"] != docs or facts["version"] not in range(1, VERSION + 1):
            sys.exit(f"{folder} holds another version or size of this bench's instance: "
                     "delete it or choose another DIR")
        if facts["version"] < VERSION:
            facts.update(upgrade(folder, docs, facts["version"]), version=VERSION)
            manifest.write_text(json.dumps(facts, indent=1), encoding="utf-8")
        log(f"reusing the instance in {folder}")
        return facts
    if folder.exists() and any(folder.iterdir()):
        sys.exit(f"{folder} is not empty and holds no {MANIFEST}: not this bench's instance")
    path, vocab = corpus(docs, SEED, CACHE)
    veille = Veille(folder)
    big = sourcebook.add(veille.instance, make_source(
        "https://corpus.exemple.fr/flux.rss", name="Corpus importé"), ACTOR)
    veille.build(path, docs, source_id=big.id)
    with FeedServer(ROOT / "tests" / "data" / "feeds") as feeds, SmtpServer() as smtp:
        # The instance as the bench's servers need it: fetching from and mailing to loopback.
        overrides = {"fetch.allow_private_networks": True, "fetch.per_host_delay": 0.0,
                     "smtp.host": "127.0.0.1", "smtp.port": smtp.port, "smtp.security": "none"}
        settings = load_settings(None, {"VEILLE_INSTANCE": str(folder)}, overrides)
        facts = populate(open_instance(settings), path, vocab, feeds)
    facts.update(docs=docs, version=VERSION, big_source=big.id)
    manifest.write_text(json.dumps(facts, indent=1), encoding="utf-8")
    return facts


def upgrade(folder: Path, docs: int, version: int) -> dict:
    """What the steps added since `version` bring to the instance in `folder`: the facts."""
    instance = open_instance(load_settings(None, {"VEILLE_INSTANCE": str(folder)}))
    facts = {}
    if version < 3:  # built before the tags, or the labour market
        log(f"adding the referentials and tags to the instance in {folder}")
        facts.update(add_job_tags(instance, news_of(corpus(docs, SEED, CACHE)[0])))
    if version < 4:  # built before the bulletins' lists of subscribers
        facts.update(add_subscribers(instance))
    return facts


def populate(instance: Instance, path: Path, vocab: dict[str, int], feeds: FeedServer) -> dict:
    """Add what the pages show, through veille's own functions; the facts the pages need."""
    started = time.perf_counter()
    records = list(read_docs(path))
    catalogue.ensure_records(instance, [record["id"] for record in records])
    news = news_of(path)
    people = {role: users.add_user(instance, f"{role}@maison.test", role, PASSWORD)
              for role in ROLES}
    word = next(w for w in vocab if len(w) >= 6 and w.isalpha())
    feed_source = add_sources(instance, feeds)
    item = curate_items(instance, news)
    for item_id in [item, *news[3 :: len(news) // 150]]:
        notes.write(instance, people[A], item_id, f"À relire avant l'entretien ({item_id}).")
    dossier = fill_dossiers(instance, [item, *news[1 :: len(news) // 250]])
    add_rules(instance, feed_source)
    saved, token = save_searches(instance, people, word, records[0]["source"])
    draft, sent = write_bulletins(instance, dossier, news[2 :: len(news) // 12][:12])
    resource = add_resources(instance)
    tagged = add_job_tags(instance, news)
    subscribers = add_subscribers(instance)
    log(f"populated in {time.perf_counter() - started:.0f} s")
    return dict(item=item, resource=resource, dossier=dossier, feed_source=feed_source,
                draft=draft, sent=sent, saved=saved, token=token, word=word,
                source_name=records[0]["source"], sector=next(iter(SECTORS)), **tagged,
                **subscribers)


def add_subscribers(instance: Instance) -> dict:
    """A list of a bulletin's subscribers, 200 of them; the facts: the list."""
    chosen = subscriberlists.create(instance, "Entreprises du bassin", "Les employeurs.", ACTOR)
    emails = "\n".join(f"employeur{number}@exemple.fr" for number in range(200))
    subscriberlists.import_csv(instance, chosen.id, emails, ACTOR)
    return {"subscribers": chosen.id}


def news_of(path: Path) -> list[str]:
    return [record["id"] for record in read_docs(path) if record["kind"] == "news"]


def add_job_tags(instance: Instance, news: list[str]) -> dict:
    """The ROME, the geography, FAP-2021 and the BMO 2024 in the store, and one news item in
    TAGGED tagged with a job and a commune, as the taggers would have; the index follows.
    The facts: a job."""
    for folder in LABOUR_MARKET:
        import_folder(instance.engine, SHARED / folder)
    with instance.engine.begin() as conn:
        metiers = {row.code: row for row in conn.execute(
            select(rome_metiers).where(rome_metiers.c.code.in_(JOBS)))}
        chosen = news[::TAGGED]
        communes = list(COMMUNES.items())
        tagged = {}
        for number, item_id in enumerate(chosen):
            job = metiers[JOBS[(number % 100) ** 2 * len(JOBS) // 10_000]]  # the first most
            commune, (epci, departement, region, bassin) = communes[number % len(communes)]
            tagged[item_id] = [("rome", job.code), ("domaine", job.domaine),
                               ("grand_domaine", job.grand_domaine),
                               ("place", f"commune:{commune}"), ("place", f"epci:{epci}"),
                               ("place", f"departement:{departement}"),
                               ("place", f"region:{region}"), ("place", f"bassin:{bassin}")]
        tag_store.replace_auto(conn, tagged)
        conn.execute(update(item_table).where(item_table.c.id.in_(chosen)).values(indexed=False))
    instance.sync_index()
    log(f"tagged {len(chosen)} news items with jobs and places")
    return {"job": JOBS[0]}


def add_sources(instance: Instance, feeds: FeedServer) -> int:
    """Loopback feeds collected twice (the second answers 304) and one failing source, then
    sources never collected, as a watch list of ~50 has; the first feed's id."""
    ids = []
    for name in FEEDS:
        source = make_source(feeds.url(f"/feeds/{name}"), name=f"Flux {name}", tags=("bench",))
        ids.append(sourcebook.add(instance, source, ACTOR).id)
    ids.append(sourcebook.add(instance, make_source(feeds.url("/status/500"), name="En panne"),
                              ACTOR).id)
    for _ in range(2):
        for source_id in ids:
            sourcebook.collect_now(instance, source_id, ACTOR)
    for number in range(44):
        source = make_source(f"https://site-{number}.exemple.fr/flux.rss", name=f"Site {number}",
                             every="6h", tags=("grand est",))
        sourcebook.add(instance, source, ACTOR)
    return ids[0]


def curate_items(instance: Instance, news: list[str]) -> str:
    """Publish PUBLISHED news items under sectors and places, star, tag and note CURATED
    of them; the first is the page of an item that has it all."""
    codes = list(SECTORS)
    count = min(PUBLISHED, len(news) // 2)
    chosen = news[:: len(news) // count][:count]
    for number, item_id in enumerate(chosen):
        sectors = (codes[number % len(codes)], codes[(number * 7 + 3) % len(codes)])
        places = (PLACES[number % len(PLACES)],)
        curation.publish(instance, item_id, ACTOR, True, sectors, places)
    for number, item_id in enumerate(chosen[:CURATED]):
        curation.curate(instance, item_id, ACTOR, star=number % 2 == 0,
                        note=f"À reprendre dans le bulletin n° {number % 12}.",
                        add_tags=("à diffuser", f"thème {number % 9}"))
    log(f"published {len(chosen)} items, curated {min(CURATED, len(chosen))}")
    return chosen[0]


def fill_dossiers(instance: Instance, ids: list[str]) -> int:
    """Dossiers of DOSSIER_SIZES items with a note each; the id of the largest."""
    made = []
    for number, size in enumerate(DOSSIER_SIZES):
        name = f"Dossier {number + 1} : métiers en tension"
        made.append(dossiers.create(instance, name, "Sélection pour les conseillers.", ACTOR))
        for item_id in ids[:size]:
            dossiers.put(instance, name, item_id, f"Note sur {item_id}.", None, ACTOR)
    return made[0].id


def add_rules(instance: Instance, source_id: int) -> None:
    rules = [Rule("block", "words", "casino loterie"), Rule("block", "phrase", "offre expirée"),
             Rule("keep", "regex", r"(^|\W)formations?(\W|$)", source_id),
             Rule("block", "tag", "spam"), Rule("keep", "words", "emploi compétences", source_id)]
    for rule in rules:
        rulebook.save(instance, rule, ACTOR)


def save_searches(instance: Instance, people: dict, word: str, source: str) -> tuple[int, str]:
    """Saved searches of the advisor (some shared, one with an alert) and the documentalist;
    the id and token of the advisor's first."""
    found = []
    for number in range(12):
        owner = people[A if number % 3 else D]
        args = MultiDict([("q", word if number % 2 else ""), ("source", source)][: 1 + number % 2])
        saved = saved_searches.create(instance, owner, f"Veille {number}", args)
        if number % 4 == 1:
            saved_searches.share(instance, saved.id, True, owner)
        found.append(saved)
    first = next(saved for saved in found if saved.user_id == people[A].id)
    saved_searches.set_alert(instance, first.id, "daily", people[A])
    return first.id, first.token


def write_bulletins(instance: Instance, dossier: int, ids: list[str]) -> tuple[int, int]:
    """A bulletin sent (to the loopback SMTP server) and a draft from a dossier."""
    sent = bulletins.draft(instance, "Bulletin de mars", "Les métiers qui recrutent.\n\nBonne "
                           "lecture.", ACTOR, item_ids=ids)
    bulletins.send(instance, sent.id, "a@maison.test, b@maison.test", ACTOR)
    draft = bulletins.draft(instance, "Bulletin d'avril", "Brouillon.", ACTOR, item_ids=ids[:3],
                            dossier_id=dossier)
    return draft.id, sent.id


def add_resources(instance: Instance) -> str:
    """A few documents in the catalogue; the id of a PDF."""
    text = "Le soudeur assemble des pièces métalliques. " * 200
    files = [("fiche-soudeur.pdf", documents.pdf(text, text, title="Fiche métier soudeur")),
             ("cariste.docx", documents.docx_file(text, title="Cariste")),
             ("cpf.md", (ROOT / "tests/data/config/resources/cpf-en-bref.md").read_bytes())]
    added = [catalogue.add_file(instance, content, name, "upload") for name, content in files]
    return added[0].resource.id


# ---------------------------------------------------------------- measuring


def check_pages(app) -> None:
    """Stop unless PAGES measures exactly the app's GET pages, each with a role reaching it."""
    served = {rule.endpoint for rule in app.url_map.iter_rules()
              if "GET" in rule.methods and rule.endpoint != "static"}
    listed = {page.endpoint for page in PAGES}
    if served != listed:
        sys.exit(f"bench/pages.py PAGES is out of date: not measured {sorted(served - listed)}, "
                 f"no such GET page {sorted(listed - served)}")
    refused = [page.endpoint for page in PAGES if not allowed(page.endpoint, page.role)]
    if refused:
        sys.exit(f"bench/pages.py: PAGES gives a role that cannot reach {refused}")


def client_of(app, role: str | None):
    """A test client signed in as the account of `role` through the sign-in form."""
    client = app.test_client()
    if role:
        token = csrf_token(client.get("/login").get_data(as_text=True))
        answer = client.post("/login", data={"email": f"{role}@maison.test",
                                             "password": PASSWORD, "csrf_token": token})
        assert answer.status_code == 302, f"sign-in as {role}: {answer.status_code}"
    return client


def url_of(app, page: Page, facts: dict) -> str:
    with app.test_request_context():
        return url_for(page.endpoint, **{k: v.format(**facts) for k, v in page.args.items()})


def fetch(client, url: str, status: int) -> float:
    """Milliseconds from the request to the whole body; stops on an unexpected status."""
    started = time.perf_counter()
    answer = client.get(url)
    answer.get_data()
    elapsed = (time.perf_counter() - started) * 1000
    answer.close()
    if answer.status_code != status:
        sys.exit(f"GET {url}: {answer.status_code}, expected {status}")
    return elapsed


def site(folder: Path, facts: dict) -> tuple:
    """The app on the instance in `folder`, a client per role, the facts of the instance."""
    app = create_app({"TESTING": True, "VEILLE_INSTANCE": str(folder)})
    return app, {role: client_of(app, role) for role in (None, *ROLES)}, facts


def measure(sites: list[tuple], runs: int) -> list[list[list[float]]]:
    """The times in ms of each page of PAGES on each site, one page after the other on every
    site (so that the machine's load weighs alike on the baseline and the instance)."""
    times = []
    for page in PAGES:
        times.append([])
        for app, clients, facts in sites:
            url, client = url_of(app, page, facts), clients[page.role]
            for _ in range(WARMUP):
                fetch(client, url, page.status)
            times[-1].append([fetch(client, url, page.status) for _ in range(runs)])
    return times


def report(docs: int, times: list[list[list[float]]]) -> None:
    print(f"\nServer time of each GET page at {docs:,} items (ms), ratio of medians to "
          f"{BASELINE_DOCS:,} items; target p95 ≤ {TARGET_MS:.0f} ms")
    print(f"{'page':<46} {'as':<13} {'median':>7} {'p95':>7} {'target':>6} {'ratio':>6}")
    missed = set()
    for page, (baseline, measured) in zip(PAGES, times, strict=True):
        median, high = statistics.median(measured), statistics.quantiles(measured, n=20)[-1]
        ok = high <= TARGET_MS
        missed |= set() if ok or page.download else {page.endpoint}
        verdict = "file" if page.download else "ok" if ok else "FAIL"
        name = f"{page.endpoint} {page.variant}".strip()
        print(f"{name:<46} {page.role or 'visitor':<13} {median:7.1f} {high:7.1f} "
              f"{verdict:>6} {median / statistics.median(baseline):6.1f}")
    endpoints = {page.endpoint for page in PAGES if not page.download}
    print(f"\n{len(endpoints - missed)} of {len(endpoints)} GET pages meet p95 ≤ "
          f"{TARGET_MS:.0f} ms at {docs:,} items in all their variants; missed: "
          f"{', '.join(sorted(missed)) or 'none'}. Downloads of the whole catalogue "
          f"(\"file\") are not pages: their time grows with the catalogue.")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--instance", type=Path, help="build the instance here, or reuse it")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory(prefix="veille-pages-") as scratch:
        empty = Path(scratch) / "empty"  # the pages are checked before anything is built
        create_instance(load_settings(None, {"VEILLE_INSTANCE": str(empty)}))
        check_pages(create_app({"TESTING": True, "VEILLE_INSTANCE": str(empty)}))
        folder = (args.instance or Path(scratch) / "main").absolute()
        small = folder.with_name(f"{folder.name}-1k")
        facts = {small: prepare(small, BASELINE_DOCS), folder: prepare(folder, args.docs)}
        times = measure([site(path, found) for path, found in facts.items()], args.runs)
    report(args.docs, times)


if __name__ == "__main__":
    main()
