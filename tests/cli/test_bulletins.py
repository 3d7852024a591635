"""`veille bulletins list`: the drafts, then the sent bulletins with their recipients' count."""

import re

from veille.curate import curation
from veille.diffuse import bulletins
from veille.instance import open_instance
from veille.settings import load_settings
from veille.store import items as item_store


def test_the_list_shows_drafts_then_sent_bulletins(veille, mailbox):
    veille("init")
    instance = open_instance(load_settings())
    with instance.engine.connect() as conn:
        item_id = sorted(item_store.all_ids(conn))[0]
    curation.curate(instance, item_id, "doc@maison.test", star=True)
    sent = bulletins.draft(instance, "Bulletin de mars", "", "doc", item_ids=[item_id])
    bulletins.send(instance, sent.id, "a@maison.test b@maison.test", "doc")
    bulletins.draft(instance, "Bulletin d'avril", "", "doc", item_ids=[item_id])
    draft_line, sent_line = veille("bulletins", "list").stdout.splitlines()
    assert draft_line.split("\t")[1:] == ["draft", "1 entries", "Bulletin d'avril"]
    assert re.fullmatch(r"\d+\tsent \d{4}-\d\d-\d\d to 2\t1 entries\tBulletin de mars", sent_line)
    instance.engine.dispose()
