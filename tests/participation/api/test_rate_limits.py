"""Casting a PB ballot through the API is rate limited per account and per address."""

import json

import pytest

from tests.participation.conftest import codes

pytestmark = pytest.mark.django_db


def test_ballots_are_limited_per_account_and_address(
    client, make_process, make_voter, ward, rate_limit_holds
):
    process = make_process([("Benches", 100_000)])
    url = f"/api/v1/pb/processes/{process.pk}/ballot"
    body = json.dumps({"choices": list(codes(process).values())})

    def attempt(user, address):
        client.force_login(user)
        return client.put(url, body, content_type="application/json", REMOTE_ADDR=address)

    rate_limit_holds("pb_ballot", attempt, make_voter(ward), make_voter(ward), api=True)
