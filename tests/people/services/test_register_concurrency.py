"""Accounts claiming one register entry at the same moment: exactly one is verified.

Real threads, each on its own database connection. SQLite serialises every writer behind
one file lock, so the race cannot happen there; this runs on PostgreSQL (CI sets
DATABASE_URL).
"""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from coopcouncil.people.models import RegisterClaim, Residency
from coopcouncil.people.services import register_import, residency_match_register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
THREADS = 8


def test_simultaneous_claims_on_one_entry_verify_one_account_and_hold_the_rest(
    ward, make_role, make_user
):
    register_import(
        actor=make_role("officer", team="clerk"),
        text=f"reference,postcode,ward_code\nEA-1001,OL1 1AA,{ward.code}\n",
        source="electoral_register",
        extract_date=date(2026, 1, 5),
    )
    accounts = [make_user() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def claim(user) -> None:
        try:
            barrier.wait()
            result = residency_match_register(
                user=user, reference="EA-1001", postcode="OL1 1AA", ip_address=None
            ).status
        except Exception as error:  # noqa: BLE001 - a failure must show in the outcomes
            result = repr(error)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=claim, args=(user,)) for user in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == sorted(
        [RegisterClaim.Status.VERIFIED] + [RegisterClaim.Status.NEEDS_REVIEW] * (THREADS - 1)
    )
    assert RegisterClaim.objects.filter(status=RegisterClaim.Status.VERIFIED).count() == 1
    assert Residency.objects.filter(status=Residency.Status.VERIFIED).count() == 1
