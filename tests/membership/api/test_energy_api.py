"""Energy switching API: success, permission and validation for every endpoint."""

from __future__ import annotations

import pytest

from coopcouncil.membership.models import EnergyOffer, SupplierBid, SwitchingRound
from tests.membership.conftest import bid_csv, close_acceptance, close_registration

pytestmark = pytest.mark.django_db

API = "/api/v1/membership/energy"
BACKEND = "django.contrib.auth.backends.ModelBackend"
HOUSEHOLD = {
    "region": "north-west",
    "payment_method": "prepayment",
    "electricity_kwh": 2700,
    "gas_kwh": 11500,
    "electricity_unit_rate": "30",
    "electricity_standing_charge": "60",
    "gas_unit_rate": "8",
    "gas_standing_charge": "35",
}


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user, backend=BACKEND)
        return client

    return sign_in


def _json(client, method, url, body=None):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def test_rounds_are_public(client, open_round):
    assert [r["id"] for r in client.get(f"{API}/rounds").json()] == [open_round.pk]
    assert client.get(f"{API}/rounds/{open_round.pk}").json()["name"] == "Test Switch"
    missing = client.get(f"{API}/rounds/999")
    assert missing.status_code == 404
    assert missing.json()["code"] == "energy_round_not_found"


def test_an_officer_opens_a_round_and_a_resident_may_not(as_user, officer, make_user):
    body = {
        "name": "API Switch",
        "registration_opens": "2027-01-01T09:00:00Z",
        "registration_closes": "2027-02-01T09:00:00Z",
    }
    refused = _json(as_user(make_user()), "post", f"{API}/rounds", body)
    assert refused.status_code == 403
    made = _json(as_user(officer), "post", f"{API}/rounds", body)
    assert made.status_code == 201
    assert made.json()["finder_fee_pence"] == 2000
    assert SwitchingRound.objects.filter(name="API Switch").exists()


def test_registering_needs_a_sign_in(client, open_round):
    response = _json(client, "put", f"{API}/rounds/{open_round.pk}/registration", HOUSEHOLD)
    assert response.status_code == 401
    assert response.json()["code"] == "not_signed_in"


def test_a_household_registers_and_bad_answers_come_back_by_field(as_user, open_round, make_user):
    client = as_user(make_user())
    url = f"{API}/rounds/{open_round.pk}/registration"
    made = _json(client, "put", url, HOUSEHOLD)
    assert made.status_code == 200
    assert made.json()["payment_method"] == "prepayment"
    bad = _json(client, "put", url, {**HOUSEHOLD, "region": "mars", "electricity_kwh": -3})
    assert bad.status_code == 400
    body = bad.json()
    assert body["code"] == "energy_registration_invalid"
    assert set(body["errors"]) == {"region", "electricity_kwh"}


def test_a_missing_price_refuses_the_bid_listing_it(as_user, officer, open_round, make_user):
    _json(as_user(make_user()), "put", f"{API}/rounds/{open_round.pk}/registration", HOUSEHOLD)
    close_registration(open_round)
    text = bid_csv("Fix", "P", methods=("direct_debit",))
    response = _json(as_user(officer), "post", f"{API}/rounds/{open_round.pk}/bids", {"csv": text})
    assert response.status_code == 400
    assert "electricity / north-west / prepayment" in response.json()["errors"]["bid 'Fix'"][0]
    assert not SupplierBid.objects.exists()


def test_the_auction_offer_and_acceptance_through_the_api(as_user, officer, open_round, make_user):
    household = make_user()
    client = as_user(household)
    _json(client, "put", f"{API}/rounds/{open_round.pk}/registration", HOUSEHOLD)
    assert client.get(f"{API}/rounds/{open_round.pk}/offer").status_code == 404
    close_registration(open_round)
    client = as_user(officer)
    bids = _json(client, "post", f"{API}/rounds/{open_round.pk}/bids", {"csv": bid_csv("Fix", "P")})
    assert bids.status_code == 201
    assert client.get(f"{API}/rounds/{open_round.pk}/result").status_code == 404
    run = _json(client, "post", f"{API}/rounds/{open_round.pk}/auction")
    assert run.status_code == 201
    assert run.json()["winning_bid"] == "Fix"
    assert _json(client, "post", f"{API}/rounds/{open_round.pk}/auction").status_code == 409
    client = as_user(household)
    offer = client.get(f"{API}/rounds/{open_round.pk}/offer").json()
    assert offer["saving_pence"] == offer["current_cost_pence"] - offer["new_cost_pence"]
    assert offer["would_save"] is True
    accepted = _json(client, "post", f"{API}/rounds/{open_round.pk}/offer", {"accept": True})
    assert accepted.json()["status"] == EnergyOffer.Status.ACCEPTED
    assert client.get(f"{API}/rounds/{open_round.pk}/figures").status_code == 403
    figures = as_user(officer).get(f"{API}/rounds/{open_round.pk}/figures").json()
    assert figures["accepted"] == 1
    assert figures["finder_fee_pence"] == 2000
    assert figures["finder_fee_status"] == "to_be_credited"
    assert figures["result"]["switching"] == 1
    ranked = as_user(officer).get(f"{API}/rounds/{open_round.pk}/bids").json()
    assert ranked[0]["rank"] == 1
    early = _json(as_user(officer), "post", f"{API}/rounds/{open_round.pk}/finder-fee")
    assert early.status_code == 409
    close_acceptance(open_round)
    settled = _json(as_user(officer), "post", f"{API}/rounds/{open_round.pk}/finder-fee")
    assert settled.json()["finder_fee_total_pence"] == 2000


def test_a_malformed_decision_is_refused_in_the_shared_shape(as_user, open_round, make_user):
    response = _json(as_user(make_user()), "post", f"{API}/rounds/{open_round.pk}/offer", {})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "accept" in response.json()["errors"]
