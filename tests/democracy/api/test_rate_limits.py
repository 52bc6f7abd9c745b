"""Signatures and questions through the API are rate limited per account and per address."""

import pytest

from coopcouncil.democracy.services.decisions import decision_create, decision_publish

pytestmark = pytest.mark.django_db
API = "/api/v1/democracy"


def test_call_in_signatures_are_limited_per_account_and_address(
    client, partnership, clerk, ward, make_resident, rate_limit_holds
):
    decision = decision_create(actor=clerk, partnership=partnership, title="Bins", wards=[ward])
    url = (
        f"{API}/decisions/{decision_publish(actor=clerk, decision=decision).pk}/call-in/signatures"
    )

    def attempt(user, address):
        client.force_login(user)
        return client.post(url, {}, "application/json", REMOTE_ADDR=address)

    rate_limit_holds(
        "call_in_signature", attempt, make_resident(ward), make_resident(ward), api=True
    )


def test_public_questions_are_limited_per_account_and_address(
    client, make_meeting, ward, make_resident, rate_limit_holds
):
    url = f"{API}/meetings/{make_meeting().pk}/questions"

    def attempt(user, address):
        client.force_login(user)
        body = {"text": "When will the bins be emptied?"}
        return client.post(url, body, "application/json", REMOTE_ADDR=address)

    rate_limit_holds("question", attempt, make_resident(ward), make_resident(ward), api=True)
