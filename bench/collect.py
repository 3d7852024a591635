"""Collect 1,000 feeds from one loopback server answering each request after 100 ms.

Target (issue 3): the first pass in ≤ 60 s, and a second pass answering ≥ 95 % 304s.
Baseline, in the same run: the same collection with one worker, on a sample of the feeds,
scaled to the full count. Figures are medians over --repeat runs, each on a fresh instance.

    .venv/bin/python bench/collect.py [--feeds 1000] [--entries 10] [--repeat 3]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.feedserver import FeedServer  # noqa: E402 - the real test server, reused
from veille.collect import pipeline  # noqa: E402
from veille.instance import create_instance  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.sources.watchlist import make_source  # noqa: E402
from veille.store import sources as source_store  # noqa: E402

LATENCY = 0.1
WORDS = (
    "compétences formation apprentissage emploi métier recrutement industrie soudeur "
    "numérique santé logistique Moselle Alsace Champagne Lorraine alternance diplôme "
    "certification reconversion entreprise salariés territoire Grand Est observatoire"
).split()


def feed(number: int, entries: int) -> bytes:
    items = []
    for n in range(entries):
        words = " ".join(WORDS[(number * 7 + n * 3 + k) % len(WORDS)] for k in range(60))
        items.append(
            f"<item><title>Actualité {number}-{n} : {WORDS[(number + n) % len(WORDS)]}</title>"
            f"<link>https://exemple.test/{number}/{n}</link><guid>{number}-{n}</guid>"
            f"<pubDate>Mon, 02 Mar 2026 08:{n % 60:02d}:00 +0100</pubDate>"
            f"<description>&lt;p&gt;{words}&lt;/p&gt;</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Source {number}</title>{''.join(items)}</channel></rss>"
    ).encode()


def collect_once(server: FeedServer, feeds: int, workers: int) -> tuple[float, float, int]:
    """Seconds of a first and a second pass, and the 304s of the second, on a new instance."""
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            config_file=None,
            env={"VEILLE_INSTANCE": folder},
            overrides={
                "fetch.allow_private_networks": True,
                "fetch.per_host_concurrency": 1000,  # the per-host rule, relaxed for this bench
                "fetch.per_host_delay": 0.0,
                "collect.workers": workers,
            },
        )
        instance = create_instance(settings)
        with instance.engine.begin() as conn:
            for number in range(feeds):
                source_store.add(conn, make_source(server.url(f"/feed/{number}.xml")))
        with instance.engine.connect() as conn:
            sources = source_store.all_sources(conn)
        started = time.perf_counter()
        pipeline.collect(instance, sources)
        first = time.perf_counter() - started
        with instance.engine.connect() as conn:
            sources = source_store.all_sources(conn)
        started = time.perf_counter()
        reports = pipeline.collect(instance, sources)
        second = time.perf_counter() - started
        instance.engine.dispose()
    return first, second, sum(report.not_modified for report in reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=load_settings(env={}).collect.workers)
    parser.add_argument("--baseline-sample", type=int, default=50)
    args = parser.parse_args()
    with FeedServer(Path(tempfile.gettempdir()), latency=LATENCY) as server:
        for number in range(args.feeds):
            server.put(f"/feed/{number}.xml", feed(number, args.entries))
        sample = args.baseline_sample
        scale = args.feeds / sample
        base = [collect_once(server, sample, 1)[0] * scale for _ in range(args.repeat)]
        runs = [collect_once(server, args.feeds, args.workers) for _ in range(args.repeat)]
    first = statistics.median(run[0] for run in runs)
    second = statistics.median(run[1] for run in runs)
    not_modified = statistics.median(run[2] for run in runs) / args.feeds
    baseline = statistics.median(base)
    print(f"feeds: {args.feeds} x {args.entries} entries, {LATENCY * 1000:.0f} ms latency each, "
          f"{args.workers} workers, median of {args.repeat} runs")
    print(f"baseline, 1 worker ({sample} feeds, scaled): {baseline:.1f} s")
    print(f"first pass:  {first:.1f} s  (target <= 60 s; {baseline / first:.1f}x the baseline)")
    print(f"second pass: {second:.1f} s, 304s: {not_modified:.1%} (target >= 95 %)")


if __name__ == "__main__":
    main()
