"""Simultaneous uses of one code: exactly one succeeds, the rest are told it is used.

Real threads, each on its own database connection. SQLite serialises every writer behind
one file lock, so the race cannot happen there; this runs on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from coopcouncil.core.errors import DomainError
from coopcouncil.core.models import AuditEvent
from coopcouncil.membership import services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
THREADS = 8


def _race(action, count: int) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            action()
            result = "ok"
        except DomainError as error:
            result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_code_used_at_once_at_several_counters_is_used_exactly_once(
    member, benefit, partner_person
):
    claim = services.benefit_claim(user=member, benefit=benefit)
    outcomes = _race(lambda: services.code_redeem(actor=partner_person, code=claim.code), THREADS)
    assert outcomes.count("ok") == 1
    assert outcomes.count("membership_code_used") == THREADS - 1
    assert AuditEvent.objects.filter(action="membership.redeem").count() == 1


def test_a_member_claiming_twice_at_once_gets_one_code(member, benefit):
    outcomes = _race(lambda: services.benefit_claim(user=member, benefit=benefit), THREADS)
    assert outcomes.count("ok") == 1
    assert outcomes.count("membership_benefit_claimed") == THREADS - 1
    assert benefit.claims.count() == 1
