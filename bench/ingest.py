"""Speed of `veille import` on bench/search.py's corpus: where the time goes, and the rate of
the command itself, against other trees of the code in the same run.

    .venv/bin/python bench/ingest.py [--docs 20000] [--against TREE ...] [--rounds 1]
    .venv/bin/python bench/ingest.py --stages [--docs 3000]
    .venv/bin/python bench/ingest.py --timeline [--docs 100000] [--every 10000]
    add --store-url URL to the first two: the instances' store (and search tables) on a new
    database of that PostgreSQL server each run (bench/pgserver.py), instead of SQLite and
    Whoosh (--timeline reads the embedded store)

Without --stages: `veille import` runs as users run it (a process of its own, which indexes
in a child beside storing) on a fresh instance per run, for this tree and each --against
tree (another checkout, e.g. `git worktree add /tmp/base <commit>`: put first on PYTHONPATH),
in turn, --rounds times; it prints items/s per run and each tree's ratio to this one. On a
shared machine only the ratios within one run compare (issue 21: ≥ 400 items/s at 100,000
items, which bench/search.py prints).

--timeline: one `veille import` of this tree, its store read every second meanwhile: the
rate of each side (items stored, items indexed by the child) per `--every` items, to see
which side slows as the instance grows.

--stages: the CPU seconds (`time.process_time`) of each stage of an import in this process,
one after the other: reading the lines, normalising, the store's parts (items, stories,
tagging, daily counts) and the index sync.
"""

import argparse
import itertools
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pgserver import bench_database  # noqa: E402 - bench/pgserver.py, beside this file
from search import corpus  # noqa: E402 - bench/search.py, beside this file

from veille.collect.processing import Origin, normalise  # noqa: E402
from veille.collectors import jsonl  # noqa: E402
from veille.instance import create_instance  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.store import daily, stories  # noqa: E402
from veille.store import items as item_store  # noqa: E402
from veille.store.schema import utcnow  # noqa: E402
from veille.tags import itemtags  # noqa: E402


