"""Near-duplicates: rewrites of one story cluster, other events and templates stay apart.

The fixtures (tests/data/near-duplicates/stories.jsonl) give each item its story: items of one
story are the same news rewritten by several outlets; the others are single items, some on the
same topic with the same words (another job fair, another welders' course, last quarter's
unemployment figures), some filled-in weekly templates.
"""

import base64
import itertools
import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import DATA, ROOT
from tests.text.clustering import cluster
from veille.text import neardup
from veille.text.neardup import (
    THRESHOLD,
    Signature,
    candidate_keys,
    figures,
    names,
    signature,
    similarity,
)

ROWS = [json.loads(line) for line in
        (DATA / "near-duplicates" / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
BY_ID = {row["id"]: row for row in ROWS}
STORIES: dict[str, list[str]] = {}
for _row in ROWS:
    STORIES.setdefault(_row["story"], []).append(_row["id"])
TOLD_TWICE = sorted(story for story, ids in STORIES.items() if len(ids) > 1)

# A single item, and the story it looks like but is not.
HARD_NEGATIVES = [
    ("forum-epinal-vosgesmatin", "forum-emploi-metz"),
    ("soudeurs-mulhouse-alsace", "soudeurs-afpa-thionville"),
    ("chomage-t3-rl", "chomage-grand-est-t4"),
    ("cars-scolaires-marne-union", "conducteurs-stan-nancy"),
    ("infirmiers-nancy-estrep", "infirmiers-ghrmsa-mulhouse"),
    ("salon-charleville-union", "salon-apprentissage-troyes"),
    ("h2lor-saint-avold-rl", "voltea-recrutement"),
    ("fonderie-hayange-rl", "papeterie-givet"),
    ("vae-haute-marne-jhm", "vae-proprete-strasbourg"),
    ("mirabelles-estrep", "vendanges-champagne"),
    ("cyber-metz-rl", "code-champagne-reims"),
    ("frontaliers-sarre-rl", "frontaliers-luxembourg"),
]
TEMPLATES = [
    ["offre-semaine-soudeur", "offre-semaine-aide-soignant", "offre-semaine-developpeur",
     "offre-semaine-preparateur"],
    ["agenda-ml-thionville-0209", "agenda-ml-thionville-0216"],
]
TEMPLATE_PAIRS = [pair for group in TEMPLATES for pair in itertools.combinations(group, 2)]
SHORT_TEXTS = [
    ("", ""),
    ("   ", "\n\t"),
    ("Forum", ""),
    ("", "Emploi."),
    ("Offre de la semaine", "CDI à Metz."),
    ("…", "!!! ??? « »"),
    ("2025", "12 000 — 7,1 %"),
]


def sig(item_id: str) -> Signature:
    row = BY_ID[item_id]
    return signature(row["title"], row["text"])


@pytest.fixture(scope="module")
def clusters() -> dict[str, str]:
    return cluster((row["id"], sig(row["id"])) for row in ROWS)


def members(clusters: dict[str, str], item_id: str) -> set[str]:
    return {other for other, root in clusters.items() if root == clusters[item_id]}


def reverse_sentences(text: str) -> str:
    return " ".join(reversed(re.split(r"(?<=[.!?])\s+", text)))


def test_identical_texts_cluster():
    row = ROWS[0]
    a, b = signature(row["title"], row["text"]), signature(row["title"], row["text"])
    assert similarity(a, b) == 1.0
    assert cluster([("first", a), ("second", b)]) == {"first": "first", "second": "first"}


@pytest.mark.parametrize("story", TOLD_TWICE)
def test_the_rewrites_of_a_story_are_one_cluster_of_their_own(clusters, story):
    ids = STORIES[story]
    assert members(clusters, ids[0]) == set(ids)


@pytest.mark.parametrize("story", TOLD_TWICE)
def test_a_story_is_named_after_the_first_item_given(clusters, story):
    ids = STORIES[story]
    assert {clusters[i] for i in ids} == {ids[0]}
    reordered = cluster((i, sig(i)) for i in reversed(ids))
    assert set(reordered.values()) == {ids[-1]}


@pytest.mark.parametrize("item_id", sorted(BY_ID))
def test_the_same_sentences_in_another_order_are_the_same_story(item_id):
    row = BY_ID[item_id]
    reordered = signature(row["title"], reverse_sentences(row["text"]))
    assert similarity(sig(item_id), reordered) >= THRESHOLD


@pytest.mark.parametrize("item_id, lookalike", HARD_NEGATIVES)
def test_same_topic_and_words_but_another_event_stays_apart(clusters, item_id, lookalike):
    assert STORIES[BY_ID[item_id]["story"]] == [item_id]
    assert all(similarity(sig(item_id), sig(other)) < THRESHOLD for other in STORIES[lookalike])
    assert members(clusters, item_id) == {item_id}


@pytest.mark.parametrize("a, b", TEMPLATE_PAIRS)
def test_filled_in_templates_stay_apart(clusters, a, b):
    assert similarity(sig(a), sig(b)) < THRESHOLD
    assert clusters[a] != clusters[b]


@pytest.mark.parametrize("story", TOLD_TWICE)
def test_items_of_one_story_share_a_candidate_key(story):
    for a, b in itertools.combinations(STORIES[story], 2):
        assert set(candidate_keys(sig(a))) & set(candidate_keys(sig(b))), (a, b)


def test_candidate_keys_are_few_and_do_not_join_everything():
    keys = {row["id"]: set(candidate_keys(sig(row["id"]))) for row in ROWS}
    assert all(len(k) <= 64 for k in keys.values())
    sharing = sum(bool(keys[a] & keys[b]) for a, b in itertools.combinations(keys, 2))
    assert sharing < len(ROWS) * (len(ROWS) - 1) // 2 // 10


def test_signatures_are_the_same_in_another_process():
    """Nothing depends on Python's per-process hash seed: the stored values stay valid."""
    row = BY_ID["voltea-rl"]
    code = ("import json, sys; from veille.text.neardup import signature, candidate_keys; "
            "row = json.load(sys.stdin); s = signature(row['title'], row['text']); "
            "print(json.dumps([s.dumps(), candidate_keys(s)]))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(row), env=env,
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    stored, keys = json.loads(done.stdout)
    assert stored == sig("voltea-rl").dumps()
    assert keys == candidate_keys(sig("voltea-rl"))


@pytest.mark.parametrize("item_id", sorted(BY_ID)[:10])
def test_a_signature_survives_storage(item_id):
    stored = sig(item_id).dumps()
    assert stored.isascii() and len(stored) < 600
    assert Signature.loads(stored) == sig(item_id)


@pytest.mark.parametrize("title, text", SHORT_TEXTS)
def test_a_short_signature_survives_storage(title, text):
    blank = signature(title, text)
    assert Signature.loads(blank.dumps()) == blank


def other_version(stored: str) -> str:
    data = base64.urlsafe_b64decode(stored + "=" * (-len(stored) % 4))
    return base64.urlsafe_b64encode(bytes([data[0] + 1]) + data[1:]).decode("ascii")


@pytest.mark.parametrize("stored", [
    "", "not a signature!", sig("voltea-rl").dumps()[:-12], sig("voltea-rl").dumps() + "AAAA",
    other_version(sig("voltea-rl").dumps()),
])
def test_what_is_not_a_signature_is_refused(stored):
    with pytest.raises(ValueError):
        Signature.loads(stored)


@pytest.mark.parametrize("title, text", SHORT_TEXTS)
def test_too_short_to_judge_is_no_one_s_duplicate(title, text):
    short = signature(title, text)
    assert candidate_keys(short) == []
    assert all(similarity(short, sig(row["id"])) == 0.0 for row in ROWS)
    assert similarity(short, signature(title, text)) == 0.0
    items = [("short", short), ("again", signature(title, text))]
    assert cluster(items + [(r["id"], sig(r["id"])) for r in ROWS])["short"] == "short"
    assert cluster(items)["again"] == "again"


def test_signatures_of_other_parameters_are_not_compared():
    row = ROWS[0]
    with pytest.raises(ValueError):
        similarity(signature(row["title"], row["text"]),
                   signature(row["title"], row["text"], shingle_size=3))
    with pytest.raises(ValueError):
        signature(row["title"], row["text"], permutations=50)


@pytest.mark.parametrize("text, expected", [
    ("Plus de 1 200 offres, 1\u202f200 postes", {"1200"}),
    ("Le taux atteint 7,1 % contre 7,3 %", {"7,1", "7,3"}),
    ("Le 1er septembre et le 12 mars 2026", {"1 septembre", "12 mars", "2026"}),
    ("Rendez-vous le 3 Février", {"3 fevrier"}),
    ("De 9 h à 16 h 30, puis à 8h30", set()),
    ("Une formation de 35 heures", {"35"}),
])
def test_figures(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le forum de l'Afpa de Thionville-Yutz.", {"afpa", "thionville-yutz"}),
    ("Puis Sophie Marchal parle.", {"sophie", "marchal"}),
    ("« Nous voulons », dit-elle. Elle ajoute : Vous verrez.", set()),
    ("Soudeur H/F en CDI à Épinal", {"cdi", "epinal"}),
])
def test_names(text, expected):
    assert names(text) == expected


def test_signatures_and_keys_do_not_change_between_releases():
    """Stored signatures and bucket keys are compared with new ones: the hashes are fixed,
    whatever the code computing them (these were computed by the first version)."""
    assert neardup.minhash([b"soudeur metz", b"title:soudeur"], 16) == (
        119041610, 1257228223, 3501250911, 628295111, 665619604, 973673472, 42682566,
        2334189863, 676734780, 73671848, 835950952, 3466679270, 2305588, 3123851430,
        2701619607, 663710089)
    sig = neardup.signature(
        "Soudeurs recherchés à Metz",
        "La société Cockerill recrute 12 soudeurs à Metz le 3 mars : 1 200 euros de prime, "
        "des contrats en CDI pour les soudeurs qualifiés et une formation de trois semaines.")
    assert sig.dumps() == (
        "AgIEAwNKbhgH7vNcNkm2bwnaPO8CGXkIAhGEZR3GSIsColCUABYzhxmoJGQE7x7uD1c2_QI0LiMAoVdqD75l"
        "5AdZ6t8CeDUvAI262gvBhMARudR3Ar4R1gcBuREXdDosHdoKEAKbxGYT9DauAQg_viCX_JgAEDx_CE0VMx7d"
        "T2cbgbTCCFMrvgCdoScIKpfsBSx69QpDg7gC2S3-AaJzKBrAfloQtzutAowq2g-sI8EKNAwKCel4zwLXv4oO"
        "1RfZDe04CgdVbYoB-FdUCCsGWQ-kbNofGSHfAH_kxihdeKgDmmC9D4QzMQy9gYM5ScDAA9O5HQasO6wE0753"
        "A9e3JgNCQGkPYzNcMiwxHplbp1uZHrc_DjN_ZFPD8qKB")
    assert neardup.candidate_keys(sig)[:3] == ["w0.373fb55cb891", "w1.c911413372fb",
                                               "w2.5578e7c78f81"]
