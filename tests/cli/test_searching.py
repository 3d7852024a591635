"""`veille search`: the hits of the index, ranked, each with its passage as plain text."""

import json

from tests.cli.helpers import imported_by, within


def test_search_prints_each_hit_its_address_and_its_passage_as_plain_text(veille, tmp_path):
    veille("init")
    item = {"id": "rd-1", "title": "Recherche & développement en Moselle",
            "content": "<p>Les métiers de la R&amp;D recrutent : l'industrie cherche des "
                       "&lt;techniciens&gt; et des « ingénieurs ».</p>",
            "url": "https://exemple.test/rd", "published": "2026-05-04T09:00:00+02:00",
            "source": "Presse (import)", "kind": "news"}
    lines = tmp_path / "items.jsonl"
    lines.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    veille("import", str(lines))
    assert veille("search", "techniciens").stdout.splitlines() == [
        "1 results",
        "1. Recherche & développement en Moselle  [Presse (import), 2026-05-04, news]",
        "   https://exemple.test/rd",
        "   Les métiers de la R&D recrutent : l'industrie cherche des <techniciens> et des "
        "« ingénieurs ».",
    ]


def test_a_search_imports_what_searching_needs_and_nothing_else(veille):
    veille("init")
    unneeded = ("alembic", "apscheduler", "bs4", "feedparser", "flask", "httpx", "trafilatura",
                "veille.analyse", "veille.collect", "veille.collectors", "veille.curate",
                "veille.diffuse", "veille.fetch", "veille.library", "veille.referentials",
                "veille.sources",
                # Nor item tagging, the taggers' code (an instance without referentials), the
                # index's writer and the store's items, nor SQLAlchemy's PostgreSQL dialect.
                "veille.tags.itemtags", "veille.enrich.tagging", "veille.index.whoosh.writer",
                "veille.store.items", "veille.store.tags", "veille.store.daily",
                "sqlalchemy.dialects.postgresql")
    assert within(imported_by("search", "compétences"), unneeded) == set()
