"""The labelled news items the taggers are measured on (bench/tagging.py): well-formed,
importable with `veille import`, every label pointing at a code of the referentials and at
words of its item; and the taggers keep to issue 7's targets on them."""

import json
from pathlib import Path

import pytest

from veille.collectors import jsonl
from veille.enrich.matcher import words

FOLDER = Path(__file__).parents[1] / "data" / "tagging"
SETS = {"items.jsonl": 170, "heldout.jsonl": 45}
FIELDS = {"id", "title", "content", "url", "published", "source", "kind", "expected"}


def load(name: str) -> list[dict]:
    with (FOLDER / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def contains(text: str, said: str) -> bool:
    haystack, needle = words(text), words(said)
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack)))


@pytest.mark.parametrize(("name", "count"), SETS.items())
def test_the_items_are_well_formed_and_importable(name, count):
    items = load(name)
    assert len(items) == count and len({item["id"] for item in items}) == count
    assert all(set(item) == FIELDS and item["title"] and item["content"] for item in items)
    with (FOLDER / name).open(encoding="utf-8") as lines:
        read = list(jsonl.read(lines))
    assert [entry.id for _, entry in read] == [item["id"] for item in items]
    assert all(set(item["expected"]) <= {"rome", "places", "skills"} for item in items)


@pytest.mark.parametrize("name", SETS)
def test_every_label_names_a_code_and_words_of_its_item(taggers, referentials, name):
    rome, _ = referentials
    codes = {"rome": {metier.code for metier in rome.metiers},
             "skills": {skill.code for skill in rome.skills},
             "places": set(taggers.places.gazetteer.places)}
    for item in load(name):
        text = f"{item['title']}\n{item['content']}"
        for kind, labels in item["expected"].items():
            assert set(labels) <= codes[kind], (item["id"], kind)
            assert all(contains(text, said) or key.startswith("epci:")
                       for key, said in labels.items()), (item["id"], kind)


def test_every_item_of_the_tuning_set_is_labelled_for_each_tagger():
    assert all(set(item["expected"]) == {"rome", "places", "skills"}
               for item in load("items.jsonl"))


@pytest.mark.parametrize(("name", "targets"), [
    ("items.jsonl", {"rome": (0.90, 0.70), "places": (0.90, 0.70)}),  # issue 7
    ("heldout.jsonl", {"rome": (0.93, 0.90), "places": (0.97, 0.95)}),  # issue 20
])
def test_the_taggers_keep_to_the_targets_on_the_labelled_items(taggers, name, targets):
    found = {"rome": 0, "places": 0}
    right = dict(found)
    expected = dict(found)
    for item in load(name):
        tags = taggers.tag(item["title"], item["content"])
        got = {"rome": set(tags.rome), "places": {tag.place.key for tag in tags.places}}
        for kind in found:
            labels = set(item["expected"][kind])
            found[kind] += len(got[kind])
            expected[kind] += len(labels)
            right[kind] += len(got[kind] & labels)
    for kind, (precision, recall) in targets.items():
        assert right[kind] / found[kind] >= precision, kind  # precision first
        assert right[kind] / expected[kind] >= recall, kind
