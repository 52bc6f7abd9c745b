"""A burst of simultaneous signers: exact count, no lost or duplicate signature.

Real threads, each on its own database connection. SQLite serialises every writer
behind one file lock, so the race cannot happen there; this runs on PostgreSQL
(CI sets DATABASE_URL).
"""

import threading

import pytest
from django.db import connection, connections

from coopcouncil.core.errors import DomainError
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import CallInPetition, CallInSignature, Decision
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers"),
]
THREADS = 20


def test_simultaneous_signers_are_counted_exactly_and_suspend_once(
    settings, partnership, clerk, ward, make_resident
):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 15
    decision = decision_publish(
        actor=clerk, decision=decision_create(actor=clerk, partnership=partnership, title="Library")
    )
    residents = [make_resident(ward) for _ in range(THREADS)]
    # Half the residents also try a second, simultaneous signature.
    attempts = residents + residents[: THREADS // 2]
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def sign(resident) -> None:
        try:
            barrier.wait()
            call_in_sign(resident=resident, decision=Decision.objects.get(pk=decision.pk))
            result = "signed"
        except DomainError as error:
            result = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=sign, args=(r,)) for r in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("signed") == THREADS
    assert outcomes.count("already_signed") == THREADS // 2
    petition = CallInPetition.objects.get(decision=decision)
    assert petition.signature_count == THREADS == CallInSignature.objects.count()
    assert CallInSignature.objects.values("signer").distinct().count() == THREADS
    assert Decision.objects.get(pk=decision.pk).status == "suspended"
    assert AuditEvent.objects.filter(action="democracy.decision_suspended").count() == 1
    assert AuditEvent.objects.filter(action="democracy.call_in_signed").count() == THREADS
