"""The conformance suite of search: what every search engine (veille.index.engine) answers
alike, written against the interface. Each test runs once per engine of ENGINES: a new
engine adds its factory there and runs the whole suite. The PostgreSQL engine's tables lie
in a database of their own on the tests' server (tests/postgres.py), written from the test
instance's store; without a server its tests are left out."""

from collections.abc import Callable

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from veille.collect.pipeline import store_items
from veille.index.engine import SearchEngine
from veille.index.postgres.engine import PostgresEngine
from veille.index.whoosh.engine import WhooshEngine
from veille.instance import Instance
from veille.models import Item


def whoosh(instance: Instance) -> SearchEngine:
    """The embedded engine: a Whoosh index in the instance's folder."""
    return WhooshEngine(instance.index_dir, instance.engine, instance.settings.index.lock_timeout)


def postgres(request: pytest.FixtureRequest) -> Callable[[Instance], SearchEngine]:
    """The PostgreSQL engine, its tables in a new database of the tests' server each time
    (connections not pooled: many such databases live through a run)."""
    server = request.getfixturevalue("postgres")

    def make(instance: Instance) -> SearchEngine:
        db = create_engine(server.database(), poolclass=NullPool)
        return PostgresEngine(instance.engine, db, instance.settings.index.lock_timeout)

    return make


Factory = Callable[[Instance], SearchEngine]
# Each engine's factory, given the fixtures: the engine over an instance's store.
ENGINES: dict[str, Callable[[pytest.FixtureRequest], Factory]] = {
    "whoosh": lambda request: whoosh,
    "postgres": postgres,
}


@pytest.fixture(scope="session", params=sorted(ENGINES))
def make_engine(request: pytest.FixtureRequest) -> Factory:
    """The factory of the engine under test."""
    return ENGINES[request.param](request)


@pytest.fixture
def engine(instance: Instance, make_engine) -> SearchEngine:
    """The engine under test over the test instance's store, its index empty."""
    found = make_engine(instance)
    found.create()
    return found


@pytest.fixture
def index(instance: Instance, engine: SearchEngine):
    """Store items through the pipeline, sync the index, and return the engine."""

    def build(*items: Item) -> SearchEngine:
        store_items(instance, list(items))
        engine.sync()
        return engine

    return build
