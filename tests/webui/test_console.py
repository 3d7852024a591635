"""The documentalist's console in the browser: promote an item, purge with its preview, the
audit log filtered, the referentials uploaded, a rule applied to stored items, hidden items
shown again. Each route is for documentalists, checks CSRF, asks before changing anything,
and logs what it changed; the command it mirrors stays."""

import io
from datetime import timedelta

import pytest

from tests.referentials.subset import geo_subset, rome_codes, rome_subset, zip_folder
from tests.webui.support import csrf_token, html, signed_in
from veille.curate import curation
from veille.models import LOCAL_TIME, Rule
from veille.store import audit
from veille.store import items as item_store
from veille.store import referentials as referential_store
from veille.store import resources as resource_store
from veille.store import rules as rule_store
from veille.store.schema import utcnow
from webui import create_app

DOC = "documentalist@maison.test"


@pytest.fixture
def documentalist(app, instance):
    return signed_in(app, instance, "documentalist")


@pytest.fixture
def advisor(app, instance):
    return signed_in(app, instance, "advisor")


def token_of(client, path: str = "/dossiers") -> str:
    return csrf_token(client.get(path).get_data(as_text=True))


def logged(instance, action: str) -> list[audit.Entry]:
    with instance.engine.connect() as conn:
        return [entry for entry in audit.latest(conn, 100) if entry.action == action]


def exists(instance, item_id: str) -> bool:
    with instance.engine.connect() as conn:
        return bool(item_store.existing_ids(conn, [item_id]))


# Promote an item to a resource (veille items promote)

def test_promoting_asks_first_then_makes_a_record_to_complete(documentalist, instance,
                                                             catalogue):
    item_page = documentalist.get("/items/soudeurs-moselle").get_data(as_text=True)
    assert 'action="/items/soudeurs-moselle/promote"' in item_page
    asked = documentalist.post("/items/soudeurs-moselle/promote",
                               data={"csrf_token": csrf_token(item_page)})
    assert asked.status_code == 200
    assert "Verser « Pénurie de soudeurs" in asked.get_data(as_text=True)
    with instance.engine.connect() as conn:
        assert not resource_store.promoted(conn)
    done = documentalist.post("/items/soudeurs-moselle/promote",
                              data={"csrf_token": csrf_token(item_page), "confirmed": "1"})
    assert done.status_code == 302 and done.headers["Location"].startswith("/resources/")
    with instance.engine.connect() as conn:
        assert resource_store.promoted(conn) == {"soudeurs-moselle"}
    assert [entry.actor for entry in logged(instance, "promote")] == [DOC]


def test_promoting_needs_a_csrf_token_and_a_documentalist(documentalist, advisor, instance,
                                                          catalogue):
    confirmed = {"confirmed": "1"}
    assert documentalist.post("/items/soudeurs-moselle/promote", data=confirmed).status_code \
        == 400
    advisor_token = token_of(advisor)
    assert advisor.post("/items/soudeurs-moselle/promote",
                        data={**confirmed, "csrf_token": advisor_token}).status_code == 403
    with instance.engine.connect() as conn:
        assert not resource_store.promoted(conn)
    assert not logged(instance, "promote")


def test_the_promote_command_stays(veille, instance, catalogue):
    assert "new: Pénurie de soudeurs" in veille("items", "promote", "soudeurs-moselle").stdout


# The purge (veille purge)

@pytest.fixture
def short_retention(instance, catalogue):
    """An app keeping news 100 days: the catalogue's five news items (spring 2026) are past
    it; one is starred, so kept."""
    curation.curate(instance, "bilan-saisonnier", DOC, star=True)
    return create_app({"TESTING": True, "VEILLE_SETTINGS": {"retention.news_after": "100d"}})


