"""Speed of search: veille's engine and `/api/search`, against naive Whoosh and SQLite FTS5.

    .venv/bin/pip install -e '.[bench]'      # wordfreq, for the corpus
    .venv/bin/python bench/search.py [--docs 100000] [--queries 200] [--clients 4] [--budget 3]
                                     [--workers CORES] [--skip-baselines] [--seed 1]
                                     [--cache-dir DIR] [--engine whoosh|postgres]
                                     [--store-url URL] [--duration SECONDS]

The corpus is French text drawn word by word from wordfreq's frequencies (so Zipf-distributed),
seeded, and cached as JSONL (default ~/.cache/veille-bench/). veille loads it as `veille
import` does (`pipeline.import_entries`: store, index alongside), then rebuilds its index as
`veille index rebuild` does. Each query kind runs up to --queries queries, after a few
untimed ones, from --clients threads at once, and stops past --budget seconds once
MIN_QUERIES have run (the "n" column); a query's time is its own latency under that load (the
client threads share the GIL and the machine's cores). Every engine answers what the API
answers: the total, a page of hits with highlighted snippets, and the counts of the source
and kind facets; the baselines get the same queries and do the same work. The issue's
targets: every kind ≤ 100 ms at p95 (the "all facets" kind too: a word and three selected
facets), date range + date sort ≤ 50 ms, spelling ≤ 50 ms, and "facet counts" ≤ 30 ms, measured
by browsing without words, facets selected: counts then run over every document kept. "hits" is the
median total per query; for spelling, the share of typos whose first suggestion is the right
word.

Then every kind again through `/api/search` of `veille serve --workers N` (as `make run`
serves: N web processes, one per core unless --workers) on the bench's instance, a page of
ten, with 1 client and with 4 at once: p50/p95 and the median answer's size (issue 21:
p95 ≤ 60 ms with 1 client, ≤ 100 ms with 4, answers ≤ 20 KB), the first search sent as
soon as the server listens (≤ 300 ms), and the RSS of each web process after the queries
(≤ 300 MB each). The load average is printed: on a shared machine, compare ratios within
one run.

`--engine postgres` (issue 17) measures veille on PostgreSQL (its store and its search
tables) the same way, on a new database of the server `--store-url` names, else of a
throwaway cluster (bench/pgserver.py); its targets: p95 ≤ 100 ms for every kind at 100,000
items (≤ 300 ms above 100,000: at 1M), import ≥ 1,000 items/s; veille on Whoosh is built and
queried in the same run, and the ratios printed. `--duration S` then sends every kind in turn
to `/api/search` from --clients threads for S seconds (issue 17: `--clients 20 --duration
60`, no error, p50/p95 printed).
"""

import argparse
import itertools
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_start
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

try:
    import wordfreq
except ImportError:
    sys.exit("bench/search.py needs wordfreq: .venv/bin/pip install -e '.[bench]'")
from pgserver import bench_database  # noqa: E402 - bench/pgserver.py, beside this file
from served import veille_serve  # noqa: E402 - bench/served.py, beside this file
from sqlalchemy import text  # noqa: E402
from whoosh import highlight, qparser, query, sorting  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402
from whoosh.analysis import STOP_WORDS as WHOOSH_STOP_WORDS  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema  # noqa: E402

from veille.collect import pipeline  # noqa: E402
from veille.collect.processing import Origin  # noqa: E402
from veille.collectors import jsonl  # noqa: E402
from veille.index import querylang  # noqa: E402
from veille.index.search import SearchPage, SearchQuery  # noqa: E402
from veille.instance import create_instance  # noqa: E402
from veille.models import LOCAL_TIME  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.store.schema import utcnow  # noqa: E402
from veille.text.french import STOP_WORDS  # noqa: E402

CORPUS_FORMAT = 2  # bump when the generator changes, so that stale caches are not reused
LEXICON_SIZE = 30_000
FIRST_DAY, DAYS = date(2023, 1, 1), 3 * 365
PAGE = 20  # veille's default page size ([search] page_size)
WARMUP = 5  # untimed queries before each kind
MIN_QUERIES = 20  # timed queries per kind, whatever the budget
SAMPLE_DOCS = 2000  # documents read back to draw phrases, word pairs and facet values from
ELIDED = {w: f"{w}'" for w in ("l", "d", "j", "m", "t", "s", "n", "c", "qu")}
SOURCES = (
    "France Travail Grand Est", "Région Grand Est", "Carif-Oref Grand Est", "Dares", "Céreq",
    "Centre Inffo", "Onisep", "Apec", "Insee Grand Est", "Dreets Grand Est", "CCI Grand Est",
    "Chambre de métiers d'Alsace", "Ministère du Travail", "L'Est Républicain",
    "Le Républicain Lorrain", "Dernières Nouvelles d'Alsace", "L'Union", "Vosges Matin",
    "L'Alsace", "Les Échos", "L'Usine Nouvelle", "Le Journal de l'Emploi", "Opco 2i", "Akto",
    "Uniformation", "Constructys", "Afpa", "Greta Lorraine", "Cap Métiers", "Défi métiers",
)
TAGS = (
    "soudeur", "chaudronnier", "usineur", "électricien", "plombier", "maçon", "menuisier",
    "couvreur", "aide-soignant", "infirmier", "auxiliaire de vie", "ambulancier",
    "éducateur spécialisé", "assistant maternel", "boulanger", "boucher", "cuisinier",
    "serveur", "vendeur", "coiffeur", "cariste", "préparateur de commandes", "chauffeur routier",
    "logisticien", "conducteur de ligne", "opérateur de production", "technicien de maintenance",
    "développeur", "comptable", "agent de propreté", "agent de sécurité", "viticulteur",
    "agriculteur", "formateur", "Grand Est", "Alsace", "Lorraine", "Champagne-Ardenne",
    "Moselle", "Meurthe-et-Moselle", "Meuse", "Vosges", "Bas-Rhin", "Haut-Rhin", "Marne",
    "Haute-Marne", "Aube", "Ardennes", "Strasbourg", "Metz", "Nancy", "Reims", "Mulhouse",
    "Colmar", "Troyes", "Épinal", "Charleville-Mézières", "Thionville", "Forbach", "Saint-Dizier",
)
# p95 targets in ms by kind label; every other kind: DEFAULT_TARGET.
DEFAULT_TARGET = 100.0
TARGETS = {"date range + date sort": 50.0, "facet counts (browse)": 30.0, "spelling": 50.0}
IMPORT_TARGET = 400.0  # docs/s (issue 21)
PG_IMPORT_TARGET = 1_000.0  # docs/s into PostgreSQL (issue 17)
# p95 of every kind on PostgreSQL (issue 17): ≤ 100 ms at 100,000 items, ≤ 300 ms at 1M.
PG_TARGETS = {100_000: 100.0, 1_000_000: 300.0}
REBUILD_TARGET = 100_000 / 360  # 100k docs in 6 min
RSS_TARGET_MB = 300  # each web process (issue 21)
# Through /api/search, every kind, p95 in ms by clients at once (issue 21); answers of a page
# of ten under ANSWER_TARGET_KB; the first search after a start under FIRST_TARGET_MS.
HTTP_TARGETS = {1: 60.0, 4: 100.0}
ANSWER_TARGET_KB = 20
FIRST_TARGET_MS = 300
BY_DATE = ("dates", "browse")  # probe modes whose results are the newest first


