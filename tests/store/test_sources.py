"""The sources repository: the watch list and each source's collection state."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from veille.errors import ConfigError, NotFound
from veille.models import Source
from veille.store import sources as source_store


def source(name: str = "Emploi Grand Est", url: str = "https://exemple.test/emploi.rss",
           **changes) -> Source:
    return Source(name=name, url=url, **changes)


def add(engine: Engine, new: Source) -> Source:
    with engine.begin() as conn:
        return source_store.add(conn, new)


def get(engine: Engine, source_id: int) -> Source:
    with engine.connect() as conn:
        return source_store.get(conn, source_id)


def test_add_returns_the_source_with_its_id_and_defaults(engine):
    added = add(engine, source(tags=("emploi", "grand est"), every=1800))
    assert added.id is not None
    assert (added.name, added.url, added.kind, added.every, added.tags, added.enabled) == (
        "Emploi Grand Est", "https://exemple.test/emploi.rss", "feed", 1800,
        ("emploi", "grand est"), True,
    )
    assert (added.error_count, added.last_error, added.etag, added.last_success_at) == (
        0, None, None, None
    )


def test_get_returns_what_add_stored(engine):
    added = add(engine, source())
    assert get(engine, added.id) == added


def test_get_an_unknown_source_raises_not_found(engine):
    with pytest.raises(NotFound, match="no source with id 42"):
        get(engine, 42)


def test_adding_a_watched_url_again_names_the_existing_source(engine):
    first = add(engine, source())
    with pytest.raises(ConfigError) as raised:
        add(engine, source(name="Doublon"))
    message = str(raised.value)
    assert "https://exemple.test/emploi.rss is already watched" in message
    assert f"source {first.id} (Emploi Grand Est)" in message


def test_a_refused_duplicate_leaves_the_watch_list_as_it_was(engine):
    add(engine, source())
    with engine.begin() as conn:
        with pytest.raises(ConfigError):
            source_store.add(conn, source(name="Doublon"))
        source_store.add(conn, source(name="Autre", url="https://exemple.test/autre.rss"))
    with engine.connect() as conn:
        assert [s.name for s in source_store.all_sources(conn)] == ["Emploi Grand Est", "Autre"]


def test_ensure_adds_a_new_source(engine):
    with engine.begin() as conn:
        ensured, is_new = source_store.ensure(conn, source())
    assert is_new
    assert get(engine, ensured.id) == ensured


def test_ensure_returns_the_existing_source_for_a_watched_url(engine):
    first = add(engine, source())
    with engine.begin() as conn:
        ensured, is_new = source_store.ensure(conn, source(name="Autre nom", every=60))
        assert len(source_store.all_sources(conn)) == 1
    assert (ensured, is_new) == (first, False)


def test_by_url_finds_a_watched_source(engine):
    added = add(engine, source())
    with engine.connect() as conn:
        assert source_store.by_url(conn, "https://exemple.test/emploi.rss") == added


def test_by_url_returns_none_for_an_unwatched_url(engine):
    add(engine, source())
    with engine.connect() as conn:
        assert source_store.by_url(conn, "https://exemple.test/autre.rss") is None


def test_all_sources_lists_them_in_the_order_added(engine):
    for n in (3, 1, 2):
        add(engine, source(name=f"S{n}", url=f"https://exemple.test/{n}.rss"))
    with engine.connect() as conn:
        assert [s.name for s in source_store.all_sources(conn)] == ["S3", "S1", "S2"]


def test_all_sources_can_leave_out_the_disabled_and_paused_ones(engine):
    add(engine, source(name="Active", url="https://exemple.test/1.rss"))
    add(engine, source(name="Désactivée", url="https://exemple.test/2.rss", enabled=False))
    paused = add(engine, source(name="En pause", url="https://exemple.test/3.rss"))
    with engine.begin() as conn:
        source_store.set_paused(conn, paused.id, True)
    with engine.connect() as conn:
        assert [s.name for s in source_store.all_sources(conn, active_only=True)] == ["Active"]
        assert len(source_store.all_sources(conn)) == 3


def record_failure(engine: Engine, source_id: int, error: str, pause_after: int = 10,
                   kind: str = "server_error") -> None:
    with engine.begin() as conn:
        source_store.record_failure(conn, source_id, error, kind, pause_after)


def record_success(engine: Engine, source_id: int, etag: str | None, modified: str | None):
    with engine.begin() as conn:
        source_store.record_success(conn, source_id, etag, modified)


def test_record_failure_counts_failures_and_keeps_the_last_error_with_its_kind(engine):
    added = add(engine, source())
    before = datetime.now(UTC)
    record_failure(engine, added.id, "HTTP 500")
    record_failure(engine, added.id, "timed out fetching", kind="timeout")
    after = datetime.now(UTC)
    failed = get(engine, added.id)
    assert (failed.error_count, failed.last_error, failed.last_error_kind) == (
        2, "timed out fetching", "timeout")
    assert before <= failed.last_error_at <= after
    assert failed.last_fetched_at == failed.last_error_at
    assert failed.last_success_at is None


def test_record_success_keeps_the_validators_and_clears_the_failures_and_the_error(engine):
    added = add(engine, source())
    record_failure(engine, added.id, "HTTP 500")
    before = datetime.now(UTC)
    record_success(engine, added.id, '"abc"', "Wed, 25 Feb 2026 06:13:20 GMT")
    after = datetime.now(UTC)
    done = get(engine, added.id)
    assert (done.etag, done.last_modified, done.error_count) == (
        '"abc"', "Wed, 25 Feb 2026 06:13:20 GMT", 0
    )
    assert before <= done.last_success_at <= after
    assert done.last_fetched_at == done.last_success_at
    assert (done.last_error, done.last_error_kind, done.last_error_at) == (None, None, None)


def test_record_success_without_validators_clears_them(engine):
    added = add(engine, source())
    record_success(engine, added.id, '"abc"', "Wed, 25 Feb 2026 06:13:20 GMT")
    record_success(engine, added.id, None, None)
    done = get(engine, added.id)
    assert (done.etag, done.last_modified) == (None, None)


def test_recording_touches_only_the_given_source(engine):
    one = add(engine, source(name="Un", url="https://exemple.test/1.rss"))
    two = add(engine, source(name="Deux", url="https://exemple.test/2.rss"))
    record_failure(engine, one.id, "HTTP 404")
    assert get(engine, two.id) == two


def test_timestamps_come_back_as_aware_utc(engine):
    added = add(engine, source())
    record_failure(engine, added.id, "HTTP 500")
    assert get(engine, added.id).last_error_at.tzinfo == UTC
    record_success(engine, added.id, None, None)
    done = get(engine, added.id)
    for moment in (done.last_success_at, done.last_fetched_at):
        assert moment.tzinfo == UTC


def test_the_nth_failure_in_a_row_pauses_the_source(engine):
    added = add(engine, source())
    record_failure(engine, added.id, "HTTP 500", pause_after=3)
    record_failure(engine, added.id, "HTTP 500", pause_after=3)
    assert get(engine, added.id).paused_at is None
    record_failure(engine, added.id, "HTTP 500", pause_after=3)
    paused = get(engine, added.id)
    assert paused.paused_at == paused.last_error_at
    record_failure(engine, added.id, "HTTP 500", pause_after=3)
    assert get(engine, added.id).paused_at == paused.paused_at


def test_a_success_resumes_a_paused_source(engine):
    added = add(engine, source())
    record_failure(engine, added.id, "HTTP 500", pause_after=1)
    record_success(engine, added.id, None, None)
    assert get(engine, added.id).paused_at is None


def test_pausing_by_hand_and_resuming_forgets_the_failures(engine):
    added = add(engine, source())
    record_failure(engine, added.id, "HTTP 500")
    with engine.begin() as conn:
        source_store.set_paused(conn, added.id, True)
    assert get(engine, added.id).paused_at is not None
    with engine.begin() as conn:
        source_store.set_paused(conn, added.id, False)
    resumed = get(engine, added.id)
    assert (resumed.paused_at, resumed.error_count) == (None, 0)


def test_pausing_an_unknown_source_is_not_found(engine):
    with engine.begin() as conn, pytest.raises(NotFound):
        source_store.set_paused(conn, 42, True)