def test_the_purge_shows_its_preview_then_purges_once_confirmed(short_retention, instance,
                                                                 catalogue):
    client = signed_in(short_retention, instance, "documentalist")
    page = client.get("/admin/purge")
    text = " ".join(page.get_data(as_text=True).split())
    assert "4 articles seraient supprimés." in text
    assert "Presse locale</th><td>2" in text and "Pénurie de soudeurs" in text
    assert exists(instance, "soudeurs-moselle")  # a preview deletes nothing
    assert not logged(instance, "purge")
    done = client.post("/admin/purge", data={"csrf_token": csrf_token(page.get_data(
        as_text=True)), "confirmed": "1"}, follow_redirects=True)
    assert "4 articles supprimés." in done.get_data(as_text=True)
    assert not exists(instance, "soudeurs-moselle") and exists(instance, "bilan-saisonnier")
    assert logged(instance, "purge")[0].details == {"Presse locale": 2,
                                                   "France Travail Grand Est": 2}
    assert "Rien à purger" in done.get_data(as_text=True)


def test_the_purge_refuses_a_post_without_csrf_and_advisors(short_retention, instance,
                                                            catalogue):
    client = signed_in(short_retention, instance, "documentalist")
    assert client.post("/admin/purge", data={"confirmed": "1"}).status_code == 400
    advisor = signed_in(short_retention, instance, "advisor")
    assert advisor.get("/admin/purge").status_code == 403
    assert exists(instance, "soudeurs-moselle") and not logged(instance, "purge")


def test_the_purge_command_stays(veille, instance, catalogue):
    assert "would delete 0 items" in veille("purge", "--dry-run").stdout


# The audit log (veille audit)

@pytest.fixture
def history(instance, catalogue):
    """Three changes by two people; the first one dated two days ago."""
    curation.curate(instance, "soudeurs-moselle", "anne@maison.test", star=True)
    curation.curate(instance, "bilan-saisonnier", DOC, hide=True)
    with instance.engine.begin() as conn:
        audit.record(conn, DOC, "rule-add", "rule:1", {"value": "saisonniers"})
        conn.execute(audit.audit_log.update().where(audit.audit_log.c.id == 1)
                     .values(at=utcnow() - timedelta(days=2)))


def targets(response) -> list[str]:
    return [row.find_all("td")[3].get_text() for row in html(response).select("tbody tr")]


def test_the_audit_log_is_filtered_by_person_action_and_day(documentalist, history):
    assert targets(documentalist.get("/admin/audit")) == [
        "rule:1", "item:bilan-saisonnier", "item:soudeurs-moselle"]
    assert targets(documentalist.get("/admin/audit?qui=anne@maison.test")) == [
        "item:soudeurs-moselle"]
    assert targets(documentalist.get("/admin/audit?action=rule-add")) == ["rule:1"]
    # The filter's days are French days (at 23:30 UTC, Paris is already tomorrow).
    today = utcnow().astimezone(LOCAL_TIME).date()
    yesterday, before = today - timedelta(days=1), today - timedelta(days=2)
    assert "item:soudeurs-moselle" not in targets(documentalist.get(f"/admin/audit?du={yesterday}"))
    assert targets(documentalist.get(f"/admin/audit?au={before}")) == ["item:soudeurs-moselle"]
    page = html(documentalist.get(f"/admin/audit?du={today}&qui={DOC}"))
    assert [option.get_text() for option in page.select("#audit-who option")][1:] == [
        "anne@maison.test", DOC]
    bad = documentalist.get("/admin/audit?du=hier")
    assert bad.status_code == 400 and "Date incorrecte" in bad.get_data(as_text=True)


def test_the_audit_log_is_paginated(documentalist, instance):
    with instance.engine.begin() as conn:
        for number in range(55):
            audit.record(conn, DOC, "curate", f"item:{number}", {})
    first = documentalist.get("/admin/audit?action=curate")
    assert len(targets(first)) == 50 and "Page 1 sur 2" in first.get_data(as_text=True)
    second = html(documentalist.get("/admin/audit?action=curate&page=2"))
    assert [row.find_all("td")[3].get_text() for row in second.select("tbody tr")] == [
        f"item:{number}" for number in range(4, -1, -1)]
    assert second.find("a", rel="prev")["href"] == "/admin/audit?action=curate&page=1"


