"""Near-duplicate detection on tests/data/near-duplicates: quality and speed of veille.text.neardup.

Run: .venv/bin/python bench/dedup.py

Quality is pairwise: a pair of items is a true pair when the fixtures give them the same story,
a found pair when `cluster` (tests/text/clustering.py) puts them in the same cluster (LSH
candidates included, so missed candidates count against recall). Speed is measured on
synthetic items made by rewriting the fixtures (sentences shuffled, figures changed, a
sentence borrowed from another item).
"""

import itertools
import json
import random
import re
import sys
import time
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.text.clustering import cluster  # noqa: E402 - the tests' in-memory stories
from veille.text import neardup  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "tests" / "data" / "near-duplicates" / "stories.jsonl"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
SHINGLE_SIZES = (1, 2, 3)
PERMUTATION_COUNTS = (32, 64, 128)
WEIGHT_VARIANTS = {
    "words only": {"words": 1, "names": 0, "figures": 0},
    "words, names": {"words": 1, "names": 1, "figures": 0},
    "all equal": {"words": 1, "names": 1, "figures": 1},
    "figures x2": {"words": 1, "names": 1, "figures": 2},
    "figures x3": dict(neardup.WEIGHTS),
    "figures x5": {"words": 1, "names": 1, "figures": 5},
}
SYNTHETIC_ITEMS = 1000
REPEATS = 3


def load() -> list[dict]:
    with FIXTURES.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def true_pairs(rows: list[dict]) -> set[frozenset[str]]:
    return {frozenset((a["id"], b["id"])) for a, b in itertools.combinations(rows, 2)
            if a["story"] == b["story"]}


def found_pairs(assignment: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(pair) for pair in itertools.combinations(assignment, 2)
            if assignment[pair[0]] == assignment[pair[1]]}


