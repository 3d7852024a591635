"""Near-duplicates grouped in memory, as a reference for the signatures: what the tests of
`veille.text.neardup` and bench/dedup.py measure them with. The product places items in
stories in the store (`veille.store.stories`), one batch at a time."""

from collections.abc import Iterable, Mapping

from veille.text.neardup import THRESHOLD, WEIGHTS, Signature, candidate_keys, similarity


def cluster(items: Iterable[tuple[str, Signature]], *, threshold: float = THRESHOLD,
            weights: Mapping[str, float] = WEIGHTS) -> dict[str, str]:
    """Map each id to its story's id: the id of the story's first item in `items`.

    Give items oldest first: a story's id is then its oldest item's, and newer items never
    change it. Items whose similarity reaches `threshold` are one story, and so, transitively,
    are the items similar to either.
    """
    parent: dict[str, str] = {}
    rank: dict[str, int] = {}
    buckets: dict[str, list[tuple[str, Signature]]] = {}
    for item_id, sig in items:
        if item_id in parent:
            continue
        parent[item_id], rank[item_id] = item_id, len(rank)
        keys = candidate_keys(sig)
        seen = set()
        for key in keys:
            for other_id, other in buckets.get(key, ()):
                if other_id not in seen:
                    seen.add(other_id)
                    if similarity(sig, other, weights=weights) >= threshold:
                        _union(parent, rank, item_id, other_id)
        for key in keys:
            buckets.setdefault(key, []).append((item_id, sig))
    return {item_id: _root(parent, item_id) for item_id in parent}


def _union(parent: dict[str, str], rank: dict[str, int], a: str, b: str) -> None:
    """Join two stories under the root that came first."""
    root_a, root_b = _root(parent, a), _root(parent, b)
    if root_a != root_b:
        first, last = sorted((root_a, root_b), key=rank.__getitem__)
        parent[last] = first


def _root(parent: dict[str, str], item_id: str) -> str:
    while parent[item_id] != item_id:
        parent[item_id] = parent[parent[item_id]]  # path halving keeps the trees flat
        item_id = parent[item_id]
    return item_id
