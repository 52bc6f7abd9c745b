"""Membership deal API: success, permission and validation for every endpoint."""

from __future__ import annotations

import pytest

from coopcouncil.config.api import api
from coopcouncil.membership.models import Benefit

pytestmark = pytest.mark.django_db

API = "/api/v1/membership"
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user, backend=BACKEND)
        return client

    return sign_in


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_a_resident_joins_pledges_and_keeps_a_pledge(as_user, make_resident, ward):
    client = as_user(make_resident(ward))
    assert client.get(f"{API}/me").status_code == 404
    joined = _post(client, f"{API}/join")
    assert joined.status_code == 201
    assert joined.json()["ward"] == ward.slug
    assert _post(client, f"{API}/join").status_code == 409
    assert _post(client, f"{API}/me/pledges", {"kind": "recycle"}).status_code == 201
    assert _post(client, f"{API}/me/pledges", {"kind": "nonsense"}).status_code == 400
    assert _post(client, f"{API}/me/pledges/kept", {"kind": "recycle"}).status_code == 204
    pledges = {p["kind"]: p for p in client.get(f"{API}/me/pledges").json()}
    assert pledges["recycle"]["is_kept"] is True
    assert pledges["pb_vote"]["kept_by"] == "pb_ballot"


@pytest.mark.parametrize("path", ["/me", "/me/pledges", "/me/benefits"])
def test_a_resident_who_has_not_joined_gets_the_404_the_document_declares(
    as_user, make_resident, ward, path
):
    response = as_user(make_resident(ward)).get(f"{API}{path}")
    assert response.status_code == 404
    assert response.json()["code"] == "membership_none"
    operation = api.get_openapi_schema()["paths"][f"{API}{path}"]["get"]
    assert operation["responses"][404]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def test_joining_without_a_residency_is_refused(as_user, make_user):
    response = _post(as_user(make_user()), f"{API}/join")
    assert response.status_code == 403
    assert response.json()["code"] == "not_allowed"


def test_an_officer_offers_a_benefit_and_a_resident_may_not(as_user, officer, make_user, partner):
    body = {
        "partner": partner.slug,
        "title": "Bonus",
        "kind": "credit_union",
        "valid_from": "2026-01-01",
        "valid_until": "2030-01-01",
    }
    assert _post(as_user(make_user()), f"{API}/benefits", body).status_code == 403
    made = _post(as_user(officer), f"{API}/benefits", body)
    assert made.status_code == 201
    assert Benefit.objects.filter(title="Bonus").exists()
    unknown = _post(as_user(officer), f"{API}/benefits", {**body, "partner": "nobody"})
    assert unknown.status_code == 404


def test_benefits_are_public_and_a_member_claims_a_code_the_partner_redeems(
    as_user, client, member, benefit, partner_person
):
    assert [b["title"] for b in client.get(f"{API}/benefits").json()] == [benefit.title]
    client = as_user(member)
    claimed = _post(client, f"{API}/benefits/{benefit.pk}/claim")
    assert claimed.status_code == 201
    code = claimed.json()["code"]
    mine = client.get(f"{API}/me/benefits").json()
    assert mine[0]["code"] == code
    assert _post(client, f"{API}/codes/check", {"code": code}).status_code == 403
    client = as_user(partner_person)
    checked = _post(client, f"{API}/codes/check", {"code": code}).json()
    assert checked["benefit"] == benefit.title
    assert set(checked) == {
        "code",
        "benefit",
        "valid_from",
        "valid_until",
        "claimed_at",
        "redeemed_at",
    }
    assert _post(client, f"{API}/codes/redeem", {"code": code}).status_code == 200
    again = _post(client, f"{API}/codes/redeem", {"code": code})
    assert again.status_code == 409
    assert again.json()["code"] == "membership_code_used"
    assert _post(client, f"{API}/codes/check", {"code": "NOPE"}).status_code == 404


def test_uptake_is_for_officers(as_user, officer, member, ward):
    assert as_user(member).get(f"{API}/uptake").status_code == 403
    rows = {r["ward"]: r for r in as_user(officer).get(f"{API}/uptake").json()}
    assert rows[ward.slug]["members"] == 1


def test_the_openapi_document_lists_the_membership_and_energy_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/membership/join" in paths
    assert "/api/v1/membership/energy/rounds/{round_id}/auction" in paths