def scores(truth: set, found: set) -> tuple[float, float, float]:
    hits = len(truth & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def quality(rows: list[dict], signatures: list[neardup.Signature], threshold: float,
            weights: Mapping[str, float] = neardup.WEIGHTS) -> str:
    items = [(row["id"], sig) for row, sig in zip(rows, signatures, strict=True)]
    found = found_pairs(cluster(items, threshold=threshold, weights=weights))
    precision, recall, f1 = scores(true_pairs(rows), found)
    return f"P {precision:.2f} R {recall:.2f} F1 {f1:.2f}"


def print_grid(rows: list[dict]) -> None:
    print("Pairwise precision / recall / F1 by shingle size, permutations and threshold")
    print(f"{'n':>2} {'perm':>4}  " + "  ".join(f"{'t=' + str(t):<20}" for t in THRESHOLDS))
    for size, permutations in itertools.product(SHINGLE_SIZES, PERMUTATION_COUNTS):
        sigs = [neardup.signature(r["title"], r["text"], shingle_size=size,
                                   permutations=permutations) for r in rows]
        cells = [quality(rows, sigs, threshold) for threshold in THRESHOLDS]
        print(f"{size:>2} {permutations:>4}  " + "  ".join(f"{c:<20}" for c in cells))


def print_weights(rows: list[dict]) -> None:
    print(f"\nFamily weights (n={neardup.SHINGLE_SIZE}, {neardup.PERMUTATIONS} permutations)")
    sigs = [neardup.signature(r["title"], r["text"]) for r in rows]
    for label, weights in WEIGHT_VARIANTS.items():
        cells = [quality(rows, sigs, threshold, weights) for threshold in THRESHOLDS]
        print(f"{label:<13} " + "  ".join(f"{c:<20}" for c in cells))


def print_margins(rows: list[dict]) -> None:
    """The weakest link that holds a story together against the strongest false pair: a
    threshold between the two separates every story of the fixtures."""
    print("\nMargins: weakest link inside a story / strongest pair across stories")
    story = {r["id"]: r["story"] for r in rows}
    for size, permutations in itertools.product(SHINGLE_SIZES, PERMUTATION_COUNTS):
        sigs = {r["id"]: neardup.signature(r["title"], r["text"], shingle_size=size,
                                            permutations=permutations) for r in rows}
        same, other = [], []
        for a, b in itertools.combinations(sigs, 2):
            pair = (neardup.similarity(sigs[a], sigs[b]), a, b)
            (same if story[a] == story[b] else other).append(pair)
        weakest = min(_bottleneck(ids, same) for ids in _stories(rows) if len(ids) > 1)
        strongest = max(other)
        print(f"n={size} {permutations:>3} permutations: {weakest[0]:.3f} ({weakest[1]} + "
              f"{weakest[2]}) / {strongest[0]:.3f} ({strongest[1]} + {strongest[2]})")


def print_candidates(rows: list[dict]) -> None:
    """What an index on candidate_keys returns: the true pairs it finds, the pairs it costs."""
    keys = {r["id"]: neardup.candidate_keys(neardup.signature(r["title"], r["text"]))
            for r in rows}
    truth = true_pairs(rows)
    found = {family: {frozenset((a, b)) for a, b in itertools.combinations(keys, 2)
                      if {k for k in keys[a] if k.startswith(family)} & set(keys[b])}
             for family in ("w", "f", "")}
    print(f"\nLSH: {sum(map(len, keys.values())) / len(keys):.0f} keys an item")
    for family, label in (("w", "word bands"), ("f", "fact bands"), ("", "either")):
        print(f"{label:<10}: {len(found[family] & truth)}/{len(truth)} true pairs, "
              f"{len(found[family])}/{len(rows) * (len(rows) - 1) // 2} pairs to compare")


def _stories(rows: list[dict]) -> list[list[str]]:
    grouped: dict[str, list[str]] = {}
    for row in rows:
        grouped.setdefault(row["story"], []).append(row["id"])
    return list(grouped.values())


def _bottleneck(ids: list[str], pairs: list[tuple[float, str, str]]) -> tuple[float, str, str]:
    """The weakest edge of the maximum spanning tree of one story (what union-find needs)."""
    edges = sorted((p for p in pairs if p[1] in ids), reverse=True)
    joined, weakest = {ids[0]}, (1.0, "", "")
    while len(joined) < len(ids):
        edge = next(e for e in edges if (e[1] in joined) != (e[2] in joined))
        joined |= {edge[1], edge[2]}
        weakest = min(weakest, edge)
    return weakest


def synthetic(rows: list[dict], count: int) -> list[tuple[str, str]]:
    """Rewrites of the fixtures: shuffled sentences, shifted figures, a borrowed sentence."""
    rng = random.Random(20260320)
    made = []
    for i in range(count):
        row, donor = rows[i % len(rows)], rng.choice(rows)
        sentences = re.split(r"(?<=[.!?])\s+", row["text"])
        rng.shuffle(sentences)
        sentences.append(rng.choice(re.split(r"(?<=[.!?])\s+", donor["text"])))
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 3)),
                      " ".join(sentences))
        made.append((f"{row['title']} ({i})", text))
    return made


def print_speed(rows: list[dict]) -> None:
    """Best of REPEATS runs, as timeit does: the other runs measure the machine's other work."""
    texts = synthetic(rows, SYNTHETIC_ITEMS)
    print(f"\nSpeed on {SYNTHETIC_ITEMS} synthetic items (about "
          f"{sum(len(t.split()) for _, t in texts) // len(texts)} words each), best of {REPEATS}")
    for permutations in PERMUTATION_COUNTS:
        signing, clustering = [], []
        for _ in range(REPEATS):
            start = time.perf_counter()
            sigs = [neardup.signature(t, x, permutations=permutations) for t, x in texts]
            signing.append(time.perf_counter() - start)
            start = time.perf_counter()
            cluster((str(i), s) for i, s in enumerate(sigs))
            clustering.append(time.perf_counter() - start)
        print(f"{permutations:>4} permutations: {min(signing):.2f} s per 1,000 signatures, "
              f"{min(clustering):.2f} s to cluster them")


def main() -> None:
    rows = load()
    print(f"{len(rows)} items, {len(_stories(rows))} stories, {len(true_pairs(rows))} true pairs"
          f" of {len(rows) * (len(rows) - 1) // 2}\n")
    print_grid(rows)
    print_weights(rows)
    print_margins(rows)
    print_candidates(rows)
    print_speed(rows)


if __name__ == "__main__":
    main()
