"""What a group owes back after a call-in withdrew its award: on the application, and in
finance's list of sums to recover."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from coopcouncil.grants.models import Clawback, ClawbackDue

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"
BASE = "/api/v1/grants"


@pytest.fixture
def owed(awarded):
    """500,000p owed on the award; 200,000p recovered since, and 50,000p from before."""
    recorded = timezone.now() - timedelta(days=10)
    Clawback.objects.create(
        application=awarded,
        amount_pence=50_000,
        reason="Unspent before the call-in",
        recorded_at=recorded - timedelta(days=1),
    )
    due = ClawbackDue.objects.create(
        application=awarded, amount_pence=500_000, reason="Withdrawn", recorded_at=recorded
    )
    Clawback.objects.create(application=awarded, amount_pence=200_000, reason="Repaid")
    return due


def test_the_group_reads_what_it_owes_on_its_application(client, owed, member):
    client.force_login(member, backend=BACKEND)
    body = client.get(f"{BASE}/applications/{owed.application_id}").json()
    assert body["clawback_due"] == {
        "amount_pence": 500_000,
        "recovered_pence": 200_000,
        "outstanding_pence": 300_000,
        "reason": "Withdrawn",
        "recorded_at": body["clawback_due"]["recorded_at"],
    }


def test_an_application_owing_nothing_says_so(client, awarded, member):
    client.force_login(member, backend=BACKEND)
    assert client.get(f"{BASE}/applications/{awarded.pk}").json()["clawback_due"] is None


def test_finance_lists_the_sums_still_owed(client, owed, finance):
    client.force_login(finance, backend=BACKEND)
    (listed,) = client.get(f"{BASE}/clawbacks-due").json()
    assert (listed["application_id"], listed["outstanding_pence"]) == (owed.application_id, 300_000)
    assert listed["organisation"] == owed.application.organisation.slug
    Clawback.objects.create(application=owed.application, amount_pence=300_000, reason="Rest")
    assert client.get(f"{BASE}/clawbacks-due").json() == []
    (repaid,) = client.get(f"{BASE}/clawbacks-due?outstanding_only=false").json()
    assert repaid["outstanding_pence"] == 0


def test_only_finance_lists_the_sums_owed(client, owed, member, district_officer):
    assert client.get(f"{BASE}/clawbacks-due").status_code in (401, 403)
    for person in (member, district_officer):
        client.force_login(person, backend=BACKEND)
        response = client.get(f"{BASE}/clawbacks-due")
        assert response.status_code == 403 and response.json()["code"] == "not_allowed"


def test_a_malformed_filter_is_refused_in_the_shared_shape(client, finance):
    client.force_login(finance, backend=BACKEND)
    response = client.get(f"{BASE}/clawbacks-due?outstanding_only=perhaps")
    assert response.status_code == 400 and "errors" in response.json()


def test_the_admin_shows_what_is_owed_read_only(admin_client, owed):
    listing = admin_client.get("/admin/grants/clawbackdue/")
    assert listing.status_code == 200 and owed.application.title in listing.content.decode()
    assert admin_client.get("/admin/grants/clawbackdue/add/").status_code == 403
