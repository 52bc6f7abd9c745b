"""The residency API: a postcode and optionally a listed address; the ward follows."""

import json

import pytest

pytestmark = pytest.mark.usefixtures("addresses")


@pytest.fixture
def resident(client, make_user):
    user = make_user()
    client.force_login(user)
    return user


def _claim(client, body):
    return client.post("/api/v1/me/residency", json.dumps(body), content_type="application/json")


def test_the_api_lists_a_postcodes_addresses(client, resident):
    body = client.get("/api/v1/me/residency/addresses?postcode=ol19ck").json()
    assert body["postcode"] == "OL1 9CK"
    assert body["addresses"][0] == {"uprn": 990000000101, "address": "1 Spindle Row, Oldham"}


def test_a_claim_takes_its_ward_from_the_chosen_address(client, resident):
    response = _claim(client, {"postcode": "OL1 9VK", "uprn": 990000000303})
    assert response.status_code == 201
    assert response.json() == {
        "postcode": "OL1 9VK",
        "uprn": 990000000303,
        "status": "pending",
        "ward": "st-marys",
        "is_ward_for_an_officer": False,
    }


def test_a_straddling_postcode_without_an_address_is_left_to_an_officer(client, resident):
    response = _claim(client, {"postcode": "OL1 9VK", "address": "10 Boundary Lane"})
    assert response.json()["ward"] is None and response.json()["is_ward_for_an_officer"]


def test_refusals_are_field_errors(client, resident):
    outside = _claim(client, {"postcode": "M1 1AE", "address": "1 St"})
    assert outside.status_code == 400 and "postcode" in outside.json()["errors"]
    wrong = _claim(client, {"postcode": "OL1 9CK", "uprn": 990000000303})
    assert wrong.status_code == 400 and "uprn" in wrong.json()["errors"]
    missing = _claim(client, {"postcode": "OL4 9CM"})
    assert missing.status_code == 400 and "address" in missing.json()["errors"]
    lookup = client.get("/api/v1/me/residency/addresses?postcode=nope")
    assert lookup.status_code == 400 and "postcode" in lookup.json()["errors"]


def test_claiming_needs_a_signed_in_person(client):
    assert _claim(client, {"postcode": "OL1 9CK"}).status_code == 401
