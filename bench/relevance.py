"""French relevance on PIAF questions: MRR@10 and recall@10 of the answering paragraph.

Run: .venv/bin/python bench/relevance.py [--quick]

PIAF (SQuAD format, French Wikipedia) is read from $VEILLE_SHARED_DATA/piaf-dev/ (default:
../shared/data beside the checkout): every one of PIAF's 1,518 paragraphs
(piaf-paragraphs-all.json) becomes a resource whose title is its article's title, imported
through `import_entries` as `veille import` does, and the 1,448 questions of the dev set
(piaf-dev.json, asked on 290 of them) are asked, raw, as `q` of `/api/search` of `veille
serve` on that instance: what users meet, and the figure issue 20's targets are about. A
question's answer is the paragraph it was asked on. The same questions through the engine in
process (`instance.index.search`) come next, a diagnosis (`--quick` stops there). Baselines,
measured in the same run on the same passages:
- Whoosh StandardAnalyzer (plain schema, title and content, BM25F): words joined by OR, as a
  plain engine would join the words of a question (AND finds almost nothing for questions:
  its figures are printed too, for the record);
- SQLite FTS5 (unicode61 remove_diacritics 2, bm25), a question as the OR of its tokens.
Then ranking variants, scored on the same veille index through a plain Whoosh searcher (no
query language: `search` may differ a little, where a question holds quotes, parentheses or
" -ils"), and analysis and title-boost variants, each on an index of its own. Last, the
stemmer's errors as a lemmatiser sees them (simplemma, a bench dependency: `pip install -e
'.[bench]'`): of the question words whose term the answering passage lacks, how many a lemma
would have matched, and the commonest.
"""

import argparse
import json
import os
import re
import sqlite3
import string
import sys
import tempfile
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from whoosh import index as whoosh_index
from whoosh import qparser, query, scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from served import veille_serve  # noqa: E402 - bench/served.py, beside this file

from veille.collect.pipeline import import_entries  # noqa: E402
from veille.collect.processing import Origin  # noqa: E402
from veille.index import ranking  # noqa: E402
from veille.index.engine import SearchEngine  # noqa: E402
from veille.index.querytree import NOTHING  # noqa: E402
from veille.index.search import SearchQuery  # noqa: E402
from veille.index.whoosh import scoring as whoosh_scoring  # noqa: E402
from veille.index.whoosh.analysis import TermText  # noqa: E402
from veille.index.whoosh.queries import whoosh_query  # noqa: E402
from veille.index.whoosh.schema import build_schema  # noqa: E402
from veille.instance import create_instance  # noqa: E402
from veille.models import Entry  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.text import french  # noqa: E402

SHARED = Path(os.environ.get("VEILLE_SHARED_DATA", ROOT.parent / "shared" / "data"))
PIAF = SHARED / "piaf-dev" / "piaf-dev.json"
PARAGRAPHS = SHARED / "piaf-dev" / "piaf-paragraphs-all.json"
TOP = 10
_TOKENS = re.compile(r"\w+")

Ranker = Callable[[str], list[str]]  # question → ids of the passages found, best first


@dataclass(frozen=True)
class Passage:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Question:
    text: str
    passage_id: str


def load(paragraphs: Path, dev: Path) -> tuple[list[Passage], list[Question]]:
    """Every paragraph of `paragraphs`, and the questions of `dev`, each answered by the
    paragraph of the same article title and text."""
    passages, ids = [], {}
    for a, article in enumerate(json.loads(paragraphs.read_text(encoding="utf-8"))["data"]):
        for p, paragraph in enumerate(article["paragraphs"]):
            passage = Passage(f"a{a}-p{p}", article["title"], paragraph["context"])
            passages.append(passage)
            ids[passage.title, passage.text] = passage.id
    questions = [
        Question(qa["question"], ids[article["title"], paragraph["context"]])
        for article in json.loads(dev.read_text(encoding="utf-8"))["data"]
        for paragraph in article["paragraphs"]
        for qa in paragraph["qas"]
    ]
    return passages, questions


def score(ranker: Ranker, questions: list[Question]) -> tuple[float, float]:
    """MRR@10 and recall@10 of the answering passage."""
    reciprocal = found = 0.0
    for question in questions:
        ranked = ranker(question.text)[:TOP]
        if question.passage_id in ranked:
            reciprocal += 1 / (ranked.index(question.passage_id) + 1)
            found += 1
    return reciprocal / len(questions), found / len(questions)


def veille_instance(passages: list[Passage], folder: Path):
    settings = load_settings(config_file=None, env={"VEILLE_INSTANCE": str(folder)})
    instance = create_instance(settings)
    entries = (
        (number, Entry(id=p.id, title=p.title, content=p.text, kind="resource"))
        for number, p in enumerate(passages, start=1)
    )
    report = import_entries(instance, entries, Origin("PIAF", datetime(2024, 1, 1, tzinfo=UTC)))
    assert not report.errors and report.counts.new == len(passages), report
    return instance