def test_the_audit_log_is_for_documentalists(advisor, veille, history):
    assert advisor.get("/admin/audit").status_code == 403
    assert "rule-add rule:1" in veille("audit").stdout  # the command stays


# Hidden items, shown again

def test_hidden_items_are_listed_and_shown_again_once_confirmed(documentalist, instance,
                                                                catalogue):
    curation.curate(instance, "bilan-saisonnier", DOC, hide=True)
    curation.curate(instance, "soudeur-naval", DOC, hide=True, star=True)
    page = documentalist.get("/items/hidden")
    listed = html(page)
    assert [box["value"] for box in listed.select("input[name=items]")] == [
        "soudeur-naval", "bilan-saisonnier"]
    token = csrf_token(page.get_data(as_text=True))
    asked = documentalist.post("/items/hidden", data={"csrf_token": token,
                                                      "items": ["soudeur-naval"]})
    assert "Remettre cet article dans les recherches ?" in asked.get_data(as_text=True)
    assert _hidden(instance, "soudeur-naval")
    done = documentalist.post("/items/hidden", data={"csrf_token": token, "confirmed": "1",
                                                     "items": ["soudeur-naval"]},
                              follow_redirects=True)
    assert "1 article remis dans les recherches." in done.get_data(as_text=True)
    assert not _hidden(instance, "soudeur-naval") and _hidden(instance, "bilan-saisonnier")
    with instance.engine.connect() as conn:
        assert curation.curation_store.get(conn, "soudeur-naval").starred  # the rest stays
    assert logged(instance, "curate")[0].details == {"hidden": False}
    found = documentalist.get("/api/search?q=soudeur naval").get_json()
    assert "soudeur-naval" in [result["id"] for result in found["results"]]


def test_showing_again_needs_csrf_and_a_documentalist(documentalist, advisor, instance,
                                                      catalogue):
    curation.curate(instance, "bilan-saisonnier", DOC, hide=True)
    data = {"confirmed": "1", "items": ["bilan-saisonnier"]}
    assert documentalist.post("/items/hidden", data=data).status_code == 400
    assert advisor.get("/items/hidden").status_code == 403
    assert advisor.post("/items/hidden", data={**data, "csrf_token": token_of(advisor)}) \
        .status_code == 403
    assert _hidden(instance, "bilan-saisonnier")


def test_the_show_command_stays(veille, instance, catalogue):
    veille("items", "curate", "bilan-saisonnier", "--hide")
    assert '"hidden": false' in veille("items", "curate", "bilan-saisonnier", "--show").stdout


def _hidden(instance, item_id: str) -> bool:
    with instance.engine.connect() as conn:
        return curation.curation_store.get(conn, item_id).hidden


# A rule applied to stored items (veille rules apply)

@pytest.fixture
def rule(instance, catalogue) -> int:
    with instance.engine.begin() as conn:
        return rule_store.add(conn, Rule("block", "words", "saisonniers")).id


def test_applying_a_rule_previews_then_deletes_once_confirmed(documentalist, instance, rule):
    page = documentalist.get("/rules")
    token = csrf_token(page.get_data(as_text=True))
    assert f'action="/rules/{rule}/apply"' in page.get_data(as_text=True)
    asked = documentalist.post(f"/rules/{rule}/apply", data={"csrf_token": token})
    text = " ".join(asked.get_data(as_text=True).split())
    assert "n'aurait pas laissé entrer 1 actualité déjà enregistrée" in text
    assert "Bilan de l&#39;emploi saisonnier" in text
    assert exists(instance, "bilan-saisonnier") and not logged(instance, "rule-apply")
    done = documentalist.post(f"/rules/{rule}/apply", data={"csrf_token": token,
                                                            "confirmed": "1"},
                              follow_redirects=True)
    assert "1 article supprimé." in done.get_data(as_text=True)
    assert not exists(instance, "bilan-saisonnier")
    assert logged(instance, "rule-apply")[0].details == {"deleted": 1}


