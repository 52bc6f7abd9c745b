"""The clerk's suspicious-signature review through the API (clerk only, audited)."""

import pytest

from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import CallInSignature
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


@pytest.fixture
def signed(partnership, clerk, ward, make_resident, settings):
    settings.COOPCOUNCIL_DISPOSABLE_EMAIL_DOMAINS = "test.invalid"
    settings.COOPCOUNCIL_CALL_IN_THRESHOLD = 2
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    decision = decision_publish(actor=clerk, decision=decision)
    for _ in range(2):
        call_in_sign(resident=make_resident(ward), decision=decision)
    return decision


def test_the_clerk_lists_batches_and_removes_signatures_reversing_the_suspension(
    client, clerk, signed
):
    client.force_login(clerk)
    batches = client.get(f"{API}/decisions/{signed.pk}/call-in/suspicious-batches").json()
    assert [(b["kind"], len(b["signatures"])) for b in batches] == [("disposable_email", 2)]
    first = batches[0]["signatures"][0]["id"]
    url = f"{API}/decisions/{signed.pk}/call-in/signature-removals"
    body = {"signature_ids": [first], "reason": "Bulk accounts"}
    done = client.post(url, body, "application/json")
    assert done.status_code == 200
    assert done.json() == {"removed": 1, "signature_count": 1, "is_suspension_reversed": True}
    assert client.get(f"{API}/decisions/{signed.pk}").json()["status"] == "published"
    refused = client.post(url, {"signature_ids": [first], "reason": "again"}, "application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "signatures_not_on_petition"
    assert AuditEvent.objects.filter(action="democracy.call_in_signatures_removed").count() == 1


def test_others_are_refused_the_review(client, signed, councillor):
    client.force_login(councillor)
    listed = client.get(f"{API}/decisions/{signed.pk}/call-in/suspicious-batches")
    assert listed.status_code == 403 and listed.json()["code"] == "not_allowed"
    ids = list(CallInSignature.objects.values_list("pk", flat=True))
    url = f"{API}/decisions/{signed.pk}/call-in/signature-removals"
    removal = client.post(url, {"signature_ids": ids, "reason": "x"}, "application/json")
    assert removal.status_code == 403 and CallInSignature.objects.count() == 2