def veille_ranker(index: SearchEngine) -> Ranker:
    def run(question: str) -> list[str]:
        return [hit.id for hit in index.search(SearchQuery(q=question, limit=TOP)).hits]

    return run


def served_ranker(address: str) -> Ranker:
    """The raw question as `q` of `/api/search` of the served app."""
    def run(question: str) -> list[str]:
        url = f"{address}/api/search?" + urlencode({"q": question, "limit": TOP})
        with urllib.request.urlopen(url, timeout=60) as answer:
            return [result["id"] for result in json.load(answer)["results"]]

    return run


def variant_ranker(
    ix, build: Callable[[str], query.Query], weighting: scoring.WeightingModel, stack: ExitStack
) -> Ranker:
    """A ranking variant on the veille index: `build` turns a question into a Whoosh query."""
    searcher = stack.enter_context(ix.searcher(weighting=weighting))

    def run(question: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(build(question), limit=TOP)]

    return run


def whoosh_standard(passages: list[Passage], group, stack: ExitStack) -> Ranker:
    schema = Schema(id=ID(stored=True), title=TEXT(analyzer=StandardAnalyzer()),
                    content=TEXT(analyzer=StandardAnalyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for p in passages:
            writer.add_document(id=p.id, title=p.title, content=p.text)
    # Plain words only: the default syntax would take the "?" ending questions for wildcards.
    plugins = [qparser.WhitespacePlugin(), qparser.MultifieldPlugin(["title", "content"])]
    parser = qparser.QueryParser(None, schema, plugins=plugins, group=group)

    searcher = stack.enter_context(ix.searcher())

    def run(question: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(question), limit=TOP)]

    return run


def fts5(passages: list[Passage]) -> Ranker:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, title, content, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO p VALUES (?, ?, ?)", [(p.id, p.title, p.text) for p in passages])

    def run(question: str) -> list[str]:
        tokens = dict.fromkeys(_TOKENS.findall(question.lower()))
        if not tokens:
            return []
        match = " OR ".join(f'"{token}"' for token in tokens)
        rows = db.execute("SELECT id FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?",
                          (match, TOP))
        return [row[0] for row in rows]

    return run


def print_table(title: str, rows: Iterable[tuple[str, Ranker]], questions: list[Question]):
    print(f"\n{title}")
    print(f"{'':<52} {'MRR@10':>7} {'R@10':>6}")
    for name, ranker in rows:
        mrr, recall = score(ranker, questions)
        print(f"{name:<52} {mrr:>7.3f} {recall:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="veille only, served and in process: no baselines or variants")
    quick = parser.parse_args().quick
    passages, questions = load(PARAGRAPHS, PIAF)
    print(f"PIAF {PARAGRAPHS.parent}: {len(passages)} paragraphs indexed, "
          f"{len(questions)} dev questions")
    with (
        tempfile.TemporaryDirectory(prefix="veille-relevance-") as folder,
        ExitStack() as stack,
    ):
        instance = veille_instance(passages, Path(folder) / "instance")
        address, _ = stack.enter_context(veille_serve(instance.root))
        print_table("veille (raw questions as q)", [
            ("veille: /api/search of veille serve", served_ranker(address)),
            ("veille: search() in process (diagnosis)", veille_ranker(instance.index)),
        ], questions)
        if quick:
            return
        print_table("baselines", [
            ("Whoosh StandardAnalyzer, OR", whoosh_standard(passages, qparser.OrGroup, stack)),
            ("Whoosh StandardAnalyzer, AND", whoosh_standard(passages, qparser.AndGroup, stack)),
            ("SQLite FTS5 unicode61 rd2, bm25, OR", fts5(passages)),
        ], questions)
        ix = whoosh_index.open_dir(instance.index_dir)
        print_table("ranking variants on the veille index", variants(ix, stack), questions)
        print_table("analysis and boost variants (shipped ranking, indexes built directly)",
                    analysis_variants(passages, stack), questions)
        stems_against_lemmas(passages, questions)


def stems_against_lemmas(passages: list[Passage], questions: list[Question]) -> None:
    """The question words whose term the answering passage lacks, and those of them whose
    lemma (simplemma) one of its words shares: what a lemmatiser would add to stemming."""
    try:
        import simplemma
    except ImportError:
        sys.exit("the stems' comparison needs simplemma: .venv/bin/pip install -e '.[bench]'")
    terms = french.memo_of(french.french_term)
    lemma = partial(simplemma.lemmatize, lang="fr")
    by_id = {p.id: p for p in passages}
    missing, rescued = 0, Counter()
    for question in questions:
        passage = by_id[question.passage_id]
        words = french.WORDS.findall(f"{passage.title} {passage.text}")
        held = set(terms.sequence(" ".join(words)))
        lemmas = {french.fold(lemma(word.lower())) for word in words}
        for word in french.WORDS.findall(question.text):
            if (term := terms.remember(word)) is None or term in held:
                continue
            missing += 1
            if french.fold(lemma(word.lower())) in lemmas:
                rescued[word.lower()] += 1
    print(f"\nstems against lemmas: {missing} question words' terms absent from the answer, "
          f"{rescued.total()} of them matched by a lemma; the commonest: "
          + ", ".join(f"{word} {count}" for word, count in rescued.most_common(12)))


def variants(ix, stack: ExitStack) -> list[tuple[str, Ranker]]:
    """The shipped ranking, then one change at a time."""
    shipped = whoosh_scoring.weighting()

    def words(text):
        return ranking.significant_words(text)

    def every(text, field_query=whoosh_scoring.in_title_or_content):
        tokens = [t for word in words(text) for t in word]
        return query.And([field_query(t) for t in tokens]) if tokens else query.NullQuery

    def any_word(text, field_query=whoosh_scoring.in_title_or_content, scale=None):
        found = [query.And([field_query(t) for t in word]) for word in words(text)]
        return query.Or(found, scale=scale) if found else query.NullQuery

    def by_count(most):
        return lambda text: every(text) if len(words(text)) <= most else any_word(text)

    def summed(token):
        return query.Or([query.Term(field, token) for field in whoosh_scoring.SEARCHED_FIELDS])

    def shipped_query(text):
        return whoosh_query(ranking.plain_words(text) or NOTHING)

    rows = [
        ("shipped: plain_words, weighting()", shipped_query, shipped),
        ("every word (AND), always", every, shipped),
        ("AND up to 2 words, else OR (no question test)", by_count(2), shipped),
        ("AND up to 3 words, else OR (no question test)", by_count(3), shipped),
        ("any word (OR), always", any_word, shipped),
        ("OR + Whoosh coordination (OrGroup.factory(0.9))",
         lambda text: any_word(text, scale=0.9), shipped),
        ("title and content summed, not max", lambda text: any_word(text, summed), shipped),
        ("Whoosh idf, log(N/(n+1))+1 (BM25F())", shipped_query, scoring.BM25F()),
    ]
    rows += [(f"BM25 K1={k1} B={b}", shipped_query, whoosh_scoring.BM25(K1=k1, B=b))
             for k1, b in ((0.9, 0.75), (1.5, 0.75), (2.0, 0.75), (1.2, 0.5), (1.2, 0.9))]
    return [(name, variant_ranker(ix, build, weighting, stack))
            for name, build, weighting in rows]


def french_variant(pattern=french.TOKEN_PATTERN, stop_words=french.STOP_WORDS,
                   forms=True) -> tuple[str, Callable[[str], str | None]]:
    """veille's French analysis with some of its parts changed: (token pattern, term)."""
    return pattern, partial(french.french_term, stop_words=stop_words, forms=forms)


def analysis_variants(passages: list[Passage], stack: ExitStack) -> list[tuple[str, Ranker]]:
    """The shipped ranking on indexes whose analysis or title boost differ in one thing."""
    words_only = r"\w+(?:['’]\w+)*"
    before = french.STOP_WORDS - french.QUESTION_WORDS - french.LETTERS
    rows = [
        ("shipped analysis, no title boost", french_variant(), 1.0),
        ("question words not stop words", french_variant(
            stop_words=french.STOP_WORDS - french.QUESTION_WORDS), 1.0),
        ("no plural and feminine forms", french_variant(forms=False), 1.0),
        ("no digit groups (\"100 000\" = 100, 000)", french_variant(pattern=words_only), 1.0),
        ("single digits dropped too", french_variant(
            stop_words=french.STOP_WORDS | set(string.digits)), 1.0),
        ("as before: none of these four", french_variant(
            pattern=words_only, stop_words=before | set(string.digits), forms=False), 1.0),
        ("title boost 2 (shipped before issue 20)", french_variant(), 2.0),
        ("title boost 1.5", french_variant(), 1.5),
        ("title boost 3", french_variant(), 3.0),
    ]
    rankers = []
    for name, (pattern, term), boost in rows:
        schema = build_schema()
        for field in whoosh_scoring.SEARCHED_FIELDS:
            schema.remove(field)
            schema.add(field, TermText(term, pattern, stored=True, phrase=field == "title",
                                       field_boost=boost if field == "title" else 1.0))
        ix = RamStorage().create_index(schema)
        with ix.writer() as writer:
            for p in passages:
                writer.add_document(id=p.id, title=p.title, content=p.text)
        terms, words = french.memo_of(term), re.compile(pattern)
        rankers.append((name, variant_ranker(
            ix, lambda text, terms=terms, words=words: whoosh_query(
                ranking.plain_words(text, terms, words) or NOTHING),
            whoosh_scoring.weighting(), stack)))
    return rankers


if __name__ == "__main__":
    main()