# ---------------------------------------------------------------- corpus


class Lexicon:
    """wordfreq's most frequent French words, drawn in proportion to their frequencies;
    feed categories are words of four letters or more, drawn by a Zipf law of their rank
    (some ten thousand distinct ones over 100,000 items, as real watch lists bring)."""

    def __init__(self) -> None:
        freqs = wordfreq.get_frequency_dict("fr")
        self.words = [w for w in wordfreq.top_n_list("fr", LEXICON_SIZE) if _is_word(w)]
        self.cum = list(itertools.accumulate(freqs[w] for w in self.words))
        self.categories = [w for w in self.words if len(w) >= 4]
        self.category_cum = list(itertools.accumulate(
            1 / (rank + 1) for rank in range(len(self.categories))))

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def draw_categories(self, rng: random.Random) -> list[str]:
        return rng.choices(self.categories, cum_weights=self.category_cum,
                           k=rng.choice((0, 1, 1, 2, 3)))


def _is_word(word: str) -> bool:
    return word.replace("'", "").replace("-", "").isalpha()


def _glue(words: list[str]) -> list[str]:
    """Attach elided articles to the next word (l' + emploi → l'emploi), as French writes."""
    out, pending = [], ""
    for word in words:
        if word in ELIDED:
            pending = ELIDED[word]
        else:
            out.append(pending + word)
            pending = ""
    return out


def _text(rng: random.Random, lexicon: Lexicon, words: int) -> tuple[str, list[str]]:
    """Sentences of 8 to 22 words in paragraphs of 3 to 6 sentences; also the words drawn."""
    drawn = lexicon.draw(rng, words)
    paragraphs, sentences, at = [], [], 0
    while at < len(drawn):
        size = rng.randint(8, 22)
        glued = _glue(drawn[at : at + size]) or ["oui"]
        sentences.append(glued[0].capitalize() + " " + " ".join(glued[1:]) + ".")
        at += size
        if len(sentences) >= rng.randint(3, 6):
            paragraphs.append(" ".join(sentences))
            sentences = []
    paragraphs.append(" ".join(sentences))
    return "\n\n".join(p for p in paragraphs if p), drawn


def _document(rng: random.Random, lexicon: Lexicon, number: int) -> tuple[dict, set[str]]:
    title_words = _glue(lexicon.draw(rng, rng.randint(7, 13)))
    body, drawn = _text(rng, lexicon, max(40, int(rng.gauss(250, 60))))
    source = rng.choices(SOURCES, weights=[1 / (i + 1) ** 0.8 for i in range(len(SOURCES))])[0]
    moment = datetime.combine(FIRST_DAY, day_start(), LOCAL_TIME) + timedelta(
        seconds=rng.randrange(DAYS * 86400)
    )
    doc = {
        "id": f"bench-{number:07d}",
        "title": " ".join(title_words).capitalize(),
        "content": body,
        "url": f"https://{_slug(source)}.exemple.fr/{moment:%Y/%m}/{number}",
        "published": moment.isoformat(),
        "source": source,
        "kind": "resource" if rng.random() < 0.15 else "news",
        "tags": list(dict.fromkeys(rng.sample(TAGS, rng.randint(1, 4))
                                   + lexicon.draw_categories(rng))),
    }
    return doc, {w.lower() for w in drawn} | {w.lower() for w in title_words}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def corpus(docs: int, seed: int, cache: Path) -> tuple[Path, dict[str, int]]:
    """The JSONL corpus of `docs` items and its words' document frequencies, cached."""
    stem = f"fr-{docs}-seed{seed}-wordfreq{version('wordfreq')}-v{CORPUS_FORMAT}"
    path, vocab_path = cache / f"{stem}.jsonl", cache / f"{stem}.vocab.json"
    if path.is_file() and vocab_path.is_file():
        log(f"corpus: cached {path}")
        return path, json.loads(vocab_path.read_text(encoding="utf-8"))
    cache.mkdir(parents=True, exist_ok=True)
    started, rng, lexicon, df = time.perf_counter(), random.Random(seed), Lexicon(), Counter()
    with open(f"{path}.tmp", "w", encoding="utf-8") as out:
        for number in range(docs):
            doc, words = _document(rng, lexicon, number)
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            df.update(words)
    vocab_path.write_text(json.dumps(dict(df.most_common()), ensure_ascii=False), "utf-8")
    os.replace(f"{path}.tmp", path)
    log(f"corpus: generated {docs:,} docs in {time.perf_counter() - started:.0f} s → {path}")
    return path, dict(df.most_common())


