"""Readers never see a half-written snapshot: while the figures are counted again, the page
reads either every old figure or every new one.

Real threads, each on its own connection, on PostgreSQL (SQLite serialises the writer
behind one file lock, so a reader there cannot run beside it).
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from coopcouncil.insight.selectors import participation_at_scale
from coopcouncil.insight.services import participation_refresh

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]


def test_a_reader_during_a_refresh_sees_the_old_total_or_the_new_one(
    ward, make_resident, take_part
):
    residents = [make_resident(ward) for _ in range(4)]
    now = timezone.now()
    take_part(residents[0], "questions", now - timedelta(hours=1))
    participation_refresh(actor=None, check_permission=False, now=now)
    for resident in residents[1:]:
        take_part(resident, "pb_ballots", now - timedelta(hours=1))
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                seen.append(participation_at_scale().participants)
        finally:
            connections.close_all()

    def refresh() -> None:
        try:
            for _ in range(5):
                participation_refresh(actor=None, check_permission=False, now=now)
        finally:
            done.set()
            connections.close_all()

    threads = [threading.Thread(target=read), threading.Thread(target=refresh)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert seen and set(seen) <= {1, 4}
    assert participation_at_scale().participants == 4
