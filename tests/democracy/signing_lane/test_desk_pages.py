"""The signing desk tells the page cache once a batch commits: one write for the batch,
naming each decision signed, so the next reader of those pages sees the new count."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from coopcouncil.democracy.selectors import call_in_page_topic
from coopcouncil.democracy.signing_lane.desk import _pages_changed


def _run(coroutine):
    """In a thread of its own: a browser test may have left an event loop on this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_committed_batch_replaces_the_generation_of_each_decision_signed(page_cache):
    page_cache.set_many({"topic:" + call_in_page_topic(d): "before" for d in (1, 2, 3)})
    written = [SimpleNamespace(decision_id=1), None, SimpleNamespace(decision_id=2)]
    _run(_pages_changed(written))
    tokens = page_cache.get_many(["topic:" + call_in_page_topic(d) for d in (1, 2, 3)])
    assert tokens["topic:democracy.call_in.1"] != "before"
    assert tokens["topic:democracy.call_in.2"] != "before"
    assert tokens["topic:democracy.call_in.3"] == "before"


def test_a_batch_with_nothing_written_leaves_the_cache_alone(page_cache):
    _run(_pages_changed([None, None]))
    assert page_cache.get("topic:democracy.call_in.1") is None
