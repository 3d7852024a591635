"""Indexing beside a long import: a child process indexes what the store already holds while
this one stores the rest.

Storing and indexing each keep one core busy; one after the other, an import runs at the
speed of both together. The index still has a single writer at a time (the child, then this
process for what is left once the child is done), and a run stopped anywhere loses nothing:
the store marks what reached the index, and the next sync indexes the rest.
"""

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..instance import open_instance
from ..settings import Settings


@contextmanager
def indexing_alongside(settings: Settings, sync: Callable[[], int]) -> Iterator[Callable[[], None]]:
    """Yield `nudge()`, which has the child index what is pending unless it is busy; on the
    way out, wait for the child, then `sync()` here. With a single core, `nudge()` syncs
    here, at once."""
    if (os.cpu_count() or 1) < 2:
        yield sync
        sync()
        return
    running: list[Future] = []
    spawn = multiprocessing.get_context("spawn")  # no inherited database connections
    with ProcessPoolExecutor(1, mp_context=spawn) as child:

        def nudge() -> None:
            if running and not running[-1].done():
                return
            if running:
                running.pop().result()  # the child's error, if any, stops the import
            running.append(child.submit(_sync, settings))

        try:
            yield nudge
        finally:
            for future in running:
                future.result()
    sync()


def _sync(settings: Settings) -> int:
    instance = open_instance(settings)
    try:
        return instance.sync_index()
    finally:
        instance.engine.dispose()