def test_applying_a_rule_needs_csrf_and_a_documentalist(documentalist, advisor, instance, rule):
    assert documentalist.post(f"/rules/{rule}/apply", data={"confirmed": "1"}).status_code \
        == 400
    assert advisor.post(f"/rules/{rule}/apply", data={
        "confirmed": "1", "csrf_token": token_of(advisor)}).status_code == 403
    assert exists(instance, "bilan-saisonnier")


def test_the_rules_apply_command_stays(veille, rule):
    assert "would delete 1 items" in veille("rules", "apply", str(rule), "--dry-run").stdout


# The referentials, uploaded

@pytest.fixture
def release_zip(shared_data, tmp_path) -> bytes:
    """A small ROME release and a geography, as one ZIP (the ROME in a subfolder)."""
    rome_subset(shared_data, tmp_path / "zip" / "rome", rome_codes(shared_data, 3))
    geo_subset(shared_data, tmp_path / "zip", ["57"])
    (tmp_path / "flat").mkdir()
    for path in [*(tmp_path / "zip" / "rome").iterdir(), *(tmp_path / "zip").glob("*.json")]:
        (tmp_path / "flat" / path.name).write_bytes(path.read_bytes())
    return zip_folder(tmp_path / "flat", under="export")


def upload(client, files: list[tuple[bytes, str]], **fields):
    token = token_of(client, "/admin/referentials")
    data = {"csrf_token": token, **fields,
            "files": [(io.BytesIO(content), name) for content, name in files]}
    return client.post("/admin/referentials", data=data, content_type="multipart/form-data")


def test_an_uploaded_release_is_checked_then_imported_once_confirmed(documentalist, instance,
                                                                     catalogue, release_zip):
    assert "Aucun référentiel n'est chargé" in documentalist.get(
        "/admin/referentials").get_data(as_text=True)
    checked = upload(documentalist, [(release_zip, "ROME_v460.zip")])
    page = html(checked)
    text = " ".join(page.get_text().split())
    assert checked.status_code == 200 and "ROME 4.0 v460 :" in text
    with instance.engine.connect() as conn:
        assert referential_store.versions(conn) == []  # checked, not stored
    staged = page.find("input", attrs={"name": "token"})["value"]
    done = documentalist.post("/admin/referentials", data={
        "csrf_token": token_of(documentalist), "confirmed": "1", "token": staged},
        follow_redirects=True)
    text = " ".join(html(done).get_text().split())
    assert "ROME 4.0 v460 importé" in text and "articles étiquetés à nouveau" in text
    with instance.engine.connect() as conn:
        assert {version.name for version in referential_store.versions(conn)} == {"rome", "geo"}
    assert logged(instance, "referentials-import")[0].actor == DOC
    assert not (instance.root / "referentials-uploads" / staged).exists()


def test_a_bad_upload_is_refused_with_its_reason(documentalist, instance):
    refused = upload(documentalist, [(b"pas un fichier du ROME", "notes.txt")])
    assert refused.status_code == 400
    assert "Ces fichiers ont été refusés" in refused.get_data(as_text=True)
    gone = documentalist.post("/admin/referentials", data={
        "csrf_token": token_of(documentalist), "confirmed": "1", "token": "../../etc"})
    assert gone.status_code == 400 and "Détails" in gone.get_data(as_text=True)
    assert not logged(instance, "referentials-import")


def test_an_upload_past_the_cap_is_refused_before_it_is_read(instance):
    small = create_app({"TESTING": True,
                        "VEILLE_SETTINGS": {"referentials.max_download_mb": 1}})
    client = signed_in(small, instance, "documentalist")
    body = b"x" * (2 * 2**20)  # the Content-Length says it all: nothing is read
    assert client.post("/admin/referentials", data=body,
                       content_type="multipart/form-data; boundary=x").status_code == 413


def test_uploading_needs_csrf_and_a_documentalist(documentalist, advisor, release_zip):
    data = {"files": [(io.BytesIO(release_zip), "rome.zip")]}
    assert documentalist.post("/admin/referentials", data=data,
                              content_type="multipart/form-data").status_code == 400
    assert advisor.get("/admin/referentials").status_code == 403


def test_the_referentials_commands_stay(veille, instance):
    assert "no referential loaded" in veille("referentials", "status").stdout
