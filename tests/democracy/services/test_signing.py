"""The Django signing path: the same code and the same rows on every database.

The signature and its audit record are two ORM inserts in one transaction, on SQLite
and PostgreSQL alike (CI runs the suite on each). The one-statement batch write is the
signing lane's alone (``services.signing``, tests/democracy/signing_lane).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coopcouncil.core.errors import DomainError
from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import CallInSignature, Decision
from coopcouncil.democracy.services import decisions as decision_services
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish
from coopcouncil.people.models import Residency

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


@pytest.fixture
def published(partnership, clerk, settings):
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 3
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    return decision_publish(actor=clerk, decision=decision)


def _fresh(decision):
    return Decision.objects.select_related("call_in").get(pk=decision.pk)


def test_a_signature_is_stored_with_its_audit_record_and_returned_as_stored(
    published, ward, make_resident
):
    resident = make_resident(ward)
    signature = call_in_sign(resident=resident, decision=_fresh(published), show_name=True)
    stored = CallInSignature.objects.get()
    assert (stored.pk, stored.signer, stored.ward, stored.show_name) == (
        signature.pk,
        resident,
        ward,
        True,
    )
    assert stored.signed_at == signature.signed_at
    assert signature.ward.name == ward.name and signature.petition == published.call_in
    event = AuditEvent.objects.get(action="democracy.call_in_signed")
    assert (event.actor, event.target_type, event.target_id) == (
        resident,
        "democracy.callinsignature",
        str(signature.pk),
    )
    assert event.summary == "Signed the call-in of 'Close the library'" and event.details == {}


def test_a_second_signature_writes_neither_a_row_nor_an_audit_record(
    published, ward, make_resident
):
    resident = make_resident(ward)
    call_in_sign(resident=resident, decision=_fresh(published))
    with pytest.raises(DomainError) as refused:
        call_in_sign(resident=resident, decision=_fresh(published))
    assert refused.value.code == "already_signed"
    assert CallInSignature.objects.count() == 1
    assert AuditEvent.objects.filter(action="democracy.call_in_signed").count() == 1


def test_the_signature_counts_for_the_ward_of_the_latest_verified_residency(
    published, ward, other_ward, make_resident
):
    resident = make_resident(ward)
    now = timezone.now()
    Residency.objects.create(
        user=resident,
        ward=other_ward,
        status=Residency.Status.VERIFIED,
        verified_at=now + timedelta(seconds=1),
        expires_at=now + timedelta(days=30),
    )
    signature = call_in_sign(resident=resident, decision=_fresh(published))
    assert signature.ward == other_ward == CallInSignature.objects.get().ward


def test_a_residency_that_lapses_after_the_permission_check_is_refused_without_writes(
    published, ward, make_resident, monkeypatch
):
    resident = make_resident(ward)
    permission_check = decision_services.require

    def check_then_lapse(user, action, target=None):
        permission_check(user, action, target)
        Residency.objects.filter(user=user).update(expires_at=timezone.now() - timedelta(days=1))

    monkeypatch.setattr(decision_services, "require", check_then_lapse)
    with pytest.raises(DomainError) as refused:
        call_in_sign(resident=resident, decision=_fresh(published))
    assert refused.value.status == 403 and "expired" in refused.value.message
    assert not CallInSignature.objects.exists()
    assert not AuditEvent.objects.filter(action="democracy.call_in_signed").exists()


def test_a_signature_is_two_inserts_in_one_transaction_after_the_residency_reads(
    published, ward, make_resident
):
    for _ in range(3):  # reach the threshold: later signers skip the count
        call_in_sign(resident=make_resident(ward), decision=_fresh(published))
    decision, resident = _fresh(published), make_resident(ward)
    with CaptureQueriesContext(connection) as queries:
        call_in_sign(resident=resident, decision=decision)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # The permission layer's residency check and the ward's residency, then the
    # signature and its audit record together (a savepoint inside the test's transaction).
    assert statements == ["SELECT", "SELECT", "SAVEPOINT", "INSERT", "INSERT", "RELEASE"]


def test_the_signing_endpoint_needs_ten_queries(client, published, ward, make_resident):
    for _ in range(3):
        call_in_sign(resident=make_resident(ward), decision=_fresh(published))
    resident = make_resident(ward)
    client.force_login(resident)
    url = f"{API}/decisions/{published.pk}/call-in/signatures"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"show_name": False}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["ward"] == ward.name and response.json()["name"] is None
    # Session, user, decision with its petition, the rate limit's one upsert
    # (core/ratelimits.py), then the signature's six above.
    sqls = [query["sql"] for query in queries.captured_queries]
    assert len(sqls) == 10
    assert sum("core_ratelimitcount" in sql for sql in sqls) == 1


def test_the_signing_read_loads_a_decision_with_its_petition_in_one_query(published):
    with CaptureQueriesContext(connection) as queries:
        decision = decision_services.call_in_decision_get(published.pk)
        petition = decision.call_in
    assert len(queries.captured_queries) == 1
    stored = published.call_in
    assert (decision.pk, decision.title, decision.status) == (
        published.pk,
        "Close the library",
        "published",
    )
    assert (petition.pk, petition.opens_at, petition.closes_at, petition.threshold) == (
        stored.pk,
        stored.opens_at,
        stored.closes_at,
        stored.threshold,
    )
    assert petition.status == "open" and petition.decision is decision


def test_signing_a_draft_or_a_missing_decision_is_not_found(
    client, partnership, clerk, ward, make_resident
):
    draft = decision_create(actor=clerk, partnership=partnership, title="Not yet")
    client.force_login(make_resident(ward))
    for decision_id in (draft.pk, draft.pk + 1000):
        response = client.post(
            f"{API}/decisions/{decision_id}/call-in/signatures", {}, content_type="application/json"
        )
        assert response.status_code == 404 and response.json()["code"] == "decision_not_found"
    assert decision_services.call_in_decision_get(draft.pk + 1000) is None
    assert not CallInSignature.objects.exists()
