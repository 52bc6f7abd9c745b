"""The clerk's page for reviewing suspicious call-in signatures (clerk only)."""

import pytest

from coopcouncil.core.models import AuditEvent
from coopcouncil.democracy.models import CallInSignature
from coopcouncil.democracy.services.decisions import call_in_sign, decision_create, decision_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(partnership, clerk, ward, make_resident, settings):
    settings.COOPCOUNCIL_DISPOSABLE_EMAIL_DOMAINS = "test.invalid"  # every test account's
    decision = decision_create(actor=clerk, partnership=partnership, title="Close the library")
    decision = decision_publish(actor=clerk, decision=decision)
    for _ in range(2):
        call_in_sign(resident=make_resident(ward), decision=decision)
    return decision


def test_the_clerk_reviews_and_removes_a_batch_with_a_reason(client, clerk, signed):
    client.force_login(clerk)
    url = f"/democracy/decisions/{signed.pk}/call-in/review/"
    page = client.get(url)
    assert page.status_code == 200 and "Disposable email addresses (2)" in page.content.decode()
    ids = list(CallInSignature.objects.values_list("pk", flat=True))
    assert client.post(url, {"signature_ids": ids, "reason": ""}).status_code == 400
    done = client.post(url, {"signature_ids": ids[:1], "reason": "Bulk accounts"}, follow=True)
    assert "1 signature removed; the call-in now has 1." in done.content.decode()
    assert list(CallInSignature.objects.values_list("pk", flat=True)) == ids[1:]
    assert AuditEvent.objects.filter(action="democracy.call_in_signatures_removed").count() == 1


def test_no_one_but_the_clerk_sees_the_review(client, signed, councillor, ward, make_resident):
    url = f"/democracy/decisions/{signed.pk}/call-in/review/"
    for user in (councillor, make_resident(ward)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "x"}).status_code == 403
    assert CallInSignature.objects.count() == 2
