"""Fixtures shared by the index tests."""

from pathlib import Path

import pytest

from veille.collect.pipeline import store_items
from veille.instance import Instance
from veille.models import Item


@pytest.fixture
def index(instance: Instance):
    """Store items through the pipeline, sync the index, and return the index folder."""

    def build(*items: Item) -> Path:
        store_items(instance, list(items))
        instance.sync_index()
        return instance.index_dir

    return build
