"""Simultaneous awards in one round: the total awarded never exceeds the round's amount.

Real threads, each on its own database connection. SQLite serialises every writer behind
one file lock, so the race cannot happen there; this runs on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from coopcouncil.core.errors import DomainError
from coopcouncil.grants import selectors, services
from coopcouncil.grants.models import Application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
APPLICATIONS = 8


def test_simultaneous_awards_never_exceed_the_rounds_amount(
    make_round, make_application, score_all, district_officer, partnership
):
    # Room for three awards of £20,000; eight panels decide at once.
    small = make_round("Small round", amount_pence=6_500_000, max_award_pence=2_000_000)
    applications = [score_all(make_application(round_=small)) for _ in range(APPLICATIONS)]
    barrier = threading.Barrier(APPLICATIONS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def award(application: Application) -> None:
        try:
            barrier.wait()
            services.application_decide(
                actor=district_officer,
                application=Application.objects.get(pk=application.pk),
                outcome=services.AWARD,
                reasons="Strong bid",
            )
            result = "awarded"
        except DomainError as error:
            result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=award, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("awarded") == 3
    assert outcomes.count("round_exceeded") == APPLICATIONS - 3
    assert selectors.round_awarded_pence(small) == 6_000_000 <= small.amount_pence
