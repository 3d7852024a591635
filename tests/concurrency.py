"""Calls made at the same moment (threads released together by a barrier), and waiting for
what other threads or processes do (a condition polled until a deadline)."""

import threading
import time
from collections.abc import Callable
from typing import Any


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; what each returned, or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(number: int) -> None:
        barrier.wait()
        try:
            outcomes[number] = calls[number]()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test reads
            outcomes[number] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def until(condition: Callable[[], object], seconds: float) -> object:
    """Poll `condition` until it holds (its value) or `seconds` pass (its last value)."""
    give_up = time.monotonic() + seconds
    while not (value := condition()) and time.monotonic() < give_up:
        time.sleep(0.05)
    return value