def read_docs(path: Path, limit: int | None = None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in itertools.islice(lines, limit):
            yield json.loads(line)


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class Probe:
    """One query, as a user types it in veille's box (`text`) and as its parts (`words`)."""

    text: str = ""
    words: tuple[str, ...] = ()
    mode: str = "terms"  # terms | phrase | prefix | dates | browse | spell
    limit: int = PAGE
    since: date | None = None
    until: date | None = None
    filters: dict[str, str] = field(default_factory=dict)  # source, kind, tag (lower-cased)
    expected: str = ""  # for spelling: the word before the typo


def probes(path: Path, vocab: dict[str, int], n: int, seed: int) -> dict[str, list[Probe]]:
    """The query sets by kind label: the same for every engine, drawn with a seeded RNG."""
    rng = random.Random(seed + 1)
    content = [w for w in vocab if _searchable(w)]  # most frequent first
    common, rare = content[:300], content[-max(50, len(content) // 10) :]
    sample = list(read_docs(path, SAMPLE_DOCS))
    return {
        "common term": [_terms(rng.choice(common)) for _ in range(n)],
        "rare term": [_terms(rng.choice(rare)) for _ in range(n)],
        "two-term AND": _pairs(sample, set(content[:2000]), rng, n),
        "phrase": _phrases(sample, set(content), rng, n),
        "prefix": _prefixes([w for w in content[:1000] if len(w) >= 6], rng, n),
        "date range + date sort": [_window(rng) for _ in range(n)],
        "all facets (filters)": _faceted(sample, set(common), rng, n),
        "facet counts (browse)": [_browsing(rng.choice(sample), rng) for _ in range(n)],
        "highlight top 10": [replace(_terms(rng.choice(common)), limit=10) for _ in range(n)],
        "spelling": _typos([w for w in content[200:5000] if len(w) >= 6], vocab, rng, n),
    }


def _terms(*words: str) -> Probe:
    return Probe(" ".join(words), words)


def _searchable(word: str) -> bool:
    return (
        word.isalpha() and len(word) >= 4
        and word not in STOP_WORDS and word not in WHOOSH_STOP_WORDS
    )


def _words(doc: dict, among: set[str]) -> list[str]:
    """The distinct words of `doc` (title and content) that are in `among`, in order."""
    found = re.findall(r"[^\W\d_]+", f"{doc['title']} {doc['content']}".lower())
    return list(dict.fromkeys(w for w in found if w in among))


def _pairs(sample: list[dict], mid: set[str], rng: random.Random, n: int) -> list[Probe]:
    """Two words of one document (so that the AND matches), among the 2,000 most common."""
    out = []
    while len(out) < n:
        words = _words(rng.choice(sample), mid)
        if len(words) >= 2:
            out.append(_terms(*rng.sample(words, 2)))
    return out


def _faceted(sample: list[dict], common: set[str], rng: random.Random, n: int) -> list[Probe]:
    """A common word with the source, kind and one tag of a document that has it: the facet
    values a user would click, with at least one result."""
    out = []
    while len(out) < n:
        doc = rng.choice(sample)
        words = _words(doc, common)
        if words:
            filters = {"source": doc["source"], "kind": doc["kind"],
                       "tag": rng.choice(doc["tags"]).lower()}
            out.append(replace(_terms(rng.choice(words)), filters=filters))
    return out


def _browsing(doc: dict, rng: random.Random) -> Probe:
    """No words, the facet values of a document selected: browsing by facets, as the
    employers' portal does, where the counts are taken over every document the filters
    keep (the issue's "facet counts" target)."""
    filters = {"source": doc["source"], "kind": doc["kind"], "tag": rng.choice(doc["tags"]).lower()}
    return Probe(mode="browse", filters=filters)


def _phrases(sample: list[dict], content: set[str], rng: random.Random, n: int) -> list[Probe]:
    """Two adjacent words of a sentence of the corpus, so that the phrase does occur."""
    pairs = []
    for doc in sample:
        tokens = doc["content"].split()
        pairs += [
            (a, b) for a, b in itertools.pairwise(tokens)
            if a in content and b.rstrip(".") in content and b.rstrip(".") == b
        ]
    chosen = [rng.choice(pairs) for _ in range(n)]
    return [Probe(f'"{a} {b}"', (a, b), "phrase") for a, b in chosen]


def _prefixes(words: list[str], rng: random.Random, n: int) -> list[Probe]:
    stems = [rng.choice(words)[:4] for _ in range(n)]
    return [Probe(f"{stem}*", (stem,), "prefix") for stem in stems]


def _window(rng: random.Random) -> Probe:
    length = rng.choice((7, 30, 90, 365))
    since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - length))
    return Probe(mode="dates", since=since, until=since + timedelta(days=length - 1))


def _typos(words: list[str], vocab: dict[str, int], rng: random.Random, n: int) -> list[Probe]:
    """A word with one edit past its first letter (replace, drop, swap or add a letter)."""
    out = []
    while len(out) < n:
        word = rng.choice(words)
        at, letter = rng.randrange(1, len(word) - 1), rng.choice("abcdeéfgilmnoprstu")
        typo = rng.choice((
            word[:at] + letter + word[at + 1 :],
            word[:at] + word[at + 1 :],
            word[:at] + word[at + 1] + word[at] + word[at + 2 :],
            word[:at] + letter + word[at:],
        ))
        if typo not in vocab:
            out.append(Probe(typo, (typo,), "spell", expected=word))
    return out


def utc_bounds(probe: Probe) -> tuple[datetime, datetime]:
    """The probe's whole local days as naive UTC datetimes, as veille's index holds dates."""
    start = datetime.combine(probe.since, day_start(), LOCAL_TIME)
    end = datetime.combine(probe.until + timedelta(days=1), day_start(), LOCAL_TIME)
    to_utc = lambda moment: moment.astimezone(UTC).replace(tzinfo=None)  # noqa: E731
    return to_utc(start), to_utc(end) - timedelta(microseconds=1)


# ---------------------------------------------------------------- measuring


@dataclass
class Row:
    kind: str
    target: float
    times: list[float] = field(default_factory=list)  # ms
    hits: list[int] = field(default_factory=list)
    wall: float = 0.0
    note: str = ""  # "n/a" or the error that stopped the kind
    errors: int = 0  # queries that failed (the sustained load through the API)
    size: float = 0.0  # median bytes of an answer (through the API)

    def p(self, q: int) -> float:
        if len(self.times) < 2:
            return self.times[0] if self.times else float("nan")
        return statistics.quantiles(self.times, n=100, method="inclusive")[q - 1]


@dataclass(frozen=True)
class Load:
    clients: int  # client threads querying at once
    budget: float  # seconds per kind, past MIN_QUERIES
    targets: dict[str, float] = field(default_factory=lambda: TARGETS)  # p95 ms by kind
    default_target: float = DEFAULT_TARGET  # p95 ms of the other kinds

    def target(self, kind: str) -> float:
        return self.targets.get(kind, self.default_target)


def engine_load(args: argparse.Namespace) -> Load:
    """The load of the in-process kinds, with the targets of the engine measured: issue
    21's on Whoosh; on PostgreSQL, issue 17's for every kind (the larger size's above
    100,000 items)."""
    if args.engine == "whoosh":
        return Load(args.clients, args.budget)
    target = PG_TARGETS[1_000_000 if args.docs > 100_000 else 100_000]
    return Load(args.clients, args.budget, {}, target)


def measure(kind: str, run: Callable[[Probe], int], items: list[Probe], pool, load: Load) -> Row:
    """Time queries from `load.clients` threads of `pool` at once, after WARMUP untimed ones,
    until `items` or the time budget run out (but at least MIN_QUERIES)."""
    row, lock, queue = Row(kind, load.target(kind)), threading.Lock(), iter(items)
    taken = [0]

    def client(deadline: float) -> None:
        while True:
            with lock:
                if taken[0] >= MIN_QUERIES and time.perf_counter() > deadline:
                    return
                probe = next(queue, None)
                taken[0] += 1
            if probe is None:
                return
            started = time.perf_counter()
            hits = run(probe)
            with lock:
                row.times.append((time.perf_counter() - started) * 1000)
                row.hits.append(hits)

    try:
        list(pool.map(run, items[-WARMUP:]))
        started = time.perf_counter()
        clients = [pool.submit(client, started + load.budget) for _ in range(load.clients)]
        for future in clients:
            future.result()
        row.wall = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - one broken kind must not lose a long run
        row.note = f"failed: {type(exc).__name__}: {exc}"[:120]
    log(f"  {kind}: {len(row.times)} queries, p50 {row.p(50):.1f} ms, p95 {row.p(95):.1f} ms "
        f"{row.note}")
    return row


def warm_threads(pool, run: Callable[[Probe], int], probe: Probe, clients: int) -> None:
    """Run one query in each of the pool's threads (veille keeps a searcher per thread)."""
    barrier = threading.Barrier(clients)

    def once() -> None:
        barrier.wait(timeout=600)
        run(probe)

    for future in [pool.submit(once) for _ in range(clients)]:
        future.result()


def run_kinds(engine, sets: dict[str, list[Probe]], load: Load) -> list[Row]:
    log(f"{engine.name}: up to {sum(map(len, sets.values())):,} queries")
    rows = []
    with ThreadPoolExecutor(load.clients) as pool:
        warm_threads(pool, engine.run, sets["common term"][-1], load.clients)
        for kind, items in sets.items():
            if kind == "spelling" and not engine.spells:
                rows.append(Row(kind, load.target(kind), note="n/a"))
            else:
                rows.append(measure(kind, engine.run, items, pool, load))
    return rows


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pss_mb(pid: int) -> float:
    """A process's proportional set size in MB: its private pages, and its share of those
    it shares (gunicorn's web processes share the master's warm caches since the fork)."""
    return rss_mb("Pss", f"/proc/{pid}/smaps_rollup")


def rss_mb(key: str, status: str = "/proc/self/status") -> float:
    """A memory figure of /proc/…/status (or smaps_rollup), in MB."""
    for line in Path(status).read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no {key} in {status}")


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else path.rglob("*")
    return sum(f.stat().st_size for f in files if f.is_file()) / 2**20


@dataclass
class Build:
    label: str
    seconds: float
    docs: int
    target: str = ""
    met: bool | None = None


# ---------------------------------------------------------------- veille


class Veille:
    """veille's own engine: embedded (SQLite and Whoosh), or on the PostgreSQL database
    `store_url` (its store and its search tables)."""

    spells = "suggestion" in {f.name for f in fields(SearchPage)}  # "did you mean", if any

    def __init__(self, folder: Path, store_url: str = "") -> None:
        env = {"VEILLE_INSTANCE": str(folder)} | ({"VEILLE_STORE_URL": store_url}
                                                  if store_url else {})
        self.instance = create_instance(load_settings(config_file=None, env=env))
        self.index_dir, self.store_url = self.instance.index_dir, store_url
        self.name = "veille on PostgreSQL" if store_url else "veille"

    def sizes(self) -> dict[str, float]:
        """MB on disk: the PostgreSQL database (store and search), or the index and store."""
        if self.store_url:
            with self.instance.engine.connect() as conn:
                size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
            return {f"{self.name} (database)": size / 2**20}
        return {"veille index": size_mb(self.index_dir),
                "veille store": size_mb(self.instance.root / "veille.db")}

    def build(self, path: Path, docs: int, source_id: int | None = None) -> list[Build]:
        """Import the corpus (credited to the source `source_id`, if any), then rebuild."""
        started, done = time.perf_counter(), [0]
        origin = Origin(source="import", fetched=utcnow(), namespace="import", source_id=source_id)
        with path.open(encoding="utf-8") as handle:
            pipeline.import_entries(
                self.instance, jsonl.read(handle), origin, on_batch=_progress("import", docs, done)
            )
        imported = time.perf_counter() - started
        started, done[0] = time.perf_counter(), 0
        self.instance.index.rebuild(_progress("rebuild", docs, done))
        rebuilt = time.perf_counter() - started
        target = PG_IMPORT_TARGET if self.store_url else IMPORT_TARGET
        return [
            Build(f"{self.name} import (store, index alongside)", imported, docs,
                  f"≥ {target:.0f} docs/s", docs / imported >= target),
            Build(f"{self.name} index rebuild", rebuilt, docs, "≤ 6 min per 100k (≥ 278 docs/s)",
                  docs / rebuilt >= REBUILD_TARGET),
        ]

    def run(self, probe: Probe) -> int:
        filters = {name: (value,) for name, value in probe.filters.items()}
        request = SearchQuery(
            q=probe.text, limit=probe.limit,
            sort="date" if probe.mode in BY_DATE else "relevance",
            date_from=probe.since, date_to=probe.until, filters=filters,
        )
        page = self.instance.index.search(request)
        if probe.mode == "spell":
            return int(_fold(page.suggestion or "") == _fold(probe.expected))
        return page.total

    def parsed(self, text: str) -> str:
        """How veille's query language reads `text`, for the notes under the table."""
        return repr(querylang.parse(text, date.today()).tree)


def _progress(what: str, total: int, done: list[int]) -> Callable[[int], None]:
    started, step = time.perf_counter(), max(1, total // 10)

    def advance(count: int) -> None:
        if not count:
            return
        before = done[0]
        done[0] += count
        if done[0] // step > before // step or done[0] >= total:
            rate = done[0] / (time.perf_counter() - started)
            log(f"veille {what}: {done[0]:,}/{total:,} ({rate:.0f} docs/s)")

    return advance


class Served:
    """`veille serve` as `make run` starts it (web processes under gunicorn, one per core
    unless --workers, beside one scheduler process) in a process of its own, queried through
    `/api/search` for a page of ten, as users' browsers and scripts meet it."""

    name, spells = "veille via /api/search", False  # the API carries no suggestion

    def __init__(self, address: str, process: subprocess.Popen) -> None:
        self.base = f"{address}/api/search?"
        self.process = process
        self.sizes: list[int] = []  # bytes of each answer of the kind under way

    def run(self, probe: Probe) -> int:
        params = {"q": probe.text, "limit": 10, **probe.filters,
                  "sort": "date" if probe.mode in BY_DATE else "relevance"}
        if probe.since:
            params.update({"from": probe.since.isoformat(), "to": probe.until.isoformat()})
        with urllib.request.urlopen(self.base + urlencode(params), timeout=120) as answer:
            body = answer.read()
        self.sizes.append(len(body))
        return json.loads(body)["total"]

    def web_memory(self) -> list[tuple[float, float]]:
        """(RSS, PSS) in MB of gunicorn's master (or of the one web process), then of each
        web process (the scheduler's `veille worker` is none)."""
        pids = [self.process.pid] + [
            int(pid) for task in Path(f"/proc/{self.process.pid}/task").iterdir()
            for pid in (task / "children").read_text().split()]
        web = [pid for pid in pids
               if b"worker" not in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")]
        return [(rss_mb("VmRSS", f"/proc/{pid}/status"), pss_mb(pid)) for pid in web]


@dataclass(frozen=True)
class Sustained:
    clients: int  # at once, each sending its next query as soon as it has an answer
    duration: float  # seconds


def over_http(veille: Veille, sets: dict[str, list[Probe]], budget: float, workers: int,
              sustained: Sustained | None
              ) -> tuple[dict[int, list[Row]], float, list[tuple[float, float]], Row | None]:
    """Every kind through `/api/search` with 1 client and with 4 (rows by clients, each with
    the median answer size in its note), the first search right after the start (ms), the
    web processes' memory after the queries (MB), and the sustained load if asked for."""
    rows: dict[int, list[Row]] = {}
    with veille_serve(veille.instance.root, workers, veille.store_url) as (address, process):
        served = Served(address, process)
        started = time.perf_counter()
        served.run(sets["common term"][0])
        first = (time.perf_counter() - started) * 1000
        log(f"veille via /api/search: first search after the start {first:.0f} ms")
        for clients in (1, 4):
            rows[clients] = []
            with ThreadPoolExecutor(clients) as pool:
                for kind, items in sets.items():
                    served.sizes = []
                    row = measure(kind, served.run, items, pool, Load(clients, budget))
                    row.size = statistics.median(served.sizes) if served.sizes else 0
                    rows[clients].append(row)
        held = under_load(served, sets, sustained) if sustained else None
        memory = served.web_memory()
    return rows, first, memory, held


def under_load(served: Served, sets: dict[str, list[Probe]], load: Sustained) -> Row:
    """`load.clients` threads sending every kind's queries in turn to `/api/search` for
    `load.duration` seconds: each answer's time, and how many failed (an error status, a
    refused or dropped connection)."""
    row, lock = Row(f"{load.clients} clients for {load.duration:g} s", 0.0), threading.Lock()
    queue = itertools.cycle(itertools.chain.from_iterable(zip(*sets.values(), strict=False)))
    deadline = time.perf_counter() + load.duration

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                probe = next(queue)
            started = time.perf_counter()
            try:
                hits = served.run(probe)
            except Exception:  # noqa: BLE001 - a failed query is what this counts
                with lock:
                    row.errors += 1
                continue
            with lock:
                row.times.append((time.perf_counter() - started) * 1000)
                row.hits.append(hits)

    log(f"veille via /api/search: {row.kind}")
    started = time.perf_counter()
    with ThreadPoolExecutor(load.clients) as pool:
        for future in [pool.submit(client) for _ in range(load.clients)]:
            future.result()
    row.wall = time.perf_counter() - started
    return row


# ---------------------------------------------------------------- naive Whoosh


class NaiveWhoosh:
    """Whoosh as its tutorial shows it: default analyzer, one writer, a searcher per query."""

    name, spells = "naive Whoosh", True

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def build(self, path: Path, docs: int) -> list[Build]:
        started = time.perf_counter()
        schema = Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(analyzer=StandardAnalyzer(), stored=True),
            content=TEXT(analyzer=StandardAnalyzer(), stored=True),
            published=DATETIME(stored=True),
            source=ID(stored=True),
            kind=ID(stored=True),
            tags=KEYWORD(stored=True, commas=True),
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        ix_writer = whoosh_index.create_in(self.folder, schema).writer()
        for doc in read_docs(path):
            ix_writer.add_document(
                id=doc["id"], title=doc["title"], content=doc["content"],
                published=_utc(doc["published"]), source=doc["source"], kind=doc["kind"],
                tags=",".join(t.lower() for t in doc["tags"]),
            )
        ix_writer.commit()
        return [Build("naive Whoosh, one writer", time.perf_counter() - started, docs)]

    def run(self, probe: Probe) -> int:
        ix = whoosh_index.open_dir(self.folder)
        with ix.searcher() as searcher:
            if probe.mode == "spell":
                found = searcher.corrector("content").suggest(probe.text, limit=5, prefix=1)
                return int(found[:1] == [probe.expected])
            parser = qparser.MultifieldParser(["title", "content"], ix.schema)
            parts = [query.Term(name if name != "tag" else "tags", value)
                     for name, value in probe.filters.items()]
            if probe.mode == "dates":
                parts.append(query.DateRange("published", *utc_bounds(probe)))
            results = searcher.search(
                parser.parse(probe.text) if probe.text else query.Every(),
                limit=probe.limit,
                filter=query.And(parts) if parts else None,
                sortedby="published" if probe.mode in BY_DATE else None,
                reverse=probe.mode in BY_DATE,
                groupedby={f: sorting.FieldFacet(f, maptype=sorting.Count)
                           for f in ("source", "kind")},
            )
            results.formatter = highlight.HtmlFormatter(tagname="mark")
            page = [(hit["id"], hit["title"], hit.highlights("content", top=2)) for hit in results]
            facets = results.groups("source"), results.groups("kind")
            return len(results) if page or facets else 0


def _utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------- SQLite FTS5


class Fts5:
    """FTS5 with bm25 (title weighted 2), facets by GROUP BY, snippet(), a vocabulary table."""

    name, spells = "SQLite FTS5", True

    def __init__(self, path: Path) -> None:
        self.path, self.folder, self.local = path, path, threading.local()

    def build(self, path: Path, docs: int) -> list[Build]:
        started = time.perf_counter()
        conn = sqlite3.connect(self.path)
        conn.executescript("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT,
                               source TEXT, kind TEXT, published TEXT, summary TEXT);
            CREATE TABLE doc_tags (doc INTEGER, tag TEXT);
            CREATE VIRTUAL TABLE fts USING fts5(
                title, content, tokenize = 'unicode61 remove_diacritics 2');
            CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');
        """)
        with conn:
            for rowid, doc in enumerate(read_docs(path), start=1):
                published = _utc(doc["published"]).isoformat(" ")
                conn.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", (
                    rowid, doc["id"], doc["title"], doc["source"], doc["kind"], published,
                    doc["content"][:280]))
                conn.executemany("INSERT INTO doc_tags VALUES (?, ?)",
                                 [(rowid, tag.lower()) for tag in doc["tags"]])
                conn.execute("INSERT INTO fts (rowid, title, content) VALUES (?, ?, ?)",
                             (rowid, doc["title"], doc["content"]))
            conn.execute("CREATE INDEX docs_published ON docs (published)")
            conn.execute("CREATE INDEX doc_tags_tag ON doc_tags (tag, doc)")
            conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        conn.close()
        return [Build("SQLite FTS5", time.perf_counter() - started, docs)]

    def _conn(self) -> sqlite3.Connection:
        if not hasattr(self.local, "conn"):  # one connection per client thread, kept
            self.local.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        return self.local.conn

    def run(self, probe: Probe) -> int:
        if probe.mode == "spell":
            return int(self.suggest(probe.text)[:1] == [_fold(probe.expected)])
        where, args = self._where(probe)
        base = "docs d" if probe.mode in BY_DATE else "fts JOIN docs d ON d.rowid = fts.rowid"
        if probe.mode in BY_DATE:
            page = (f"SELECT d.id, d.title, d.summary FROM {base} WHERE {where} "
                    "ORDER BY d.published DESC LIMIT ?")
        else:
            page = ("SELECT d.id, d.title, snippet(fts, 1, '<mark>', '</mark>', ' … ', 24), "
                    f"bm25(fts, 2.0, 1.0) AS score FROM {base} WHERE {where} "
                    "ORDER BY score LIMIT ?")
        conn = self._conn()
        conn.execute(page, [*args, probe.limit]).fetchall()
        counts = conn.execute(
            f"SELECT d.source, d.kind, count(*) FROM {base} WHERE {where} "
            "GROUP BY d.source, d.kind", args).fetchall()
        facets = {"source": Counter(), "kind": Counter()}
        for source, kind, count in counts:
            facets["source"][source] += count
            facets["kind"][kind] += count
        return sum(facets["source"].values())

    @staticmethod
    def _where(probe: Probe) -> tuple[str, list]:
        if probe.mode == "dates":
            clauses, args = ["d.published BETWEEN ? AND ?"], [
                moment.isoformat(" ") for moment in utc_bounds(probe)]
        elif probe.mode == "browse":
            clauses, args = ["1"], []
        else:
            quoted = [f'"{word}"' for word in probe.words]
            match = {"phrase": f'"{" ".join(probe.words)}"', "prefix": f"{quoted[0]}*"}
            clauses, args = ["fts MATCH ?"], [match.get(probe.mode, " ".join(quoted))]
        for name, value in probe.filters.items():
            if name == "tag":
                clauses.append("d.rowid IN (SELECT doc FROM doc_tags WHERE tag = ?)")
            else:
                clauses.append(f"d.{name} = ?")
            args.append(value)
        return " AND ".join(clauses), args

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Terms of the same first letter within 2 edits, the closest then the most common."""
        word = _fold(word)
        rows = self._conn().execute(
            "SELECT term, doc FROM fts_vocab WHERE term >= ? AND term < ?",
            (word[0], chr(ord(word[0]) + 1))).fetchall()
        scored = [
            (distance, -doc, term) for term, doc in rows if abs(len(term) - len(word)) <= 2
            for distance in [_edits(word, term)] if distance <= 2
        ]
        return [term for _, _, term in sorted(scored)[:limit]]


def _edits(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein with adjacent swaps)."""
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > 2 and min(row) > 1:  # no path left within 2 edits: stop early
            return 3
        before, row = row, current
    return row[-1]


# ---------------------------------------------------------------- report


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    header = f"{'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'q/s':>7} {'hits':>7}   target p95"
    print(f"  {'kind':<30} {header}")
    for row in rows:
        if row.note:
            print(f"  {row.kind:<30} {row.note}   (target ≤ {row.target:.0f} ms)")
            continue
        met = "ok" if row.p(95) <= row.target else "MISSED"
        hits = (f"{statistics.mean(row.hits):6.0%}" if row.kind == "spelling"
                else f"{statistics.median(row.hits):7.0f}")
        print(f"  {row.kind:<30} {len(row.times):4} {row.p(50):8.1f} {row.p(95):8.1f} "
              f"{len(row.times) / row.wall:7.1f} {hits:>7}   ≤ {row.target:.0f} ms  {met}")


def print_http(title: str, rows: list[Row], target: float) -> None:
    print(f"\n{title}")
    print(f"  {'kind':<30} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'q/s':>7} {'KB':>6}   "
          f"target p95 ≤ {target:.0f} ms, answer ≤ {ANSWER_TARGET_KB} KB")
    for row in rows:
        if row.note:
            print(f"  {row.kind:<30} {row.note}")
            continue
        met = "ok" if row.p(95) <= target and row.size <= ANSWER_TARGET_KB * 1024 else "MISSED"
        print(f"  {row.kind:<30} {len(row.times):4} {row.p(50):8.1f} {row.p(95):8.1f} "
              f"{len(row.times) / row.wall:7.1f} {row.size / 1024:6.1f}   {met}")


def print_ratios(veille: list[Row], baselines: dict[str, list[Row]]) -> None:
    names = list(baselines)
    print("\nratios (veille time / baseline time; above 1 = veille slower)")
    print(f"  {'kind':<30}" + "".join(f" {f'/{n} p50':>18} {'p95':>6}" for n in names))
    for at, row in enumerate(veille):
        cells = []
        for name in names:
            other = baselines[name][at]
            if row.note or other.note:
                cells.append(f" {'n/a':>18} {'n/a':>6}")
            else:
                cells.append(f" {row.p(50) / other.p(50):18.2f} {row.p(95) / other.p(95):6.2f}")
        print(f"  {row.kind:<30}" + "".join(cells))


def print_builds(builds: list[Build], sizes: dict[str, float]) -> None:
    print("\nindexing")
    for b in builds:
        met = "" if b.met is None else ("ok" if b.met else "MISSED")
        target = f"target {b.target}" if b.target else ""
        print(f"  {b.label:<40} {b.seconds:8.1f} s {b.docs / b.seconds:8.0f} docs/s   "
              f"{target}  {met}".rstrip())
    print("  on disk: " + ", ".join(f"{name} {mb:,.0f} MB" for name, mb in sizes.items()))


def print_notes(engine: Veille, sets: dict[str, list[Probe]]) -> None:
    for kind in ("phrase", "prefix"):
        text = sets[kind][0].text
        print(f"  note: veille reads the {kind} query {text!r} as {engine.parsed(text)}")
    if engine.spells:
        print("  note: spelling is, for veille, a whole search of the misspelt word (its page "
              "carries the suggestion);\n        for the baselines, the suggestion alone. "
              "hits: share of typos whose first suggestion is the word before the typo")
    else:
        print("  note: veille has no spelling suggestion (SearchPage.suggestion): n/a")


@dataclass
class Results:
    checkout: str
    veille: list[Row] = field(default_factory=list)
    http: dict[int, list[Row]] = field(default_factory=dict)  # by clients at once
    first_search: float = 0.0  # ms, through the API right after `veille serve` starts
    sustained: Row | None = None  # --clients at once through the API for --duration s
    baselines: dict[str, list[Row]] = field(default_factory=dict)
    builds: list[Build] = field(default_factory=list)
    sizes: dict[str, float] = field(default_factory=dict)
    web_rss: list[tuple[float, float]] = field(default_factory=list)  # MB (RSS, PSS) of each
    phases: dict[str, float] = field(default_factory=dict)  # seconds of each part of the run


def checkout() -> str:
    """The commit of the code measured, and whether veille/ or webui/ differ from it."""
    git = ["git", "-C", str(ROOT)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", "veille", "webui"]).returncode
    return head + (" with uncommitted changes in veille/ or webui/" if dirty else "")


def print_sustained(row: Row, workers: int) -> None:
    """The sustained load's figures: no error is the target."""
    met = "ok" if row.times and not row.errors else "MISSED"
    print(f"\n{row.kind} on /api/search of veille serve --workers {workers}, every kind in "
          f"turn: {len(row.times)} answers ({len(row.times) / row.wall:.1f} q/s), {row.errors} "
          f"errors (target: none, {met}), p50 {row.p(50):.1f} ms, p95 {row.p(95):.1f} ms")


def server_version(veille: Veille) -> str:
    if not veille.store_url:
        return ""
    with veille.instance.engine.connect() as conn:
        return f", PostgreSQL {conn.execute(text('SHOW server_version')).scalar()}"


def report(args: argparse.Namespace, results: Results, veille: Veille, sets) -> None:
    print(f"search benchmark of {veille.name} at {results.checkout}")
    print(f"{args.docs:,} docs, up to {args.queries} queries per kind "
          f"(at least {MIN_QUERIES}, {args.budget:g} s budget per kind), {args.clients} client "
          f"threads, {os.cpu_count()} cores; whoosh-reloaded {version('whoosh-reloaded')}, "
          f"SQLite {sqlite3.sqlite_version}{server_version(veille)}")
    print_table(f"{veille.name}: search(), in-process", results.veille)
    print_notes(veille, sets)
    for clients, rows in results.http.items():
        print_http(f"{veille.name} via /api/search of veille serve --workers {args.workers}, "
                   f"{clients} client(s) at once, a page of 10", rows, HTTP_TARGETS[clients])
    if results.sustained:
        print_sustained(results.sustained, args.workers)
    for name, rows in results.baselines.items():
        print_table(name, rows)
    if results.baselines:
        print_ratios(results.veille, results.baselines)
    print_builds(results.builds, results.sizes)
    met = "ok" if results.first_search <= FIRST_TARGET_MS else "MISSED"
    print(f"\nfirst search after a start (via /api/search, sent as soon as veille serve "
          f"listens): {results.first_search:.0f} ms (target ≤ {FIRST_TARGET_MS} ms: {met})")
    master, *web = results.web_rss or [(0.0, 0.0)]
    met = "ok" if max((rss for rss, _ in results.web_rss), default=0) <= RSS_TARGET_MB else (
        "MISSED")
    print(f"memory (RSS after the API queries) of each web process: "
          f"{', '.join(f'{rss:.0f}' for rss, _ in web) or 'n/a'} MB, of gunicorn's master "
          f"{master[0]:.0f} MB (target ≤ {RSS_TARGET_MB} MB each: {met}; pages shared since "
          f"the fork count in each; PSS, shared pages divided among their sharers: "
          f"{', '.join(f'{pss:.0f}' for _, pss in web) or 'n/a'} MB, master {master[1]:.0f} "
          f"MB); bench process peak: {rss_mb('VmHWM'):.0f} MB; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")
    print("run time: " + ", ".join(f"{name} {sec:.0f} s" for name, sec in results.phases.items())
          + f"; total {sum(results.phases.values()):.0f} s")


# ---------------------------------------------------------------- main


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--engine", choices=("whoosh", "postgres"), default="whoosh",
                        help="veille's engine measured; postgres also measures veille on "
                             "Whoosh, for the ratios")
    parser.add_argument("--store-url", default="",
                        help="with --engine postgres: a database of the server to make the "
                             "bench's own database on (default: a throwaway cluster)")
    parser.add_argument("--duration", type=float, default=0.0,
                        help="also send every kind to /api/search from --clients threads at "
                             "once for this many seconds, counting errors")
    parser.add_argument("--queries", type=int, default=200, help="most queries per kind")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--budget", type=float, default=3.0,
                        help=f"seconds per kind, after which it stops (past {MIN_QUERIES} queries)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="web processes of the veille serve queried through /api/search")
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "veille-bench")
    return parser.parse_args()


def store_for(args: argparse.Namespace) -> AbstractContextManager[str]:
    """The URL of the bench's PostgreSQL database (pgserver.py), or "" on Whoosh."""
    return bench_database(args.store_url or None) if args.engine == "postgres" else nullcontext("")


def main() -> None:
    # The checkout is read first: the files may change while the bench runs.
    args, results = arguments(), Results(checkout=checkout())
    load, clock = engine_load(args), Clock(results.phases)
    whoosh_load = Load(args.clients, args.budget)  # the baselines' targets are issue 21's
    sustained = Sustained(args.clients, args.duration) if args.duration else None
    with clock("corpus"):
        path, vocab = corpus(args.docs, args.seed, args.cache_dir)
        sets = probes(path, vocab, args.queries, args.seed)
    with tempfile.TemporaryDirectory(prefix="veille-bench-") as folder, store_for(args) as url:
        work = Path(folder)
        veille = Veille(work / "veille", url)
        with clock(f"{veille.name} indexing"):
            results.builds = veille.build(path, args.docs)
        with clock(f"{veille.name} queries"):
            results.veille = run_kinds(veille, sets, load)
        with clock(f"{veille.name} via /api/search"):
            results.http, results.first_search, results.web_rss, results.sustained = over_http(
                veille, sets, args.budget, args.workers, sustained)
        results.sizes = veille.sizes()
        if url:  # the embedded engine measured in the same run, for the ratios
            embedded = Veille(work / "embedded")
            with clock("veille on Whoosh indexing"):
                results.builds += embedded.build(path, args.docs)
            with clock("veille on Whoosh queries"):
                results.baselines["veille on Whoosh"] = run_kinds(embedded, sets, whoosh_load)
            results.sizes |= embedded.sizes()
        for engine in () if args.skip_baselines else (NaiveWhoosh(work / "naive"),
                                                        Fts5(work / "fts5.db")):
            with clock(f"{engine.name} indexing"):
                results.builds += engine.build(path, args.docs)
            with clock(f"{engine.name} queries"):
                results.baselines[engine.name] = run_kinds(engine, sets, whoosh_load)
            results.sizes[engine.name] = size_mb(engine.folder)
        report(args, results, veille, sets)


class Clock:
    """`with clock(name):` adds the block's seconds to `phases[name]`."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = time.perf_counter() - started


if __name__ == "__main__":
    main()
