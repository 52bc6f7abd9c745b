"""Many clients at once on PostgreSQL, for the tests of counted and limited resources."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from django.db import connections

from coopcouncil.core.errors import DomainError


def burst(threads: int, attempts: list, act: Callable) -> Counter:
    """Run ``act(item)`` for every item, ``threads`` at a time from one start (each thread on
    its own connection); count the outcomes: ``"done"`` or the refusal's code."""
    lanes = [lane for lane in (attempts[n::threads] for n in range(threads)) if lane]
    barrier = threading.Barrier(len(lanes))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def run(lane: list) -> None:
        try:
            barrier.wait()
            for item in lane:
                try:
                    act(item)
                    result = "done"
                except DomainError as error:
                    result = error.code
                with lock:
                    outcomes[result] += 1
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(lane,)) for lane in lanes]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes
