"""Hostile and broken input at the command line: in one `veille collect`, each hostile source
fails alone, with a message, and the good source beside them is collected (the server sits on
127.0.0.2, the one private address these settings allow; everything else private stays out of
reach); addresses written to slip past the address guard get a one-line error and fetch
nothing."""

import json
import re

import pytest

from tests.cli.helpers import store_and_index_ids
from tests.conftest import DATA, FEEDS, HOSTILE_ADDRESSES
from tests.feedserver import FeedServer, gzip_bomb
from veille.instance import open_instance
from veille.settings import load_settings
from veille.store import items as item_store

HOSTILE = DATA / "hostile"


@pytest.fixture
def hostile_site(veille_env, feed_server, monkeypatch):
    monkeypatch.setenv("VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS", "0")
    monkeypatch.setenv("VEILLE_FETCH_ALLOWED_NETWORKS", "127.0.0.2/32")
    monkeypatch.setenv("VEILLE_FETCH_PER_HOST_CONCURRENCY", "16")
    monkeypatch.setenv("VEILLE_FETCH_DEADLINE", "3")
    # The bomb is made before the collection: made on its request, it took longer than the
    # client's one-second read timeout on a loaded machine, and failed as a timeout instead.
    gzip_bomb()
    with FeedServer(FEEDS, host="127.0.0.2") as site:
        for name in ("billion-laughs.rss", "quadratic-blowup.rss", "truncated.rss",
                     "lone-surrogate.rss", "lone-surrogate.json"):
            site.put(f"/{name}", (HOSTILE / name).read_bytes())
        site.put("/empty.rss", b"")
        yield site, feed_server.url("/feeds/emploi-grand-est.rss")


def paths(loopback: str) -> dict[str, tuple[str, str | None]]:
    """Source name → (path on the hostile site, pattern of its error; None: no error)."""
    return {
        "bon": ("/feeds/emploi-grand-est.rss", None),
        "rires": ("/billion-laughs.rss", "XML entities"),
        "quadratique": ("/quadratic-blowup.rss", "XML entities"),
        "tronqué": ("/truncated.rss", None),
        "surrogats": ("/lone-surrogate.rss", None),
        "surrogats json": ("/lone-surrogate.json", None),
        "charset": ("/feeds/competences-latin1-declare-utf8.rss", None),
        "page": ("/feeds/page-sans-flux.html", "not a feed"),
        "vide": ("/empty.rss", "empty document"),
        "énorme": ("/huge", "announces 209715200 bytes"),
        "sans fin": ("/endless", "bytes allowed"),
        "bombe": ("/gzip-bomb", "bytes allowed"),
        "goutte": ("/trickle", "timed out|deadline"),
        "boucle": ("/loop", "too many redirects"),
        "vers loopback": (f"/redirect-to?url={loopback}", "not a public address"),
        "vers metadata": ("/redirect-to?url=http://169.254.169.254/latest/", "not a public"),
        "vers fichier": ("/redirect-to?url=file:///etc/passwd", "only http and https"),
    }


def test_each_hostile_source_fails_alone_and_the_good_one_is_collected(veille, hostile_site):
    site, loopback = hostile_site
    expected = paths(loopback)
    veille("init")
    for name, (path, _) in expected.items():
        veille("sources", "add", site.url(path), "--name", name)

    reports = {r["source"]: r for r in json.loads(veille("collect", "--all", "--json").stdout)}

    for name, (_, error) in expected.items():
        if error is None:
            assert reports[name]["error"] is None, (name, reports[name]["error"])
        else:
            assert reports[name]["failed"], name
            assert re.search(error, reports[name]["error"]), reports[name]
    assert reports["bon"]["new"] == 5 and reports["tronqué"]["new"] == 2
    # A lone surrogate names no character: it becomes U+FFFD and its entry is kept.
    assert reports["surrogats"]["new"] == 5 and reports["surrogats json"]["new"] == 5
    instance = open_instance(load_settings())
    with instance.engine.connect() as conn:
        items = [item for item, _ in item_store.iter_all(conn)]
    titles = {item.title for item in items}
    assert "Compétences transversales : un référentiel régional" in titles
    assert "Emploi saisonnier \ufffd dans les Vosges" in titles
    assert "Les stations \ufffd recrutent \ufffd pour l'hiver." in {i.content_text for i in items}