def import_rate(tree: Path, path: Path, docs: int, server: str | None) -> tuple[float, float]:
    """Items per second of `veille import` (the code of `tree`) into a fresh instance (its
    store on a new database of `server`, if given), and per CPU second of the import and its
    indexing child (less swayed by other processes)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with _instance_env(server) as instance_env:
        env.update(instance_env)
        command = [sys.executable, "-m", "veille"]
        subprocess.run([*command, "init"], env=env, check=True, capture_output=True)
        before = _children_cpu()
        started = time.perf_counter()
        subprocess.run([*command, "import", str(path)], env=env, check=True,
                       capture_output=True)
        return docs / (time.perf_counter() - started), docs / (_children_cpu() - before)


def timeline(path: Path, docs: int, every: int) -> None:
    """Run `veille import` of this tree and print, per `every` items, the seconds and rate
    of its storing side and of its indexing side (read from the store once a second)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="veille-timeline-") as folder:
        env["VEILLE_INSTANCE"] = folder
        command = [sys.executable, "-m", "veille"]
        subprocess.run([*command, "init"], env=env, check=True, capture_output=True)
        started, cpu = time.perf_counter(), _children_cpu()
        errors = Path(folder, "errors.txt").open("w+")
        running = subprocess.Popen([*command, "import", str(path)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        reached: dict[str, list[float]] = {"stored": [], "indexed": []}
        database = sqlite3.connect(f"file:{folder}/veille.db?mode=ro", uri=True)
        while running.poll() is None:
            time.sleep(1)
            stored, indexed = database.execute(
                "SELECT count(*), coalesce(sum(indexed), 0) FROM items").fetchone()
            _reached(reached, "stored", stored, every, time.perf_counter() - started)
            _reached(reached, "indexed", indexed, every, time.perf_counter() - started)
        database.close()
        if running.returncode:
            errors.seek(0)
            raise SystemExit(f"veille import failed: {errors.read()[-2000:]}")
    total = time.perf_counter() - started
    for side, times in reached.items():
        steps = [later - earlier for earlier, later in zip([0.0, *times], times, strict=False)]
        print(f"{side:>8}: " + " ".join(f"{every / step:4.0f}" if step else "   -"
                                         for step in steps) + " items/s")
    print(f"import: {docs / total:.0f} items/s, {total:.0f} s, "
          f"{docs / (_children_cpu() - cpu):.0f} per CPU second (load {os.getloadavg()[0]:.1f})")


def _reached(reached: dict[str, list[float]], side: str, count: int, every: int,
             now: float) -> None:
    """Note the time at which `side` passed each multiple of `every` up to `count`."""
    while count >= every * (len(reached[side]) + 1):
        reached[side].append(now)


@contextmanager
def _instance_env(server: str | None) -> Iterator[dict[str, str]]:
    """The variables of a new instance: a temporary folder, and a new database of `server`."""
    with tempfile.TemporaryDirectory(prefix="veille-ingest-") as folder:
        if not server:
            yield {"VEILLE_INSTANCE": folder}
            return
        with bench_database(server) as url:
            yield {"VEILLE_INSTANCE": folder, "VEILLE_STORE_URL": url}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def compare(trees: list[Path], path: Path, docs: int, rounds: int, server: str | None) -> None:
    rates: dict[Path, list[float]] = defaultdict(list)
    for number in range(rounds):
        for tree in trees:
            rate, per_cpu = import_rate(tree, path, docs, server)
            rates[tree].append(rate)
            print(f"round {number + 1}: {tree}: {rate:.0f} items/s, {per_cpu:.0f} per CPU "
                  f"second (load {os.getloadavg()[0]:.1f})", flush=True)
    mine = sum(rates[trees[0]]) / rounds
    for tree in trees:
        mean = sum(rates[tree]) / rounds
        print(f"{tree}: {mean:.0f} items/s on average, {mean / mine:.2f} × this tree's")


def stages(path: Path, docs: int, server: str | None) -> None:
    """Each stage of an import, one after the other in this process, in CPU seconds."""
    spent: dict[str, float] = defaultdict(float)

    def timed(stage: str, work, *args):
        started = time.process_time()
        result = work(*args)
        spent[stage] += time.process_time() - started
        return result

    with _instance_env(server) as env:
        instance = create_instance(load_settings(config_file=None, env=env))
        origin = Origin(source="import", fetched=utcnow(), namespace="import")
        with path.open(encoding="utf-8") as handle:
            entries = timed("reading the lines",
                            lambda: [e for _, e in itertools.islice(jsonl.read(handle), docs)])
        items = timed("normalising", lambda: [normalise(e, origin) for e in entries])
        for at in range(0, len(items), 200):
            with instance.engine.begin() as conn:
                _store(conn, items[at : at + 200], timed)
        timed("index sync", instance.sync_index)
        instance.close()
    total = sum(spent.values())
    for stage, seconds in spent.items():
        print(f"{stage:<20} {seconds:7.2f} s  {seconds / total:4.0%}")
    print(f"{'in all':<20} {total:7.2f} s  {docs / total:.0f} items/s of CPU")


def _store(conn, batch, timed) -> None:
    """pipeline.store_items_in, stage by stage (a new corpus: every item is new)."""
    counts = timed("store upsert", item_store.upsert, conn, batch)
    timed("stories", stories.assign, conn, batch)
    timed("tagging", itemtags.tag_items, conn, batch)
    timed("daily counts", daily.add, conn, counts.new_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another tree of the code to time alternately with this one")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--stages", action="store_true", help="CPU seconds by stage")
    parser.add_argument("--timeline", action="store_true",
                        help="each side's rate over the import, per --every items")
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--store-url", help="a PostgreSQL server's URL: the store and search "
                        "tables on a new database of it")
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "veille-bench")
    args = parser.parse_args()
    path, _ = corpus(args.docs, args.seed, args.cache_dir)
    if args.stages:
        stages(path, args.docs, args.store_url)
    elif args.timeline:
        timeline(path, args.docs, args.every)
    else:
        compare([ROOT, *(tree.resolve() for tree in args.against)], path, args.docs, args.rounds,
                args.store_url)


if __name__ == "__main__":
    main()
