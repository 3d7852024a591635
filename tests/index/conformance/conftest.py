"""The conformance suite of search: what every search engine (veille.index.engine) answers
alike, written against the interface. Each test runs once per engine of ENGINES: a new
engine adds its factory there and runs the whole suite."""

from collections.abc import Callable

import pytest

from veille.collect.pipeline import store_items
from veille.index.engine import SearchEngine
from veille.index.whoosh.engine import WhooshEngine
from veille.instance import Instance
from veille.models import Item


def whoosh(instance: Instance) -> SearchEngine:
    """The embedded engine: a Whoosh index in the instance's folder."""
    return WhooshEngine(instance.index_dir, instance.engine, instance.settings.index.lock_timeout)


# Each engine's factory: the engine over an instance's store, its index created.
ENGINES: dict[str, Callable[[Instance], SearchEngine]] = {"whoosh": whoosh}


@pytest.fixture(scope="session", params=sorted(ENGINES))
def make_engine(request: pytest.FixtureRequest) -> Callable[[Instance], SearchEngine]:
    """The factory of the engine under test."""
    return ENGINES[request.param]


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