@pytest.fixture
def guarded(veille_env, monkeypatch):
    """Loopback and private networks refused, as a Maison's settings have it."""
    monkeypatch.setenv("VEILLE_FETCH_ALLOW_PRIVATE_NETWORKS", "0")


def one_line(stderr: str) -> str:
    """The error a command printed: one line, no traceback."""
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1, stderr
    return stderr.strip()


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_a_resource_at_loopback_in_any_form_is_refused_in_one_line(
    guarded, veille, feed_server, address
):
    veille("init")
    url = address.format(port=feed_server.httpd.server_address[1])
    said = one_line(veille("resources", "add", url, expect=1).stderr)
    assert said.startswith(f"{url}: not added: ")
    assert re.search("not a valid web address|not a public address", said)
    assert feed_server.served == []


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_referentials_from_loopback_in_any_form_are_refused_in_one_line(
    guarded, veille, feed_server, monkeypatch, address
):
    veille("init")
    url = address.format(port=feed_server.httpd.server_address[1])
    monkeypatch.setenv("VEILLE_REFERENTIALS_URL", url)
    said = one_line(veille("referentials", "update", expect=1).stderr)
    assert re.search("not a valid web address|not a public address", said)
    assert feed_server.served == []


def test_an_opml_file_nested_thousands_of_levels_deep_is_refused_in_one_line(
    veille, tmp_path, deep_opml
):
    veille("init")
    (tmp_path / "deep.opml").write_bytes(deep_opml)
    said = one_line(veille("sources", "import-opml", str(tmp_path / "deep.opml"), expect=1).stderr)
    assert "nested more than 50 levels deep" in said
    assert json.loads(veille("sources", "list", "--json").stdout) == []


def test_an_import_skips_each_bad_line_naming_it_and_stores_the_rest(veille, tmp_path):
    veille("init")
    year_0, year_10000 = "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"
    lines = [
        "\ufeff" + json.dumps({"id": "bom", "title": "Première ligne, derrière un BOM"}),
        json.dumps({"id": "deux", "title": "Deuxième ligne"}),
        json.dumps({"id": "avant", "title": "Avant l'an 1", "published": year_0}),
        '{"id": "surrogat", "title": "Un surrogat \\ud800 seul", "content": "\\udfff"}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": "objets", "title": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}",
        json.dumps({"id": "apres", "title": "Après l'an 9999", "published": year_10000}),
        json.dumps({"id": "fin", "title": "Dernière ligne"}),
    ]
    file = tmp_path / "mixte.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = veille("import", str(file))

    assert "Traceback" not in result.stderr
    out_of_range = "'published' must fall within the years 1 to 9999 in UTC, got"
    too_deep = "invalid JSON: arrays or objects nested too deeply to read"
    assert [line for line in result.stderr.splitlines() if ": skipped: " in line] == [
        f"{file}:3: skipped: {out_of_range} '{year_0}'",
        f"{file}:5: skipped: {too_deep}",
        f"{file}:6: skipped: {too_deep}",
        f"{file}:7: skipped: {out_of_range} '{year_10000}'",
    ]
    assert "imported 4 items: 4 new, 0 updated, 0 unchanged; 4 bad lines skipped" in result.stdout
    instance = open_instance(load_settings())
    with instance.engine.connect() as conn:
        items = {item.id: item for item, _ in item_store.iter_all(conn)}
    assert {"bom", "deux", "fin", "surrogat"} <= set(items)
    assert not {"avant", "apres", "objets"} & set(items)
    assert items["surrogat"].title == "Un surrogat \ufffd seul"
    stored, indexed = store_and_index_ids()
    assert stored == indexed
