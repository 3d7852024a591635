"""Indexing beside a long import: a child process indexes what the store already holds while
this one stores the rest.

Storing and indexing each keep one core busy; one after the other, an import runs at the
speed of both together. The index still has a single writer at a time (the child, then this
process for what is left once the child is done), and a run stopped anywhere loses nothing:
the store marks what reached the index, and the next sync indexes the rest.

The child dies with its parent. A parent killed outright (`kill -9`, the OOM killer) runs no
cleanup, and a child left indexing would go on for minutes, holding memory and the index's
lock. So the child watches the pipe `multiprocessing` keeps from each parent to its spawned
children (`parent_process().sentinel`): the kernel closes it when the parent dies however it
dies, and the child exits at that end of file. Chosen over Linux's PR_SET_PDEATHSIG, which
fires when the *thread* that started the child ends (the pool may start it from any thread)
and needs ctypes and a race check at start; the pipe works wherever `spawn` does.
"""

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..instance import open_instance
from ..settings import Settings


@contextmanager
def indexing_alongside(
    settings: Settings, sync: Callable[[], int]
) -> Iterator[Callable[[], object]]:
    """Yield `nudge()`, which has the child index what is pending unless it is busy; on the
    way out, wait for the child, then `sync()` here. With a single core, `nudge()` syncs
    here, at once."""
    if (os.cpu_count() or 1) < 2:
        yield sync
        sync()
        return
    running: list[Future] = []
    spawn = multiprocessing.get_context("spawn")  # no inherited database connections
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=_die_with_parent) as child:

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


def _die_with_parent() -> None:
    """In the child: end this process as soon as its parent is gone, whatever it is doing."""
    parent = multiprocessing.parent_process()
    threading.Thread(target=_exit_after, args=(parent,), name="die-with-parent",
                     daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns at the end of the pipe from the parent: the parent is dead
    os._exit(1)  # at once, as the kill did to the parent: the store's bookkeeping holds
