"""`veille serve` in real processes: several web processes under gunicorn beside exactly one
scheduler (on either store), and what one web process changes found at once by a search in
another."""

import httpx

from tests.concurrency import until
from tests.liveserver import ServedProcess, VeilleProcess, free_port
from tests.scheduling import collections, once_a_tick, seconds_for, watch
from tests.webui.support import PASSWORD, csrf_token, sign_in_over_http
from veille.accounts import users


def test_serve_with_workers_answers_from_its_processes_and_collects_once_a_tick(
        instance_on_store, feed_server):
    """Four web processes and their `veille worker`, on either store."""
    watch(instance_on_store, feed_server)
    with ServedProcess(workers=4, scheduler=True) as served:
        for _ in range(16):  # a connection each: the web processes answer
            with httpx.Client(base_url=served.url) as client:
                assert client.get("/api/search", params={"q": ""}).status_code == 200
        assert until(lambda: collections(feed_server) >= 1, 30)  # its scheduler runs
        with VeilleProcess("worker") as beside:
            assert beside.said("another process runs the scheduler"), beside.lines
            assert once_a_tick(4, feed_server)
            served.stop()
            # The serve's scheduler process ended with it: the worker beside takes over.
            assert beside.said("collecting sources")


def test_a_one_process_serve_beside_a_worker_serves_then_takes_the_scheduler_over(
        instance_on_store, feed_server):
    watch(instance_on_store, feed_server)
    with VeilleProcess("worker") as worker:
        assert worker.said("collecting sources")
        with VeilleProcess("serve", "--port", str(free_port()), "--workers", "1") as served:
            assert served.said("another process runs the scheduler"), served.lines
            assert served.said("veille: http://")
            assert once_a_tick(3, feed_server)
            worker.kill()
            assert served.said("runs in this process now"), served.lines
            assert seconds_for(2, feed_server) > 0


def tagged(served: ServedProcess, tag: str) -> list[str]:
    """The ids of the items a search of `served` finds with the tag."""
    with httpx.Client(base_url=served.url) as client:
        answer = client.get("/api/search", params={"q": "", "tag": tag}).json()
    return [result["id"] for result in answer["results"]]


def test_a_tag_given_in_one_web_process_is_found_at_once_by_a_search_in_another(
        instance, catalogue, monkeypatch):
    monkeypatch.setenv("VEILLE_WEB_PUBLIC_SEARCH", "yes")  # searches without signing in
    item_id = catalogue[0]
    users.add_user(instance, "doc@maison.test", "documentalist", PASSWORD)
    with ServedProcess() as first, ServedProcess() as second:
        assert tagged(second, "salon2027") == []  # its searcher is open, its caches built
        with httpx.Client(base_url=first.url) as documentalist:
            assert sign_in_over_http(documentalist, "doc@maison.test").status_code == 302
            token = csrf_token(documentalist.get(f"/items/{item_id}").text)
            edit = documentalist.post(f"/items/{item_id}/curate",
                                      data={"tags": "salon2027", "csrf_token": token})
            assert edit.status_code == 302
        # The web process that edits writes the index before it answers: the other one
        # finds the change with its next search, no wait.
        assert tagged(second, "salon2027") == [item_id]

